extension TimestampParser {
    /// Bytes enough for any instant ``format(_:into:)`` writes.
    public static let formattedByteCapacity = 40

    /// The instant as RFC 3339 in UTC: `2026-06-04T13:00:00Z`, with `.123` only when the milliseconds
    /// are not zero.
    public static func format(_ millis: Int64) -> String {
        String(unsafeUninitializedCapacity: formattedByteCapacity) { buffer in
            format(millis, into: UnsafeMutableRawBufferPointer(buffer))
        }
    }

    /// Writes ``format(_:)``'s text into `buffer` (at least ``formattedByteCapacity`` bytes) and returns
    /// its length, for writers that emit millions of timestamps without a `String` each.
    @discardableResult
    public static func format(_ millis: Int64, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        precondition(buffer.count >= formattedByteCapacity, "buffer too small for a formatted timestamp")
        // Remainders kept non-negative without multiplying back, which would overflow at Int64.min.
        var seconds = millis / 1000
        var milliseconds = millis % 1000
        if milliseconds < 0 {
            milliseconds += 1000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let date = CivilCalendar.date(dayNumber: days)
        var position = 0

        func put(_ byte: UInt8) {
            buffer[position] = byte
            position += 1
        }
        func put(_ value: Int64, width: Int) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                put(UInt8(truncatingIfNeeded: rest / divisor) &+ 0x30)
                rest %= divisor
                divisor /= 10
            }
        }

        var year = date.year
        if year < 0 {
            put(UInt8(ascii: "-"))
            year = -year
        }
        var yearWidth = 4
        var bound: Int64 = 10_000
        while year >= bound, yearWidth < 19 {
            yearWidth += 1
            bound = bound.multipliedReportingOverflow(by: 10).overflow ? Int64.max : bound * 10
        }
        put(year, width: yearWidth)
        put(UInt8(ascii: "-"))
        put(date.month, width: 2)
        put(UInt8(ascii: "-"))
        put(date.day, width: 2)
        put(UInt8(ascii: "T"))
        put(secondOfDay / 3600, width: 2)
        put(UInt8(ascii: ":"))
        put(secondOfDay / 60 % 60, width: 2)
        put(UInt8(ascii: ":"))
        put(secondOfDay % 60, width: 2)
        if milliseconds != 0 {
            put(UInt8(ascii: "."))
            put(milliseconds, width: 3)
        }
        put(UInt8(ascii: "Z"))
        return position
    }
}
