import Foundation
import Testing

@testable import KYCWatch

extension IPReferenceTests {
    /// Lookups per second against a table the size of GeoLite2 Country, and the time to load such a file.
    ///
    /// Opt-in: runs only with `KYCWATCH_BENCH=1`, in release mode:
    /// `KYCWATCH_BENCH=1 swift test -c release -Xswiftc -enable-testing --scratch-path .build-ip-bench
    /// --filter IPLookupBenchmarkTests`.
    @Suite(
        "IP lookup throughput", .serialized, .enabled(if: ProcessInfo.processInfo.environment["KYCWATCH_BENCH"] == "1"))
    struct IPLookupBenchmarkTests {
        static let rangeCount = 500_000
        static let lookupCount = 1_000_000

        /// Seconds of a duration.
        static func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }

        /// Disjoint random ranges, 90 % IPv4 and 10 % IPv6 in 2000::/3, each with one of 200 country codes.
        static func ranges(using random: inout SplitMix64) -> [(first: IPAddress, last: IPAddress, country: String)] {
            let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            let codes = (0..<200).map { String([letters[$0 / 26], letters[$0 % 26]]) }
            let ipv4Cuts = Set(
                (0..<(rangeCount * 9 / 5)).map { _ in UInt32.random(in: 0...UInt32.max, using: &random) }
            )
            .sorted()
            let ipv6Cuts = Set(
                (0..<(rangeCount / 5)).map { _ in
                    IPAddress(
                        high: 0x2000_0000_0000_0000 | UInt64.random(in: 0...(1 << 61 - 1), using: &random),
                        low: random.next())
                }
            ).sorted()
            var result: [(first: IPAddress, last: IPAddress, country: String)] = []
            for pair in stride(from: 0, to: ipv4Cuts.count - 1, by: 2) {
                result.append(
                    (
                        IPAddress(ipv4: ipv4Cuts[pair]), IPAddress(ipv4: ipv4Cuts[pair + 1]),
                        codes[Int.random(in: 0..<200, using: &random)]
                    ))
            }
            for pair in stride(from: 0, to: ipv6Cuts.count - 1, by: 2) {
                result.append((ipv6Cuts[pair], ipv6Cuts[pair + 1], codes[Int.random(in: 0..<200, using: &random)]))
            }
            return result
        }

        /// Runs every lookup of `addresses` and prints the rate.
        static func measure(_ label: String, _ table: IPCountryTable, _ addresses: [IPAddress]) {
            var hits = 0
            let elapsed = ContinuousClock().measure {
                for address in addresses where table.country(of: address) != nil { hits += 1 }
            }
            let rate = Double(addresses.count) / seconds(elapsed)
            print(
                "\(label): \(addresses.count) lookups in \(String(format: "%.3f", seconds(elapsed))) s, "
                    + "\(String(format: "%.1f", rate / 1e6)) M lookups/s "
                    + "(\(String(format: "%.0f", 1e9 / rate)) ns each), \(hits) found")
        }

        @Test("looks up 1M random addresses in a 500k-range table")
        func lookups() throws {
            var random = SplitMix64(seed: 20_261_128)
            let ranges = Self.ranges(using: &random)
            let build = ContinuousClock().now
            let table = try IPCountryTable(ranges: ranges)
            print("built \(ranges.count) ranges (\(table.rangeCount) held) in \(ContinuousClock().now - build)")
            let ipv4 = (0..<Self.lookupCount).map { _ in
                IPAddress(ipv4: UInt32.random(in: 0...UInt32.max, using: &random))
            }
            let ipv6 = (0..<Self.lookupCount).map { _ in
                IPAddress(
                    high: 0x2000_0000_0000_0000 | UInt64.random(in: 0...(1 << 61 - 1), using: &random),
                    low: random.next())
            }
            let mixed = (0..<Self.lookupCount).map { $0 % 10 == 9 ? ipv6[$0] : ipv4[$0] }
            for _ in 0..<2 {
                Self.measure("mixed (90 % IPv4)", table, mixed)
                Self.measure("IPv4 only", table, ipv4)
                Self.measure("IPv6 only", table, ipv6)
            }
        }

        @Test("loads a 500k-row GeoLite2 blocks file")
        func loading() throws {
            var random = SplitMix64(seed: 7)
            let folder = TemporaryFolder()
            let networks = Set(
                (0..<(Self.rangeCount * 11 / 10)).map { _ in UInt32.random(in: 0..<(1 << 24), using: &random) }
            )
            .sorted().prefix(Self.rangeCount)
            var text = IPFixtures.geoLite2IPv4.split(separator: "\n")[0] + "\n"
            let ids = ["6252001", "2921044", "1814991", "2635167"]
            for network in networks {
                let id = ids[Int(network % 4)]
                text += "\(network >> 16).\(network >> 8 & 0xFF).\(network & 0xFF).0/24,\(id),\(id),,0,0,\n"
            }
            let paths = IPFixtures.writeGeoLite2(into: folder, ipv4: String(text))
            let countries = try IPFixtures.countries.get()
            let start = ContinuousClock().now
            let table = try IPCountryTable.loadGeoLite2(
                blocks: [paths.ipv4, paths.ipv6], locations: paths.locations, countries: countries)
            let elapsed = ContinuousClock().now - start
            print("loaded \(networks.count + 3) blocks (\(table.rangeCount) held) in \(elapsed)")
        }
    }
}
