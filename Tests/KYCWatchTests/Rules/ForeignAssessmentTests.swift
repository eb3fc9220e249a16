import Testing

@testable import KYCWatch

@Suite("Foreign-person signals from access")
struct ForeignAssessmentTests {
    /// An account with no CIP record whose access came from `direct` events by country and
    /// `anonymized` events through Tor exits, by the exits' countries.
    private func account(direct: [String: Int], anonymized: [String: Int]) -> AccountEvidence {
        var evidence = AccountEvidence(accountID: "a")
        for (country, events) in direct { evidence.accessEventsByCountry[country, default: 0] += events }
        for (country, events) in anonymized {
            evidence.accessEventsByCountry[country, default: 0] += events
            evidence.anonymizedEventsByCountry[country, default: 0] += events
            evidence.anonymizedEvents["tor", default: 0] += events
        }
        return evidence
    }

    @Test(
        "an anonymizer's exit country is not where the customer is; its use is one signal, not two",
        arguments: [
            // (direct, anonymized, expected kinds)
            ([String: Int](), ["DE": 80, "NL": 20], ["anonymizer"]),
            (["US": 100], ["DE": 300], ["anonymizer"]),
            (["CN": 60, "US": 40], ["DE": 10], ["access-geography"]),
            (["CN": 60, "US": 40], ["DE": 50], ["access-geography", "anonymizer"]),
            (["CN": 4], ["DE": 100], ["anonymizer"]),  // too few direct events to place the customer
        ])
    func anonymizedAccess(direct: [String: Int], anonymized: [String: Int], kinds: [String]) throws {
        let countries = try CanonicalFixtures.countries.get()
        let assessment = ForeignAssessment(
            account: account(direct: direct, anonymized: anonymized), countries: countries)
        // The account has no record: presumed foreign, beside what its access shows.
        #expect(assessment.signals.map(\.kind).sorted() == (kinds + [ForeignAssessment.noRecord]).sorted())
        if let geography = assessment.signals.first(where: { $0.kind == "access-geography" }) {
            #expect(geography.country == "CN")
            let through = anonymized.values.reduce(0, +)
            #expect(
                geography.detail.hasSuffix("(\(through) more through anonymizers not counted)"), "\(geography.detail)")
        }
    }

    @Test(
        "the share from abroad is of located events: addresses in no range neither hide nor make it",
        arguments: [
            // (direct events by country, `??` not located; expected detail of the signal, nil when none)
            (
                ["CN": 12, "??": 20],
                "12 of 12 access events from abroad, all from CN (20 more from addresses that "
                    + "could not be located, not counted)"
            ),
            (
                ["CN": 12, "US": 8, "??": 1_000],
                "12 of 20 access events from abroad, all from CN (1,000 more from "
                    + "addresses that could not be located, not counted)"
            ),
            (["CN": 12], "12 of 12 access events from abroad, all from CN"),
            (["CN": 12, "US": 13, "??": 50], nil),  // under half of the located events
            (["CN": 9, "??": 500], nil),  // too few located events to place the customer
            (["??": 500], nil),
        ] as [([String: Int], String?)])
    func unlocatedAccess(direct: [String: Int], detail: String?) throws {
        let countries = try CanonicalFixtures.countries.get()
        let assessment = ForeignAssessment(account: account(direct: direct, anonymized: [:]), countries: countries)
        #expect(assessment.signals.first { $0.kind == "access-geography" }?.detail == detail)
        #expect(assessment.unlocatedAccessEvents == direct["??", default: 0])
    }

    @Test("events through an anonymizer and events not located are told apart in the signal")
    func anonymizedAndUnlocated() throws {
        let countries = try CanonicalFixtures.countries.get()
        let assessment = ForeignAssessment(
            account: account(direct: ["RU": 30, "??": 7], anonymized: ["??": 5, "NL": 4]), countries: countries)
        let geography = try #require(assessment.signals.first { $0.kind == "access-geography" })
        #expect(
            geography.detail
                == "30 of 30 access events from abroad, all from RU (9 more through anonymizers not counted; 7 more "
                + "from addresses that could not be located, not counted)")
        #expect(assessment.unlocatedAccessEvents == 7)
    }

    @Test(
        "every country seen from abroad is named; adversaries holding a quarter of it weigh it as theirs",
        arguments: [
            // (direct events by country; the country it is weighed by, its weight, the detail's list)
            (["DE": 7, "RU": 5], "RU", 1.05, "7 from DE, 5 from RU"),
            (["RU": 12], "RU", 1.05, "all from RU"),
            (["DE": 10, "RU": 2], "DE", 0.7, "10 from DE, 2 from RU"),  // under a quarter
            (["DE": 6, "GB": 6, "CN": 3, "RU": 1], "CN", 1.05, "6 from DE, 6 from GB, 3 from CN, 1 from RU"),
            (["DE": 6, "FR": 6], "DE", 0.7, "6 from DE, 6 from FR"),  // a tie goes to the first by code
            (
                ["DE": 6, "FR": 5, "GB": 4, "IT": 3, "NL": 2, "PL": 1, "SE": 1], "DE", 0.7,
                "6 from DE, 5 from FR, 4 from GB, 3 from IT, 2 from NL, and 2 more countries"
            ),
        ] as [([String: Int], String, Double, String)])
    func severalCountries(direct: [String: Int], weighedBy: String, weight: Double, list: String) throws {
        let countries = try CanonicalFixtures.countries.get()
        let assessment = ForeignAssessment(account: account(direct: direct, anonymized: [:]), countries: countries)
        let geography = try #require(assessment.signals.first { $0.kind == "access-geography" })
        let total = direct.values.reduce(0, +)
        let separator = direct.count == 1 ? ", " : ": "
        #expect(geography.detail == "\(total) of \(total) access events from abroad\(separator)\(list)")
        #expect(geography.country == weighedBy)
        #expect(abs(geography.weight - weight) < 1e-9)
        #expect(Set(geography.countries) == Set(direct.keys))
    }

    /// A US-declared organization owned by a US person, paying with a card of `card`'s country and
    /// giving `phone` of calling code `code`.
    private func declaredUS(card: String, phone: String, code: String) -> AccountEvidence {
        var evidence = RunFixtures.evidence("k", phone: phone)
        evidence.account?.phoneCallingCode = code
        evidence.account?.paymentCountry = card
        return evidence
    }

    @Test("a US declaration contradicted abroad is said once, and weighed by the adversary among what contradicts it")
    func inconsistencyOnce() throws {
        let countries = try CanonicalFixtures.countries.get()
        let first = ForeignAssessment(
            account: declaredUS(card: "DE", phone: "+7 495 123 4567", code: "7"), countries: countries)
        let second = ForeignAssessment(
            account: declaredUS(card: "RU", phone: "+49 30 123456", code: "49"), countries: countries)
        for assessment in [first, second] {
            let inconsistency = try #require(assessment.signals.first { $0.kind == "us-declared-inconsistent" })
            #expect(inconsistency.country == "RU")
            #expect(abs(inconsistency.weight - 0.75) < 1e-9)
        }
        let inconsistency = try #require(first.signals.first { $0.kind == "us-declared-inconsistent" })
        #expect(inconsistency.detail == "declared US, contradicted by its payment instrument (DE) and phone (RU)")
        #expect(first.signals.first { $0.kind == "phone" }?.detail == "phone calling code +7 (RU)")
    }

    @Test("a member of an organization listing no owners is presumed foreign, as its parent is")
    func memberOfOwnerlessParent() throws {
        let countries = try CanonicalFixtures.countries.get()
        var member = RunFixtures.evidence("m", owners: [])
        member.account?.parentAccountID = "p"
        member.parents = RunFixtures.records(RunFixtures.evidence("p", owners: []))
        let assessment = ForeignAssessment(account: member, countries: countries)
        #expect(assessment.signals.map(\.kind) == [ForeignAssessment.ownersNotGiven])
        #expect(assessment.score == 1.0)
        #expect(!assessment.hasIndicators)
        member.parents = RunFixtures.records(RunFixtures.evidence("p"))
        #expect(ForeignAssessment(account: member, countries: countries).signals.isEmpty)
    }

    /// The evidence the evidence builder makes of organizations declared in `country` (US unless given),
    /// naming `parent`, and listing `owners` (none unless given): by account id.
    private static func built(
        _ accounts: [(id: String, parent: String?, country: String, owners: [BeneficialOwner])]
    ) async throws -> [String: AccountEvidence] {
        let builder = EvidenceBuilder(
            assumptions: .init(catalog: RunFixtures.catalogs.accelerators, ruleParameters: [:]), locate: nil)
        for account in accounts {
            let evidence = RunFixtures.evidence(
                account.id, country: account.country, owners: account.owners, parent: account.parent)
            try builder.accept(try #require(evidence.account), fields: [])
        }
        return Dictionary(uniqueKeysWithValues: await builder.evidence().map { ($0.accountID, $0) })
    }

    @Test(
        "a member two parents down is weighed by its parents up to its organization's top: each one's declaration, the nearest listing owners, and the top's gap when none does"
    )
    func parentChain() async throws {
        let countries = try CanonicalFixtures.countries.get()
        let us = [BeneficialOwner(name: "Jane Doe", country: "US")]
        let cn = [BeneficialOwner(name: "Zhang San", country: "CN")]
        let evidence = try await Self.built([
            // A US top account with a US owner, and two generations billed through it.
            ("a0", nil, "US", us), ("a1", "a0", "US", []), ("a2", "a1", "US", []),
            // A Chinese top account with a Chinese owner.
            ("b0", nil, "CN", cn), ("b1", "b0", "US", []), ("b2", "b1", "US", []),
            // A US top account listing no owners: the gap is its own.
            ("c0", nil, "US", []), ("c1", "c0", "US", []), ("c2", "c1", "US", []),
            // A Chinese top account whose US member lists a US owner: its owners are the nearest.
            ("d0", nil, "CN", cn), ("d1", "d0", "US", us), ("d2", "d1", "US", []),
            // Parents declared in China and Japan: each country weighs once, by the nearest declared there.
            ("e0", nil, "CN", cn), ("e1", "e0", "JP", []), ("e2", "e1", "CN", []), ("e3", "e2", "US", []),
        ])
        func assessed(_ id: String) throws -> ForeignAssessment {
            ForeignAssessment(account: try #require(evidence[id]), countries: countries)
        }
        #expect(try assessed("a2").signals.isEmpty)
        let b2 = try assessed("b2")
        #expect(
            b2.signals.map { "\($0.kind): \($0.detail)" } == [
                "parent: b1's parent account b0 declared in CN",
                "parent-beneficial-owner: b1's parent account b0's beneficial owner Zhang San (CN)",
            ])
        #expect(b2.licensingRedFlagCountries == ["CN"])
        let flag = "in EAR Country Group D:5 or Macau (CN): AI training for such parties is a BIS licensing red flag"
        #expect(b2.licensingRedFlag == "billed through a parent account declared " + flag)
        // Declared there itself as well as its top: its own place of business.
        #expect(try assessed("e2").licensingRedFlag == "declared or headquartered " + flag)
        #expect(b2.score == (try assessed("b1")).score)
        let c2 = try assessed("c2")
        #expect(
            c2.signals.map(\.detail) == [
                "c1's parent account c0, an organization listing no beneficial owners, so presumed foreign"
            ])
        #expect(
            GroupForeignMembers.gap(of: try #require(evidence["c2"]))
                == "a member of c1's parent account c0, an organization listing no beneficial owners")
        #expect(try assessed("d2").signals.map(\.detail) == ["d1's parent account d0 declared in CN"])
        #expect(
            try assessed("e3").signals.map(\.detail) == [
                "parent account e2 declared in CN", "e2's parent account e1 declared in JP",
                "e1's parent account e0's beneficial owner Zhang San (CN)",
            ])
    }

    @Test("one fact weighs once: a member declared where its parent is, listing its owner, or headquartered there")
    func memberFactsOnce() async throws {
        let countries = try CanonicalFixtures.countries.get()
        let li = [BeneficialOwner(name: "Li Wei", country: "CN")]
        let builder = EvidenceBuilder(
            assumptions: .init(catalog: RunFixtures.catalogs.accelerators, ruleParameters: [:]), locate: nil)
        var german = try #require(RunFixtures.evidence("de-member", parent: "de-top").account)
        german.headquartersCountry = "DE"
        let records = [
            try #require(RunFixtures.evidence("top", country: "CN", owners: li).account),
            try #require(RunFixtures.evidence("member", country: "CN", owners: li, parent: "top").account),
            try #require(
                RunFixtures.evidence(
                    "de-top", country: "DE", owners: [BeneficialOwner(name: "Hans Meyer", country: "DE")]
                )
                .account),
            german,
        ]
        for record in records { try builder.accept(record, fields: []) }
        let evidence = Dictionary(uniqueKeysWithValues: await builder.evidence().map { ($0.accountID, $0) })
        func kinds(_ id: String) throws -> [String] {
            ForeignAssessment(account: try #require(evidence[id]), countries: countries).signals.map(\.kind)
        }
        // The member's own declaration and owner, as its top's: each once.
        #expect(try kinds("member") == ["declared-country", "beneficial-owner"])
        #expect(try kinds("member") == (try kinds("top")))
        // Its headquarters country is its parent company's: weighed by the parent's declaration.
        #expect(try kinds("de-member") == ["parent", "parent-beneficial-owner"])
    }

    @Test(
        "an owner listed twice weighs once, in its own list or its parent's, whatever the case of its name",
        arguments: [
            ("Li Wei", "Li Wei"), ("Li Wei", "LI WEI"), ("li wei", "Li Wei"),
        ])
    func ownerListedTwice(first: String, second: String) async throws {
        let countries = try CanonicalFixtures.countries.get()
        let twice = [BeneficialOwner(name: first, country: "CN"), BeneficialOwner(name: second, country: "CN")]
        let own = ForeignAssessment(account: RunFixtures.evidence("o", owners: twice), countries: countries)
        #expect(own.signals.map(\.kind) == ["beneficial-owner"])
        #expect(own.score == 1.5)
        // Listed again without its country, it is the same owner: a US owner so listed shows nothing foreign.
        let unplacedAgain = [BeneficialOwner(name: first, country: "CN"), BeneficialOwner(name: second)]
        #expect(
            ForeignAssessment(account: RunFixtures.evidence("u", owners: unplacedAgain), countries: countries).signals
                .map(\.kind) == ["beneficial-owner"])
        let usAgain = [BeneficialOwner(name: first, country: "US"), BeneficialOwner(name: second)]
        #expect(
            ForeignAssessment(account: RunFixtures.evidence("v", owners: usAgain), countries: countries).signals.isEmpty
        )
        // The same name in another country is another fact.
        let elsewhere = [BeneficialOwner(name: first, country: "CN"), BeneficialOwner(name: second, country: "HK")]
        #expect(
            ForeignAssessment(account: RunFixtures.evidence("e", owners: elsewhere), countries: countries).signals.count
                == 2)
        // A member listing its parent's owner in another case, the parent listing it twice; and one
        // listing none, which the parent's weigh on once.
        let builder = EvidenceBuilder(
            assumptions: .init(catalog: RunFixtures.catalogs.accelerators, ruleParameters: [:]), locate: nil)
        for account in [
            RunFixtures.evidence("p", owners: twice),
            RunFixtures.evidence("m", owners: [BeneficialOwner(name: second, country: "CN")], parent: "p"),
            RunFixtures.evidence("n", owners: [], parent: "p"),
            RunFixtures.evidence("usp", owners: [BeneficialOwner(name: first, country: "US")]),
            RunFixtures.evidence("usm", owners: [BeneficialOwner(name: second)], parent: "usp"),
        ] {
            try builder.accept(try #require(account.account), fields: [])
        }
        let evidence = Dictionary(uniqueKeysWithValues: await builder.evidence().map { ($0.accountID, $0) })
        func kinds(_ id: String) throws -> [String] {
            ForeignAssessment(account: try #require(evidence[id]), countries: countries).signals.map(\.kind)
        }
        #expect(try kinds("m") == ["beneficial-owner"])
        #expect(try kinds("n") == ["parent-beneficial-owner"])
        // A member listing without a country the US owner its parent lists with one shows nothing foreign.
        #expect(try kinds("usm") == [])
    }

    @Test(
        "the US territories are the United States: a customer there, paying, owned or reached from there, is not foreign",
        arguments: ["PR", "GU", "VI", "AS", "MP"])
    func territories(code: String) throws {
        let countries = try CanonicalFixtures.countries.get()
        var evidence = RunFixtures.evidence(
            "t", country: code, owners: [BeneficialOwner(name: "Luis Ortiz", country: code)])
        evidence.account?.paymentCountry = code
        evidence.account?.headquartersCountry = code
        evidence.account?.resellerCountry = code
        #expect(ForeignAssessment(account: evidence, countries: countries).signals.isEmpty)
    }

    @Test(
        "a cycle of parents gives no account its parents' signals, and a parent missing from the export ends the chain")
    func parentCycleAndMissingParent() async throws {
        let countries = try CanonicalFixtures.countries.get()
        let evidence = try await Self.built([
            ("k1", "k2", "CN", []), ("k2", "k1", "US", [BeneficialOwner(name: "Ann Lee", country: "US")]),
            ("g0", "ghost", "US", []), ("g1", "g0", "US", []),
        ])
        func details(_ id: String) throws -> [String] {
            ForeignAssessment(account: try #require(evidence[id]), countries: countries).signals.map(\.detail)
        }
        #expect(try details("k2").isEmpty)
        #expect(
            try details("k1") == [
                "declared in CN", "an organization listing no beneficial owners, so presumed foreign",
            ])
        #expect(try details("g0") == ["an organization listing no beneficial owners, so presumed foreign"])
        #expect(
            try details("g1") == [
                "parent account g0, an organization listing no beneficial owners, so presumed foreign"
            ])
    }

    @Test(
        "a customer placed in EAR Country Group D:5 or Macau carries the licensing red flag",
        arguments: [
            (
                "BY", nil,
                "declared or headquartered in EAR Country Group D:5 or Macau (BY): AI training for such parties is a BIS "
                    + "licensing red flag"
            ),
            (
                "US", "MO",
                "declared or headquartered in EAR Country Group D:5 or Macau (MO): AI training for such parties is a BIS "
                    + "licensing red flag"
            ),
            ("DE", nil, nil), ("US", nil, nil),
        ] as [(String, String?, String?)])
    func licensingRedFlag(declared: String, headquarters: String?, flag: String?) throws {
        let countries = try CanonicalFixtures.countries.get()
        var evidence = RunFixtures.evidence("d", country: declared)
        evidence.account?.headquartersCountry = headquarters
        #expect(ForeignAssessment(account: evidence, countries: countries).licensingRedFlag == flag)
    }

    @Test(
        "an email under an internationalized ccTLD is a signal of its country, written either way",
        arguments: [("ops@company.xn--p1ai", "RU"), ("ops@company.рф", "RU"), ("ops@company.中国", "CN")])
    func internationalizedEmailDomain(email: String, country: String) throws {
        let countries = try CanonicalFixtures.countries.get()
        var evidence = RunFixtures.evidence("i", email: email)
        evidence.account?.emailDomain = EmailAddress.domain(of: email)
        #expect(evidence.account?.emailDomain != nil)
        let signal = ForeignAssessment(account: evidence, countries: countries).signals.first {
            $0.kind == "email-domain"
        }
        #expect(signal?.country == country)
    }
}
