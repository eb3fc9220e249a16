extension IPAddress {
    /// Whether the address is globally reachable: in none of the blocks the IANA special-purpose
    /// address registries mark as not globally reachable, nor in multicast or reserved space.
    ///
    /// An address that is not says nothing about who used it: `10.0.0.1` is a host on thousands of
    /// private networks, `127.0.0.1` and `fe80::1` are every machine's own, `100.64.0.0/10` is a
    /// carrier's NAT, and documentation addresses (`192.0.2.0/24`, `198.51.100.0/24`, `203.0.113.0/24`,
    /// `2001:db8::/32`, `3fff::/20`) stand in for real ones in examples and masked logs.
    public var isGloballyReachable: Bool {
        if Self.globalInsideSpecialPurpose.contains(where: { $0.contains(self) }) { return true }
        return !Self.notGloballyReachable.contains { $0.contains(self) }
    }

    /// Blocks not globally reachable (RFC 6890 and the registries as of 2024): "this network",
    /// private, shared (carrier-grade NAT), loopback, link-local, IETF protocol assignments,
    /// documentation, the 6to4 relay anycast, benchmarking, multicast, reserved and broadcast; for IPv6
    /// the unspecified and loopback addresses, local-use NAT64, discard-only, IETF protocol
    /// assignments (Teredo, ORCHID), documentation, SRv6 SIDs, unique-local, link-local, site-local and
    /// multicast.
    static let notGloballyReachable: [IPNetwork] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
        "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "3fff::/20", "5f00::/16",
        "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    ].map { IPNetwork($0)! }

    /// Blocks inside ``notGloballyReachable`` that the registries mark globally reachable: the PCP
    /// and TURN anycast addresses, AMT, AS112, ORCHIDv2 and drone remote ID.
    static let globalInsideSpecialPurpose: [IPNetwork] = [
        "192.0.0.9/32", "192.0.0.10/32", "2001:1::1/128", "2001:1::2/128", "2001:1::3/128", "2001:3::/32",
        "2001:4:112::/48", "2001:20::/28", "2001:30::/28",
    ].map { IPNetwork($0)! }
}
