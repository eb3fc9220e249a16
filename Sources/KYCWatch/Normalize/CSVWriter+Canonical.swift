/// Canonical values written straight into a ``CSVWriter``'s buffer, byte for byte what
/// ``CanonicalRow`` gives as text, without a `String` per value.
extension CSVWriter {
    /// Appends an instant as ``TimestampParser/format(_:)`` writes it.
    @inline(__always)
    func appendTimestamp(_ millis: Int64, using timestamps: inout TimestampWriter) {
        appendUnquotedField(maximumCount: TimestampParser.formattedByteCapacity) { buffer in
            timestamps.format(millis, into: buffer)
        }
    }

    /// Appends a number as `Double.formatted` writes it, or an empty field for `nil`.
    @inline(__always)
    func appendNumber(_ value: Double?) {
        guard let value else {
            appendField(UnsafeRawBufferPointer(start: nil, count: 0))
            return
        }
        // Whole and within Int64 (NaN and infinities fail the first test), as `formatted` decides.
        guard abs(value) < 0x1p63, Double(Int64(value)) == value else {
            // Fractions keep Swift's shortest round-trip text; it fits a small (inline) string.
            appendField(value.description)
            return
        }
        appendUnquotedField(maximumCount: 20) { buffer in Self.writeDecimal(Int64(value), into: buffer) }
    }

    /// Appends `true` or `false`.
    @inline(__always)
    func appendFlag(_ value: Bool) {
        appendUnquotedField(maximumCount: 5) { buffer in
            let text: StaticString = value ? "true" : "false"
            buffer.copyMemory(from: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
            return text.utf8CodeUnitCount
        }
    }

    /// Writes `value` in decimal (as `String(value)` does) and returns the length; `buffer` holds 20 bytes.
    @inline(__always)
    static func writeDecimal(_ value: Int64, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &digits) { scratch in
            var position = scratch.count
            repeat {
                position -= 1
                scratch[position] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                position -= 1
                scratch[position] = UInt8(ascii: "-")
            }
            let length = scratch.count - position
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: scratch[position...]))
            return length
        }
    }
}
