/// The seeded pseudo-random source of the sample world: xoshiro256** seeded through SplitMix64.
///
/// The sample data must be byte-identical for a seed on every machine and toolchain, so bounded
/// integers, picks and shuffles are drawn here rather than with the standard library's
/// `random(in:using:)`, whose algorithm is free to change between releases. Values are integers
/// or come from exact arithmetic; nothing goes through `log`, `exp` or `pow`, whose last bits may
/// differ between C libraries.
struct SampleRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A stream for `seed`; `stream` names an independent part of the world, so adding draws to one
    /// part leaves the values of the others unchanged.
    init(seed: UInt64, stream: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in stream.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        var mixer = seed ^ hash
        s0 = Self.splitMix(&mixer)
        s1 = Self.splitMix(&mixer)
        s2 = Self.splitMix(&mixer)
        s3 = Self.splitMix(&mixer)
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let shifted = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= shifted
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    private func rotateLeft(_ value: UInt64, by count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject, so no modulo bias).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "an empty range has no values")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A uniform integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform 64-bit integer in `range`.
    mutating func int64(_ range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + Int64(below(Int(range.upperBound - range.lowerBound) + 1))
    }

    /// True `perMille` times in a thousand.
    mutating func chance(perMille: Int) -> Bool {
        below(1000) < perMille
    }

    /// True `percent` times in a hundred.
    mutating func chance(percent: Int) -> Bool {
        below(100) < percent
    }

    /// One element of a non-empty array.
    mutating func element<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// An index drawn with probability proportional to its integer weight.
    mutating func weightedIndex(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var draw = below(total)
        for (index, weight) in weights.enumerated() {
            if draw < weight { return index }
            draw -= weight
        }
        return weights.count - 1
    }

    /// Shuffles `items` in place (Fisher–Yates).
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, below(index + 1))
        }
    }

    /// `count` distinct elements of `items` in random order.
    mutating func sample<T>(_ items: [T], count: Int) -> [T] {
        var copy = items
        shuffle(&copy)
        return Array(copy.prefix(count))
    }

    /// `count` lowercase hexadecimal digits.
    mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<count {
            bytes.append(digits[below(16)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `count` decimal digits (leading zeros allowed).
    mutating func digits(_ count: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<count {
            bytes.append(UInt8(ascii: "0") + UInt8(below(10)))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Fills a pattern: `#` becomes a digit, `@` an uppercase letter, anything else stays.
    mutating func fill(_ pattern: String) -> String {
        var bytes: [UInt8] = []
        for byte in pattern.utf8 {
            switch byte {
            case UInt8(ascii: "#"): bytes.append(UInt8(ascii: "0") + UInt8(below(10)))
            case UInt8(ascii: "@"): bytes.append(UInt8(ascii: "A") + UInt8(below(26)))
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
