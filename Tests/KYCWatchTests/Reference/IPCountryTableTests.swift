import Testing

@testable import KYCWatch

extension IPReferenceTests {
    @Suite("IP country table")
    struct IPCountryTableTests {
        @Test("every row of the sample ranges file loads and resolves at both ends")
        func sampleRanges() throws {
            let countries = try IPFixtures.countries.get()
            let table = try IPCountryTable.loadRanges(path: IPFixtures.sampleRanges, countries: countries)
            let reader = try CSVReader(path: IPFixtures.sampleRanges)
            let rows = try readRecords(reader).rows
            #expect(rows.count == 134)
            for row in rows {
                let first = try #require(IPAddress(row[0]))
                let last = try #require(IPAddress(row[1]))
                let code = countries.code(for: row[2])
                #expect(code != nil)
                #expect(table.country(of: first) == code, "\(row)")
                #expect(table.country(of: last) == code, "\(row)")
            }
            #expect(table.rangeCount <= rows.count)
        }

        @Test(
            "sample addresses inside and outside the ranges",
            arguments: [
                ("2.51.0.0", "BR"), ("2.51.255.255", "BR"), ("2.50.255.255", nil), ("2.52.0.0", nil),
                ("120.174.33.4", "CN"), ("105.85.200.1", "IR"), ("222.10.255.255", "PL"), ("222.11.0.0", nil),
                ("8.8.8.8", nil), ("::ffff:151.126.7.7", "RU"), ("2a0e:1100::1", "US"), ("2a0e:111c:ab::9", "CN"),
                ("2a0e:1123:ffff:ffff:ffff:ffff:ffff:ffff", "PA"), ("2a0e:1124::", nil), ("2a0e:10ff:ffff::", nil),
            ] as [(String, String?)])
        func sampleLookups(text: String, country: String?) throws {
            let table = try IPCountryTable.loadRanges(
                path: IPFixtures.sampleRanges, countries: IPFixtures.countries.get())
            #expect(table.country(of: try #require(IPAddress(text))) == country)
        }

        @Test("many tasks query one table and see what one task sees")
        func concurrentLookups() async throws {
            let table = try IPCountryTable.loadRanges(
                path: IPFixtures.sampleRanges, countries: IPFixtures.countries.get())
            let addresses = (0..<20_000).map { IPAddress(ipv4: UInt32(truncatingIfNeeded: $0 &* 2_654_435_761)) }
            let expected = addresses.map { table.country(of: $0) }
            let results = await withTaskGroup(of: [String?].self) { group in
                for _ in 0..<8 {
                    group.addTask { addresses.map { table.country(of: $0) } }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 8)
            #expect(results.allSatisfy { $0 == expected })
            #expect(expected.contains { $0 != nil })
        }

        @Test("reads countries as alpha-2, alpha-3 or names, columns in any order, spaces around fields")
        func plainLayout() throws {
            let folder = TemporaryFolder()
            let path = folder.write(
                "ranges.csv",
                """
                country,start,end
                United States, 192.0.2.0 ,192.0.2.127
                DEU,192.0.2.128,192.0.2.255
                "Korea, Republic of",2001:db8::,2001:db8::ffff
                cn,198.51.100.0,198.51.100.0

                """)
            let table = try IPCountryTable.loadRanges(path: path, countries: IPFixtures.countries.get())
            #expect(table.country(of: IPAddress("192.0.2.127")!) == "US")
            #expect(table.country(of: IPAddress("192.0.2.128")!) == "DE")
            #expect(table.country(of: IPAddress("2001:db8::ff")!) == "KR")
            #expect(table.country(of: IPAddress("198.51.100.0")!) == "CN")
            #expect(table.country(of: IPAddress("198.51.100.1")!) == nil)
            #expect(table.rangeCount == 4)
        }

        @Test(
            "a plain ranges row that cannot be used is an error naming the file, line and column",
            arguments: [
                (
                    "192.0.2.0,192.0.2.255,US\n192.0.2.x,192.0.3.255,US\n", 3, 1,
                    "start '192.0.2.x' is not an IPv4 or IPv6"
                ),
                ("192.0.2.0,192.0.2.255,US\n192.0.3.0,,US\n", 3, 11, "end '' is not an IPv4 or IPv6 address"),
                ("192.0.2.0,2001:db8::,US\n", 2, 11, "not both IPv4 or both IPv6"),
                ("192.0.2.9,192.0.2.0,US\n", 2, 11, "start 192.0.2.9 is after end 192.0.2.0"),
                ("192.0.2.0,192.0.2.9,Atlantis\n", 2, 21, "country 'Atlantis' is not in the countries catalogue"),
                ("192.0.2.0,192.0.2.9,\n", 2, 21, "country is empty"),
                ("192.0.2.0,192.0.2.9,US,extra\n", 2, 24, "the row has 4 fields where the header has 3"),
                ("\"192.0.2.0\",\"192.0.2.9\",\"Atlantis\"\r\n", 2, 25, "country 'Atlantis' is not in the countries"),
                ("192.0.2.0,192.0.2.9", 2, 20, "the row has 2 fields where the header has 3"),
                (
                    "192.0.2.0,192.0.2.255,US\n192.0.3.0,192.0.3.9,US\n192.0.2.255,192.0.2.255,DE\n", 4, nil,
                    "192.0.2.255 to 192.0.2.255 overlaps 192.0.2.0 to 192.0.2.255 (line 2 of "
                ),
            ] as [(String, Int, Int?, String)])
        func rowErrors(body: String, line: Int, column: Int?, message: String) throws {
            let folder = TemporaryFolder()
            let path = folder.write("ranges.csv", "start,end,country\n" + body)
            let countries = try IPFixtures.countries.get()
            let error = IPFixtures.error { () throws(KYCWatchError) in
                try IPCountryTable.loadRanges(path: path, countries: countries)
            }
            #expect(error?.code == .referenceCatalogInvalid)
            #expect(error?.location == SourceLocation(file: path, line: line, column: column))
            #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        }

        @Test("a ranges file without the columns, or without rows, is an error")
        func fileErrors() throws {
            let folder = TemporaryFolder()
            let countries = try IPFixtures.countries.get()
            let noColumn = folder.write("no-column.csv", "first,last,country\n192.0.2.0,192.0.2.9,US\n")
            let headerError = IPFixtures.error { () throws(KYCWatchError) in
                try IPCountryTable.loadRanges(path: noColumn, countries: countries)
            }
            #expect(headerError?.code == .csvHeader)
            #expect(headerError?.location == SourceLocation(file: noColumn, line: 1))
            #expect(headerError?.message.contains("'start', 'end'") == true)
            let empty = folder.write("empty.csv", "start,end,country\n")
            let emptyError = IPFixtures.error { () throws(KYCWatchError) in
                try IPCountryTable.loadRanges(path: empty, countries: countries)
            }
            #expect(emptyError?.code == .emptyInput)
            let missing = IPFixtures.error { () throws(KYCWatchError) in
                try IPCountryTable.loadRanges(path: folder.file("absent.csv"), countries: countries)
            }
            #expect(missing?.code == .fileUnreadable)
        }

        @Test("builds from ranges in memory")
        func inMemory() throws {
            let table = try IPCountryTable(ranges: [
                (IPAddress("203.0.113.0")!, IPAddress("203.0.113.255")!, "jp"),
                (IPAddress("2001:db8::")!, IPAddress("2001:db8::1")!, "FR"),
            ])
            #expect(table.country(of: IPAddress("203.0.113.77")!) == "JP")
            #expect(table.country(of: IPAddress("2001:db8::1")!) == "FR")
            let bad = IPFixtures.error { () throws(KYCWatchError) in
                try IPCountryTable(ranges: [(IPAddress("203.0.113.0")!, IPAddress("203.0.113.255")!, "Japan")])
            }
            #expect(bad?.message == "range 1: 'Japan' is not an alpha-2 code")
        }
    }
}
