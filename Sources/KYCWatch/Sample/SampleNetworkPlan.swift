/// The sample world's synthetic IP geography: which address blocks belong to which country, and
/// which networks are VPN exits, Tor exits or hosting ranges.
///
/// The allocation is invented. Each country gets whole IPv4 /16 blocks drawn from public-looking
/// space (never private, shared, loopback, link-local, documentation, benchmarking or multicast
/// ranges) and one IPv6 /32 under `2a0e::/16`, chosen by a fixed seed, so the reference files do not
/// change with the world's seed. Real registries assign these blocks to other parties: the files
/// are for the sample data only and must never geolocate real traffic.
struct SampleNetworkPlan {
    /// An IPv4 /16 block and the country the plan gives it.
    struct Block {
        let firstOctet: Int
        let secondOctet: Int
        let country: String
    }

    /// An anonymizer network: an IPv4 prefix inside a country block, or an IPv6 prefix.
    struct Anonymizer {
        let kind: String
        let country: String
        /// First address and prefix length (IPv4).
        let start: UInt32
        let prefixLength: Int
    }

    private(set) var blocks: [Block] = []
    private var blocksByCountry: [String: [Int]] = [:]
    private var ipv6Hextet: [String: Int] = [:]
    private(set) var anonymizers: [Anonymizer] = []

    /// The fixed seed of the plan, independent of the world's seed.
    static let seed: UInt64 = 0x6b79_6377_6970_7631

    init() {
        var random = SampleRandom(seed: Self.seed, stream: "network-plan")
        var firstOctets = Self.publicFirstOctets
        random.shuffle(&firstOctets)
        var used = Set<Int>()
        var cursor = 0
        for (index, country) in SampleCountry.all.enumerated() {
            ipv6Hextet[country.alpha2] = 0x1100 + index
            for _ in 0..<country.addressBlocks {
                var first = 0
                var second = 0
                repeat {
                    first = firstOctets[cursor % firstOctets.count]
                    cursor += 1
                    second = random.int(1...254)
                } while used.contains(first << 8 | second)
                used.insert(first << 8 | second)
                blocks.append(Block(firstOctet: first, secondOctet: second, country: country.alpha2))
            }
        }
        blocks.sort { ($0.firstOctet, $0.secondOctet) < ($1.firstOctet, $1.secondOctet) }
        for (index, block) in blocks.enumerated() {
            blocksByCountry[block.country, default: []].append(index)
        }
        planAnonymizers(&random)
    }

    /// First octets of public-looking space: none of 0, 10, 100 (shared), 127, 169, 172, 192, 198,
    /// 203 (documentation and benchmarking live there) or 224 and above.
    private static let publicFirstOctets: [Int] = [
        2, 5, 23, 31, 37, 41, 45, 46, 49, 58, 61, 62, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91,
        92, 93, 94, 95, 101, 102, 103, 104, 105, 106, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120,
        121, 122, 123, 124, 125, 141, 151, 176, 177, 178, 179, 180, 181, 182, 183, 185, 186, 187, 188, 189, 190,
        191, 193, 194, 195, 196, 197, 200, 201, 202, 210, 211, 212, 213, 217, 218, 219, 220, 221, 222,
    ]

    private mutating func planAnonymizers(_ random: inout SampleRandom) {
        func carve(_ country: String, _ kind: String, _ prefixLength: Int, count: Int) {
            for _ in 0..<count {
                let block = blocks[random.element(blocksByCountry[country]!)]
                let base = UInt32(block.firstOctet) << 24 | UInt32(block.secondOctet) << 16
                let size = UInt32(1) << UInt32(32 - prefixLength)
                let offset = UInt32(random.below(Int((UInt32(1) << 16) / size))) * size
                anonymizers.append(
                    Anonymizer(kind: kind, country: country, start: base + offset, prefixLength: prefixLength))
            }
        }
        for country in ["NL", "NL", "SE", "CH", "PA", "US"] {
            carve(country, "vpn", 24, count: 1)
        }
        for country in ["DE", "DE", "NL", "NL", "FR", "US", "US", "SE", "CH", "GB", "DE", "NL", "FR", "RU", "CA", "DE"]
        {
            carve(country, "tor", 32, count: 1)
        }
        for country in ["US", "US", "DE", "SG", "NL", "JP"] {
            carve(country, "hosting", 20, count: 1)
        }
        anonymizers.sort { $0.start < $1.start }
    }

    /// Whether `address` falls in an anonymizer network.
    func isAnonymized(_ address: UInt32) -> Bool {
        anonymizers.contains { anonymizer in
            let size = UInt64(1) << UInt64(32 - anonymizer.prefixLength)
            return UInt64(address) >= UInt64(anonymizer.start) && UInt64(address) < UInt64(anonymizer.start) + size
        }
    }

    /// A host address in `country`, outside every anonymizer network.
    func address(in country: String, _ random: inout SampleRandom) -> String {
        guard let indices = blocksByCountry[country] else {
            preconditionFailure("the address plan has no blocks for \(country)")
        }
        while true {
            let block = blocks[random.element(indices)]
            let address =
                UInt32(block.firstOctet) << 24 | UInt32(block.secondOctet) << 16 | UInt32(random.int(0...255)) << 8
                | UInt32(random.int(1...254))
            if !isAnonymized(address) {
                return Self.text(address)
            }
        }
    }

    /// An IPv6 host address in `country`.
    func ipv6Address(in country: String, _ random: inout SampleRandom) -> String {
        let prefix = String(ipv6Hextet[country]!, radix: 16)
        var groups = ["2a0e", prefix]
        for _ in 0..<6 {
            groups.append(String(random.int(0...0xffff), radix: 16))
        }
        return groups.joined(separator: ":")
    }

    /// An address inside an anonymizer network of `kind` (`vpn`, `tor`, `hosting`), with its country.
    func anonymizedAddress(kind: String, _ random: inout SampleRandom) -> (address: String, country: String) {
        let candidates = anonymizers.filter { $0.kind == kind }
        let network = random.element(candidates)
        let size = 1 << (32 - network.prefixLength)
        let host = size == 1 ? 0 : random.int(1...(size - 2))
        return (Self.text(network.start + UInt32(host)), network.country)
    }

    /// `ip-ranges.csv` rows (`start,end,country`), IPv4 then IPv6, each in address order.
    func rangeRows() -> [[String]] {
        var rows = blocks.map { block in
            [
                "\(block.firstOctet).\(block.secondOctet).0.0", "\(block.firstOctet).\(block.secondOctet).255.255",
                block.country,
            ]
        }
        for country in SampleCountry.all {
            let prefix = String(ipv6Hextet[country.alpha2]!, radix: 16)
            rows.append(["2a0e:\(prefix)::", "2a0e:\(prefix):ffff:ffff:ffff:ffff:ffff:ffff", country.alpha2])
        }
        return rows
    }

    /// `anonymizers.csv` rows (`network,kind`) in address order.
    func anonymizerRows() -> [[String]] {
        anonymizers.map { ["\(Self.text($0.start))/\($0.prefixLength)", $0.kind] }
    }

    /// Dotted-quad text of an IPv4 address.
    static func text(_ address: UInt32) -> String {
        "\(address >> 24).\(address >> 16 & 0xff).\(address >> 8 & 0xff).\(address & 0xff)"
    }
}
