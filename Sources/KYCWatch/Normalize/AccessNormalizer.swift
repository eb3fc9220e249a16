/// Turns access rows into ``AccessRecord``s with a canonical IP address text and a positive count.
///
/// `source_ip` is read as logs write it (``IPAddress/init(loggedBytes:)``): with a port, brackets, a
/// zone or as an `X-Forwarded-For` list; the address read is what the record keeps.
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
        let address = try Self.address(row, sourceIP)
        var events = 1
        if let value = try row.number(count) { events = try Self.events(value) }
        return AccessRecord(
            eventID: try row.requiredIdentifier(eventID).string,
            accountID: try row.requiredIdentifier(accountID).string,
            timestamp: try row.requiredTimestamp(timestamp, parser: timestamps), sourceIP: address.description,
            action: row.text(action)?.lowercased(), count: events, accountKnown: true,
            line: row.line)
    }

    /// Checks the constant of column `ordinal`, the only value `row` holds, as ``normalize(_:)`` checks
    /// that column's value, so a constant no row could be accepted with fails the pipeline file instead of
    /// every row.
    static func checkConstant(_ ordinal: Int, of row: SourceRow, timestamps: TimestampParser) throws(RowRejection) {
        switch kind.fields[ordinal].name {
        case "event_id", "account_id": _ = try row.required(ordinal)
        case "timestamp": _ = try row.requiredTimestamp(ordinal, parser: timestamps)
        case "source_ip": _ = try address(row, ordinal)
        case "count": if let value = try row.number(ordinal) { _ = try events(value) }
        default: break  // kept as written: no value of these rejects a row
        }
    }

    /// The address in column `ordinal` of `row`, read from the field's bytes: a plain address makes no
    /// String but its canonical text.
    @inline(__always)
    private static func address(_ row: SourceRow, _ ordinal: Int) throws(RowRejection) -> IPAddress {
        let written = try row.requiredFieldText(ordinal)
        guard let address = written.withBytes({ IPAddress(loggedBytes: $0) }) else {
            throw RowRejection(.unparseableValue, column: "source_ip", unreadableMessage(written.string))
        }
        return address
    }

    /// The events a row's `count` of `value` stands for: a whole number from 1 to 1,000,000,000.
    @inline(__always)
    private static func events(_ value: Double) throws(RowRejection) -> Int {
        guard value == value.rounded(), value >= 1, value <= 1e9 else {
            // A count of no events, or fewer, is no access: the same reason as a negative quantity.
            throw RowRejection(
                value < 1 ? .negativeQuantity : .unparseableValue, column: "count",
                "count \(value.formatted) is not a whole number of events from 1 to 1,000,000,000")
        }
        return Int(value)
    }

    /// What an access row says, as a digest: two deliveries of one event id are the same event when
    /// these agree (account, timestamp, address as read, action and count); the row's line is not
    /// part of it.
    @inline(__always)
    static func digest(of record: AccessRecord) -> UInt64 {
        @inline(__always)
        func text(_ value: String?, _ hash: UInt64) -> UInt64 {
            guard let value else { return FieldBytes.hash(UnsafeRawBufferPointer(start: nil, count: 0), seed: ~hash) }
            return FieldBytes.withBytes(of: value) { FieldBytes.hash($0, seed: hash ^ UInt64($0.count)) }
        }
        @inline(__always)
        func word(_ value: UInt64, _ hash: UInt64) -> UInt64 { FieldBytes.mix(value, into: hash) }
        var hash = text(record.accountID, 0x5BD1_E995_2F4A_7C15)
        hash = word(UInt64(bitPattern: record.timestamp), hash)
        hash = text(record.sourceIP, hash)
        hash = text(record.action, hash)
        return word(UInt64(bitPattern: Int64(record.count)), hash)
    }

    /// The reject message for a `source_ip` no address can be read from, saying which forms are read.
    static func unreadableMessage(_ value: String) -> String {
        let shown = value.utf8.count > 64 ? String(decoding: value.utf8.prefix(64), as: UTF8.self) + "…" : value
        return "source_ip '\(shown)' is not an IP address: read are IPv4 and IPv6 addresses (203.0.113.5, "
            + "2001:db8::1), also with a port (203.0.113.5:443, [2001:db8::1]:443), in brackets, with a zone "
            + "(fe80::1%eth0), or first in an X-Forwarded-For list (203.0.113.5, 10.0.0.1)"
    }
}
