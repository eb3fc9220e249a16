/// Writes instants exactly as ``TimestampParser/format(_:into:)`` does, remembering the text of the
/// last calendar day: rows of one export mostly share a day, so the date is converted once per day.
struct TimestampWriter {
    private var day = Int64.min
    /// `YYYY-MM-DDT` of `day`.
    private var datePrefix: (UInt64, UInt64) = (0, 0)

    /// Writes ``TimestampParser/format(_:)``'s text into `buffer` (at least
    /// ``TimestampParser/formattedByteCapacity`` bytes) and returns its length.
    @inline(__always)
    mutating func format(_ millis: Int64, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        // Four-digit years only (0000-01-01 to 9999-12-31); anything else takes the general path.
        guard millis >= -62_167_219_200_000, millis < 253_402_300_800_000 else {
            return TimestampParser.format(millis, into: buffer)
        }
        let seconds = CivilCalendar.floorDivide(millis, 1000)
        let milliseconds = millis - seconds * 1000
        let days = CivilCalendar.floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        if days != day {
            guard rememberDay(days) else { return TimestampParser.format(millis, into: buffer) }
        }
        withUnsafeBytes(of: datePrefix) { prefix in
            buffer.baseAddress!.copyMemory(from: prefix.baseAddress!, byteCount: 11)
        }
        var position = 11
        func putTwo(_ value: Int64) {
            buffer[position] = UInt8(truncatingIfNeeded: value / 10) &+ 0x30
            buffer[position + 1] = UInt8(truncatingIfNeeded: value % 10) &+ 0x30
            position += 2
        }
        putTwo(secondOfDay / 3600)
        buffer[position] = UInt8(ascii: ":")
        position += 1
        putTwo(secondOfDay / 60 % 60)
        buffer[position] = UInt8(ascii: ":")
        position += 1
        putTwo(secondOfDay % 60)
        if milliseconds != 0 {
            buffer[position] = UInt8(ascii: ".")
            buffer[position + 1] = UInt8(truncatingIfNeeded: milliseconds / 100) &+ 0x30
            buffer[position + 2] = UInt8(truncatingIfNeeded: milliseconds / 10 % 10) &+ 0x30
            buffer[position + 3] = UInt8(truncatingIfNeeded: milliseconds % 10) &+ 0x30
            position += 4
        }
        buffer[position] = UInt8(ascii: "Z")
        return position + 1
    }

    /// Formats midnight of `days` through the general path and keeps its first 11 bytes.
    private mutating func rememberDay(_ days: Int64) -> Bool {
        var prefix: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        let length = withUnsafeMutableBytes(of: &prefix) { scratch in
            TimestampParser.format(days * 86_400_000, into: scratch)
        }
        // Midnight is `YYYY-MM-DDT00:00:00Z`: 20 bytes with a four-digit year.
        guard length == 20 else { return false }
        withUnsafeMutableBytes(of: &datePrefix) { target in
            withUnsafeBytes(of: prefix) { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<11]))
            }
        }
        day = days
        return true
    }
}
