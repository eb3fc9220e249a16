import Foundation

/// What the detect stage writes for reviewers beside the findings: `report.html` and a case draft
/// (`cases/<finding-id>.json` and `.md`) for every likely covered transaction.
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

    /// Creates the outputs of one night.
    public init(
        review: NightReview, manifest: StageManifest, evidence: [AccountEvidence], runDate: String,
        defaultUtilization: Double
    ) {
        self.review = review
        self.manifest = manifest
        self.evidence = evidence
        self.runDate = runDate
        self.defaultUtilization = defaultUtilization
    }

    /// The case drafts, one per covered-transaction finding tonight, by finding id.
    public func caseDrafts() -> [CaseDraft] {
        let index = EvidenceIndex(evidence)
        return review.findings.filter { $0.category == .coveredTransaction && $0.status != .resolved }
            .sorted { $0.id < $1.id }
            .map { CaseDraft(finding: $0, evidence: index, runDate: runDate, defaultUtilization: defaultUtilization) }
    }

    /// Writes `report.html` and `cases/` into `folder` and returns them as manifest outputs.
    ///
    /// Drafts left in `cases/` by an earlier night for findings not covered tonight are removed, so the
    /// folder holds tonight's drafts only.
    public func write(into folder: String) throws(KYCWatchError) -> [StageManifest.Output] {
        let drafts = caseDrafts()
        let casesFolder = "\(folder)/cases"
        try NormalizeStage.makeFolder(casesFolder)
        var outputs: [StageManifest.Output] = []
        var written: Set<String> = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for draft in drafts {
            let json: Data
            do {
                json = try encoder.encode(draft)
            } catch {
                throw KYCWatchError(.internalError, "cannot encode the case draft \(draft.findingID): \(error)")
            }
            for (name, bytes) in [
                ("\(draft.findingID).json", Array(json) + [0x0A]),
                ("\(draft.findingID).md", Array(draft.markdown().utf8)),
            ] {
                let path = "\(casesFolder)/\(name)"
                try Self.writeFile(path, bytes)
                outputs.append(try NormalizeStage.describeOutput(path, rows: 1))
                written.insert(name)
            }
        }
        try Self.removeStaleDrafts(in: casesFolder, keeping: written)
        let reportPath = "\(folder)/report.html"
        let report = HTMLReport(
            review: review, manifest: manifest, evidence: evidence, runDate: runDate,
            caseDrafts: Set(drafts.map(\.findingID)))
        try Self.writeFile(reportPath, Array(report.render().utf8))
        outputs.insert(try NormalizeStage.describeOutput(reportPath, rows: review.findings.count), at: 0)
        return outputs
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) throws(KYCWatchError) {
        let file = try OutputFile(path: path)
        try file.write(bytes)
        try file.finish()
    }

    /// Removes `F-<16 hex>.json` and `.md` files not in `keeping`; other files are left alone.
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
        let stem: Substring
        if name.hasSuffix(".json") {
            stem = name.dropLast(5)
        } else if name.hasSuffix(".md") {
            stem = name.dropLast(3)
        } else {
            return false
        }
        return stem.count == 18 && stem.hasPrefix("F-") && stem.dropFirst(2).allSatisfy(\.isHexDigit)
    }
}
