/// A column of the canonical export format.
public struct CanonicalField: Sendable, Hashable {
    /// What a column's values are read as.
    public enum Value: Sendable, Hashable {
        /// Text, kept as written (ids, names, codes, countries).
        case text
        /// An instant: ISO 8601, or epoch seconds or milliseconds with a `format:`.
        case timestamp
        /// A non-negative decimal number.
        case number
    }

    /// The column name, e.g. `start_time`.
    public var name: String
    /// Whether a row without it is rejected.
    public var isRequired: Bool
    /// What its values are read as.
    public var value: Value

    /// The columns of any export that hold instants.
    static let timestampNames: Set<String> = ["created_at", "start_time", "end_time", "timestamp"]
    /// The columns of any export that hold numbers.
    static let numberNames: Set<String> = [
        "accelerator_count", "accelerator_utilization", "interconnect_gbps", "egress_bytes", "storage_write_bytes",
        "count",
    ]

    static func list(required: Set<String>, all: [String]) -> [CanonicalField] {
        all.map { name in
            let value: Value =
                timestampNames.contains(name) ? .timestamp : numberNames.contains(name) ? .number : .text
            return CanonicalField(name: name, isRequired: required.contains(name), value: value)
        }
    }
}
