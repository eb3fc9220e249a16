extension IPAddress {
    /// Reads a source address as access logs write it: a plain address, or one with the ways logs
    /// and proxies dress it; `nil` when no address can be read.
    ///
    /// Besides ``init(_:)``'s forms it reads surrounding spaces, a port (`203.0.113.5:443`,
    /// `[2001:db8::1]:443`), brackets alone (`[2001:db8::1]`), a zone (`fe80::1%eth0`, the zone
    /// dropped), and an `X-Forwarded-For` list (`203.0.113.5, 10.0.0.1`), of which the first address,
    /// the client's, is read (an entry that is no address, `unknown`, is passed over). The address read
    /// is the one returned: no port or zone is kept.
    public init?(logged text: String) {
        guard let address = FieldBytes.withBytes(of: text, { IPAddress(loggedBytes: $0) }) else { return nil }
        self = address
    }

    /// Reads field bytes as ``init(logged:)`` reads text, without allocating.
    public init?(loggedBytes bytes: UnsafeRawBufferPointer) {
        // The common case, a plain address, costs one parse.
        if let plain = IPAddress(bytes: bytes) {
            self = plain
            return
        }
        // X-Forwarded-For: client, proxy, proxy. The client comes first; an entry a proxy could not
        // name (`unknown`, an obfuscated `_hidden`) is passed over for the next.
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ",") {
            defer { start = index + 1 }
            if let address = Self.entry(FieldBytes.trimmed(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))) {
                self = address
                return
            }
        }
        return nil
    }

    /// One address as a log writes it: plain, with a port, in brackets, or with a zone.
    private static func entry(_ written: UnsafeRawBufferPointer) -> IPAddress? {
        var field = written
        if field.first == UInt8(ascii: "[") {
            // [2001:db8::1] or [2001:db8::1]:443
            guard let close = field.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            let after = UnsafeRawBufferPointer(rebasing: field[(close + 1)...])
            guard after.isEmpty || (after[0] == UInt8(ascii: ":") && isPort(after.dropFirst())) else {
                return nil
            }
            field = UnsafeRawBufferPointer(rebasing: field[1..<close])
        } else if let colon = field.firstIndex(of: UInt8(ascii: ":")),
            field[(colon + 1)...].firstIndex(of: UInt8(ascii: ":")) == nil,
            field[..<colon].contains(UInt8(ascii: "."))
        {
            // 203.0.113.5:443: one colon after a dotted address (an IPv6 address has two or more).
            guard isPort(field[(colon + 1)...]) else { return nil }
            field = UnsafeRawBufferPointer(rebasing: field[..<colon])
        }
        // fe80::1%eth0: a zone names the interface of a link-local address, not the address.
        if let percent = field.firstIndex(of: UInt8(ascii: "%")) {
            guard field[..<percent].contains(UInt8(ascii: ":")), percent + 1 < field.count else { return nil }
            field = UnsafeRawBufferPointer(rebasing: field[..<percent])
        }
        return IPAddress(bytes: field)
    }

    /// Whether `digits` is a port number: 1 to 5 digits, at most 65535.
    private static func isPort(_ digits: Slice<UnsafeRawBufferPointer>) -> Bool {
        guard (1...5).contains(digits.count), digits.allSatisfy(FieldBytes.isDigit) else { return false }
        return digits.reduce(0) { $0 * 10 + Int($1 &- 0x30) } <= 65_535
    }
}
