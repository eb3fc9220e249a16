/// The digits of a telephone number read as a person dialling it would, and whether it is written
/// with an international `+`.
///
/// Exports write one number many ways: `(+86) 10 1234 5678`, `Tel: +86 10 1234 5678`, full-width
/// `＋８６ １０ …`, `+1 512-555-0199 ext. 12`. Read alike, they give one calling code and link
/// accounts alike. Reading allocates nothing, as every account row's number is read.
struct PhoneDigits {
    /// How many digits are kept; a number has at most 15 (E.164), with its international prefix 19.
    static let capacity = 32

    /// Whether the number is written with an international `+` before its first digit.
    private(set) var international = false
    /// How many digits the number has; the first ``capacity`` are kept.
    private(set) var count = 0
    /// The digits kept, four bits each, the first in the lowest bits of `low`.
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// Reads the number in `text` (``init(reading:)``).
    init(_ text: String) {
        self = FieldBytes.withBytes(of: text) { PhoneDigits(reading: $0) }
    }

    /// Reads the number in the UTF-8 `bytes`. Before its first digit or `+` come brackets, separators
    /// and labels ended by a colon (`Tel:`, `tel:`, `(+86)`), which are skipped; other text there
    /// (`x+86`) leaves no number. Spaces, `-`, `.`, `/` and brackets between digits are separators;
    /// anything else ends the number, so an extension (`ext. 12`, `x12`, `#12`, `;ext=12`) or a second
    /// number is not read. Full-width forms read as their ASCII ones, and the decimal digits of every
    /// script as 0 to 9.
    init(reading bytes: UnsafeRawBufferPointer) {
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8()
        var started = false
        // Within text before the number that no colon has ended yet.
        var inLabel = false
        reading: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let written):
                let scalar = Self.folded(written)
                if let digit = Self.digitValue(of: scalar) {
                    if inLabel { break reading }
                    started = true
                    append(digit)
                } else if started {
                    if !Self.isSeparator(scalar) { break reading }
                } else if scalar == "+" {
                    if inLabel { break reading }
                    international = true
                    started = true
                } else if scalar == ":" {
                    inLabel = false
                } else if !Self.isSeparator(scalar) {
                    inLabel = true
                }
            case .emptyInput:
                break reading
            case .error:
                if started { break reading }
            }
        }
    }

    /// The digit at `index` (0 to 9); `index` is below `min(count, capacity)`.
    subscript(index: Int) -> UInt8 {
        let word = index < 16 ? low : high
        return UInt8(truncatingIfNeeded: word >> (4 * UInt64(index % 16)) & 0xF)
    }

    /// The digits kept, in ASCII: `8610…`.
    var text: String {
        let kept = min(count, Self.capacity)
        return String(unsafeUninitializedCapacity: kept) { buffer in
            for index in 0..<kept { buffer[index] = self[index] &+ 0x30 }
            return kept
        }
    }

    /// Adds `digit` after the others; digits past ``capacity`` are counted, not kept.
    private mutating func append(_ digit: UInt8) {
        if count < 16 {
            low |= UInt64(digit) << (4 * UInt64(count))
        } else if count < Self.capacity {
            high |= UInt64(digit) << (4 * UInt64(count - 16))
        }
        count += 1
    }

    /// `scalar` as its ASCII form when it is a full-width one (`＋`, `８`), a space when it is a
    /// space of another width, a hyphen when it is a dash.
    private static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF01...0xFF5E: Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: " "
        case 0x2010...0x2015, 0x2212, 0xFE63: "-"
        default: scalar
        }
    }

    /// The value of `scalar` when it is a decimal digit of any script.
    @inline(__always)
    private static func digitValue(of scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value &- 0x30 < 10 { return UInt8(scalar.value - 0x30) }
        guard scalar.value >= 0x80, scalar.properties.numericType == .decimal,
            let value = scalar.properties.numericValue
        else { return nil }
        return UInt8(value)
    }

    /// Characters people put between the digits of a number, and the invisible marks (left-to-right)
    /// some systems add to it.
    @inline(__always)
    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "-", ".", "(", ")", "/", "\t": true
        default: scalar.value >= 0x80 && scalar.properties.generalCategory == .format
        }
    }
}
