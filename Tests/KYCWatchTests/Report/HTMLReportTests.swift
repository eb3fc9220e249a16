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

    @Test("the same night renders byte-identical pages, with no dates but the night's own")
    func deterministic() {
        let review = NightReview(findings: [ReportFixtures.coveredFinding()])
        let first = render(review)
        #expect(first == render(review))
        // Every date on the page is one of the night's: today's date (the clock's) never shows.
        #expect(Self.dates(in: first) == Self.fixtureDates.union(["2026-11-29"]))
        let later = render(review, runDate: "2027-01-05")
        #expect(Self.dates(in: later) == Self.fixtureDates.union(["2027-01-05"]))
    }

    /// The dates the fixture's night holds, but the run date: the account's creation, the run's
    /// window (its first and last day, and the instant it ends), the access address's first and
    /// last event, and the finding's knowledge and due dates.
    static let fixtureDates: Set<String> = {
        let day: Int64 = 86_400_000
        let start = ReportFixtures.runStart
        let end = start + 90 * day
        let instants = [
            ReportFixtures.account("x", name: "x").createdAt, start, end - 1, end, start + day,
        ]
        let formatter = ISO8601DateFormatter()
        let days = instants.map {
            String(formatter.string(from: Date(timeIntervalSince1970: Double($0) / 1000)).prefix(10))
        }
        let finding = ReportFixtures.coveredFinding()
        return Set(days + [finding.knowledgeDate ?? "none", finding.reportDue ?? "none"])
    }()

    /// The distinct dates (`YYYY-MM-DD`) written anywhere in `text`.
    static func dates(in text: String) -> Set<String> {
        Set(text.matches(of: /\d{4}-\d{2}-\d{2}/).map { String(text[$0.range]) })
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

    @Test("a covered transaction a suppression hides is listed at a glance with its due date, its report still due")
    func suppressedCoveredTransaction() throws {
        var finding = ReportFixtures.coveredFinding(summary: "covered")
        finding.status = .ongoing
        let suppression = Suppression(
            rule: "CVT-001", account: "000000000042", reason: "reviewed; filed", reviewer: "j.doe",
            expires: "2026-12-01", line: 3)
        let html = render(
            NightReview(
                findings: [], suppressed: [.init(finding: finding, suppression: suppression)],
                previousFolder: "/nights/2026-11-28"))
        let glance = try #require(
            html.components(separatedBy: "<section id=\"glance\">").last?.components(separatedBy: "</section>").first)
        #expect(!glance.contains("No likely covered transaction tonight."), "\(glance)")
        #expect(glance.contains("1 likely covered transaction, suppressed: report still due 2026-12-14;"), "\(glance)")
        let row = try #require(
            glance.components(separatedBy: "<tr class=\"suppressed\">").dropFirst().first?
                .components(separatedBy: "</tr>").first, "\(glance)")
        #expect(row.contains("<strong>2026-12-14</strong>"), "\(row)")
        #expect(row.contains("<code>\(finding.id)</code> CVT-001 <strong>suppressed</strong>"), "\(row)")
        #expect(
            row.contains(
                "rule CVT-001 on account 000000000042, line 3 of the suppression file, until 2026-12-01 by j.doe: "
                    + "reviewed; filed): report still due"), "\(row)")
        #expect(row.contains("cases/\(finding.id).md"), "\(row)")
        // Not in the findings table, so not linked to it.
        #expect(!row.contains("href=\"#\(finding.id)\""), "\(row)")
        let suppressions = try #require(
            html.components(separatedBy: "<section id=\"suppressions\">").last?.components(separatedBy: "</section>")
                .first)
        #expect(suppressions.contains("<th>Report due</th>"), "\(suppressions)")
        #expect(suppressions.contains("<td><strong>2026-12-14</strong>, still due</td>"), "\(suppressions)")
    }

    @Test("visible and suppressed covered transactions are counted together, the suppressed named")
    func someCoveredTransactionsSuppressed() {
        let visible = ReportFixtures.coveredFinding(summary: "covered")
        var hidden = ReportFixtures.coveredFinding(summary: "hidden")
        hidden.id = "F-00000000000000d1"
        hidden.reportDue = "2026-12-10"
        let suppression = Suppression(
            findingID: hidden.id, reason: "filed", reviewer: "a.smith", expires: "2026-12-20", line: 7)
        let html = render(
            NightReview(findings: [visible], suppressed: [.init(finding: hidden, suppression: suppression)]))
        #expect(html.contains("2 likely covered transactions, 1 suppressed: report still due 2026-12-10;"))
        #expect(html.contains("finding <code>F-00000000000000d1</code>, line 7 of the suppression file"))
        // Earliest due first: the hidden one, due on the 10th, before the visible one, due on the 14th.
        let hiddenRow = html.range(of: "<tr class=\"suppressed\"><td><strong>2026-12-10</strong>")
        let visibleRow = html.range(of: "<tr><td><strong>2026-12-14</strong>")
        #expect(hiddenRow != nil && visibleRow != nil)
        if let hiddenRow, let visibleRow { #expect(hiddenRow.lowerBound < visibleRow.lowerBound) }
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

    /// A finding like DQ-001's on `account`, of `severity`.
    static func unknownAccountFinding(_ account: String, severity: Severity) -> Finding {
        Finding(
            id: Finding.stableID(rule: "DQ-001", subject: .account(account), windowStart: nil), rule: "DQ-001",
            ruleVersion: 1, category: .dataQuality, severity: severity, subject: .account(account), window: nil,
            summary: "Account \(account) has usage but no record in the accounts export",
            evidence: ["usage_records": .number(3)], metrics: [:], references: [])
    }

    @Test(
        "findings that need action are written out in full up to the limit, in table order; the rest open from the table",
        arguments: [(limit: 2, written: 2), (limit: 5, written: 5), (limit: 0, written: 0)])
    func fullFindingLimit(limit: Int, written: Int) throws {
        // Five need action (high), one does not (low); the high ones sort by subject.
        let findings =
            (1...5).map { Self.unknownAccountFinding("acct-\($0)", severity: .high) }
            + [Self.unknownAccountFinding("acct-9", severity: .low)]
        let report = HTMLReport(
            review: NightReview(findings: findings), manifest: ReportFixtures.manifest(),
            evidence: ReportFixtures.evidence(name: "Acme"), runDate: "2026-11-29", fullFindingLimit: limit)
        let html = report.render()
        let ordered = report.orderedFindings
        #expect(ordered.prefix(5).map { $0.subject.accounts } == (1...5).map { ["acct-\($0)"] })
        #expect(html.components(separatedBy: "<details class=\"finding\"").count - 1 == written)
        #expect(html.components(separatedBy: "<details class=\"account-card\"").count - 1 == written)
        for (index, finding) in ordered.enumerated() {
            let account = finding.subject.accounts[0]
            #expect(html.contains("<details class=\"finding\" id=\"\(finding.id)\"") == (index < written))
            #expect(html.contains("id=\"acct-\(account)\"") == (index < written))
        }
        // The page data says which are written out, so that the script links to them.
        let json = try #require(
            html.components(separatedBy: "id=\"findings-data\">").last?.components(separatedBy: "</script>").first)
        let rows =
            try #require(
                try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])["findings"]
            as? [[String: Any]]
        #expect(rows?.map { $0["full"] as? Bool } == ordered.indices.map { $0 < written })
        // A page that leaves some out says how many and where all of them are.
        let note = "5 findings need action: the first \(written) in table order are written out here."
        #expect(html.contains(note) == (written < 5))
        #expect(!html.contains("written out here") || html.contains("<code>findings.jsonl.zst</code>"))
    }

    @Test("findings resolved since the previous night are counted as resolved only, and need no action")
    func resolvedNotCurrent() {
        var findings = (1...3).map { Self.unknownAccountFinding("acct-\($0)", severity: .high) }
        // A second finding on acct-1, resolved: its card counts only the one still there.
        var gone = Self.unknownAccountFinding("acct-1", severity: .critical)
        gone.rule = "CIP-001"
        gone.id = "F-00000000000000c1"
        findings.append(gone)
        for index in findings.indices { findings[index].status = .ongoing }
        findings[2].status = .resolved
        findings[3].status = .resolved
        let report = HTMLReport(
            review: NightReview(findings: findings, previousFolder: "/nights/2026-11-28"),
            manifest: ReportFixtures.manifest(), evidence: ReportFixtures.evidence(name: "Acme"), runDate: "2026-11-29")
        let html = report.render()
        let glance =
            html.components(separatedBy: "<section id=\"glance\">").last?
            .components(separatedBy: "</section>").first ?? ""
        #expect(glance.contains("<div class=\"big\">2</div>findings on 2 accounts"), "\(glance)")
        #expect(glance.contains("<div class=\"big\">2</div><a href=\"?status=resolved"), "\(glance)")
        #expect(!html.contains("<details class=\"finding\" id=\"\(findings[2].id)\""))
        #expect(html.contains("<details class=\"finding\" id=\"\(findings[0].id)\""))
        #expect(!html.contains("id=\"acct-acct-3\""))
        let card = html.components(separatedBy: "id=\"acct-acct-1\"").last?.components(separatedBy: "</summary>").first
        #expect(card?.contains("· 1 finding") == true, "\(card ?? "")")
        #expect(html.contains("2 of the 2 accounts with findings"))
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

    @Test(
        "two significant digits, the second written also when it is 0",
        arguments: [
            (3e25, "3.0e25"), (3.3e25, "3.3e25"), (1.95e26, "1.9e26"), (5e18, "5.0e18"), (123_456, "1.2e5"),
            (99_999, "1e5"), (12_345, "1.2e4"), (42, "42"), (0.5, "0.5"), (0, "0"), (-2e20, "-2.0e20"),
            (1.5e-7, "1.5e-7"),
        ])
    func scientific(value: Double, expected: String) {
        #expect(FigureFormat.scientific(value) == expected)
    }

    @Test(
        "a window's days: one that ends at midnight ends the day before",
        arguments: [
            ("2026-08-03T01:00:00Z", "2026-11-28T00:00:00Z", "2026-08-03 to 2026-11-27"),
            ("2026-08-03T01:00:00Z", "2026-11-28T00:00:00.000Z", "2026-08-03 to 2026-11-27"),
            ("2026-08-03T01:00:00Z", "2026-11-28T00:00:01Z", "2026-08-03 to 2026-11-28"),
            ("2026-06-04T00:00:00Z", "2026-06-04T00:00:00Z", "2026-06-04 to 2026-06-04"),
            ("2026-06-04T00:00:00Z", "2026-06-05T00:00:00Z", "2026-06-04 to 2026-06-04"),
        ])
    func windowDays(start: String, end: String, expected: String) {
        #expect(Finding.Window(start: start, end: end).days == expected)
    }

    @Test(
        "counts agree with their nouns", arguments: [(0, "0 findings"), (1, "1 finding"), (12_345, "12,345 findings")])
    func counts(value: Int, expected: String) {
        #expect(FigureFormat.count(value, "finding") == expected)
    }
}
