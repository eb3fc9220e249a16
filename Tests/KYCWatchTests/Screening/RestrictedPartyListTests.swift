import Testing

@testable import KYCWatch

extension ScreeningTests {
    @Suite("Restricted-party list loaders")
    struct RestrictedPartyListTests {
        @Test("reads the OFAC SDN legacy set, joining alternate names and addresses on ent_num")
        func ofacSDN() throws {
            let sdn = try ScreeningFixtures.lists.get()[0]
            #expect(sdn.name == "OFAC SDN")
            #expect(sdn.entries.count == 8976)
            #expect(sdn.entries.reduce(0) { $0 + $1.aliases.count } == 11910)
            #expect(sdn.entries.reduce(0) { $0 + $1.addresses.count } > 11000)
            #expect(sdn.files.count == 3)

            let airline = try #require(sdn.entries.first { $0.id == "36" })
            #expect(airline.name == "AEROCARIBBEAN AIRLINES")
            #expect(airline.aliases == ["AERO-CARIBBEAN"])
            #expect(airline.programs == ["CUBA"])
            #expect(airline.partyType == .organization)
            #expect(airline.countries == ["Cuba"])
            #expect(airline.addresses == ["Havana, Cuba"])
            #expect(airline.location?.line == 1)

            let bank = try #require(sdn.entries.first { $0.id == "306" })
            #expect(bank.aliases.contains("NATIONAL BANK OF CUBA"))
            #expect(bank.countries.contains("Switzerland") && bank.countries.contains("Japan"))

            let leader = try #require(sdn.entries.first { $0.id == "2676" })
            #expect(leader.name == "AL ZAWAHIRI, Dr. Ayman")
            #expect(leader.partyType == .individual)
            #expect(leader.aliases.contains("AL-ZAWAHIRI, Ayman"))

            let president = try #require(sdn.entries.first { $0.name == "MADURO MOROS, Nicolas" })
            #expect(president.programs == ["VENEZUELA", "IRAN-CON-ARMS-EO"])
            #expect(president.countries.contains("Venezuela"))

            #expect(sdn.entries.contains { $0.partyType == .vessel })
            #expect(sdn.entries.contains { $0.partyType == .aircraft })
            #expect(Set(sdn.entries.map(\.id)).count == sdn.entries.count)
        }

        @Test("reads the BIS Denied Persons List, one entry per name with all its addresses")
        func deniedPersons() throws {
            let dpl = try ScreeningFixtures.lists.get()[1]
            #expect(dpl.name == "BIS DPL")
            #expect(dpl.entries.count > 400 && dpl.entries.count < 581)
            #expect(dpl.entries.reduce(0) { $0 + $1.addresses.count } >= 560)
            let elashi = try #require(dpl.entries.first { $0.name == "IHSAN MEDHAT \"SAMMY\" ELASHI" })
            #expect(elashi.id == elashi.name)
            #expect(elashi.addresses.count >= 2)
            #expect(elashi.countries == ["US"])
            let villa = try #require(dpl.entries.first { $0.name == "AARON ABRAHAM VILLA" })
            #expect(villa.listedUntil == CalendarDay("2026-01-14"))
            #expect(dpl.entries.contains { $0.listedUntil == nil })
        }

        @Test("reads the Consolidated Screening List with sources, alternate names and countries")
        func consolidatedScreeningList() throws {
            let csl = try ScreeningFixtures.lists.get()[2]
            #expect(csl.name == "CSL")
            #expect(csl.entries.count == 110)
            #expect(Set(csl.entries.compactMap(\.source)).count == 9)
            let transneft = try #require(csl.entries.first { $0.name == "AK TRANSNEFT OAO" })
            #expect(transneft.source == "Sectoral Sanctions Identifications List (SSI) - Treasury Department")
            #expect(transneft.id == "17254")
            #expect(transneft.aliases.contains("TRANSNEFT"))
            #expect(transneft.countries == ["RU"])
            #expect(transneft.programs == ["UKRAINE-EO13662"])
            let entityList = try #require(csl.entries.first { $0.name == "3K Aviation Consulting and Logistics" })
            #expect(entityList.id == entityList.name)
            #expect(entityList.countries == ["TR"])
            // Five Entity List rows, one per address, without a number: one party.
            let migeotte = csl.entries.filter { $0.name == "Gunther Migeotte" }
            #expect(migeotte.count == 1)
            #expect(migeotte.first?.addresses.count == 8)
            #expect(migeotte.first?.countries == ["ZA", "NO"])
        }

        @Test("a missing file is an error naming it, not an empty list")
        func missingFile() {
            #expect {
                try RestrictedPartyList.loadDeniedPersons(path: "/nonexistent/dpl.txt")
            } throws: { error in
                let error = error as? KYCWatchError
                return error?.code == .fileUnreadable && error?.location?.file == "/nonexistent/dpl.txt"
            }
        }

        @Test("an empty file is an error, not an empty list")
        func emptyFile() throws {
            let file = try ScreeningFixtures.TemporaryFile(named: "sdn.csv", contents: "")
            #expect {
                try RestrictedPartyList.loadOFACSDN(sdnPath: file.path, alternateNamesPath: nil, addressesPath: nil)
            } throws: { error in
                (error as? KYCWatchError)?.code == .screeningListInvalid
            }
        }

        /// The first row of sdn.csv as OFAC writes it (CRLF, `-0-` for empty), 81 bytes.
        static let sdnRow = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
        /// The rest of a second row after its ent_num (2676).
        static let zawahiri: String =
            ",\"AL ZAWAHIRI, Dr. Ayman\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"nationality Egypt.\"\r\n"
        static let shortRow: String = "173,\"ANGLO-CARIBBEAN CO., LTD.\",-0- ,\"CUBA\",-0- ,-0- \r\n"
        /// A row of 13 fields whose 12th runs over two lines.
        static let longRow: String =
            "2676,\"AL ZAWAHIRI\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"nationality\r\nEgypt.\",-0- \r\n"
        static let unnamedRow: String = "540,-0- ,\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
        static let deniedPersonsHeader: String = "Name\tStreet_Address\tCity\tState\tCountry\tPostal_Code"
        static let altRows: String = "36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n999,13,\"aka\",\"NOBODY\",-0- \r\n"
        static let unnamedCSLRow: String =
            "source,name,alt_names\nEntity List (EL) - Bureau of Industry and Security,,X\n"
        static let unnamedDeniedPerson: String = deniedPersonsHeader + "\n\t1 MAIN ST\tAUSTIN\tTX\tUS\t78701\n"
        static let badExpiration: String =
            deniedPersonsHeader + "\tExpiration_Date\nJOHN DOE\t1 MAIN ST\tAUSTIN\tTX\tUS\t78701\t01/14/2026\n"
            + "JANE DOE\t1 MAIN ST\tAUSTIN\tTX\tUS\t78701\tsoon\n"
        static let ragged: String = sdnRow + shortRow
        static let overlong: String = sdnRow + longRow
        static let notNumber: String = sdnRow + "X12" + zawahiri
        static let twice: String = sdnRow + "2676" + zawahiri + sdnRow
        static let unnamed: String = sdnRow + unnamedRow

        /// List file, its text, and the line, column and words of the error.
        static let unreadableRows: [(String, String, Int, Int, String)] = [
            ("sdn.csv", ragged, 2, 54, "found 6: the row ends where field 7 (Vess_type) should start"),
            ("sdn.csv", overlong, 3, 9, "found 13: field 13 is past the last column"),
            ("sdn.csv", notNumber, 2, 1, "ent_num 'X12' is not a number"),
            ("sdn.csv", twice, 3, 1, "ent_num 36 appears twice (first on line 1)"),
            ("sdn.csv", unnamed, 2, 5, "entry 540 has no name: its SDN_Name is empty"),
            ("alt.csv", altRows, 2, 1, "ent_num '999' is not in sdn.csv"),
            ("csl.csv", unnamedCSLRow, 2, 52, "row has no name: its name is empty"),
            ("dpl.txt", unnamedDeniedPerson, 2, 1, "has no name: its Name is empty"),
            ("dpl.txt", badExpiration, 3, 39, "Expiration_Date 'soon'"),
        ]

        @Test(
            "a row a loader cannot read is an error at the line and column of the field at fault, named",
            arguments: unreadableRows)
        func unreadableRow(list: String, contents: String, line: Int, column: Int, words: String) throws {
            let file = try ScreeningFixtures.TemporaryFile(named: list, contents: contents)
            let sdn = try ScreeningFixtures.TemporaryFile(named: "sdn.csv", contents: Self.sdnRow)
            #expect {
                switch list {
                case "sdn.csv":
                    _ = try RestrictedPartyList.loadOFACSDN(
                        sdnPath: file.path, alternateNamesPath: nil, addressesPath: nil)
                case "alt.csv":
                    _ = try RestrictedPartyList.loadOFACSDN(
                        sdnPath: sdn.path, alternateNamesPath: file.path, addressesPath: nil)
                case "csl.csv": _ = try RestrictedPartyList.loadConsolidatedScreeningList(path: file.path)
                default: _ = try RestrictedPartyList.loadDeniedPersons(path: file.path)
                }
            } throws: { error in
                guard let error = error as? KYCWatchError else { return false }
                return error.code == .screeningListInvalid
                    && error.location == SourceLocation(file: file.path, line: line, column: column)
                    && error.message.contains(words)
            }
        }

        @Test("an alternate name for an entry sdn.csv lacks is an error: the files are from different versions")
        func orphanAlias() throws {
            let sdn = try ScreeningFixtures.TemporaryFile(
                named: "sdn.csv",
                contents: """
                    36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r
                    2676,"AL ZAWAHIRI, Dr. Ayman","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"nationality Egypt."\r
                    \u{1A}
                    """)
            let alt = try ScreeningFixtures.TemporaryFile(
                named: "alt.csv",
                contents: """
                    36,12,"aka","AERO-CARIBBEAN",-0- \r
                    999,13,"aka","NOBODY",-0- \r

                    """)
            let list = try RestrictedPartyList.loadOFACSDN(
                sdnPath: sdn.path, alternateNamesPath: nil, addressesPath: nil)
            #expect(list.entries.map(\.id) == ["36", "2676"])
            #expect(list.entries[1].countries == ["Egypt"])
            #expect {
                try RestrictedPartyList.loadOFACSDN(sdnPath: sdn.path, alternateNamesPath: alt.path, addressesPath: nil)
            } throws: { error in
                (error as? KYCWatchError)?.location == SourceLocation(file: alt.path, line: 2, column: 1)
            }
        }

        @Test("a Denied Persons file without the expected columns is an error")
        func deniedPersonsHeader() throws {
            let file = try ScreeningFixtures.TemporaryFile(
                named: "dpl.txt", contents: "\"Name\"\t\"City\"\t\"Country\"\n\"JOHN DOE\"\t\"AUSTIN\"\t\"US\"\n")
            #expect {
                try RestrictedPartyList.loadDeniedPersons(path: file.path)
            } throws: { error in
                guard let error = error as? KYCWatchError else { return false }
                return error.code == .csvHeader && error.message.contains("Street_Address")
            }
        }

        @Test("a byte that is not UTF-8 in a real list is an error at its line and column, naming the byte")
        func notUTF8() throws {
            var bytes = try ScreeningFixtures.listBytes("sdn.csv")
            let name = Array("\"BANCO NACIONAL DE CUBA\"".utf8)
            let start = try #require(bytes.indices.first { bytes[$0...].starts(with: name) })
            let line = bytes[..<start].count { $0 == 0x0A } + 1
            let lineStart = try #require(bytes[..<start].lastIndex(of: 0x0A)) + 1
            // A Latin-1 É (0xC9) after the name, as a copy saved in Windows-1252 would have it.
            bytes.insert(contentsOf: [0x20, 0xC9], at: start + name.count - 1)
            let file = try ScreeningFixtures.TemporaryFile(named: "sdn.csv", bytes: bytes)
            #expect {
                try RestrictedPartyList.loadOFACSDN(sdnPath: file.path, alternateNamesPath: nil, addressesPath: nil)
            } throws: { error in
                guard let error = error as? KYCWatchError else { return false }
                return error.code == .screeningListInvalid
                    && error.location
                        == SourceLocation(file: file.path, line: line, column: start + name.count - lineStart + 1)
                    && error.message.contains("byte 0xC9 in field 2 (SDN_Name) is not UTF-8")
            }
            // Text in UTF-8 beyond ASCII is read as written.
            bytes[start + name.count] = 0xC3
            bytes.insert(0x89, at: start + name.count + 1)
            let valid = try ScreeningFixtures.TemporaryFile(named: "sdn.csv", bytes: bytes)
            let list = try RestrictedPartyList.loadOFACSDN(
                sdnPath: valid.path, alternateNamesPath: nil, addressesPath: nil)
            #expect(list.entries.contains { $0.name == "BANCO NACIONAL DE CUBA É" })
        }

        @Test("malformed quoting in a list is an error with its line")
        func malformedQuoting() throws {
            let file = try ScreeningFixtures.TemporaryFile(
                named: "csl.csv",
                contents: """
                    source,name,alt_names
                    Entity List (EL) - Bureau of Industry and Security,"Good Name",
                    Entity List (EL) - Bureau of Industry and Security,"Bad "Quote" Name",

                    """)
            #expect {
                try RestrictedPartyList.loadConsolidatedScreeningList(path: file.path)
            } throws: { error in
                guard let error = error as? KYCWatchError else { return false }
                return error.code == .csvMalformed && error.location?.line == 3
            }
        }
    }
}
