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
}
