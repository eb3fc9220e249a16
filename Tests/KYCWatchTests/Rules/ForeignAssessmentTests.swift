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
                "12 of 12 access events from abroad, most from CN (20 more from addresses that "
                    + "could not be located, not counted)"
            ),
            (
                ["CN": 12, "US": 8, "??": 1_000],
                "12 of 20 access events from abroad, most from CN (1,000 more from "
                    + "addresses that could not be located, not counted)"
            ),
            (["CN": 12], "12 of 12 access events from abroad, most from CN"),
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
                == "30 of 30 access events from abroad, most from RU (9 more through anonymizers not counted; 7 more "
                + "from addresses that could not be located, not counted)")
        #expect(assessment.unlocatedAccessEvents == 7)
    }
}
