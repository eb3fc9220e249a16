import Testing

@testable import KYCWatch

extension IPReferenceTests {
    @Suite("GeoLite2 Country CSV")
    struct GeoLite2LoadingTests {
        /// Loads the fixture files, with optional replacements, and the blocks files in the given order.
        static func load(
            ipv4: String = IPFixtures.geoLite2IPv4, ipv6: String = IPFixtures.geoLite2IPv6,
            locations: String = IPFixtures.geoLite2Locations, in folder: TemporaryFolder
        ) throws(KYCWatchError) -> IPCountryTable {
            let paths = IPFixtures.writeGeoLite2(into: folder, ipv4: ipv4, ipv6: ipv6, locations: locations)
            return try IPCountryTable.loadGeoLite2(
                blocks: [paths.ipv4, paths.ipv6], locations: paths.locations, countries: IPFixtures.countries.get())
        }

        @Test(
            "resolves IPv4 and IPv6 blocks through their locations",
            arguments: [
                ("192.0.2.0", "US"), ("192.0.2.127", "US"), ("192.0.2.128", "DE"), ("192.0.2.255", "DE"),
                ("192.0.1.255", nil), ("192.0.3.0", nil), ("::ffff:192.0.2.1", "US"),
                ("198.51.100.0", "CN"), ("198.51.100.255", "CN"),
                ("203.0.113.9", nil), ("233.252.0.1", nil), ("100.64.0.0", "GB"), ("100.127.255.255", "GB"),
                ("100.128.0.0", nil), ("2001:db8::", "US"), ("2001:db8:7fff:ffff:ffff:ffff:ffff:ffff", "US"),
                ("2001:db8:8000::", "CN"), ("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "CN"), ("2001:db9::", nil),
                ("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", nil), ("3fff:fff::1", "DE"), ("3fff:1000::", nil),
            ] as [(String, String?)])
        func lookups(text: String, country: String?) throws {
            let folder = TemporaryFolder()
            let table = try Self.load(in: folder)
            #expect(table.country(of: try #require(IPAddress(text))) == country)
        }

        @Test("keeps blocks without a country as ranges, so overlaps with them are still caught")
        func blocksWithoutCountry() throws {
            let folder = TemporaryFolder()
            let table = try Self.load(in: folder)
            let ranges = table.ranges.map { "\($0.first)-\($0.last)=\($0.country ?? "none")" }
            #expect(ranges.contains("203.0.113.0-203.0.113.255=none"))
            #expect(ranges.contains("233.252.0.0-233.252.0.255=none"))
            #expect(table.rangeCount == 9)
        }

        @Test("reads any number of blocks files, in any order")
        func severalFiles() throws {
            let folder = TemporaryFolder()
            let paths = IPFixtures.writeGeoLite2(into: folder)
            let extra = folder.write(
                "extra-blocks.csv",
                """
                network,geoname_id,registered_country_geoname_id,represented_country_geoname_id,\
                is_anonymous_proxy,is_satellite_provider
                198.18.0.0/15,2921044,2921044,,0,0

                """)
            let table = try IPCountryTable.loadGeoLite2(
                blocks: [paths.ipv6, extra, paths.ipv4], locations: paths.locations,
                countries: IPFixtures.countries.get())
            #expect(table.country(of: IPAddress("198.19.255.255")!) == "DE")
            #expect(table.country(of: IPAddress("192.0.2.1")!) == "US")
        }

        @Test(
            "a blocks row that cannot be used is an error naming the file, line and column",
            arguments: [
                (
                    "192.0.2.0/25,6252001,6252001,,0,0,\n192.0.2.1/25,6252001,6252001,,0,0,\n", 3, 1,
                    "network '192.0.2.1/25': 192.0.2.1 has bits set after the /25 prefix (the network is 192.0.2.0/25)"
                ),
                ("192.0.2.0/33,6252001,6252001,,0,0,\n", 2, 1, "prefix length 33 is longer than 32 bits"),
                ("192.0.2.0/24,999,6252001,,0,0,\n", 2, 14, "geoname id 999 is not in the locations file"),
                ("192.0.2.0/24,,999,,0,0,\n", 2, 15, "geoname id 999 is not in the locations file"),
                ("192.0.2.0/24,US,,,0,0,\n", 2, 14, "geoname_id is 'US', expected a whole number"),
                ("192.0.2.0/24,6252001,,x,0,0,\n", 2, 23, "represented_country_geoname_id is 'x'"),
                ("192.0.2.0/24,6252001,,,yes,0,\n", 2, 24, "is_anonymous_proxy is 'yes', expected 0 or 1"),
                ("192.0.2.0/24,6252001,,,0,0,2\n", 2, 28, "is_anycast is '2', expected 0 or 1"),
                ("192.0.2.0/24,6252001,,,0,0\n", 2, 27, "the row has 6 fields where the header has 7"),
                (
                    "192.0.2.0/24,6252001,,,0,0,\n198.51.100.0/24,6252001,,,0,0,\n192.0.2.64/26,2921044,,,0,0,\n", 4,
                    nil,
                    "192.0.2.64 to 192.0.2.127 overlaps 192.0.2.0 to 192.0.2.255 (line 2 of "
                ),
            ] as [(String, Int, Int?, String)])
        func blockErrors(body: String, line: Int, column: Int?, message: String) throws {
            let folder = TemporaryFolder()
            let header = String(IPFixtures.geoLite2IPv4.split(separator: "\n")[0])
            let error = IPFixtures.error { () throws(KYCWatchError) in
                try Self.load(ipv4: header + "\n" + body, in: folder)
            }
            #expect(error?.code == .referenceCatalogInvalid)
            #expect(
                error?.location
                    == SourceLocation(file: folder.file("GeoLite2-Country-Blocks-IPv4.csv"), line: line, column: column)
            )
            #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        }

        @Test("a network in two blocks files is an error naming both files")
        func sameFileTwice() throws {
            let folder = TemporaryFolder()
            let paths = IPFixtures.writeGeoLite2(into: folder)
            let copy = folder.write("copy.csv", IPFixtures.geoLite2IPv6)
            let error = IPFixtures.error { () throws(KYCWatchError) in
                try IPCountryTable.loadGeoLite2(
                    blocks: [paths.ipv4, paths.ipv6, copy], locations: paths.locations,
                    countries: IPFixtures.countries.get())
            }
            #expect(error?.location == SourceLocation(file: copy, line: 2))
            #expect(
                error?.message
                    == "2001:db8:: to 2001:db8:7fff:ffff:ffff:ffff:ffff:ffff is listed twice (also line 2 of \(paths.ipv6))"
            )
        }

        @Test(
            "a locations row that cannot be used is an error naming the file, line and column",
            arguments: [
                (
                    "6252001,en,NA,\"North America\",ZZ,Nowhere,0\n", 2, 31,
                    "country_iso_code 'ZZ' is not an alpha-2 code"
                ),
                ("6252001,en,NA,\"North America\",USA,\"United States\",0\n", 2, 31, "country_iso_code 'USA' is not"),
                (
                    "6252001,en,NA,\"North America\",US,\"United States\",0\n6252001,en,NA,x,CA,Canada,0\n", 3, 1,
                    "geoname id 6252001 is listed twice (also line 2)"
                ),
                (",en,NA,\"North America\",US,\"United States\",0\n", 2, 1, "geoname_id is empty"),
                (
                    "-5,en,NA,\"North America\",US,\"United States\",0\n", 2, 1,
                    "geoname_id is '-5', expected a whole number"
                ),
            ] as [(String, Int, Int, String)])
        func locationErrors(body: String, line: Int, column: Int, message: String) throws {
            let folder = TemporaryFolder()
            let header = String(IPFixtures.geoLite2Locations.split(separator: "\n")[0])
            let error = IPFixtures.error { () throws(KYCWatchError) in
                try Self.load(locations: header + "\n" + body, in: folder)
            }
            #expect(error?.code == .referenceCatalogInvalid)
            #expect(
                error?.location
                    == SourceLocation(
                        file: folder.file("GeoLite2-Country-Locations-en.csv"), line: line, column: column))
            #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        }

        @Test("missing columns, empty files and no blocks files are errors")
        func fileErrors() throws {
            let folder = TemporaryFolder()
            let noRegistered = IPFixtures.error { () throws(KYCWatchError) in
                try Self.load(ipv4: "network,geoname_id\n192.0.2.0/24,6252001\n", in: folder)
            }
            #expect(noRegistered?.code == .csvHeader)
            #expect(noRegistered?.message.contains("'registered_country_geoname_id'") == true)
            let noCountry = IPFixtures.error { () throws(KYCWatchError) in
                try Self.load(locations: "geoname_id,locale_code\n6252001,en\n", in: folder)
            }
            #expect(noCountry?.code == .csvHeader)
            let emptyBlocks = IPFixtures.error { () throws(KYCWatchError) in
                try Self.load(ipv6: String(IPFixtures.geoLite2IPv6.split(separator: "\n")[0]) + "\n", in: folder)
            }
            #expect(emptyBlocks?.code == .emptyInput)
            #expect(emptyBlocks?.location?.file == folder.file("GeoLite2-Country-Blocks-IPv6.csv"))
            let noBlocks = IPFixtures.error { () throws(KYCWatchError) in
                try IPCountryTable.loadGeoLite2(
                    blocks: [], locations: folder.file("GeoLite2-Country-Locations-en.csv"),
                    countries: IPFixtures.countries.get())
            }
            #expect(noBlocks?.code == .invalidConfiguration)
        }
    }
}
