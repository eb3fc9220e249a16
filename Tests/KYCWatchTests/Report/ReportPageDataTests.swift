import Foundation
import PropertyBased
import Testing

@testable import KYCWatch

@Suite("The report's page data, written by hand")
struct ReportPageDataTests {
    static func report(_ findings: [Finding], name: String = ReportFixtures.hostile) -> HTMLReport {
        HTMLReport(
            review: NightReview(findings: findings), manifest: ReportFixtures.manifest(),
            evidence: ReportFixtures.evidence(name: name), runDate: "2026-11-29",
            caseDrafts: Set(findings.prefix(2).map(\.id)))
    }

    /// The page as it was built before the page data was written by hand: `JSONEncoder`, then the
    /// escaping for `<script>` on the whole text.
    static func pageThroughEncoder(_ report: HTMLReport) throws -> String {
        let findings = report.orderedFindings
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(report.pageData(findings)), as: UTF8.self)
        return report.body(findings) + "<script type=\"application/json\" id=\"findings-data\">"
            + HTMLEscaping.scriptJSON(json) + "</script>\n"
            + "<script>\(HTMLReport.script)</script>\n</body>\n</html>\n"
    }

    @Test("the page data is the JSON JSONEncoder writes escaped for <script>, and the page is the page it made")
    func fixture() throws {
        var second = ReportFixtures.coveredFinding(summary: "second \u{2028} & <b>")
        second.id = "F-0000000000000001"
        second.severity = .medium
        second.category = .foreignPerson
        let report = Self.report([ReportFixtures.coveredFinding(), second])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let findings = report.orderedFindings
        let json = String(decoding: try encoder.encode(report.pageData(findings)), as: UTF8.self)
        #expect(report.pageDataJSON(findings) == Array(HTMLEscaping.scriptJSON(json).utf8))
        #expect(report.renderUTF8() == Array(try Self.pageThroughEncoder(report).utf8))
    }

    @Test("for random findings, the page is byte for byte the page built through JSONEncoder")
    func randomFindings() async {
        let names = Gen.oneOf(JSONWriterTests.text, Gen.always(ReportFixtures.hostile))
        await propertyCheck(count: 150, input: JSONWriterTests.finding.array(of: 0...12), names) { findings, name in
            // Some findings name the fixture's account, so the page has its CIP record.
            let findings = findings.enumerated().map { index, finding in
                var finding = finding
                if index % 2 == 0 { finding.subject.accounts.append("000000000042") }
                return finding
            }
            let report = Self.report(findings, name: name)
            let expected = try Self.pageThroughEncoder(report)
            #expect(report.renderUTF8() == Array(expected.utf8))
            // The page data made in two parts is the same bytes.
            let ordered = report.orderedFindings
            #expect(report.pageAccountsJSON(ordered) + report.pageRestJSON(ordered) == report.pageDataJSON(ordered))
        }
    }
}
