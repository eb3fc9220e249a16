#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads numbers from field bytes: plain decimals and exponents (`42`, `-0.25`, `1.5e3`, `.5`), with
/// surrounding spaces ignored. Empty fields, `NaN`, infinities, hexadecimal and thousands separators
/// (`1,000`) are not numbers here.
public enum DecimalField {
    /// Exact powers of ten that a `Double` holds without rounding.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    /// The finite value of a decimal number, correctly rounded; `nil` when the field is not one.
    ///
    /// Up to 19 significant digits with a small exponent take an exact fast path; other numbers are
    /// converted by the C library's `strtod` from a stack copy of the checked digits.
    public static func parseDouble(_ bytes: UnsafeRawBufferPointer) -> Double? {
        let field = FieldBytes.trimmed(bytes)
        let end = field.count
        var position = 0
        var negative = false
        if position < end, field[position] == UInt8(ascii: "+") || field[position] == UInt8(ascii: "-") {
            negative = field[position] == UInt8(ascii: "-")
            position += 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var sawDigit = false
        var inexact = false
        while position < end, FieldBytes.isDigit(field[position]) {
            let digit = UInt64(field[position] &- 0x30)
            sawDigit = true
            if significantDigits < 19 {
                if mantissa != 0 || digit != 0 {
                    mantissa = mantissa * 10 + digit
                    significantDigits += 1
                }
            } else {
                exponent += 1
                inexact = inexact || digit != 0
            }
            position += 1
        }
        if position < end, field[position] == UInt8(ascii: ".") {
            position += 1
            while position < end, FieldBytes.isDigit(field[position]) {
                let digit = UInt64(field[position] &- 0x30)
                sawDigit = true
                if significantDigits < 19 {
                    if mantissa != 0 || digit != 0 {
                        mantissa = mantissa * 10 + digit
                        significantDigits += 1
                    }
                    exponent -= 1
                } else {
                    inexact = inexact || digit != 0
                }
                position += 1
            }
        }
        guard sawDigit else { return nil }
        if position < end, field[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            var exponentNegative = false
            if position < end, field[position] == UInt8(ascii: "+") || field[position] == UInt8(ascii: "-") {
                exponentNegative = field[position] == UInt8(ascii: "-")
                position += 1
            }
            let digitsStart = position
            var written = 0
            while position < end, FieldBytes.isDigit(field[position]) {
                written = min(written * 10 + Int(field[position] &- 0x30), 1_000_000)
                position += 1
            }
            guard position > digitsStart else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard position == end else { return nil }

        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if !inexact, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let value =
                exponent >= 0
                ? Double(mantissa) * powersOfTen[exponent] : Double(mantissa) / powersOfTen[-exponent]
            return negative ? -value : value
        }
        return convertWithStrtod(field)
    }

    /// ``parseDouble(_:)-(UnsafeRawBufferPointer)`` for a string.
    public static func parseDouble(_ text: String) -> Double? {
        FieldBytes.withBytes(of: text) { parseDouble($0) }
    }

    /// The value of a decimal integer (`42`, `-7`, `+3`) that fits in 64 bits; `nil` otherwise.
    public static func parseInt64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let field = FieldBytes.trimmed(bytes)
        let end = field.count
        var position = 0
        var negative = false
        if position < end, field[position] == UInt8(ascii: "+") || field[position] == UInt8(ascii: "-") {
            negative = field[position] == UInt8(ascii: "-")
            position += 1
        }
        guard position < end else { return nil }
        // Accumulated as a negative number so that Int64.min parses.
        var value: Int64 = 0
        while position < end {
            let digit = field[position] &- 0x30
            guard digit < 10 else { return nil }
            let (shifted, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowMinus) = shifted.subtractingReportingOverflow(Int64(digit))
            guard !overflowTimes, !overflowMinus else { return nil }
            value = next
            position += 1
        }
        if negative { return value }
        return value == Int64.min ? nil : -value
    }

    /// ``parseInt64(_:)-(UnsafeRawBufferPointer)`` for a string.
    public static func parseInt64(_ text: String) -> Int64? {
        FieldBytes.withBytes(of: text) { parseInt64($0) }
    }

    /// `strtod` on a NUL-terminated stack copy of a field whose syntax is already checked.
    private static func convertWithStrtod(_ field: UnsafeRawBufferPointer) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: field.count + 1) { buffer in
            for (offset, byte) in field.enumerated() { buffer[offset] = CChar(bitPattern: byte) }
            buffer[field.count] = 0
            let value = strtod(buffer.baseAddress!, nil)
            return value.isFinite ? value : nil
        }
    }
}
