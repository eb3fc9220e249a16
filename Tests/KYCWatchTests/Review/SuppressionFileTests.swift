import Testing

@testable import KYCWatch

@Suite("Suppression files")
struct SuppressionFileTests {
    let runDate = ReviewFixtures.day("2026-11-28")

    func parse(_ yaml: String, maxDays: Int = 180) throws(KYCWatchError) -> SuppressionFile {
        try SuppressionFile(yaml: yaml, file: "/etc/kyc/suppressions.yaml", runDate: runDate, maxDays: maxDays)
    }

    @Test("reads entries by finding id and by rule and account, with their lines")
    func parses() throws {
        let file = try parse(
            """
            version: 1
            suppressions:
              - finding_id: F-0000000000000001
                reason: contract on file
                reviewer: j.doe
                expires: 2027-01-31
              - rule: FPI-001
                account: acct-0042
                reason: US subsidiary
                reviewer: a.smith
                expires: 2026-12-05
            """)
        #expect(file.suppressions.count == 2)
        #expect(file.suppressions[0].findingID == "F-0000000000000001")
        #expect(file.suppressions[0].line == 3)
        #expect(file.suppressions[1].rule == "FPI-001")
        #expect(file.suppressions[1].account == "acct-0042")
        #expect(file.suppressions[1].line == 7)
        #expect(file.expiringSoon(on: runDate).map(\.line) == [7])
        #expect(file.expired(on: runDate).isEmpty)
        #expect(file.expired(on: ReviewFixtures.day("2026-12-06")).map(\.line) == [7])
    }

    @Test("an empty file, or an empty list, suppresses nothing")
    func empty() throws {
        #expect(try parse("").suppressions.isEmpty)
        #expect(try parse("suppressions:\n").suppressions.isEmpty)
        #expect(try parse("version: 1\nsuppressions: []\n").suppressions.isEmpty)
    }

    @Test(
        "mistakes are errors naming the file, line and column",
        arguments: [
            (
                "suppressions:\n  - finding_id: F-1\n    reason: r\n    reviewer: j\n    expires: 2027-01-01\n    note: x\n",
                "suppressions.yaml:6:5", "unknown key 'note'"
            ),
            (
                "suppressions:\n  - finding_id: F-1\n    reviewer: j\n    expires: 2027-01-01\n",
                "suppressions.yaml:2:5", "`reason` is required"
            ),
            (
                "suppressions:\n  - finding_id: F-1\n    reason: r\n    reviewer: j\n    expires: 2027-02-30\n",
                "suppressions.yaml:5:14", "not a date written YYYY-MM-DD"
            ),
            (
                "suppressions:\n  - finding_id: F-1\n    reason: r\n    reviewer: j\n",
                "suppressions.yaml:2:5", "`expires` is required"
            ),
            (
                "suppressions:\n  - rule: FPI-001\n    reason: r\n    reviewer: j\n    expires: 2027-01-01\n",
                "suppressions.yaml:2:5", "`rule` and `account` together"
            ),
            (
                "suppressions:\n  - finding_id: F-1\n    rule: FPI-001\n    account: a\n    reason: r\n    reviewer: j\n    expires: 2027-01-01\n",
                "suppressions.yaml:2:5", "not both"
            ),
            (
                "suppressions:\n  - finding_id: F-1\n    reason: r\n    reviewer: j\n    expires: 2027-05-28\n",
                "suppressions.yaml:5:14", "more than 180 days after the run date"
            ),
            ("suppression:\n  - finding_id: F-1\n", "suppressions.yaml:1:1", "unknown key 'suppression'"),
            (
                "suppressions:\n  - rule: XXX-999\n    account: a\n    reason: r\n    reviewer: j\n    expires: 2027-01-01\n",
                "suppressions.yaml:2:11", "unknown rule"
            ),
            // YAML's null is no reviewer and no reason.
            (
                "suppressions:\n  - finding_id: F-1\n    reason: r\n    reviewer: null\n    expires: 2027-01-01\n",
                "suppressions.yaml:4:15", "not null"
            ),
            (
                "suppressions:\n  - finding_id: F-1\n    reason: ~\n    reviewer: j\n    expires: 2027-01-01\n",
                "suppressions.yaml:3:13", "not null"
            ),
            ("suppressions: [\n", "suppressions.yaml:", "not valid YAML"),
        ])
    func mistakes(yaml: String, place: String, words: String) {
        let error = kycError { _ = try parse(yaml) }
        #expect(error?.code == .suppressionsInvalid)
        #expect(error?.code.kind == .configuration)
        #expect(error.map { "\($0)" }?.contains(place) == true, "\(String(describing: error))")
        #expect(error?.message.contains(words) == true, "\(String(describing: error))")
    }

    @Test("the limit on expiry is configurable; the latest allowed day is accepted")
    func maxDays() throws {
        let entry = "suppressions:\n  - finding_id: F-1\n    reason: r\n    reviewer: j\n    expires: 2026-12-28\n"
        #expect(try parse(entry, maxDays: 30).suppressions.count == 1)
        let error = kycError { _ = try parse(entry, maxDays: 29) }
        #expect(error?.message.contains("more than 29 days") == true)
        let latest = "suppressions:\n  - finding_id: F-1\n    reason: r\n    reviewer: j\n    expires: 2027-05-27\n"
        #expect(try parse(latest).suppressions.count == 1)
    }

    @Test("rule and account hide that rule's findings about that one account, not a group's")
    func matching() {
        let byAccount = Suppression(rule: "FPI-001", account: "a1", reason: "r", reviewer: "j", expires: "2027-01-01")
        #expect(byAccount.hides(ReviewFixtures.finding("FPI-001", "a1")))
        #expect(!byAccount.hides(ReviewFixtures.finding("FPI-001", "a2")))
        #expect(!byAccount.hides(ReviewFixtures.finding("CIP-001", "a1")))
        #expect(!byAccount.hides(ReviewFixtures.finding("FPI-001", "a1", group: ["a1", "a2"])))
        let finding = ReviewFixtures.finding("CVT-002", "a1", group: ["a1", "a2"])
        let byID = Suppression(findingID: finding.id, reason: "r", reviewer: "j", expires: "2027-01-01")
        #expect(byID.hides(finding))
        #expect(byID.isInForce(on: ReviewFixtures.day("2027-01-01")))
        #expect(!byID.isInForce(on: ReviewFixtures.day("2027-01-02")))
    }
}
