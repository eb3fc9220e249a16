import Testing

@testable import KYCWatch

extension CanonicalTests {
    @Suite("Country catalogue")
    struct CountryCatalogTests {
        @Test("every catalogue row resolves to itself by alpha-2, alpha-3, numeric, name and every alias")
        func everyRowResolves() throws {
            let catalog = try CanonicalFixtures.countries.get()
            #expect(catalog.countries.count == 249)
            for country in catalog.countries {
                for written in [country.alpha2, country.alpha3, country.numeric, country.name] + country.aliases {
                    #expect(catalog.code(for: written) == country.alpha2, "\(written)")
                    #expect(catalog.code(for: written.lowercased()) == country.alpha2, "\(written)")
                    #expect(catalog.code(for: written.uppercased()) == country.alpha2, "\(written)")
                }
                #expect(catalog.country(country.alpha2) == country)
                #expect(catalog.country(country.alpha2.lowercased()) == country)
                for domain in (country.cctld.map { [$0] } ?? []) + country.internationalizedTLDs {
                    #expect(catalog.country(forTLD: domain) == country.alpha2, "\(domain)")
                }
            }
        }

        @Test(
            "an internationalized ccTLD is its country's, as written and in its xn-- form",
            arguments: [
                ("рф", "RU"), ("xn--p1ai", "RU"), ("XN--P1AI", "RU"), ("中国", "CN"), ("xn--fiqz9s", "CN"),
                ("香港", "HK"), ("澳門", "MO"), ("ایران", "IR"), ("бел", "BY"), ("xn--kpry57d", "TW"), ("ru", "RU"),
            ])
        func internationalizedTLD(domain: String, country: String) throws {
            let catalog = try CanonicalFixtures.countries.get()
            #expect(catalog.country(forTLD: domain) == country)
            let email = try #require(EmailAddress.topLevelDomain(of: "ops@company.\(domain)"))
            #expect(catalog.country(forTLD: email) == country)
        }

        @Test(
            "a ccTLD that is no domain is an error of the catalogue naming it",
            arguments: [".d-e", ".xn--", ".xn--p1ai!", ".рф1", ".abcdefghijklmnopqrstuvwxyzabcdefghij"])
        func badTLD(domain: String) {
            let country = Country(
                alpha2: "ZZ", alpha3: "ZZZ", numeric: "999", name: "Zed", cctld: ".zz",
                internationalizedTLDs: [domain])
            #expect(throws: KYCWatchError.self) { try CountryCatalog(countries: [country]) }
        }

        @Test(
            "reads the ways people write a country",
            arguments: [
                ("U.S.A.", "US"), ("united states", "US"), ("USA", "US"), ("U.S.", "US"), ("us", "US"),
                ("United States of America", "US"), ("the United States", "US"), ("840", "US"),
                ("Korea, Republic of", "KR"), ("South Korea", "KR"), ("korea south", "KR"), ("Korea, North", "KP"),
                ("DPRK", "KP"), ("Türkiye", "TR"), ("turkey", "TR"), ("TURKIYE", "TR"), ("Tu\u{0308}rkiye", "TR"),
                ("Côte d’Ivoire", "CI"), ("cote divoire", "CI"), ("Ivory Coast", "CI"), ("The Netherlands", "NL"),
                ("Holland", "NL"), ("Bosnia & Herzegovina", "BA"), ("Trinidad & Tobago", "TT"), ("  de ", "DE"),
                ("276", "DE"), ("Deutschland", "DE"), ("Viet Nam", "VN"), ("Vietnam", "VN"), ("Russia", "RU"),
                ("Russian Federation", "RU"), ("Burma", "MM"), ("Hong Kong SAR", "HK"), ("Macau", "MO"),
                ("São Tomé and Príncipe", "ST"), ("Åland Islands", "AX"), ("UK", "GB"), ("U.K.", "GB"), ("u.s.", "US"),
                ("Great Britain", "GB"),
                ("People's Republic of China", "CN"), ("P.R. China", "CN"), ("Republic of China", "TW"),
                ("Iran", "IR"), ("Persia", "IR"), ("Czech Republic", "CZ"), ("Swaziland", "SZ"), ("CHE", "CH"),
                ("020", "AD"), ("076", "BR"), ("St Kitts & Nevis", "KN"), ("Curaçao", "CW"), ("Réunion", "RE"),
                // ISO 3166 with its article, World Bank and EU spellings.
                ("United States of America (the)", "US"), ("Russian Federation (the)", "RU"),
                ("Hong Kong SAR, China", "HK"), ("Macao SAR, China", "MO"), ("Taiwan (ROC)", "TW"),
                ("Korea, Rep.", "KR"),
                ("Korea, Dem. People's Rep.", "KP"), ("EL", "GR"), ("el", "GR"),
            ])
        func variants(written: String, expected: String) throws {
            let catalog = try CanonicalFixtures.countries.get()
            #expect(catalog.code(for: written) == expected)
            #expect(CanonicalFixtures.withEmbeddedBytes(written) { catalog.code(for: $0) } == expected)
            #expect(catalog.country(named: written)?.alpha2 == expected)
        }

        @Test(
            "does not guess",
            arguments: [
                "", "   ", "N/A", "n/a", "n.a.", "N. A.", "NULL", "Atlantis", "XX", "XXX", "999", "0", "20", "86", "44",
                "1", "0840", "Korea",
                "Europe", "EU", "-", "中国",
            ])
        func unknown(written: String) throws {
            let catalog = try CanonicalFixtures.countries.get()
            #expect(catalog.code(for: written) == nil)
        }

        @Test("carries calling codes, ccTLDs and the group flags")
        func attributes() throws {
            let catalog = try CanonicalFixtures.countries.get()
            let china = try #require(catalog.country("CN"))
            #expect(china.alpha3 == "CHN" && china.numeric == "156" && china.name == "China")
            #expect(china.callingCode == "86" && china.cctld == ".cn")
            #expect(china.isForeignAdversary && china.isEARD5)
            let macao = try #require(catalog.country("MO"))
            #expect(macao.isForeignAdversary && !macao.isEARD5)
            let cambodia = try #require(catalog.country("KH"))
            #expect(!cambodia.isForeignAdversary && !cambodia.isEARD5)
            #expect(catalog.country("BY")?.isEARD5 == true)
            #expect(catalog.country("BY")?.isForeignAdversary == false)
            #expect(catalog.country("GB")?.cctld == ".uk")
            #expect(catalog.country("BV")?.callingCode == nil)
            #expect(catalog.country("BL")?.cctld == nil)
            #expect(catalog.country("XK") == nil)
            #expect(catalog.country("USA") == nil)
            #expect(
                catalog.countries.filter(\.isForeignAdversary).map(\.alpha2) == [
                    "CN", "CU", "HK", "IR", "KP", "MO", "RU", "VE",
                ])
        }

        @Test(
            "lists the countries sharing a calling code",
            arguments: [
                ("44", ["GB", "GG", "IM", "JE"]), ("+7", ["KZ", "RU"]), ("86", ["CN"]), ("672", ["AQ", "NF"]),
                ("999", []), ("", []),
            ])
        func callingCodes(code: String, expected: [String]) throws {
            let catalog = try CanonicalFixtures.countries.get()
            #expect(catalog.countries(forCallingCode: code) == expected)
        }

        @Test("NANP members all carry calling code 1")
        func northAmerica() throws {
            let members = try CanonicalFixtures.countries.get().countries(forCallingCode: "1")
            for code in ["US", "CA", "JM", "PR", "BS", "TT"] { #expect(members.contains(code)) }
        }

        @Test(
            "maps a ccTLD to its country",
            arguments: [
                (".de", "DE"), ("de", "DE"), ("DE", "DE"), (" .de ", "DE"), ("uk", "GB"), (".uk", "GB"),
                ("cn", "CN"), (".io", "IO"),
            ] as [(String, String?)] + [("com", nil), (".gb", nil), ("", nil), (".", nil), ("verylongdomain", nil)])
        func domains(domain: String, expected: String?) throws {
            #expect(try CanonicalFixtures.countries.get().country(forTLD: domain) == expected)
        }

        @Test("builds from values and refuses a name shared by two countries")
        func fromValues() throws {
            let catalog = try CountryCatalog(countries: [
                Country(
                    alpha2: "AA", alpha3: "AAA", numeric: "001", name: "Alpha", aliases: ["First"], callingCode: "99"),
                Country(alpha2: "BB", alpha3: "BBB", numeric: "002", name: "Beta"),
            ])
            #expect(catalog.code(for: "first") == "AA")
            #expect(catalog.code(for: "002") == "BB")
            #expect(catalog.countries(forCallingCode: "99") == ["AA"])
            #expect(throws: KYCWatchError.self) {
                try CountryCatalog(countries: [
                    Country(alpha2: "AA", alpha3: "AAA", numeric: "001", name: "Alpha"),
                    Country(alpha2: "BB", alpha3: "BBB", numeric: "002", name: "Beta", aliases: ["A.L.P.H.A."]),
                ])
            }
        }

        static let header = "alpha2,alpha3,numeric,name,aliases,calling_code,cctld,foreign_adversary,ear_d5\n"

        @Test(
            "names the file and line of a bad catalogue row",
            arguments: [
                ("AA,AAA,001,Alpha,Alpha,1,.aa,false,false\nBB,BBB,002,Beta,Beta|alpha,2,.bb,false,false\n", 3),
                ("AA,AAA,001,Alpha,Alpha,1,.aa,maybe,false\n", 2),
                ("AA,AAA,001,Alpha,Alpha|B.B.,1,.aa,false,false\nBB,BBB,002,Beta,Beta,2,.bb,false,false\n", 2),
                ("AA,AAA,001,Alpha,Alpha,1,.aa,false,false\nAA,ABB,002,Beta,Beta,2,.bb,false,false\n", 3),
                ("AA,AAA,001,Alpha,Alpha,1,.aa,false,false\nBB,BBB,001,Beta,Beta,2,.bb,false,false\n", 3),
                ("AA,AAA,001,Alpha,Alpha,12345,.aa,false,false\n", 2),
                ("AA,AAA,001,Alpha,Alpha,1,.a1,false,false\n", 2),
                ("A,AAA,001,Alpha,Alpha,1,.aa,false,false\n", 2),
                ("AA,AAA,001,Alpha,Alpha,1,.aa,false\n", 2),
                ("AA,AAA,001,Alpha,Alpha,1,.aa,false,false\nBB,BBB,002,,Beta,2,.bb,false,false\n", 3),
                ("AA,AAA,001,Alpha,Alpha,1,.aa,false,false\nBB,BBB,002,Beta,Beta,2,.aa,false,false\n", 3),
            ])
        func badRows(rows: String, line: Int) throws {
            let folder = TemporaryFolder()
            let path = folder.write("countries.csv", Self.header + rows)
            let error = #expect(throws: KYCWatchError.self) { try CountryCatalog.load(path: path) }
            #expect(error?.location?.file == path)
            #expect(error?.location?.line == line)
            #expect(error?.code == .referenceCatalogInvalid)
        }

        @Test("names a missing column and a missing file")
        func badFiles() throws {
            let folder = TemporaryFolder()
            let path = folder.write("countries.csv", "alpha2,alpha3,name\nAA,AAA,Alpha\n")
            let missingColumn = #expect(throws: KYCWatchError.self) { try CountryCatalog.load(path: path) }
            #expect(missingColumn?.code == .csvHeader)
            #expect(missingColumn?.message.contains("calling_code") == true)
            let missingFile = #expect(throws: KYCWatchError.self) {
                try CountryCatalog.load(path: folder.file("missing.csv"))
            }
            #expect(missingFile?.code == .fileUnreadable)
            let empty = folder.write("empty.csv", Self.header)
            #expect(throws: KYCWatchError.self) { try CountryCatalog.load(path: empty) }
        }
    }
}
