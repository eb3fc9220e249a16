/// A beneficial owner of an account (≥ 25 % ownership or substantial control) as the accounts export
/// lists it.
public struct BeneficialOwner: Sendable, Hashable {
    /// The owner's name, trimmed, with runs of spaces reduced to one; `nil` for an owner the export
    /// gives a country but no name for (`Unknown:CN`, `N/A:RU`, `:CN`): an owner whose name is not
    /// given, which is a CIP gap and links no accounts, while its country still says where it is.
    public var name: String?
    /// The owner's country as an alpha-2 code, `nil` when the export gives none.
    public var country: String?

    /// Creates an owner.
    public init(name: String?, country: String? = nil) {
        self.name = name
        self.country = country
    }

    /// Whether `other` is this owner listed again: the same country and the same name in any case
    /// (`Li Wei:CN` and `LI WEI (China, 30%)`), as linking compares owners, so one fact weighs once.
    public func isListed(as other: BeneficialOwner) -> Bool {
        country == other.country && name?.lowercased() == other.name?.lowercased()
    }

    /// `owners` as they weigh, each once (``isListed(as:)``): a name listed without a country beside a
    /// listing of it with one, in `owners` or in `placed` (a parent's list), is that listing, not an
    /// owner of no known country (`Jane Roe:US;JANE ROE` is one US owner).
    public static func distinct(_ owners: [BeneficialOwner], placed: [BeneficialOwner] = []) -> [BeneficialOwner] {
        // Most customers list one owner, with its country: nothing to compare, nothing to copy.
        if owners.count < 2, owners.first?.country != nil || placed.isEmpty { return owners }
        let placedNames = Set((owners + placed).compactMap { $0.country == nil ? nil : $0.name?.lowercased() })
        var kept: [BeneficialOwner] = []
        for owner in owners where !kept.contains(where: owner.isListed) {
            if owner.country == nil, let name = owner.name?.lowercased(), placedNames.contains(name) { continue }
            kept.append(owner)
        }
        return kept
    }
}
