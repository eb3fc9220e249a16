import Testing

@testable import KYCWatch

extension CanonicalTests {
    @Suite("Beneficial-owner lists")
    struct BeneficialOwnerListTests {
        @Test(
            "reads owners and their countries",
            arguments: [
                (
                    "Li Wei:CN;Maria Garcia:ES",
                    [BeneficialOwner(name: "Li Wei", country: "CN"), .init(name: "Maria Garcia", country: "ES")]
                ),
                (
                    " Li Wei : CN ; Maria Garcia:ES; ",
                    [.init(name: "Li Wei", country: "CN"), .init(name: "Maria Garcia", country: "ES")]
                ),
                ("Jane Roe:United States", [.init(name: "Jane Roe", country: "US")]),
                (
                    "Jane Roe:USA;Ivan Petrov:RUS",
                    [.init(name: "Jane Roe", country: "US"), .init(name: "Ivan Petrov", country: "RU")]
                ),
                ("Kim Jong:Korea, North", [.init(name: "Kim Jong", country: "KP")]),
                ("Jane Roe", [.init(name: "Jane Roe", country: nil)]),
                ("Jane Roe:", [.init(name: "Jane Roe", country: nil)]),
                ("Jane   Roe:us", [.init(name: "Jane Roe", country: "US")]),
                // A no-break, narrow or ideographic space is a space.
                ("Li\u{00A0}Wei:CN", [.init(name: "Li Wei", country: "CN")]),
                ("\u{00A0}Li \u{202F}\u{3000}Wei\u{2009}:CN", [.init(name: "Li Wei", country: "CN")]),
                ("Zoë\u{00A0}Ünal:TR", [.init(name: "Zoë Ünal", country: "TR")]),
                ("Garcia, Maria:ES", [.init(name: "Garcia, Maria", country: "ES")]),
                (
                    "Acme Holdings Ltd.:GB;;Ömer Yılmaz:Türkiye",
                    [.init(name: "Acme Holdings Ltd.", country: "GB"), .init(name: "Ömer Yılmaz", country: "TR")]
                ),
                (
                    "Ann Smith (US);Bo Li ( CN )",
                    [.init(name: "Ann Smith", country: "US"), .init(name: "Bo Li", country: "CN")]
                ),
                ("Acme (Holdings)", [.init(name: "Acme (Holdings)", country: nil)]),
                // A share after the country is read past, not taken for a name or a country.
                (
                    "Jane Roe:US:60%;Li Wei:CN: 12.5 %",
                    [.init(name: "Jane Roe", country: "US"), .init(name: "Li Wei", country: "CN")]
                ),
                (
                    "Jane Roe [US];Bo Li (CN, 40%)",
                    [.init(name: "Jane Roe", country: "US"), .init(name: "Bo Li", country: "CN")]
                ),
                ("Acme [Holdings]", [.init(name: "Acme [Holdings]", country: nil)]),
                ("", []), ("  ", []), (";", []), (" ; ; ", []),
                // An owner named by a placeholder and given no country is no owner; a placeholder country
                // is no country.
                ("Unknown", []), ("None", []), ("-", []), ("Unknown:N/A", []), (":", []), (" : - ", []),
                ("Ann Lee:US;(none)", [.init(name: "Ann Lee", country: "US")]),
                ("Ann Lee:N/A", [.init(name: "Ann Lee", country: nil)]),
                ("Ann Lee:NA", [.init(name: "Ann Lee", country: "NA")]),
            ] as [(String, [BeneficialOwner])])
        func reads(text: String, expected: [BeneficialOwner]) throws {
            let countries = try CanonicalFixtures.countries.get()
            #expect(try BeneficialOwnerList.parse(text, countries: countries) == expected)
            let fromBytes = CanonicalFixtures.withEmbeddedBytes(text) { bytes in
                Result { () throws(BeneficialOwnerList.ParseError) in
                    try BeneficialOwnerList.parse(bytes, countries: countries)
                }
            }
            #expect(try fromBytes.get() == expected)
        }

        @Test(
            "an owner named by a placeholder or by nothing, but given a country, is an owner whose name is not given",
            arguments: [
                ("Unknown:CN", [nil], ["CN"]), ("N/A:RU", [nil], ["RU"]), ("N/A:US", [nil], ["US"]),
                (":CN", [nil], ["CN"]), (" :  Iran ", [nil], ["IR"]), ("Unknown (CN)", [nil], ["CN"]),
                ("[unknown] [KP]", [nil], ["KP"]), ("unknown:Russia:25%", [nil], ["RU"]),
                ("Ann Lee:US;Unknown:CN;(none)", ["Ann Lee", nil], ["US", "CN"]),
                ("Li Wei:CN; :ES", ["Li Wei", nil], ["CN", "ES"]),
            ] as [(String, [String?], [String?])])
        func unnamedOwners(text: String, names: [String?], owners: [String?]) throws {
            let countries = try CanonicalFixtures.countries.get()
            let read = try BeneficialOwnerList.parse(text, countries: countries)
            #expect(read.map(\.country) == owners)
            #expect(read.map(\.name) == names)
        }

        @Test("the canonical form reads back as written: an owner without a country whose name ends in (US) has none")
        func canonicalRoundTrip() throws {
            let countries = try CanonicalFixtures.countries.get()
            let owners = [
                BeneficialOwner(name: "Harbor Holdings (US)"), BeneficialOwner(name: "Li Wei", country: "CN"),
                BeneficialOwner(name: nil, country: "RU"), BeneficialOwner(name: "Ann Lee [GB]"),
            ]
            var record = try #require(RunFixtures.evidence("a").account)
            record.beneficialOwners = owners
            let written = CanonicalRow.fields(record)[
                CanonicalRow.header(for: .accounts).firstIndex(of: "beneficial_owners")!]
            #expect(written == "Harbor Holdings (US):;Li Wei:CN;:RU;Ann Lee [GB]:")
            #expect(try BeneficialOwnerList.parse(written, countries: countries) == owners)
        }

        @Test(
            "names the part it cannot read",
            arguments: [
                (
                    "Li Wei:CN;Maria Garcia:Atlantis",
                    BeneficialOwnerList.ParseError(kind: .unknownCountry, part: "Maria Garcia:Atlantis", position: 2)
                ),
                ("Li Wei:XX", .init(kind: .unknownCountry, part: "Li Wei:XX", position: 1)),
                ("Unknown:Atlantis", .init(kind: .unknownCountry, part: "Unknown:Atlantis", position: 1)),
                ("Li Wei:CN:extra", .init(kind: .colonInName, part: "Li Wei:CN:extra", position: 1)),
                ("Li Wei:60%", .init(kind: .unknownCountry, part: "Li Wei:60%", position: 1)),
                ("Li Wei:CN|Bob Smith:US", .init(kind: .colonInName, part: "Li Wei:CN|Bob Smith:US", position: 1)),
                ("Li Wei:CN,Bob Smith:US", .init(kind: .colonInName, part: "Li Wei:CN,Bob Smith:US", position: 1)),
            ])
        func errors(text: String, expected: BeneficialOwnerList.ParseError) throws {
            let countries = try CanonicalFixtures.countries.get()
            let error = #expect(throws: BeneficialOwnerList.ParseError.self) {
                try BeneficialOwnerList.parse(text, countries: countries)
            }
            #expect(error == expected)
            #expect(error?.message.contains(expected.part) == true)
        }
    }
}
