import Foundation
import Testing

@testable import KYCWatch

@Suite("The HTML report")
struct HTMLReportTests {
    func render(_ review: NightReview, runDate: String = "2026-11-29") -> String {
        HTMLReport(
            review: review, manifest: ReportFixtures.manifest(), evidence: ReportFixtures.evidence(name: "Acme"),
            runDate: runDate, caseDrafts: [ReportFixtures.coveredFinding().id]
        ).render()
    }

    @Test("the same night renders byte-identical pages, with no date but the run date")
    func deterministic() {
        let review = NightReview(findings: [ReportFixtures.coveredFinding()])
        let first = render(review)
        #expect(first == render(review))
        #expect(
            !first.contains(String(ISO8601DateFormatter().string(from: Date()).prefix(10)))
                || first.contains("2026-11-29"))
    }

    @Test("covered transactions come first with their due date, figures are formatted for a person")
    func glance() {
        let html = render(NightReview(findings: [ReportFixtures.coveredFinding(summary: "covered")]))
        #expect(html.contains("<table class=\"due\">"))
        #expect(html.contains("<strong>2026-12-14</strong>"))
        #expect(html.contains("1.9e26 operations"))
        #expect(html.contains("34,000,000 accelerator-hours"))
        #expect(html.contains("cases/\(ReportFixtures.coveredFinding().id).md"))
        #expect(html.contains("no previous night was given"))
        #expect(html.contains("<svg class=\"timeline\""))
        #expect(html.contains("missing-field"))
    }

    @Test("statuses are counted when a previous night was given")
    func statuses() {
        var finding = ReportFixtures.coveredFinding(summary: "covered")
        finding.status = .ongoing
        let html = render(NightReview(findings: [finding], previousFolder: "/nights/2026-11-28"))
        #expect(!html.contains("no previous night was given"))
        #expect(html.contains("data-set-status=\"ongoing\""))
        #expect(html.contains("/nights/2026-11-28"))
    }

    @Test("the timeline keeps at most its bucket count of points and is deterministic")
    func timeline() {
        let run = ReportFixtures.run("a")
        let svg = SVGTimeline(series: [.init(label: "job", profile: run.profile)]).render()
        #expect(svg == SVGTimeline(series: [.init(label: "job", profile: run.profile)]).render())
        let points = svg.components(separatedBy: "points=\"")[1].prefix { $0 != "\"" }.split(separator: " ")
        #expect(points.count <= 4 * 240)
        #expect(svg.contains("16,384"))
        #expect(SVGTimeline(series: []).render().isEmpty)
    }

    @Test(
        "figures read as a person writes them",
        arguments: [
            ("expected_operations", 1.9e26, "1.9e26 operations"),
            ("accelerator_hours", 12_345.4, "12,345 accelerator-hours"),
            ("egress_bytes", 1.25e12, "1.2 TB"),
            ("metered_utilization", 0.4, "40 %"),
            ("peak_cluster_ops_per_second", 3.7e19, "3.7e19 OP/s"),
            ("score", 1.5, "1.50"),
        ])
    func figures(name: String, value: Double, expected: String) {
        #expect(FigureFormat.metric(name, value) == expected)
    }
}
