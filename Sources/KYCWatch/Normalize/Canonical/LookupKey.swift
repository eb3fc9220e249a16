/// The key names are compared on: letters and digits only, lower case, Latin accents removed
/// (`Türkiye` and `turkiye`, `Korea, Republic of` and `korearepublicof`, `NVIDIA H100-SXM5` and
/// `nvidiah100sxm5`), and `&` read as `and`.
///
/// Letters outside the Latin blocks are kept as they are, so a name in another script only matches
/// itself.
enum LookupKey {
    /// The most bytes a key can take for an input of `count` bytes (`&` becomes three letters).
    @inline(__always)
    static func capacity(for count: Int) -> Int { count * 3 + 1 }

    /// Writes the key of `input` into `output` (at least ``capacity(for:)`` bytes) and returns its length.
    static func fold(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        var read = 0
        var written = 0
        let count = input.count
        while read < count {
            let byte = input[read]
            if byte < 0x80 {
                read += 1
                let lower = FieldBytes.lowercased(byte)
                if (lower &- 0x61 < 26) || FieldBytes.isDigit(lower) {
                    output[written] = lower
                    written += 1
                } else if byte == UInt8(ascii: "&") {
                    output[written] = UInt8(ascii: "a")
                    output[written + 1] = UInt8(ascii: "n")
                    output[written + 2] = UInt8(ascii: "d")
                    written += 3
                }
                continue
            }
            let (scalar, length) = decodeScalar(input, at: read)
            defer { read += length }
            guard let scalar else { continue }
            let folded = foldedLatin(scalar)
            if folded != 0 {
                output[written] = UInt8(truncatingIfNeeded: folded)
                written += 1
                if folded > 0xFF {
                    output[written] = UInt8(truncatingIfNeeded: folded >> 8)
                    written += 1
                }
            } else if keepsUnfolded(scalar) {
                for offset in 0..<length {
                    output[written] = input[read + offset]
                    written += 1
                }
            }
        }
        return written
    }

    /// Runs `body` on the key of `input`, built in a temporary buffer (on the stack for short fields).
    @inline(__always)
    static func withKey<Result>(of input: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Result)
        -> Result
    {
        withUnsafeTemporaryAllocation(byteCount: capacity(for: input.count), alignment: 1) { buffer in
            let length = fold(input, into: buffer)
            return body(UnsafeRawBufferPointer(rebasing: buffer[0..<length]))
        }
    }

    /// The key of `text`, for building tables.
    static func key(_ text: String) -> [UInt8] {
        FieldBytes.withBytes(of: text) { bytes in
            withKey(of: bytes) { Array($0) }
        }
    }

    /// The scalar starting at `offset` and its length in bytes; `nil` with length 1 for a malformed byte.
    @inline(__always)
    private static func decodeScalar(_ input: UnsafeRawBufferPointer, at offset: Int) -> (Unicode.Scalar?, Int) {
        let lead = input[offset]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF:
            length = 2
            value = UInt32(lead & 0x1F)
        case 0xE0...0xEF:
            length = 3
            value = UInt32(lead & 0x0F)
        case 0xF0...0xF4:
            length = 4
            value = UInt32(lead & 0x07)
        default:
            return (nil, 1)
        }
        guard offset + length <= input.count else { return (nil, 1) }
        for index in 1..<length {
            let continuation = input[offset + index]
            guard continuation & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(continuation & 0x3F)
        }
        return (Unicode.Scalar(value), length)
    }

    /// The ASCII letters a Latin letter with a diacritic folds to, packed low byte first (`ß` is `ss`);
    /// 0 when the scalar is not one of them.
    @inline(__always)
    private static func foldedLatin(_ scalar: Unicode.Scalar) -> UInt16 {
        let value = scalar.value
        if value >= 0xC0 && value <= 0x17F {
            return latinFolds[Int(value - 0xC0)]
        }
        switch value {
        case 0x218, 0x219: return UInt16(UInt8(ascii: "s"))
        case 0x21A, 0x21B: return UInt16(UInt8(ascii: "t"))
        default: return 0
        }
    }

    /// Whether a scalar with no Latin folding stays in the key: letters and digits of other scripts do;
    /// combining marks, punctuation, symbols and spaces do not.
    private static func keepsUnfolded(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x300 && scalar.value <= 0x36F { return false }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
    }

    /// Folds for U+00C0 ... U+017F (Latin-1 Supplement letters and Latin Extended-A), as runs of
    /// `letters × count`; `-` marks the two symbols in the block (× and ÷), which are dropped.
    private static let latinFolds: [UInt16] = {
        let runs: [(String, Int)] = [
            // U+00C0 ... U+00FF
            ("a", 6), ("ae", 1), ("c", 1), ("e", 4), ("i", 4), ("d", 1), ("n", 1), ("o", 5), ("-", 1), ("o", 1),
            ("u", 4), ("y", 1), ("th", 1), ("ss", 1),
            ("a", 6), ("ae", 1), ("c", 1), ("e", 4), ("i", 4), ("d", 1), ("n", 1), ("o", 5), ("-", 1), ("o", 1),
            ("u", 4), ("y", 1), ("th", 1), ("y", 1),
            // U+0100 ... U+017F
            ("a", 6), ("c", 8), ("d", 4), ("e", 10), ("g", 8), ("h", 4), ("i", 10), ("ij", 2), ("j", 2), ("k", 3),
            ("l", 10), ("n", 9), ("o", 6), ("oe", 2), ("r", 6), ("s", 8), ("t", 6), ("u", 12), ("w", 2), ("y", 3),
            ("z", 6), ("s", 1),
        ]
        var table: [UInt16] = []
        for (letters, count) in runs {
            let bytes = Array(letters.utf8)
            let packed: UInt16 =
                letters == "-" ? 0 : bytes.count == 1 ? UInt16(bytes[0]) : UInt16(bytes[0]) | UInt16(bytes[1]) << 8
            table.append(contentsOf: repeatElement(packed, count: count))
        }
        precondition(table.count == 0x180 - 0xC0, "Latin fold table must cover U+00C0 ... U+017F")
        return table
    }()
}
