/// A column of the canonical export format.
public struct CanonicalField: Sendable, Hashable {
    /// The column name, e.g. `start_time`.
    public var name: String
    /// Whether a row without it is rejected.
    public var isRequired: Bool

    static func list(required: Set<String>, all: [String]) -> [CanonicalField] {
        all.map { CanonicalField(name: $0, isRequired: required.contains($0)) }
    }
}
