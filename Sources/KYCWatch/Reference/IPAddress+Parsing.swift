#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension IPAddress {
    /// The longest address text `inet_pton` reads: `ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255`.
    static let maximumTextLength = 45

    /// Parses IPv4 dotted decimal (`192.0.2.1`) or IPv6 text (`2001:db8::1`, `::ffff:192.0.2.1`); `nil` when the
    /// text is anything else, including surrounding spaces, a zone (`%eth0`) or a prefix length.
    public init?(_ text: String) {
        guard let address = FieldBytes.withBytes(of: text, { IPAddress(bytes: $0) }) else { return nil }
        self = address
    }

    /// Parses an address from field bytes, as ``init(_:)`` reads text, without allocating.
    public init?(bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty, bytes.count <= Self.maximumTextLength else { return nil }
        var isIPv6 = false
        for byte in bytes {
            if byte == UInt8(ascii: ":") { isIPv6 = true } else if byte == 0 { return nil }
        }
        // inet_pton wants a NUL-terminated string: copy to the stack rather than building a String.
        let parsed = withUnsafeTemporaryAllocation(of: CChar.self, capacity: Self.maximumTextLength + 1) {
            text -> IPAddress? in
            let raw = UnsafeMutableRawBufferPointer(text)
            raw.copyMemory(from: bytes)
            raw[bytes.count] = 0
            if isIPv6 {
                var storage = in6_addr()
                guard inet_pton(AF_INET6, text.baseAddress, &storage) == 1 else { return nil }
                return withUnsafeBytes(of: &storage) { octets in
                    IPAddress(
                        high: UInt64(bigEndian: octets.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                        low: UInt64(bigEndian: octets.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
                }
            }
            var storage = in_addr()
            guard inet_pton(AF_INET, text.baseAddress, &storage) == 1 else { return nil }
            return IPAddress(ipv4: UInt32(bigEndian: storage.s_addr))
        }
        guard let parsed else { return nil }
        self = parsed
    }
}
