/// Turns access rows into ``AccessRecord``s with a canonical IP address text and a positive count.
struct AccessNormalizer: Sendable {
    let timestamps: TimestampParser

    private static let kind = ExportKind.access
    private let eventID = kind.ordinal(of: "event_id")!
    private let accountID = kind.ordinal(of: "account_id")!
    private let timestamp = kind.ordinal(of: "timestamp")!
    private let sourceIP = kind.ordinal(of: "source_ip")!
    private let action = kind.ordinal(of: "action")!
    private let count = kind.ordinal(of: "count")!

    func normalize(_ row: SourceRow) throws(RowRejection) -> AccessRecord {
        let address = try row.required(sourceIP)
        guard let canonical = Self.canonicalAddress(address) else {
            throw RowRejection(
                .unparseableValue, column: "source_ip", "source_ip '\(address)' is not an IPv4 or IPv6 address")
        }
        var events = 1
        if let value = try row.number(count) {
            guard value == value.rounded(), value >= 1, value <= 1e9 else {
                // A count of no events, or fewer, is no access: the same reason as a negative quantity.
                throw RowRejection(
                    value < 1 ? .negativeQuantity : .unparseableValue, column: "count",
                    "count \(value.formatted) is not a whole number of events from 1 to 1,000,000,000")
            }
            events = Int(value)
        }
        return AccessRecord(
            eventID: try row.required(eventID), accountID: try row.required(accountID),
            timestamp: try row.requiredTimestamp(timestamp, parser: timestamps), sourceIP: canonical,
            action: row.text(action)?.lowercased(), count: events, accountKnown: true,
            line: row.line)
    }

    /// The address in one canonical text form: dotted decimal for IPv4, IPv4-mapped IPv6 included
    /// (`::ffff:203.0.113.9` is `203.0.113.9`), RFC 5952 for IPv6; nil when it is not an address.
    static func canonicalAddress(_ text: String) -> String? {
        IPAddress(text)?.description
    }
}
