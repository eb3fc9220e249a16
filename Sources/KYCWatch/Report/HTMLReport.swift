import Foundation

/// `report.html`: the night's findings as one self-contained page for a reviewer.
///
/// No network and no external assets: styles and the filtering script are inline, so the file
/// works as an email attachment. Every data value is escaped (``HTMLEscaping``), and the page is
/// byte-identical for the same inputs: the only date in it is the run date.
public struct HTMLReport: Sendable {
    /// The night's findings, compared with the previous night, with suppressions applied.
    public var review: NightReview
    /// The stage's manifest, for rows in, accepted and rejected.
    public var manifest: StageManifest
    /// Per-account evidence: CIP records, runs for the charts.
    public var evidence: EvidenceIndex
    /// The run date (`YYYY-MM-DD`).
    public var runDate: String
    /// Findings with a case draft in `cases/`, by id.
    public var caseDrafts: Set<String>
    /// The most findings that need action written out in full, each with a card for its accounts; the
    /// rest open from the findings table, as findings of lower severity do.
    ///
    /// A night whose accounts export is missing or cut short has a finding on every account in the
    /// usage: a hundred thousand written out in full make a page of hundreds of megabytes, more than
    /// a browser opens and than the run's memory budget. Every finding stays in the table and in
    /// `findings.jsonl.zst`.
    public var fullFindingLimit: Int

    /// ``fullFindingLimit`` unless a caller says otherwise: far above a night's usual few thousand
    /// findings that need action, a page of about 15 MB at most.
    public static let defaultFullFindingLimit = 5_000

    /// Creates a report; `caseDrafts` names the findings whose drafts are linked from it.
    public init(
        review: NightReview, manifest: StageManifest, evidence: [AccountEvidence], runDate: String,
        caseDrafts: Set<String> = [], fullFindingLimit: Int = defaultFullFindingLimit
    ) {
        self.init(
            review: review, manifest: manifest, evidence: EvidenceIndex(evidence), runDate: runDate,
            caseDrafts: caseDrafts, fullFindingLimit: fullFindingLimit)
    }

    /// Creates a report from evidence already indexed (by ``ReviewerOutputs``, which indexes it once).
    public init(
        review: NightReview, manifest: StageManifest, evidence: EvidenceIndex, runDate: String,
        caseDrafts: Set<String> = [], fullFindingLimit: Int = defaultFullFindingLimit
    ) {
        self.review = review
        self.manifest = manifest
        self.evidence = evidence
        self.runDate = runDate
        self.caseDrafts = caseDrafts
        self.fullFindingLimit = fullFindingLimit
    }

    /// The findings in table order: severity (highest first), covered transactions by due date, rule, subject.
    var orderedFindings: [Finding] {
        let findings = review.findings
        // Each part of a finding's sort key is made once, into arrays of its own, and the sort moves
        // indices: comparing fields in place copies no finding and no tuple of keys.
        let ranks = findings.map { Self.rank($0.severity) }
        let dues = findings.map { $0.reportDue ?? "~" }
        let rules = findings.map(\.rule)
        let subjects = findings.map { $0.subject.accounts.joined(separator: ",") }
        let ids = findings.map(\.id)
        return findings.indices.sorted { a, b in
            if ranks[a] != ranks[b] { return ranks[a] > ranks[b] }
            if dues[a] != dues[b] { return dues[a] < dues[b] }
            if rules[a] != rules[b] { return rules[a] < rules[b] }
            if subjects[a] != subjects[b] { return subjects[a] < subjects[b] }
            return ids[a] < ids[b]
        }
        .map { findings[$0] }
    }

    static func rank(_ severity: Severity) -> Int { Severity.allCases.firstIndex(of: severity) ?? 0 }

    /// The whole page.
    public func render() -> String { String(decoding: renderUTF8(), as: UTF8.self) }

    /// The whole page as UTF-8, the bytes of `report.html`.
    public func renderUTF8() -> [UInt8] {
        let findings = orderedFindings
        return Array(pageParts(body: body(findings), data: [pageDataJSON(findings)]).joined())
    }

    /// Everything above the page data: styles, the sections and the footer.
    func body(_ findings: [Finding]) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>kycwatch findings, night of \(esc(runDate))</title>
            <style>\(Self.stylesheet)</style>
            </head>
            <body data-rendered="no" data-errors="">
            <script>\(Self.errorRecorder)</script>

            """
        html += header()
        html += glance(findings)
        html += findingsTable(findings)
        html += findingDetails(findings)
        html += accountsSection(findings)
        html += dataQualitySection()
        html += suppressionsSection()
        html += rulesSection()
        html += "<footer>kycwatch \(esc(manifest.version)) · night of \(esc(runDate)) · findings say <em>likely</em>: "
        html += "the provider sees metering, not the workload.</footer>\n"
        return html
    }

    /// The page in the order of its bytes, from its body and the page data's JSON in parts, already
    /// escaped for `<script>` (``pageDataJSON(_:)``): written one after another, they need no copy
    /// into one buffer.
    func pageParts(body: String, data: [[UInt8]]) -> [[UInt8]] {
        [Array(body.utf8), Array("<script type=\"application/json\" id=\"findings-data\">".utf8)] + data + [
            Array("</script>\n<script>\(Self.script)</script>\n</body>\n</html>\n".utf8)
        ]
    }

    func esc(_ text: String) -> String { HTMLEscaping.text(text) }

    private func header() -> String {
        var html = "<header><h1>kycwatch: night of \(esc(runDate))</h1><p>"
        html += "Pipeline <code>\(esc(manifest.pipeline))</code> · stage \(esc(manifest.stage)) · "
        html += "status <strong>\(esc(manifest.status))</strong> · kycwatch \(esc(manifest.version))"
        if let previous = review.previousFolder {
            html += " · compared with the previous night in <code>\(esc(previous))</code>"
        }
        html += "</p><nav>"
        for (anchor, title) in [
            ("glance", "At a glance"), ("findings", "Findings"), ("details", "Need action"), ("accounts", "Accounts"),
            ("data-quality", "Data quality"), ("suppressions", "Suppressions"), ("rules", "Rules"),
        ] {
            html += "<a href=\"#\(anchor)\">\(title)</a>"
        }
        return html + "</nav></header>\n"
    }

    /// A subject for a person: account ids with the customer's legal name.
    func subjectHTML(_ subject: Finding.Subject, links: Bool = true) -> String {
        subject.accounts.map { account in
            let name = evidence.legalName(account).map { " <span class=\"name\">\(esc($0))</span>" } ?? ""
            let id = links ? "<a href=\"#acct-\(esc(account))\">\(esc(account))</a>" : esc(account)
            return "<span class=\"account\">\(id)\(name)</span>"
        }
        .joined(separator: subject.kind == "group" ? " + " : ", ")
    }

    func severityBadge(_ severity: Severity) -> String {
        "<span class=\"sev sev-\(severity.rawValue)\">\(severity.rawValue)</span>"
    }

    func statusText(_ status: FindingStatus?) -> String { status?.rawValue ?? "–" }
}
