import Testing

@testable import KYCWatch

@Suite("Findings in the terminal")
struct FindingTableTests {
    @Test("every line fits the width, and escape sequences in data are removed")
    func width() {
        let finding = ReportFixtures.coveredFinding(
            summary: "evil \u{1B}[2J\u{1B}]0;title\u{07} " + String(repeating: "x", count: 300))
        let text = FindingTable(width: 100).render([finding], total: 3)
        for line in text.split(separator: "\n") { #expect(line.count <= 100) }
        #expect(!text.contains("\u{1B}"))
        #expect(text.hasSuffix("1 of 3 findings\n"))
    }

    @Test("the filter keeps severity at or above, rule, category, account and status, highest severity first")
    func filter() {
        var low = ReportFixtures.coveredFinding()
        low.severity = .low
        low.rule = "FPI-001"
        low.category = .foreignPerson
        low.status = .new
        let high = ReportFixtures.coveredFinding()
        #expect(FindingFilter(minimumSeverity: .medium).apply([low, high]) == [high])
        #expect(FindingFilter().apply([low, high]) == [high, low])
        #expect(FindingFilter(rules: ["fpi-001"]).apply([low, high]) == [low])
        #expect(FindingFilter(categories: [.coveredTransaction]).apply([low, high]) == [high])
        #expect(FindingFilter(accounts: ["nobody"]).apply([low, high]).isEmpty)
        // An id pasted with spaces around it is the id.
        let account = high.subject.accounts[0]
        #expect(FindingFilter(accounts: [" \(account)\t"]).apply([high]) == [high])
        #expect(FindingFilter(statuses: [nil]).apply([low, high]) == [high])
        #expect(FindingFilter(statuses: [.new]).apply([low, high]) == [low])
    }

    @Test("an unknown id is an error that names the file; a unique prefix is suggested")
    func unknownID() throws {
        let finding = ReportFixtures.coveredFinding()
        let unknown = #expect(throws: KYCWatchError.self) {
            try FindingExplanation.find("F-nope", in: [finding], file: "x")
        }
        #expect(unknown?.code == .findingNotFound)
        #expect(
            unknown?.message == "no finding F-nope among the 1 in x; `kycwatch show x` lists the ids",
            "\(String(describing: unknown))")
        let prefix = #expect(throws: KYCWatchError.self) {
            try FindingExplanation.find(String(finding.id.prefix(8)), in: [finding], file: "night/findings.jsonl.zst")
        }
        #expect(prefix?.code == .findingNotFound)
        #expect(
            prefix?.message
                == "no finding \(finding.id.prefix(8)) among the 1 in night/findings.jsonl.zst; did you mean \(finding.id)?",
            "\(String(describing: prefix))")
        #expect(try FindingExplanation.find(finding.id.uppercased(), in: [finding], file: "x") == finding)
    }

    @Test(
        "an id one or two typing slips away is suggested; one without its F- is found",
        arguments: [
            ("F-fe0135fc798a1386", true),  // a character wrong
            ("F-fe0153fc798a1387", true),  // two swapped
            ("F-fe0135fc798a13877", true),  // one added
            ("F-fe0135c798a1387", true),  // one missing
            ("fe0135fc798a1386", true),  // without its F-, a character wrong
            ("F-000035fc798a1387", false),  // three wrong
        ])
    func typingSlips(typed: String, suggested: Bool) throws {
        var finding = ReportFixtures.coveredFinding()
        finding.id = "F-fe0135fc798a1387"
        let error = #expect(throws: KYCWatchError.self) { try FindingExplanation.find(typed, in: [finding], file: "x") }
        let message = try #require(error?.message)
        #expect(
            message.hasSuffix(suggested ? "; did you mean F-fe0135fc798a1387?" : "; `kycwatch show x` lists the ids"),
            "\(message)")
        #expect(try FindingExplanation.find("fe0135fc798a1387", in: [finding], file: "x") == finding)
        #expect(try FindingExplanation.find(" F-fe0135fc798a1387\t", in: [finding], file: "x") == finding)
    }

    @Test("the explanation lays out figures, evidence and the rule")
    func explanation() {
        let text = FindingExplanation(finding: ReportFixtures.coveredFinding(), caseDraft: "out/cases/x.md").render()
        #expect(text.contains("Expected operations"))
        #expect(text.contains("1.9e26 operations"))
        #expect(text.contains("Rule CVT-001 v1 (installed: v\(CoveredTransactionRule().version)): Likely covered"))
        #expect(text.contains("case draft      out/cases/x.md"))
        for line in text.split(separator: "\n") { #expect(line.count <= 100) }
    }
}
