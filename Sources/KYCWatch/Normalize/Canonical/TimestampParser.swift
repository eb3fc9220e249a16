/// Reads ISO 8601 / RFC 3339 timestamps from field bytes as Unix epoch milliseconds (UTC).
///
/// Accepts `2026-06-04T13:00:00Z`, offsets `+02:00`, `+0200` and `-05`, fractional seconds of any length
/// (truncated to milliseconds), lower-case `t` and `z`, a space for the `T` (FOCUS writes
/// `2024-09-18 22:00:00`), a trailing ` UTC` or ` GMT`, and a date alone (midnight). A timestamp without
/// an offset is read in the naive time zone given at creation. Dates and times are range-checked
/// (29 February only in leap years, hours 00-23); a leap second `:60` is read as `:59`.
public struct TimestampParser: Sendable {
    /// The zone naive timestamps are read in, as given: `UTC`, an offset, or an IANA name.
    public let naiveTimeZone: String
    private let naiveZone: NaiveZone

    /// How a timestamp without an offset becomes UTC.
    private enum NaiveZone: Sendable {
        /// A fixed number of seconds east of UTC.
        case fixed(Int64)
        /// A region with daylight saving time and history.
        case regional(ZoneOffsetTable)
    }

    /// Creates a parser reading naive timestamps in `naiveTimeZone`: `UTC` (or `GMT`, `Z`), a fixed offset
    /// such as `+02:00`, `-0500` or `UTC+05:30`, or an IANA name such as `America/New_York`
    /// (daylight-saving aware).
    public init(naiveTimeZone: String = "UTC") throws(KYCWatchError) {
        self.naiveTimeZone = naiveTimeZone
        let trimmed = FieldBytes.withBytes(of: naiveTimeZone) { FieldBytes.string(FieldBytes.trimmed($0)) }
        if let offset = Self.fixedZoneOffset(trimmed) {
            naiveZone = .fixed(offset)
        } else if !trimmed.isEmpty, let table = ZoneOffsetTable(identifier: trimmed) {
            naiveZone = .regional(table)
        } else {
            throw KYCWatchError(
                .invalidConfiguration,
                "unknown time zone '\(naiveTimeZone)': expected UTC, an offset such as +02:00, "
                    + "or an IANA name such as America/New_York")
        }
    }

    /// A parser reading naive timestamps as UTC, for the timestamps kycwatch writes itself.
    public static let utc = TimestampParser(utc: ())

    private init(utc: Void) {
        naiveTimeZone = "UTC"
        naiveZone = .fixed(0)
    }

    /// The instant of `text` in milliseconds since 1970-01-01T00:00:00Z, or `nil` when it is not a
    /// timestamp this parser reads.
    public func parse(_ text: String) -> Int64? {
        FieldBytes.withBytes(of: text) { parse($0) }
    }

    /// The instant of the field bytes in milliseconds since 1970-01-01T00:00:00Z, or `nil` when they are
    /// not a timestamp this parser reads.
    public func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        if let instant = Self.parseCanonicalUTC(bytes) { return instant }
        guard let instant = parseAnyForm(bytes), Self.instants.contains(instant) else { return nil }
        return instant
    }

    /// The instants a timestamp may stand for, in milliseconds: years 0000 to 9999 in UTC, the years
    /// the canonical form writes in four digits. An offset or a time zone can carry a local time
    /// just inside that range outside it (`9999-12-31T23:00:00-05:00`); such a value is refused,
    /// as is an epoch value beyond it, so that every timestamp kycwatch writes it reads back.
    public static let instants: ClosedRange<Int64> = -62_167_219_200_000...253_402_300_799_999

    /// `YYYY-MM-DDTHH:MM:SSZ` exactly, the form most exports write, read in one pass with no
    /// trimming or searching; nil for anything else, which ``parseAnyForm(_:)`` then reads or refuses.
    /// Both give the same instant for every field this one reads.
    @inline(__always)
    static func parseCanonicalUTC(_ field: UnsafeRawBufferPointer) -> Int64? {
        guard field.count == 20 else { return nil }
        // Little-endian words: bytes 0-7, 8-15 and 16-19 of the field.
        let head = field.loadUnaligned(as: UInt64.self)
        let middle = field.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        let tail = UInt64(field.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        // The separators `-` `-` (bytes 4, 7), `T` `:` (10, 13), `:` `Z` (16, 19).
        guard head & 0xFF00_00FF_0000_0000 == 0x2D00_002D_0000_0000,
            middle & 0x0000_FF00_00FF_0000 == 0x0000_3A00_0054_0000,
            tail & 0xFF00_00FF == 0x5A00_003A
        else { return nil }
        // Every other byte a digit: 0x30-0x3F, and still below 0x40 with 6 added.
        guard Self.allDigits(head, mask: 0x00FF_FF00_FFFF_FFFF), Self.allDigits(middle, mask: 0xFFFF_00FF_FF00_FFFF),
            Self.allDigits(tail, mask: 0x00FF_FF00)
        else { return nil }
        func digit(_ offset: Int) -> Int64 { Int64(field[offset] &- 0x30) }
        let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
        let month = digit(5) * 10 + digit(6)
        let day = digit(8) * 10 + digit(9)
        let hour = digit(11) * 10 + digit(12)
        let minute = digit(14) * 10 + digit(15)
        let second = digit(17) * 10 + digit(18)
        guard month >= 1, month <= 12, day >= 1, day <= CivilCalendar.daysInMonth(month, year: year), hour <= 23,
            minute <= 59, second <= 60
        else { return nil }
        let days = CivilCalendar.dayNumber(year: year, month: month, day: day)
        // A leap second `:60` is read as `:59`, as the general reader does.
        return (days * 86_400 + hour * 3600 + minute * 60 + min(second, 59)) * 1000
    }

    /// Whether every byte of `word` that `mask` keeps is an ASCII digit.
    @inline(__always)
    private static func allDigits(_ word: UInt64, mask: UInt64) -> Bool {
        // Bytes outside the mask are read as `0`.
        let bytes = (word & mask) | (0x3030_3030_3030_3030 & ~mask)
        // High nibbles all 3, so 0x30-0x3F; adding 6 then carries into the high nibble exactly for
        // 0x3A-0x3F, and never out of a byte.
        return bytes & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030
            && (bytes &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030
    }

    /// ``parse(_:)-(UnsafeRawBufferPointer)``, with a naive local time that occurs twice (clocks going
    /// back) read as its second occurrence: for an interval's end that the first reading puts before
    /// its start.
    public func parseLater(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard let instant = parseAnyForm(bytes, later: true), Self.instants.contains(instant) else { return nil }
        return instant
    }

    /// Every form ``parse(_:)-(UnsafeRawBufferPointer)`` reads; `later` reads a repeated local time
    /// as its second occurrence.
    func parseAnyForm(_ bytes: UnsafeRawBufferPointer, later: Bool = false) -> Int64? {
        let field = FieldBytes.trimmed(bytes)
        let end = field.count
        guard end >= 10,
            let year = Self.digits(field, at: 0, count: 4), field[4] == UInt8(ascii: "-"),
            let month = Self.digits(field, at: 5, count: 2), field[7] == UInt8(ascii: "-"),
            let day = Self.digits(field, at: 8, count: 2),
            month >= 1, month <= 12, day >= 1, day <= CivilCalendar.daysInMonth(month, year: year)
        else { return nil }
        let midnight = CivilCalendar.dayNumber(year: year, month: month, day: day) * 86_400
        if end == 10 { return naiveUTCSeconds(local: midnight, later: later) * 1000 }

        let separator = field[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " "),
            end >= 16,
            let hour = Self.digits(field, at: 11, count: 2), field[13] == UInt8(ascii: ":"),
            let minute = Self.digits(field, at: 14, count: 2),
            hour <= 23, minute <= 59
        else { return nil }
        var position = 16
        var second: Int64 = 0
        var millis: Int64 = 0
        if position < end, field[position] == UInt8(ascii: ":") {
            guard let parsed = Self.digits(field, at: position + 1, count: 2), parsed <= 60 else { return nil }
            second = min(parsed, 59)
            position += 3
            if position < end, field[position] == UInt8(ascii: ".") || field[position] == UInt8(ascii: ",") {
                position += 1
                let fractionStart = position
                var scale: Int64 = 100
                while position < end, FieldBytes.isDigit(field[position]) {
                    millis += Int64(field[position] &- 0x30) * scale
                    scale /= 10
                    position += 1
                }
                guard position > fractionStart else { return nil }
            }
        }
        let local = midnight + hour * 3600 + minute * 60 + second

        if position < end, field[position] == UInt8(ascii: " ") {
            position += 1
            guard position < end else { return nil }
        }
        if position == end { return naiveUTCSeconds(local: local, later: later) * 1000 + millis }
        guard let offset = Self.zoneOffset(field, from: position) else { return nil }
        return (local - offset) * 1000 + millis
    }

    /// UTC seconds of a naive wall-clock time.
    @inline(__always)
    private func naiveUTCSeconds(local: Int64, later: Bool) -> Int64 {
        switch naiveZone {
        case .fixed(let offset): return local - offset
        case .regional(let table): return table.utcSeconds(fromLocal: local, later: later)
        }
    }

    /// The value of `count` ASCII digits at `offset`, or `nil` when the field is shorter or not digits.
    @inline(__always)
    private static func digits(_ field: UnsafeRawBufferPointer, at offset: Int, count: Int) -> Int64? {
        guard offset + count <= field.count else { return nil }
        var value: Int64 = 0
        for index in offset..<(offset + count) {
            let digit = field[index] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
        }
        return value
    }

    /// The zone designator from `start` to the end of the field in seconds east of UTC: `Z`, `UTC`,
    /// `GMT`, `±HH`, `±HHMM` or `±HH:MM`.
    @inline(__always)
    private static func zoneOffset(_ field: UnsafeRawBufferPointer, from start: Int) -> Int64? {
        let length = field.count - start
        let first = field[start]
        if length == 1 && (first == UInt8(ascii: "Z") || first == UInt8(ascii: "z")) { return 0 }
        if length == 3 {
            let letters = (
                FieldBytes.lowercased(first), FieldBytes.lowercased(field[start + 1]),
                FieldBytes.lowercased(field[start + 2])
            )
            if letters == (UInt8(ascii: "u"), UInt8(ascii: "t"), UInt8(ascii: "c"))
                || letters == (UInt8(ascii: "g"), UInt8(ascii: "m"), UInt8(ascii: "t"))
            {
                return 0
            }
        }
        guard first == UInt8(ascii: "+") || first == UInt8(ascii: "-"),
            let hours = digits(field, at: start + 1, count: 2), hours <= 23
        else { return nil }
        var minutes: Int64 = 0
        switch length {
        case 3:
            break
        case 5:
            guard let parsed = digits(field, at: start + 3, count: 2) else { return nil }
            minutes = parsed
        case 6:
            guard field[start + 3] == UInt8(ascii: ":"), let parsed = digits(field, at: start + 4, count: 2) else {
                return nil
            }
            minutes = parsed
        default:
            return nil
        }
        guard minutes <= 59 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return first == UInt8(ascii: "-") ? -seconds : seconds
    }

    /// A configured zone that is a fixed offset: `UTC`, `GMT`, `Z`, or `±HH[:MM]` with an optional `UTC`
    /// or `GMT` before it.
    private static func fixedZoneOffset(_ text: String) -> Int64? {
        let upper = text.uppercased()
        if upper == "UTC" || upper == "GMT" || upper == "Z" || upper == "ETC/UTC" || upper == "ETC/GMT" {
            return 0
        }
        var designator = Substring(upper)
        if designator.hasPrefix("UTC") || designator.hasPrefix("GMT") { designator = designator.dropFirst(3) }
        guard designator.first == "+" || designator.first == "-" else { return nil }
        return FieldBytes.withBytes(of: String(designator)) { zoneOffset($0, from: 0) }
    }
}
