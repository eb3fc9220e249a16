/// An IPv4 or IPv6 address as one 128-bit number, so one ordering covers both families.
///
/// IPv4 addresses live in the IPv4-mapped block `::ffff:0:0/96`: `192.0.2.1` and `::ffff:192.0.2.1` are the
/// same address, and both print as `192.0.2.1`.
public struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The upper 64 bits (the first four groups of the IPv6 text).
    public let high: UInt64
    /// The lower 64 bits (the last four groups of the IPv6 text).
    public let low: UInt64

    /// The upper 64 bits every IPv4-mapped address has.
    static let mappedHigh: UInt64 = 0
    /// The lower 64 bits of `::ffff:0.0.0.0`; an IPv4 address is this plus its 32-bit value.
    static let mappedLowBase: UInt64 = 0xFFFF_0000_0000

    /// The lowest address, `::`.
    public static let min = IPAddress(high: 0, low: 0)
    /// The highest address, `ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff`.
    public static let max = IPAddress(high: .max, low: .max)

    /// Creates the address with these 128 bits.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Creates the IPv4 address with this 32-bit value (`0xC0000201` is `192.0.2.1`).
    public init(ipv4 value: UInt32) {
        self.init(high: Self.mappedHigh, low: Self.mappedLowBase | UInt64(value))
    }

    /// Whether this is an IPv4 address (one in `::ffff:0:0/96`).
    @inline(__always)
    public var isIPv4: Bool {
        high == Self.mappedHigh && low >> 32 == 0xFFFF
    }

    /// The 32-bit value of an IPv4 address; `nil` for an IPv6 address.
    @inline(__always)
    public var ipv4: UInt32? {
        isIPv4 ? UInt32(truncatingIfNeeded: low) : nil
    }

    /// The canonical text: dotted decimal for IPv4, RFC 5952 for IPv6 (lower-case hexadecimal, leading zeros
    /// dropped, the longest run of two or more zero groups written as `::`, the first one on a tie).
    public var description: String {
        if let value = ipv4 {
            return "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
        }
        var groups = [UInt16](repeating: 0, count: 8)
        for index in 0..<4 {
            groups[index] = UInt16(truncatingIfNeeded: high >> (48 - 16 * index))
            groups[index + 4] = UInt16(truncatingIfNeeded: low >> (48 - 16 * index))
        }
        var bestStart = -1
        var bestLength = 1
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < 8, groups[end] == 0 { end += 1 }
            if end - index > bestLength {
                bestStart = index
                bestLength = end - index
            }
            index = end
        }
        func hex(_ range: Range<Int>) -> String {
            groups[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        guard bestStart >= 0 else { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }

    /// Orders by the 128-bit value: IPv6 below `::ffff:0:0/96`, then every IPv4 address, then the rest of IPv6.
    @inline(__always)
    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        lhs.high < rhs.high || (lhs.high == rhs.high && lhs.low < rhs.low)
    }

    /// The next address, or `nil` after ``max``.
    var successor: IPAddress? {
        if low != .max { return IPAddress(high: high, low: low + 1) }
        if high != .max { return IPAddress(high: high + 1, low: 0) }
        return nil
    }

    /// The previous address, or `nil` before ``min``.
    var predecessor: IPAddress? {
        if low != 0 { return IPAddress(high: high, low: low - 1) }
        if high != 0 { return IPAddress(high: high - 1, low: .max) }
        return nil
    }
}
