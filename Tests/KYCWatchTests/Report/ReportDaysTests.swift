import Foundation
import Testing

@testable import KYCWatch

@Suite("The days a report is due after knowledge are the finding's, as report_days set them")
struct ReportDaysTests {
    typealias F = RunFixtures

    /// CVT-001's finding on a foreign account's 1.9e26-operation run, with `report_days` set to `days`.
    static func covered(reportDays days: Double) throws -> (Finding, AccountEvidence) {
        let account = F.evidence("cn", country: "CN", runs: F.runs(F.trainingRun()))
        let context = F.context(["CVT-001": ["report_days": .number(days)]])
        let finding = try #require(try CoveredTransactionRule().evaluate(account, in: context).first)
        return (finding, account)
    }

    @Test("a case draft gives the configured days, not 15")
    func caseDraft() throws {
        let (finding, account) = try Self.covered(reportDays: 10)
        #expect(finding.knowledgeDate == "2026-11-28" && finding.reportDue == "2026-12-08")
        let draft = CaseDraft(
            finding: finding, evidence: EvidenceIndex([account]), runDate: "2026-11-28", defaultUtilization: 0.4)
        #expect(draft.reportDue == "2026-12-08")
        let markdown = draft.markdown()
        #expect(markdown.contains("- **Report due:** 2026-12-08 (10 days after knowledge)\n"), "\(markdown)")
        #expect(!markdown.contains("15 days after knowledge"))
        // A carried finding keeps the days it was known with, whatever tonight's setting.
        var carried = finding
        carried.knowledgeDate = "2026-11-20"
        carried.reportDue = "2026-12-01"
        let kept = CaseDraft(
            finding: carried, evidence: EvidenceIndex([account]), runDate: "2026-11-28", defaultUtilization: 0.4)
        #expect(kept.markdown().contains("- **Report due:** 2026-12-01 (11 days after knowledge)\n"))
        // One day, and the day of knowledge itself.
        #expect(CaseDraft.daysAfterKnowledge("2026-11-28", "2026-11-29") == " (1 day after knowledge)")
        #expect(CaseDraft.daysAfterKnowledge("2026-11-28", "2026-11-28") == " (the day of knowledge)")
    }

    @Test("a covered transaction carried unchecked says so in its draft, its dates kept")
    func uncheckedDraft() throws {
        var (finding, account) = try Self.covered(reportDays: 15)
        let draft = CaseDraft(
            finding: finding, evidence: EvidenceIndex([account]), runDate: "2026-11-28", defaultUtilization: 0.4)
        #expect(draft.unchecked == nil && !draft.markdown().contains("**Unchecked:**"))
        finding.status = .unchecked
        let carried = CaseDraft(
            finding: finding, evidence: EvidenceIndex([account]), runDate: "2026-11-29", defaultUtilization: 0.4)
        let markdown = carried.markdown()
        #expect(markdown.contains("- **Unchecked:** carried from the night before as it was"), "\(markdown)")
        #expect(markdown.contains("- **Report due:** 2026-12-13"), "\(markdown)")
        let json = String(decoding: try JSONEncoder().encode(carried), as: UTF8.self)
        #expect(json.contains("\"unchecked\":\"carried from the night before"), "\(json)")
    }

    @Test("a covered transaction without a due date gets none made up")
    func noDueDate() throws {
        var (finding, account) = try Self.covered(reportDays: 10)
        finding.reportDue = nil
        let draft = CaseDraft(
            finding: finding, evidence: EvidenceIndex([account]), runDate: "2026-11-28", defaultUtilization: 0.4)
        #expect(draft.reportDue == CaseDraft.notProvided)
        #expect(draft.markdown().contains("- **Report due:** not provided\n"))
    }

    @Test("the report's table of covered transactions gives the findings' days")
    func report() throws {
        let (ten, account) = try Self.covered(reportDays: 10)
        #expect(HTMLReport.dueText([ten]).hasPrefix("A report is due within 10 days of knowledge "))
        let html = HTMLReport(
            review: NightReview(findings: [ten]), manifest: ReportFixtures.manifest(), evidence: [account],
            runDate: "2026-11-28", caseDrafts: []
        ).render()
        #expect(html.contains("A report is due within 10 days of knowledge"))
        #expect(!html.contains("15 days of knowledge"))
        // Findings known under different settings: each one's days.
        var fifteen = try Self.covered(reportDays: 15).0
        fifteen.id = "F-0000000000000001"
        var one = try Self.covered(reportDays: 1).0
        one.id = "F-0000000000000002"
        #expect(
            HTMLReport.dueText([ten, fifteen, one]).hasPrefix(
                "A report is due within 1, 10 or 15 days of knowledge, by finding"))
        #expect(HTMLReport.dueText([one]).hasPrefix("A report is due within 1 day of knowledge "))
        var undated = ten
        undated.reportDue = nil
        #expect(HTMLReport.dueText([undated]).hasPrefix("A report is due by the date given for it "))
    }
}
