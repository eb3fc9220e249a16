import Testing

@testable import KYCWatch

extension IPReferenceTests {
    @Suite("IP network")
    struct IPNetworkTests {
        @Test(
            "CIDR bounds",
            arguments: [
                ("0.0.0.0/0", "0.0.0.0", "255.255.255.255", 0, true),
                ("192.0.2.0/24", "192.0.2.0", "192.0.2.255", 24, true),
                ("198.51.100.77/32", "198.51.100.77", "198.51.100.77", 32, true),
                ("203.0.113.128/25", "203.0.113.128", "203.0.113.255", 25, true),
                ("100.64.0.0/10", "100.64.0.0", "100.127.255.255", 10, true),
                ("::/0", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 0, false),
                ("2001:db8::/32", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", 32, false),
                ("2001:db8:1234::/48", "2001:db8:1234::", "2001:db8:1234:ffff:ffff:ffff:ffff:ffff", 48, false),
                (
                    "2001:db8:1234:5678::/64", "2001:db8:1234:5678::", "2001:db8:1234:5678:ffff:ffff:ffff:ffff", 64,
                    false
                ),
                ("2001:db8::8000:0:0:0/65", "2001:db8:0:0:8000::", "2001:db8::ffff:ffff:ffff:ffff", 65, false),
                ("2001:db8::1/128", "2001:db8::1", "2001:db8::1", 128, false),
                ("::ffff:0:0/96", "0.0.0.0", "255.255.255.255", 0, true),
                ("::ffff:198.51.100.0/120", "198.51.100.0", "198.51.100.255", 24, true),
                ("192.0.2.9", "192.0.2.9", "192.0.2.9", 32, true),
                ("2001:db8::9", "2001:db8::9", "2001:db8::9", 128, false),
            ] as [(String, String, String, Int, Bool)])
        func bounds(text: String, first: String, last: String, prefixLength: Int, isIPv4: Bool) throws {
            let network = try #require(IPNetwork(text))
            #expect(network.first == IPAddress(first))
            #expect(network.last == IPAddress(last))
            #expect(network.prefixLength == prefixLength)
            #expect(network.isIPv4 == isIPv4)
            #expect(IPNetwork(network.description) == network)
            #expect(network.contains(try #require(IPAddress(first))))
            #expect(network.contains(try #require(IPAddress(last))))
            if let before = network.first.predecessor { #expect(!network.contains(before)) }
            if let after = network.last.successor { #expect(!network.contains(after)) }
        }

        @Test("an IPv4 block written either way is one network")
        func sameNetwork() {
            #expect(IPNetwork("198.51.100.0/24") == IPNetwork("::ffff:198.51.100.0/120"))
            #expect(IPNetwork("::ffff:198.51.100.0/120")?.description == "198.51.100.0/24")
            #expect(IPNetwork("2001:DB8:0::/32")?.description == "2001:db8::/32")
        }

        @Test("creates a block from an address and a prefix length in the address's family")
        func fromParts() throws {
            let ipv4 = try #require(IPAddress("192.0.2.0"))
            #expect(IPNetwork(first: ipv4, prefixLength: 24) == IPNetwork("192.0.2.0/24"))
            #expect(IPNetwork(first: ipv4, prefixLength: 23) == IPNetwork("192.0.2.0/23"))
            #expect(IPNetwork(first: ipv4, prefixLength: 22) == nil)
            #expect(IPNetwork(first: ipv4, prefixLength: 33) == nil)
            #expect(IPNetwork(first: ipv4, prefixLength: -1) == nil)
            let ipv6 = try #require(IPAddress("2001:db8::"))
            #expect(IPNetwork(first: ipv6, prefixLength: 32) == IPNetwork("2001:db8::/32"))
            #expect(IPNetwork(first: ipv6, prefixLength: 128)?.last == ipv6)
            #expect(IPNetwork(first: ipv6, prefixLength: 129) == nil)
            #expect(IPNetwork(first: ipv6, prefixLength: 28) == nil)
        }

        @Test(
            "rejects malformed networks and says why",
            arguments: [
                ("192.0.2.0/33", "longer than 32"), ("2001:db8::/129", "longer than 128"),
                ("192.0.2.7/24", "the network is 192.0.2.0/24"), ("2001:db8::1/64", "the network is 2001:db8::/64"),
                ("192.0.2.0/", "not a number"), ("192.0.2.0/+8", "not a number"), ("192.0.2.0/24/1", "not a number"),
                ("192.0.2.0/1000", "not a number"), ("192.0.2/24", "not an IPv4 or IPv6 address"),
                ("/24", "not an IPv4 or IPv6 address"), ("", "not an IPv4 or IPv6 address"),
                ("::ffff:198.51.101.0/119", "the network is 198.51.100.0/23"),
            ])
        func malformed(text: String, reason: String) {
            #expect(IPNetwork(text) == nil)
            let result = FieldBytes.withBytes(of: text) { IPNetwork.parse($0) }
            guard case .failure(let malformed) = result else {
                Issue.record("\(text) parsed")
                return
            }
            #expect(malformed.reason.contains(reason), "\(malformed.reason)")
        }
    }
}
