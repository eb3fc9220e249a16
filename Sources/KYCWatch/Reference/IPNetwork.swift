/// A CIDR block such as `198.51.100.0/24` or `2001:db8::/32`: every address that shares the first
/// ``prefixLength`` bits of ``first``.
///
/// An IPv4 block is the matching block of `::ffff:0:0/96`, so `::ffff:198.51.100.0/120` is the same network
/// as `198.51.100.0/24` and prints as the latter.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// Why a network text was not read, for error messages.
    struct Malformed: Error {
        /// What is wrong, in words a person can act on.
        var reason: String
    }

    /// The first address of the block (its host bits are zero).
    public let first: IPAddress
    /// The prefix length counted over all 128 bits (an IPv4 `/24` is 120).
    let bits: Int

    /// Creates the block of `prefixLength` bits starting at `first`, counting IPv4 prefixes from 0 to 32 and IPv6
    /// ones from 0 to 128; `nil` when the length is out of range or `first` has host bits set.
    public init?(first: IPAddress, prefixLength: Int) {
        let limit = first.isIPv4 ? 32 : 128
        guard (0...limit).contains(prefixLength) else { return nil }
        let bits = first.isIPv4 ? prefixLength + 96 : prefixLength
        let host = Self.hostMask(bits: bits)
        guard first.high & host.high == 0, first.low & host.low == 0 else { return nil }
        self.first = first
        self.bits = bits
    }

    /// Whether this is an IPv4 block.
    public var isIPv4: Bool { first.isIPv4 }

    /// The prefix length as written for the block's family: 0 to 32 for IPv4, 0 to 128 for IPv6.
    public var prefixLength: Int { isIPv4 ? bits - 96 : bits }

    /// The last address of the block.
    public var last: IPAddress {
        let host = Self.hostMask(bits: bits)
        return IPAddress(high: first.high | host.high, low: first.low | host.low)
    }

    /// Whether `address` is in the block.
    public func contains(_ address: IPAddress) -> Bool {
        first <= address && address <= last
    }

    /// `first/prefixLength` in canonical text: `198.51.100.0/24`, `2001:db8::/32`.
    public var description: String { "\(first)/\(prefixLength)" }

    /// Parses `address/prefix` (`203.0.113.0/24`, `2001:db8::/48`), or a bare address as a single-address block;
    /// `nil` when the text is malformed or the address has bits set after the prefix (`203.0.113.7/24`).
    public init?(_ text: String) {
        guard case .success(let network) = FieldBytes.withBytes(of: text, { Self.parse($0) }) else { return nil }
        self = network
    }

    /// Parses a network from field bytes as ``init(_:)`` reads text, saying what is wrong when it fails.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> Result<IPNetwork, Malformed> {
        let slash = bytes.firstIndex(of: UInt8(ascii: "/")) ?? bytes.count
        let addressBytes = UnsafeRawBufferPointer(rebasing: bytes[0..<slash])
        guard let address = IPAddress(bytes: addressBytes) else {
            return .failure(Malformed(reason: "'\(FieldBytes.string(addressBytes))' is not an IPv4 or IPv6 address"))
        }
        let writtenAsIPv4 = !addressBytes.contains(UInt8(ascii: ":"))
        let limit = writtenAsIPv4 ? 32 : 128
        var prefix = limit
        if slash < bytes.count {
            let digits = bytes[(slash + 1)...]
            guard (1...3).contains(digits.count), digits.allSatisfy(FieldBytes.isDigit) else {
                return .failure(Malformed(reason: "the prefix length after '/' is not a number"))
            }
            prefix = digits.reduce(0) { $0 * 10 + Int($1 &- 0x30) }
            guard prefix <= limit else {
                return .failure(Malformed(reason: "prefix length \(prefix) is longer than \(limit) bits"))
            }
        }
        let bits = writtenAsIPv4 ? prefix + 96 : prefix
        let host = hostMask(bits: bits)
        guard address.high & host.high == 0, address.low & host.low == 0 else {
            let network = IPNetwork(
                unchecked: IPAddress(high: address.high & ~host.high, low: address.low & ~host.low), bits: bits)
            return .failure(
                Malformed(reason: "\(address) has bits set after the /\(prefix) prefix (the network is \(network))"))
        }
        return .success(IPNetwork(unchecked: address, bits: bits))
    }

    /// A block already known to be well formed.
    private init(unchecked first: IPAddress, bits: Int) {
        self.first = first
        self.bits = bits
    }

    /// The host bits of a prefix of `bits` bits (0 to 128), as an address.
    static func hostMask(bits: Int) -> IPAddress {
        let high: UInt64 = bits >= 64 ? 0 : UInt64.max >> UInt64(bits)
        let low: UInt64 = bits >= 128 ? 0 : (bits <= 64 ? .max : UInt64.max >> UInt64(bits - 64))
        return IPAddress(high: high, low: low)
    }
}
