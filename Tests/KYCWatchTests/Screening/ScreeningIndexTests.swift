import Testing

@testable import KYCWatch

extension ScreeningTests {
    @Suite("Screening index and matching")
    struct ScreeningIndexTests {
        /// Listed parties written the way customers write them, and the list entry each must find.
        @Test(
            "finds listed parties reordered, without legal form, with a typo, by alias, accented or in lower case",
            arguments: [
                ("Nicolas Maduro Moros", "OFAC SDN", "22790"),
                ("NICOLÁS MADURO MOROS", "OFAC SDN", "22790"),
                ("Ayman al-Zawahiri", "OFAC SDN", "2676"),
                ("ayman al zawahiri", "OFAC SDN", "2676"),
                ("Anglo Caribbean Company Limited", "OFAC SDN", "173"),
                ("Anglo-Caribbean", "OFAC SDN", "173"),
                ("Aerocaribean Airlines", "OFAC SDN", "36"),
                ("National Bank of Cuba", "OFAC SDN", "306"),
                ("Banco Nacional de Cuba S.A.", "OFAC SDN", "306"),
                ("Transneft OJSC", "CSL", "17254"),
                ("Ihsan Medhat Elashi", "BIS DPL", "IHSAN MEDHAT ELASHI"),
            ])
        func findsListedParties(name: String, list: String, entryID: String) throws {
            let index = try ScreeningFixtures.index.get()
            let matches = index.screen(ScreeningQuery(name: name))
            #expect(
                matches.contains { $0.list == list && $0.entryID == entryID },
                "\(name): \(matches.map { "\($0.matchedName) \($0.score)" })")
        }

        @Test(
            "a word has one blocking key per deletion from 4 to 64 bytes, and only its own key outside them",
            arguments: [(3, 1), (4, 5), (64, 65), (65, 1), (200_000, 1)])
        func blockingKeys(length: Int, keys: Int) {
            let word = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            var count = 0
            word.withUnsafeBufferPointer { word in ScreeningIndex.forEachBlockingKey(of: word) { _ in count += 1 } }
            #expect(count == keys)
        }

        @Test("a name of one very long word is screened at once and matches nothing")
        func longWord() throws {
            let index = try ScreeningFixtures.index.get()
            #expect(index.screen(ScreeningQuery(name: String(repeating: "A", count: 100_000))).isEmpty)
        }

        @Test(
            "ordinary names do not flood the output",
            arguments: [
                "John Smith Consulting LLC", "Global Trading Co.", "Nordic Cloud Analytics AB",
                "International Trading Company",
                "General Trading LLC", "Acme Cloud Services Inc.", "Pacific Logistics Ltd", "Maria Garcia",
                "David Miller", "Sunrise Technologies Pvt Ltd", "Blue Ocean Shipping GmbH", "Alpha Data Labs",
            ])
        func ordinaryNames(name: String) throws {
            let index = try ScreeningFixtures.index.get()
            let matches = index.screen(ScreeningQuery(name: name, countries: ["US"]))
            #expect(matches.isEmpty, "\(name): \(matches.map { "\($0.matchedName) \($0.score)" })")
        }

        /// People under the name they go by: first name and surname, without a middle name or second surname.
        @Test(
            "finds listed people under their short name",
            arguments: [
                ("Nicolas Maduro", "OFAC SDN", "22790"), ("Viktor Bout", "OFAC SDN", "8279"),
                ("Gregory Justice", "BIS DPL", "GREGORY ALLEN JUSTICE"), ("Nicolas Moros", "OFAC SDN", "22790"),
            ])
        func shortNames(name: String, list: String, entryID: String) throws {
            let index = try ScreeningFixtures.index.get()
            let matches = index.screen(ScreeningQuery(name: name))
            #expect(
                matches.contains { $0.list == list && $0.entryID == entryID },
                "\(name): \(matches.map { "\($0.matchedName) \($0.score)" })")
        }

        @Test("a short name counts as one only in the listed order and with every word exact")
        func notShortNames() throws {
            let index = try ScreeningFixtures.index.get()
            let listed = index.screen(ScreeningQuery(name: "Nicolas Maduro")).first { $0.entryID == "22790" }
            for name in ["Maduro Nicolas", "Nicolas Madura"] {
                let match = index.screen([ScreeningQuery(name: name)], threshold: 0.5)[0].first {
                    $0.entryID == "22790"
                }
                #expect(
                    (match?.nameScore ?? 0) < (listed?.nameScore ?? 1) - 0.04, "\(name): \(String(describing: match))")
            }
        }

        /// Companies named after an ordinary word that is a listed ship's name (`DOVER`, `HELM`) or alias
        /// (`PIONEER`): customers and owners are people and companies, never ships or aircraft.
        @Test(
            "a company named after a listed vessel matches no vessel or aircraft",
            arguments: [
                ("Dover Corporation", "US"), ("Helm AG", "DE"), ("Patriot Corp", "US"), ("Zeus GmbH", "DE"),
                ("Atlantic Ltd", "GB"), ("Pioneer LLC", "US"), ("Crystal Inc.", ""), ("Fortune Co., Ltd.", ""),
            ])
        func vesselNames(name: String, country: String) throws {
            let index = try ScreeningFixtures.index.get()
            let matches = index.screen(ScreeningQuery(name: name, countries: country.isEmpty ? [] : [country]))
            #expect(
                !matches.contains { $0.partyType == .vessel || $0.partyType == .aircraft },
                "\(name): \(matches.map { "\($0.matchedName) \($0.partyType) \($0.score)" })")
        }

        @Test("a vessel's name is still found when vessels are screened")
        func vesselsWhenAsked() throws {
            let index = ScreeningIndex(
                lists: try ScreeningFixtures.lists.get(),
                configuration: ScreeningConfiguration(unmatchedPartyTypes: []),
                countries: try ScreeningFixtures.countries.get())
            #expect(index.screen(ScreeningQuery(name: "Dover")).contains { $0.partyType == .vessel })
        }

        /// Exact listed names with a declared country the entry does not have: the name score is 1 whatever
        /// the words' weights add up to in single precision, and the score 1 − 0.05, all alike.
        @Test(
            "an exact listed name scores 1, and 0.95 with a conflicting country, never a rounding away from it",
            arguments: [
                ("Kim Jong Un", "US", "20157"), ("Julio Cesar Arboleda Romero", "US", "4281"),
                ("Colombiana de Cerdos Ltda.", "US", "6531"), ("Banco Nacional de Cuba S.A.", "CU", "306"),
            ])
        func exactNameScores(name: String, country: String, entryID: String) throws {
            let index = try ScreeningFixtures.index.get()
            let matches = index.screen(ScreeningQuery(name: name, countries: [country]))
            let match = try #require(matches.first { $0.list == "OFAC SDN" && $0.entryID == entryID })
            #expect(match.nameScore == 1)
            #expect(match.score == 0.95)
            #expect(match.countryAgreement == .conflicts)
            #expect(matches.allSatisfy { (0...1).contains($0.nameScore) && (0...1).contains($0.score) })
            let unscored = try #require(index.screen(ScreeningQuery(name: name)).first { $0.entryID == entryID })
            #expect(unscored.nameScore == 1 && unscored.score == 1)
        }

        @Test("a match carries the entry, the matched alias, programs, score and the word pairs")
        func matchEvidence() throws {
            let index = try ScreeningFixtures.index.get()
            let match = try #require(index.screen(ScreeningQuery(name: "Aerocaribean Airlines")).first)
            #expect(match.list == "OFAC SDN")
            #expect(match.entryID == "36")
            #expect(match.entryName == "AEROCARIBBEAN AIRLINES")
            #expect(match.programs == ["CUBA"])
            #expect(match.partyType == .organization)
            #expect(match.score < 1 && match.score >= index.configuration.threshold)
            #expect(match.tokenPairs.map(\.query) == ["aerocaribean", "airlines"])
            #expect(match.tokenPairs.map(\.listed) == ["aerocaribbean", "airlines"])
            #expect(match.tokenPairs[0].similarity < 1 && match.tokenPairs[1].similarity == 1)
            #expect(match.countryAgreement == .unknown)

            #expect(index.entry(list: match.list, id: match.entryID)?.addresses == ["Havana, Cuba"])
            #expect(index.entry(list: "OFAC SDN", id: "no such id") == nil)

            let alias = try #require(index.screen(ScreeningQuery(name: "National Bank of Cuba")).first)
            #expect(alias.matchedAlias && alias.matchedName == "NATIONAL BANK OF CUBA")
            #expect(alias.entryName == "BANCO NACIONAL DE CUBA")
        }

        @Test("common words weigh less than rare ones")
        func rarity() throws {
            let index = try ScreeningFixtures.index.get()
            #expect(index.weight(of: "trading") < index.weight(of: "aerocaribbean") / 2)
            #expect(index.weight(of: "al") < index.weight(of: "zawahiri") / 2)
            #expect(index.weight(of: "neverlistedword") >= index.weight(of: "aerocaribbean"))
        }

        @Test("a shared country raises the score and a conflicting one lowers it")
        func countryEvidence() throws {
            let index = try ScreeningFixtures.index.get()
            let plain = try #require(index.screen(ScreeningQuery(name: "Aerocaribean Airlines")).first)
            let agrees = try #require(
                index.screen(ScreeningQuery(name: "Aerocaribean Airlines", countries: ["Cuba"])).first)
            let conflicts = index.screen(
                [ScreeningQuery(name: "Aerocaribean Airlines", countries: ["FR"])], threshold: 0.5)[0]
            #expect(agrees.countryAgreement == .agrees(["CU"]))
            #expect(agrees.score > plain.score)
            #expect(agrees.nameScore == plain.nameScore)
            let lowered = try #require(conflicts.first { $0.entryID == "36" })
            #expect(lowered.countryAgreement == .conflicts)
            #expect(lowered.score < plain.score)
        }

        @Test("country evidence never creates a match from a name that does not match")
        func countryAlone() throws {
            let entry = RestrictedPartyEntry(list: "TEST", id: "1", name: "ZARYAB TEXTILE MILLS", countries: ["PK"])
            let index = ScreeningIndex(lists: [RestrictedPartyList(name: "TEST", entries: [entry])])
            let threshold = index.configuration.threshold
            // A name just under the threshold on its own: the country raise is not enough to report it...
            let near = index.screen([ScreeningQuery(name: "Zaryab Textile Trading")], threshold: 0.01)[0]
            let nearScore = try #require(near.first?.nameScore)
            #expect(nearScore < threshold - index.configuration.countryAgreementBonus)
            #expect(index.screen(ScreeningQuery(name: "Zaryab Textile Trading", countries: ["PK"])).isEmpty)
            // ...and an unrelated name with the same country finds nothing at all.
            #expect(
                index.screen([ScreeningQuery(name: "Lahore Cotton Company", countries: ["PK"])], threshold: 0.01)[0]
                    .isEmpty
            )
            // The exact name is found with or without the country.
            #expect(index.screen(ScreeningQuery(name: "Zaryab Textile Mills Ltd", countries: ["PK"])).first?.score == 1)
        }

        @Test("every name of an entry is indexed and the best one is reported once")
        func oneMatchPerEntry() throws {
            let entry = RestrictedPartyEntry(
                list: "TEST", id: "7", name: "ORION STAR SHIPPING", aliases: ["ORION STAR MARITIME", "ORION STAR"])
            let index = ScreeningIndex(lists: [RestrictedPartyList(name: "TEST", entries: [entry])])
            #expect(index.nameCount == 3)
            let matches = index.screen(ScreeningQuery(name: "Orion Star Maritime Inc."))
            #expect(matches.count == 1)
            #expect(matches.first?.matchedName == "ORION STAR MARITIME")
            #expect(matches.first?.score == 1)
        }

        @Test("names with nothing to match and an empty index return no matches")
        func emptyInputs() throws {
            let index = try ScreeningFixtures.index.get()
            #expect(index.screen(ScreeningQuery(name: "")).isEmpty)
            #expect(index.screen(ScreeningQuery(name: " -- ")).isEmpty)
            let empty = ScreeningIndex(lists: [])
            #expect(empty.screen(ScreeningQuery(name: "Aerocaribbean Airlines")).isEmpty)
        }

        @Test("screening from many tasks at once gives the same results as one after another")
        func concurrentScreening() async throws {
            let index = try ScreeningFixtures.index.get()
            let set = ScreeningEvaluationSet.build(
                lists: try ScreeningFixtures.lists.get(), seed: 11, positiveCount: 60, negativeCount: 200)
            let queries = (set.positives.map(\.query) + set.negatives).map {
                ScreeningQuery(name: $0, countries: ["US"])
            }
            let sequential = index.screen(queries)
            let concurrent = await withTaskGroup(of: (Int, [[ScreeningMatch]]).self) { group in
                let chunk = 20
                for start in stride(from: 0, to: queries.count, by: chunk) {
                    group.addTask { (start, index.screen(Array(queries[start..<min(start + chunk, queries.count)]))) }
                }
                var results = [[ScreeningMatch]](repeating: [], count: queries.count)
                for await (start, matches) in group {
                    for (offset, match) in matches.enumerated() { results[start + offset] = match }
                }
                return results
            }
            #expect(concurrent == sequential)
            #expect(sequential.contains { !$0.isEmpty })
        }

        @Test("the configuration is checked")
        func configuration() {
            #expect(throws: Never.self) { try ScreeningConfiguration().validate() }
            #expect(throws: KYCWatchError.self) { try ScreeningConfiguration(threshold: 1.5).validate() }
            #expect(throws: KYCWatchError.self) { try ScreeningConfiguration(countryAgreementBonus: 0.9).validate() }
        }

        @Test(
            "countries resolve from names, aliases and codes",
            arguments: [
                ("Korea, North", "KP"), ("Burma", "MM"), ("IRN", "IR"), ("iran", "IR"), ("US", "US"),
                ("United Kingdom", "GB"), ("Congo, Democratic Republic of the", "CD"), ("Côte d'Ivoire", "CI"),
            ])
        func countries(name: String, code: String) throws {
            #expect(try ScreeningFixtures.countries.get().code(for: name) == code)
        }

        @Test("an unknown country is no evidence; a bare two-letter code is taken as a code")
        func unknownCountries() {
            let resolver = ScreeningCountryResolver()
            #expect(resolver.code(for: "Atlantis") == nil)
            #expect(resolver.code(for: "de") == "DE")
            #expect(resolver.codes(for: ["DE", "de", "Atlantis"]) == ["DE"])
        }
    }
}
