import Foundation

/// What the detect stage writes for reviewers beside the findings: `report.html` and a case draft
/// (`cases/<finding-id>.json` and `.md`, with each access of its accounts in `.access.csv`) for every
/// likely covered transaction.
public struct ReviewerOutputs: Sendable {
    /// The night's findings as a reviewer sees them.
    public var review: NightReview
    /// The stage's manifest so far (inputs and their rows).
    public var manifest: StageManifest
    /// Per-account evidence.
    public var evidence: [AccountEvidence]
    /// The run date (`YYYY-MM-DD`).
    public var runDate: String
    /// The utilization assumed where none was metered, for the drafts' assumptions.
    public var defaultUtilization: Double
    /// Each access event of the drafts' accounts (``caseAccounts(of:runDate:)``), for the files beside the drafts; nil
    /// when the night has no access export.
    public var accessLog: CaseAccessLog?

    /// Creates the outputs of one night.
    public init(
        review: NightReview, manifest: StageManifest, evidence: [AccountEvidence], runDate: String,
        defaultUtilization: Double, accessLog: CaseAccessLog? = nil
    ) {
        self.accessLog = accessLog
        self.review = review
        self.manifest = manifest
        self.evidence = evidence
        self.runDate = runDate
        self.defaultUtilization = defaultUtilization
    }

    /// The case drafts, one per covered-transaction finding tonight, suppressed ones included, and one per
    /// covered transaction gone from tonight's exports whose report is still due, by finding id.
    public func caseDrafts() -> [CaseDraft] { caseDrafts(EvidenceIndex(evidence)) }

    func caseDrafts(_ index: EvidenceIndex) -> [CaseDraft] {
        Self.caseFindings(of: review, runDate: runDate).map { finding in
            var draft = CaseDraft(
                finding: finding, evidence: index, runDate: runDate, defaultUtilization: defaultUtilization)
            if let accessLog {
                let events = draft.customers.flatMap { accessLog.events[$0.accountID] ?? [] }
                draft.accessLog = CaseDraft.AccessLog(
                    file: accessLog.unavailable == nil ? Self.accessLogName(of: draft.findingID) : nil,
                    rows: events.count, events: events.reduce(0) { $0 + $1.count }, unavailable: accessLog.unavailable)
            }
            return draft
        }
    }

    /// The accounts the case drafts of `review` on `runDate` are about, whose access events their access
    /// logs list.
    public static func caseAccounts(of review: NightReview, runDate: String) -> Set<String> {
        Set(caseFindings(of: review, runDate: runDate).flatMap(\.subject.accounts))
    }

    /// The findings with a case draft: the covered transactions of tonight, suppressed ones included,
    /// and those gone from tonight's exports whose report is still due, by finding id.
    private static func caseFindings(of review: NightReview, runDate: String) -> [Finding] {
        let suppressed = review.suppressed.map { entry in
            var finding = entry.finding
            finding.suppressedBy = entry.suppression
            return finding
        }
        let current = (review.findings + suppressed).filter {
            $0.category == .coveredTransaction && $0.status != .resolved
        }
        return (current + review.coveredStillDue(on: runDate)).sorted { $0.id < $1.id }
    }

    /// The name in `cases/` of the access log of the draft of `findingID`.
    static func accessLogName(of findingID: String) -> String { "\(findingID).access.csv" }

    /// The rows of `draft`'s access log, a header first: each access event of its accounts in time
    /// order, with the address's country and anonymizer network as the evidence has them.
    func accessLogRows(of draft: CaseDraft, _ index: EvidenceIndex) -> [[String]] {
        var rows = [
            [
                "account_id", "time", "source_ip", "country", "anonymizer", "action", "events", "event_id", "file",
                "line",
            ]
        ]
        for customer in draft.customers {
            let addresses = index[customer.accountID]?.addresses ?? [:]
            for event in accessLog?.events[customer.accountID] ?? [] {
                let use = addresses[event.sourceIP]
                rows.append([
                    customer.accountID, TimestampParser.format(event.timestamp), event.sourceIP,
                    use?.country ?? "unknown", use?.anonymizer ?? "", event.action ?? "", String(event.count),
                    event.eventID, event.file, String(event.line),
                ])
            }
        }
        return rows
    }

    /// Makes `report.html` and the case drafts in memory, for ``Files/write(into:)``.
    ///
    /// The page data, most of the page, is made in two parts beside the rest of the page and the
    /// drafts, so every core has a share; the bytes are the same either way.
    public func render() async throws(KYCWatchError) -> Files {
        // Indexed once, for the drafts and the report.
        let index = EvidenceIndex(evidence)
        let drafts = caseDrafts(index)
        let report = HTMLReport(
            review: review, manifest: manifest, evidence: index, runDate: runDate,
            caseDrafts: Set(drafts.map(\.findingID)))
        let findings = report.orderedFindings
        // Child tasks start in the order they are made when a core is free: the largest part first.
        async let accounts = report.pageAccountsJSON(findings)
        async let rest = report.pageRestJSON(findings)
        let body = report.body(findings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var files: [Files.Draft] = []
        for draft in drafts {
            let json: Data
            do {
                json = try encoder.encode(draft)
            } catch {
                throw KYCWatchError(.internalError, "cannot encode the case draft \(draft.findingID): \(error)")
            }
            files.append(
                Files.Draft(
                    findingID: draft.findingID, json: Array(json) + [0x0A], markdown: Array(draft.markdown().utf8),
                    accessLog: draft.accessLog?.file == nil ? nil : accessLogRows(of: draft, index)))
        }
        return Files(
            report: report.pageParts(body: body, data: [await accounts, await rest]), rows: review.findings.count,
            drafts: files)
    }

    /// Writes `report.html` and `cases/` into `folder` and returns them as manifest outputs.
    public func write(into folder: String) async throws(KYCWatchError) -> [StageManifest.Output] {
        try await render().write(into: folder)
    }

    /// Writes `parts` one after another into the file `path` (atomically) and describes it for the
    /// manifest with the digest and size it was written with.
    static func writeFile(_ path: String, _ parts: [[UInt8]], rows: Int) throws(KYCWatchError)
        -> StageManifest.Output
    {
        let file = try OutputFile(path: path)
        for part in parts { try file.write(part) }
        try file.finish()
        return StageManifest.Output(path: path, sha256: file.sha256Hex ?? "", bytes: file.bytesWritten, rows: rows)
    }

    /// Removes `F-<16 hex>.json`, `.md` and `.access.csv` files not in `keeping`; other files are left
    /// alone.
    static func removeStaleDrafts(in folder: String, keeping: Set<String>) throws(KYCWatchError) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where !keeping.contains(name) && isDraftName(name) {
            do {
                try FileManager.default.removeItem(atPath: "\(folder)/\(name)")
            } catch {
                throw KYCWatchError(
                    .writeFailed, "cannot remove the stale case draft \(folder)/\(name): \(error)",
                    at: SourceLocation(file: "\(folder)/\(name)"))
            }
        }
    }

    static func isDraftName(_ name: String) -> Bool {
        guard let suffix = [".json", ".md", ".access.csv"].first(where: { name.hasSuffix($0) }) else { return false }
        let stem = name.dropLast(suffix.count)
        return stem.count == 18 && stem.hasPrefix("F-") && stem.dropFirst(2).allSatisfy(\.isHexDigit)
    }
}
