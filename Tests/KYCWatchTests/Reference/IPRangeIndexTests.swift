import PropertyBased
import Testing

@testable import KYCWatch

extension IPReferenceTests {
    @Suite("IP range index")
    struct IPRangeIndexTests {
        typealias Index = IPRangeIndex<Int>

        /// A range given in memory, as the index's builder takes it.
        static func entry(_ first: IPAddress, _ last: IPAddress, _ value: Int, line: Int = 1) -> Index.Entry {
            Index.Entry(first: first, last: last, value: value, file: -1, line: line)
        }

        /// The bases the property tests place their small address universes at: the bottom of the address space,
        /// both edges of the IPv4 block, the middle of IPv6 space and the top.
        static let bases: [IPAddress] = [
            .min, IPAddress(ipv4: 0), IPAddress(ipv4: .max), IPAddress(high: 0x2001_0DB8_0000_0000, low: .max), .max,
        ]

        @Test(
            "finds the first and last address of a range, and nothing one before or one after",
            arguments: [
                ("192.0.2.0", "192.0.2.255"), ("0.0.0.0", "0.0.0.0"), ("255.255.255.255", "255.255.255.255"),
                ("2001:db8::", "2001:db8::ffff"), ("::", "::1"), ("ffff::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
                ("::fffe:ffff:ffff", "::ffff:0.0.0.5"), ("255.255.255.250", "::1:0:0:5"), ("::", "::1:0:0:0"),
            ])
        func boundaries(first: String, last: String) throws {
            let low = try #require(IPAddress(first))
            let high = try #require(IPAddress(last))
            let index = try Index(
                entries: [Self.entry(low, high, 7), Self.entry(IPAddress("3fff::")!, IPAddress("3fff::ff")!, 9)],
                overlaps: .reject, files: [])
            #expect(index.value(at: low) == 7)
            #expect(index.value(at: high) == 7)
            if let before = low.predecessor { #expect(index.value(at: before) == nil) }
            if let after = high.successor { #expect(index.value(at: after) == nil) }
        }

        @Test("finds each of many adjacent ranges at its edges")
        func adjacent() throws {
            let entries = (0..<1000).map { step in
                Self.entry(IPAddress(ipv4: UInt32(step * 16)), IPAddress(ipv4: UInt32(step * 16 + 15)), step)
            }
            let index = try Index(entries: entries.shuffled(), overlaps: .reject, files: [])
            #expect(index.count == 1000)
            for step in 0..<1000 {
                #expect(index.value(at: IPAddress(ipv4: UInt32(step * 16))) == step)
                #expect(index.value(at: IPAddress(ipv4: UInt32(step * 16 + 15))) == step)
            }
            #expect(index.value(at: IPAddress(ipv4: 16_000)) == nil)
        }

        @Test("merges neighbours with one value and keeps a range across the IPv4 block's edge whole")
        func merging() throws {
            let entries = [
                Self.entry(IPAddress("192.0.2.0")!, IPAddress("192.0.2.127")!, 1),
                Self.entry(IPAddress("192.0.2.128")!, IPAddress("192.0.2.255")!, 1),
                Self.entry(IPAddress("192.0.3.0")!, IPAddress("192.0.3.255")!, 2),
                Self.entry(IPAddress("255.255.255.0")!, IPAddress("::1:0:0:ff")!, 3),
            ]
            let index = try Index(entries: entries, overlaps: .reject, files: [])
            #expect(
                index.ranges.map { "\($0.first)-\($0.last)=\($0.value)" } == [
                    "192.0.2.0-192.0.2.255=1", "192.0.3.0-192.0.3.255=2", "255.255.255.0-255.255.255.255=3",
                    "::1:0:0:0-::1:0:0:ff=3",
                ])
            #expect(index.value(at: IPAddress("::1:0:0:0")!) == 3)
            #expect(index.value(at: IPAddress("255.255.255.255")!) == 3)
        }

        @Test("an empty index finds nothing")
        func empty() throws {
            let index = try Index(entries: [], overlaps: .reject, files: [])
            #expect(index.count == 0)
            #expect(index.value(at: .min) == nil)
            #expect(index.value(at: IPAddress(ipv4: 0)) == nil)
        }

        @Test("rejects a range that ends before it starts, overlaps and repeats, naming both places")
        func errors() throws {
            let a = try #require(IPAddress("192.0.2.10"))
            let b = try #require(IPAddress("192.0.2.20"))
            let backwards = IPFixtures.error { () throws(KYCWatchError) in
                try Index(entries: [Self.entry(b, a, 1, line: 4)], overlaps: .reject, files: [])
            }
            #expect(backwards?.message == "range 4: the range starts at 192.0.2.20, after its end 192.0.2.10")
            #expect(backwards?.code == .referenceCatalogInvalid)
            let files = ["one.csv", "two.csv"]
            let overlap = IPFixtures.error { () throws(KYCWatchError) in
                try Index(
                    entries: [
                        .init(first: a, last: b, value: 1, file: 1, line: 8),
                        .init(first: b, last: b.successor!, value: 2, file: 0, line: 3),
                    ], overlaps: .reject, files: files)
            }
            #expect(overlap?.location == SourceLocation(file: "one.csv", line: 3))
            #expect(overlap?.message.contains("overlaps 192.0.2.10 to 192.0.2.20 (line 8 of two.csv)") == true)
            for policy in [Index.OverlapPolicy.reject, .innermostWins] {
                let twice = IPFixtures.error { () throws(KYCWatchError) in
                    try Index(
                        entries: [
                            .init(first: a, last: b, value: 1, file: 0, line: 9),
                            .init(first: a, last: b, value: 1, file: 0, line: 2),
                        ], overlaps: policy, files: files)
                }
                #expect(twice?.location == SourceLocation(file: "one.csv", line: 9))
                #expect(twice?.message == "192.0.2.10 to 192.0.2.20 is listed twice (also line 2 of one.csv)")
            }
            let across = IPFixtures.error { () throws(KYCWatchError) in
                try Index(
                    entries: [Self.entry(a, b, 1, line: 1), Self.entry(b, b.successor!, 2, line: 2)],
                    overlaps: .innermostWins, files: [])
            }
            #expect(across?.message.hasPrefix("range 2: 192.0.2.20 to 192.0.2.21 partly overlaps") == true)
        }

        @Test("innermost range wins, and the outer range resumes after it")
        func nesting() throws {
            let entries = [
                Self.entry(IPAddress(ipv4: 0), IPAddress(ipv4: 99), 1),
                Self.entry(IPAddress(ipv4: 10), IPAddress(ipv4: 19), 2),
                Self.entry(IPAddress(ipv4: 12), IPAddress(ipv4: 12), 3),
                Self.entry(IPAddress(ipv4: 19), IPAddress(ipv4: 19), 4),
                Self.entry(IPAddress(ipv4: 90), IPAddress(ipv4: 99), 1),
                Self.entry(IPAddress(high: 0xFFFF_0000_0000_0000, low: 0), .max, 5),
                Self.entry(.max, .max, 6),
            ]
            let index = try Index(entries: entries, overlaps: .innermostWins, files: [])
            let values = (0..<101).map { index.value(at: IPAddress(ipv4: UInt32($0))) }
            var expected: [Int?] = Array(repeating: 1, count: 100) + [nil]
            for position in 10...19 { expected[position] = 2 }
            expected[12] = 3
            expected[19] = 4
            #expect(values == expected)
            #expect(index.value(at: .max) == 6)
            #expect(index.value(at: IPAddress.max.predecessor!) == 5)
        }

        @Test("binary search agrees with a linear scan over random disjoint ranges")
        func againstLinearScan() async {
            let cuts = Gen.int(in: 0...300).array(of: 0...60)
            let values = Gen.int(in: 0...3).array(of: 61)
            await propertyCheck(count: 300, input: cuts, values, Gen.int(in: 0...(Self.bases.count - 1))) {
                cuts, values, baseIndex in
                let base = Self.bases[baseIndex]
                let origin = base == .max ? -310 : (base == .min ? 0 : -150)
                let points = Array(Set(cuts)).sorted()
                var ranges: [(first: IPAddress, last: IPAddress, value: Int)] = []
                for (position, start) in points.enumerated() where values[position] > 0 {
                    let end = position + 1 < points.count ? points[position + 1] - 1 : 300
                    ranges.append(
                        (
                            IPFixtures.address(base, plus: origin + start),
                            IPFixtures.address(base, plus: origin + end),
                            values[position]
                        ))
                }
                for threshold in [0, 4096] {
                    let index: Index
                    do {
                        index = try Index(
                            entries: ranges.shuffled().map { Self.entry($0.first, $0.last, $0.value) },
                            overlaps: .reject, files: [], bucketingThreshold: threshold)
                    } catch {
                        Issue.record("\(error)")
                        return
                    }
                    for offset in (origin - 5)...(origin + 305) {
                        let address = IPFixtures.address(base, plus: offset)
                        let expected = ranges.first { $0.first <= address && address <= $0.last }?.value
                        #expect(index.value(at: address) == expected, "\(address)")
                    }
                }
            }
        }

        @Test("the bucket table agrees with a linear scan for ranges spread over, and across, many buckets")
        func bucketsAgainstLinearScan() async {
            await propertyCheck(
                count: 200, input: Gen.uint64().array(of: 0...40), Gen.uint64().array(of: 40), Gen.bool
            ) { cuts, probes, ipv4 in
                // Cut points anywhere in IPv4 space, or in 2000::/3, so ranges start in different buckets, many
                // buckets are empty and some ranges span thousands of them.
                let points = Array(
                    Set(
                        cuts.map {
                            ipv4
                                ? IPAddress(ipv4: UInt32(truncatingIfNeeded: $0))
                                : IPAddress(high: $0 >> 3 | 1 << 61, low: $0)
                        })
                ).sorted()
                var ranges: [(first: IPAddress, last: IPAddress, value: Int)] = []
                for pair in stride(from: 0, to: points.count - 1, by: 2) {
                    ranges.append((points[pair], points[pair + 1], pair % 3))
                }
                let index: Index
                do {
                    index = try Index(
                        entries: ranges.map { Self.entry($0.first, $0.last, $0.value) }, overlaps: .reject, files: [],
                        bucketingThreshold: 0)
                } catch {
                    Issue.record("\(error)")
                    return
                }
                var addresses = points.flatMap { [$0.predecessor, $0, $0.successor].compactMap { $0 } }
                addresses += probes.map {
                    ipv4 ? IPAddress(ipv4: UInt32(truncatingIfNeeded: $0)) : IPAddress(high: $0 >> 3 | 1 << 61, low: $0)
                }
                for address in addresses {
                    let expected = ranges.first { $0.first <= address && address <= $0.last }?.value
                    #expect(index.value(at: address) == expected, "\(address)")
                }
            }
        }

        @Test("overlap checking agrees with a pairwise check, and nesting with the smallest enclosing range")
        func nestedAgainstLinearScan() async {
            // Aligned blocks of a 9-bit universe, like CIDR networks: any two either nest or are disjoint.
            let blocks = Gen.int(in: 0...511).array(of: 1...12)
            await propertyCheck(
                count: 300, input: blocks, Gen.int(in: 0...8).array(of: 12), Gen.int(in: 0...(Self.bases.count - 1))
            ) {
                starts, sizes, baseIndex in
                let base = Self.bases[baseIndex]
                let origin = base == .max ? -512 : (base == .min ? 0 : -256)
                var seen = Set<[Int]>()
                var ranges: [(first: Int, last: Int, value: Int)] = []
                for (position, start) in starts.enumerated() {
                    let size = 1 << sizes[position]
                    let first = start / size * size
                    guard seen.insert([first, size]).inserted else { continue }
                    ranges.append((first, first + size - 1, position))
                }
                let entries = ranges.map {
                    Self.entry(
                        IPFixtures.address(base, plus: origin + $0.first),
                        IPFixtures.address(base, plus: origin + $0.last),
                        $0.value)
                }
                let overlapping = ranges.contains { one in
                    ranges.contains { other in
                        other.value != one.value && other.first <= one.last && one.first <= other.last
                    }
                }
                let rejected = IPFixtures.error { () throws(KYCWatchError) in
                    try Index(entries: entries, overlaps: .reject, files: [])
                }
                #expect((rejected != nil) == overlapping)
                for threshold in [0, 4096] {
                    let index: Index
                    do {
                        index = try Index(
                            entries: entries, overlaps: .innermostWins, files: [], bucketingThreshold: threshold)
                    } catch {
                        Issue.record("\(error)")
                        return
                    }
                    for offset in 0..<512 {
                        let innermost = ranges.filter { $0.first <= offset && offset <= $0.last }
                            .min { $0.last - $0.first < $1.last - $1.first }
                        #expect(index.value(at: IPFixtures.address(base, plus: origin + offset)) == innermost?.value)
                    }
                }
            }
        }
    }
}
