/// Reads the country calling code from a telephone number as customers and exports write it.
public enum PhoneNumber {
    /// The E.164 country calling code of `text` as digits (`86`, `44`, `1`), or `nil` when the number
    /// does not say.
    ///
    /// The code is read only after an international prefix: `+` (`+86 10 1234 5678`, `+44(0)20 …`),
    /// `00` (most of the world), `011` (North America) or `0011` (Australia); a `tel:` scheme is skipped.
    /// A number in national format (`(415) 555-0100`) yields `nil`: its country is unknown and not
    /// guessed. The code is the longest prefix of 1 to 4 digits that the catalogue assigns; NANP numbers
    /// (`+1 876 …` for Jamaica) all read as `1`.
    ///
    /// An `011` prefix is also how a few countries begin national numbers (Delhi's area code); such a
    /// number written without its country reads as an international one.
    public static func callingCode(of text: String, catalog: CountryCatalog) -> String? {
        FieldBytes.withBytes(of: text) { callingCode(of: $0, catalog: catalog) }
    }

    /// ``callingCode(of:catalog:)-(String,_)`` for field bytes.
    public static func callingCode(of bytes: UnsafeRawBufferPointer, catalog: CountryCatalog) -> String? {
        var field = FieldBytes.trimmed(bytes)
        if FieldBytes.hasLowercasePrefix(field, "tel:") {
            field = FieldBytes.trimmed(UnsafeRawBufferPointer(rebasing: field[4...]))
        }
        guard !field.isEmpty else { return nil }
        let international = field[0] == UInt8(ascii: "+")
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8) { digits -> String? in
            // The first few digits after the prefix; separators between digits are skipped.
            var count = 0
            var position = international ? 1 : 0
            while position < field.count, count < 8 {
                let byte = field[position]
                if FieldBytes.isDigit(byte) {
                    digits[count] = byte &- 0x30
                    count += 1
                } else if !isSeparator(byte) {
                    break
                }
                position += 1
            }
            func digit(_ index: Int) -> UInt8 { index < count ? digits[index] : 0xFF }
            let start: Int
            if international {
                start = 0
            } else if digit(0) == 0, digit(1) == 0, digit(2) == 1, digit(3) == 1 {
                start = 4
            } else if digit(0) == 0, digit(1) == 1, digit(2) == 1 {
                start = 3
            } else if digit(0) == 0, digit(1) == 0 {
                start = 2
            } else {
                return nil
            }
            guard start < count, digits[start] != 0 else { return nil }
            var best: Int?
            var value = 0
            var length = 0
            while length < 4, start + length < count {
                value = value * 10 + Int(digits[start + length])
                length += 1
                if catalog.isCallingCode(value, digits: length) { best = value }
            }
            return best.map { String($0) }
        }
    }

    /// Characters people put between the digits of a number.
    @inline(__always)
    private static func isSeparator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: "/"), UInt8(ascii: "\t"), 0xC2, 0xA0:
            return true
        default:
            return false
        }
    }
}
