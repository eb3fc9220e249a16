/// Decodes Punycode (RFC 3492), the ASCII form of an internationalized domain label after its `xn--`
/// prefix: `bro-hoa` is `büro`.
///
/// An email domain may be written either way (`ops@xn--bro-hoa.de`, `ops@büro.de`), and both reach the
/// one mailbox: decoding lets the two compare as one.
enum Punycode {
    // The Bootstring parameters RFC 3492 section 5 gives Punycode.
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialN = 0x80
    /// The largest value an intermediate may take, as in the RFC's 32-bit overflow checks (section 6.4).
    private static let maxValue = Int(Int32.max)

    /// The text `encoded` stands for (without its `xn--` prefix); nil when it is not Punycode: a
    /// character that is not ASCII or no base-36 digit, a number cut short, a value past the RFC's
    /// limits, or a code point that is no Unicode scalar or is ASCII where only others are inserted.
    static func decode(_ encoded: some StringProtocol) -> String? {
        let input = Array(encoded.utf8)
        guard input.allSatisfy({ $0 < 0x80 }) else { return nil }
        // The ASCII code points come first, up to the last delimiter; when there are none, the
        // delimiter is not consumed, and is a digit (which `-` is not: the input is refused).
        let delimiter = input.lastIndex(of: UInt8(ascii: "-")) ?? 0
        var output = input[..<delimiter].map { Unicode.Scalar($0) }
        var position = delimiter > 0 ? delimiter + 1 : 0
        var n = initialN
        var i = 0
        var bias = initialBias
        while position < input.count {
            // One generalized variable-length integer: the delta to the next insertion.
            let oldI = i
            var weight = 1
            var k = base
            while true {
                guard position < input.count, let digit = digitValue(input[position]) else { return nil }
                position += 1
                guard digit <= (maxValue - i) / weight else { return nil }
                i += digit * weight
                let threshold = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias
                if digit < threshold { break }
                guard weight <= maxValue / (base - threshold) else { return nil }
                weight *= base - threshold
                k += base
            }
            let length = output.count + 1
            bias = adapt(delta: i - oldI, length: length, first: oldI == 0)
            guard i / length <= maxValue - n else { return nil }
            n += i / length
            i %= length
            guard n >= initialN, let scalar = Unicode.Scalar(UInt32(n)) else { return nil }
            output.insert(scalar, at: i)
            i += 1
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: output)
        return text
    }

    /// The value of a base-36 digit: `a` to `z` (either case) are 0 to 25, `0` to `9` are 26 to 35.
    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0")) + 26
        default: nil
        }
    }

    /// The bias for the next delta (RFC 3492 section 6.1), from the last delta and the output's length.
    private static func adapt(delta: Int, length: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / length
        var k = 0
        while delta > (base - tMin) * tMax / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}
