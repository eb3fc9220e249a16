import Foundation
import Testing

@testable import KYCWatch

@Suite("Operation counts beside the threshold in the report, the case drafts and explain")
struct ThresholdFigureReportTests {
    /// A covered transaction just over the 1e26 threshold, whose two-digit figure is the threshold's.
    static let over = ReportFixtures.coveredFinding(summary: "covered", expected: 1.00403e26)

    /// The same account's run just under it, as LMT-001 reports it.
    static let under: Finding = {
        var finding = ReportFixtures.coveredFinding(summary: "approaching", expected: 9.9691e25)
        finding.id = "F-0000000000000001"
        finding.rule = "LMT-001"
        finding.category = .largeTraining
        finding.severity = .medium
        finding.knowledgeDate = nil
        finding.reportDue = nil
        return finding
    }()

    @Test("the report's figures, page data and covered-transaction table tell either side from the threshold")
    func report() {
        let report = HTMLReport(
            review: NightReview(findings: [Self.over, Self.under]), manifest: ReportFixtures.manifest(),
            evidence: ReportFixtures.evidence(name: "Acme", expected: 1.00403e26), runDate: "2026-11-29",
            caseDrafts: [Self.over.id])
        let findings = report.orderedFindings
        let body = report.body(findings)
        // Figures blocks of the findings written in full.
        #expect(body.contains("<td class=\"num\">1.004e26 operations</td>"), "\(body)")
        #expect(body.contains("<td class=\"num\">9.97e25 operations</td>"))
        #expect(body.contains("<td class=\"num\">1.0e26 operations</td>"), "the threshold itself")
        // The covered-transaction table at a glance.
        #expect(body.contains("<td class=\"num\">1.004e26</td>"))
        // What the page's script renders.
        let rows = report.pageData(findings).findings
        let figures = rows.flatMap(\.figures).filter { $0.first == "Expected operations" }.map { $0.last ?? "" }
        #expect(figures.sorted() == ["1.004e26 operations", "9.97e25 operations"])
    }

    @Test("the case draft writes the run's operations beside the threshold")
    func caseDraft() {
        let markdown = CaseDraft(
            finding: Self.over, evidence: EvidenceIndex(ReportFixtures.evidence(name: "Acme", expected: 1.00403e26)),
            runDate: "2026-11-29", defaultUtilization: 0.4
        ).markdown()
        #expect(markdown.contains("- **Expected operations:** 1.004e26\n"), "\(markdown)")
        #expect(markdown.contains("- **Threshold:** 1.0e26 operations\n"))
        #expect(markdown.contains("- **Expected operations:** 1.004e26 (effective utilization 50 %)\n"))
        #expect(!markdown.contains("operations:** 1.0e26"))
    }

    @Test("explain writes the figures beside the threshold")
    func explain() {
        let over = FindingExplanation(finding: Self.over).render()
        #expect(over.contains("1.004e26 operations"), "\(over)")
        let under = FindingExplanation(finding: Self.under).render()
        #expect(under.contains("9.97e25 operations"), "\(under)")
        #expect(!under.contains("Expected operations             1.0e26"), "\(under)")
    }
}
