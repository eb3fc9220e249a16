import Testing

@testable import KYCWatch

extension IPReferenceTests {
    @Suite("Anonymizer table")
    struct AnonymizerTableTests {
        @Test("every row of the sample anonymizers file loads and resolves at both ends of its network")
        func sampleFile() throws {
            let table = try AnonymizerTable.load(path: IPFixtures.sampleAnonymizers)
            let rows = try readRecords(CSVReader(path: IPFixtures.sampleAnonymizers)).rows
            #expect(rows.count == 28)
            for row in rows {
                let network = try #require(IPNetwork(row[0]))
                let kind = try #require(AnonymizerKind(rawValue: row[1]))
                #expect(table.kind(of: network.first) == kind, "\(row)")
                #expect(table.kind(of: network.last) == kind, "\(row)")
            }
        }

        @Test(
            "sample addresses inside and outside the networks",
            arguments: [
                ("5.210.16.0", .hosting), ("5.210.31.255", .hosting), ("5.210.15.255", nil), ("5.210.32.0", nil),
                ("31.55.18.77", .vpn), ("31.55.19.0", nil), ("88.133.230.97", .tor), ("88.133.230.96", nil),
                ("88.133.230.98", nil), ("::ffff:218.36.109.211", .tor), ("123.38.64.1", .hosting),
                ("123.38.136.7", .tor), ("123.38.136.8", nil), ("8.8.8.8", nil), ("2001:db8::1", nil),
            ] as [(String, AnonymizerKind?)])
        func sampleLookups(text: String, kind: AnonymizerKind?) throws {
            let table = try AnonymizerTable.load(path: IPFixtures.sampleAnonymizers)
            #expect(table.kind(of: try #require(IPAddress(text))) == kind)
        }

        @Test("a Tor exit inside a hosting network is Tor; the rest of the network stays hosting")
        func nested() throws {
            let folder = TemporaryFolder()
            let hosting = folder.write("hosting.csv", "network,kind\n203.0.113.0/24,hosting\n2001:db8::/32,HOSTING\n")
            let exits = folder.write(
                "exits.csv", "kind,network\ntor,203.0.113.77\n Tor ,2001:db8::7/128\nvpn,203.0.113.128/26\n")
            let table = try AnonymizerTable.load(paths: [hosting, exits])
            #expect(table.kind(of: IPAddress("203.0.113.76")!) == .hosting)
            #expect(table.kind(of: IPAddress("203.0.113.77")!) == .tor)
            #expect(table.kind(of: IPAddress("203.0.113.78")!) == .hosting)
            #expect(table.kind(of: IPAddress("203.0.113.127")!) == .hosting)
            #expect(table.kind(of: IPAddress("203.0.113.128")!) == .vpn)
            #expect(table.kind(of: IPAddress("203.0.113.191")!) == .vpn)
            #expect(table.kind(of: IPAddress("203.0.113.192")!) == .hosting)
            #expect(table.kind(of: IPAddress("203.0.113.255")!) == .hosting)
            #expect(table.kind(of: IPAddress("2001:db8::7")!) == .tor)
            #expect(table.kind(of: IPAddress("2001:db8::8")!) == .hosting)
            #expect(table.rangeCount == 8)
        }

        @Test(
            "a row that cannot be used is an error naming the file, line and column",
            arguments: [
                ("192.0.2.0/24,vpn\n198.51.100.0/24,proxy\n", 3, 17, "kind is 'proxy', expected vpn, tor or hosting"),
                ("192.0.2.0/24,\n", 2, 14, "kind is '', expected vpn, tor or hosting"),
                ("192.0.2.9/24,vpn\n", 2, 1, "network '192.0.2.9/24': 192.0.2.9 has bits set after the /24 prefix"),
                ("192.0.2.0-192.0.2.9,vpn\n", 2, 1, "is not an IPv4 or IPv6 address"),
                ("192.0.2.0/24,vpn,extra\n", 2, 18, "the row has 3 fields where the header has 2"),
                (
                    "192.0.2.0/24,vpn\n198.51.100.0/24,tor\n192.0.2.0/24,hosting\n", 4, nil,
                    "192.0.2.0 to 192.0.2.255 is listed twice (also line 2 of "
                ),
            ] as [(String, Int, Int?, String)])
        func rowErrors(body: String, line: Int, column: Int?, message: String) {
            let folder = TemporaryFolder()
            let path = folder.write("anonymizers.csv", "network,kind\n" + body)
            let error = IPFixtures.error { () throws(KYCWatchError) in try AnonymizerTable.load(path: path) }
            #expect(error?.code == .referenceCatalogInvalid)
            #expect(error?.location == SourceLocation(file: path, line: line, column: column))
            #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        }

        @Test("a file without the columns or without rows is an error")
        func fileErrors() {
            let folder = TemporaryFolder()
            let noKind = folder.write("no-kind.csv", "network,type\n192.0.2.0/24,vpn\n")
            #expect(
                IPFixtures.error { () throws(KYCWatchError) in try AnonymizerTable.load(path: noKind) }?.code
                    == .csvHeader)
            let empty = folder.write("empty.csv", "network,kind\n")
            #expect(
                IPFixtures.error { () throws(KYCWatchError) in try AnonymizerTable.load(path: empty) }?.code
                    == .emptyInput)
            #expect(
                IPFixtures.error { () throws(KYCWatchError) in try AnonymizerTable.load(paths: []) }?.code
                    == .invalidConfiguration)
        }

        @Test("builds from networks in memory")
        func inMemory() throws {
            let table = try AnonymizerTable(networks: [
                (IPNetwork("198.51.100.0/24")!, .hosting), (IPNetwork("198.51.100.9/32")!, .tor),
            ])
            #expect(table.kind(of: IPAddress("198.51.100.9")!) == .tor)
            #expect(table.kind(of: IPAddress("198.51.100.10")!) == .hosting)
            let twice = IPFixtures.error { () throws(KYCWatchError) in
                try AnonymizerTable(networks: [
                    (IPNetwork("198.51.100.0/24")!, .vpn), (IPNetwork("198.51.100.0/24")!, .tor),
                ])
            }
            #expect(twice?.message == "range 2: 198.51.100.0 to 198.51.100.255 is listed twice (also range 1)")
            #expect(AnonymizerKind.allCases.map(\.description) == ["vpn", "tor", "hosting"])
        }
    }
}
