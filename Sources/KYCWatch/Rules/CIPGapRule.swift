/// CIP-001: a customer record missing what a Customer Identification Program requires, or a
/// likely foreign customer whose identity is not verified.
///
/// The program needs the source of payment as well as its means: a payment method with no
/// instrument identifier (card, bank account or wallet) is a gap, except a reseller's customer
/// whose reseller is named, as the reseller is then the source. An organization must list its
/// beneficial owners; an individual needs none. An owner listed needs a name and a country: one
/// given a country but named by a placeholder (`Unknown:CN`) lacks its name. A member account
/// leaves the payment and owners to its parent only when its parents end at an account with none
/// (``AccountEvidence/parents``): two organizations naming each other as parent each need their own.
/// A placeholder (`N/A`, `none`, `-`) was read as an empty field at normalization, so it is a gap here.
public struct CIPGapRule: Rule {
    public init() {}
    public let id = "CIP-001"
    public let version = 10
    public let title = "Customer Identification Program gap"
    public let category = FindingCategory.cipGap
    public let defaultSeverity = Severity.medium
    public let parameters = [
        RuleParameter("likely_score", 1.0, "foreign-person score at which verification is required")
    ]
    public let falsePositiveNotes = "Some fields may be kept in another system than the export."
    public let references = ["89 FR 5698, proposed 15 CFR 791.302: CIP contents; foreign customers must be verified"]

    public func evaluate(_ account: AccountEvidence, in context: DetectionContext) throws -> [Finding] {
        guard let record = account.account else { return [] }
        var missing: [String] = []
        if record.addressLine == nil { missing.append("address") }
        if record.phone == nil { missing.append("phone") }
        // A member account billed to its parent (in the export) pays through it: its parents' records
        // carry the means and source of payment, and the owners.
        let member = account.isMember
        if record.paymentMethod == nil, !member { missing.append("payment means") }
        if record.paymentMethod != nil, record.paymentFingerprint == nil, !member,
            !(record.paymentMethod == "reseller" && record.resellerID != nil)
        {
            missing.append("payment instrument identifier")
        }
        if record.identityVerified == nil { missing.append("verification status") }
        if record.customerType == .organization, record.beneficialOwners.isEmpty, !member {
            missing.append("beneficial owners")
        }
        // An owner named without a country is not shown to be a US person, nor to be foreign; an owner
        // given a country but no name (`Unknown:CN`) is not identified. Owners without names are told
        // per country, where the first of them is listed.
        // A name listed again without its country, here or by the nearest parent listing owners, is that
        // listing (`Jane Roe:US;JANE ROE`), as FPI-001 weighs it: only the owners it keeps can lack one.
        let parentOwners = account.parentListingOwners.map { account.parents[$0].beneficialOwners } ?? []
        let weighed = BeneficialOwner.distinct(record.beneficialOwners, placed: parentOwners)
        var unnamed: [String?: Int] = [:]
        for owner in record.beneficialOwners where owner.name == nil { unnamed[owner.country, default: 0] += 1 }
        var told: Set<String?> = []
        for owner in record.beneficialOwners {
            if let name = owner.name {
                if owner.country == nil, weighed.contains(owner) {
                    missing.append("country of beneficial owner \(name)")
                }
                continue
            }
            guard told.insert(owner.country).inserted else { continue }
            let count = unnamed[owner.country] ?? 1
            let owners = count == 1 ? "name of a beneficial owner" : "names of \(count) beneficial owners"
            missing.append(owner.country.map { "\(owners) in \($0)" } ?? "\(owners) and their country")
        }
        // A customer presumed foreign for want of owners (its own or its parent's) is foreign until shown
        // otherwise, and a foreign customer must be verified: the annual certification counts it.
        let foreign = ForeignAssessment(account: account, in: context)
        let unverifiedForeign =
            foreign.score >= parameter("likely_score", in: context) && record.identityVerified != true
        guard !missing.isEmpty || unverifiedForeign else { return [] }
        var problems: [String] = []
        if !missing.isEmpty { problems.append("missing " + missing.joined(separator: ", ")) }
        if unverifiedForeign {
            problems.append(
                foreign.hasIndicators ? "likely foreign and not verified" : "presumed foreign and not verified")
        }
        // A complete record of a foreign customer not verified is a gap of the program, not of the record.
        let gap = missing.isEmpty ? "CIP verification missing: " : "CIP record incomplete: "
        return [
            finding(
                subject: .account(account.accountID), severity: unverifiedForeign ? .high : .medium, window: nil,
                summary: gap + problems.joined(separator: "; "),
                evidence: [
                    "missing_fields": .list(missing), "unverified_foreign": .text(unverifiedForeign ? "yes" : "no"),
                ])
        ]
    }
}
