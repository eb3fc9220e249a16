import Foundation
public import Logging

/// The detect stage: per-account evidence from normalized records, the rule catalogue run in
/// parallel, the night's review (previous night, suppressions), and `findings.jsonl.zst`,
/// `suppressed.jsonl.zst` with a manifest.
///
/// `run` feeds it straight from the raw exports in one process (no intermediate files);
/// `detect` feeds it from a normalize stage's output folder.
public struct DetectStage: Sendable {
    /// The pipeline (its inputs are raw exports for `run`, normalized files for `detect`).
    public let configuration: PipelineConfiguration
    /// The UTC date of the run (`YYYY-MM-DD`), the knowledge date of covered transactions.
    public let runDate: String
    /// Concurrent shards for the rules.
    public let shards: Int
    /// Where the stage logs its steps, inputs, rejects and outputs.
    public let logger: Logger
    /// Decides between a signal and the manifest, when the process stops on one: the manifest is
    /// placed through it, so that a signal after it changes nothing and one before it leaves none.
    public var manifestGate: ManifestGate?

    /// Creates the stage.
    public init(
        configuration: PipelineConfiguration, runDate: String, shards: Int, logger: Logger = Logger(label: "kycwatch")
    ) {
        self.configuration = configuration
        self.runDate = runDate
        self.shards = shards
        self.logger = logger
    }

    /// The configuration for reading a normalize stage's outputs in `folder`, with that stage's
    /// manifest and rejects (``PipelineConfiguration/normalizedBy``); an error when the folder has no
    /// manifest of a normalize stage, or lacks a file it lists. When the folder holds what a stage
    /// stream brought, `receivedFrom` (`<stdin>`) names its files in the manifest, the rejects and
    /// messages, since the folder is gone after the run.
    public static func normalizedInputs(
        in folder: String, base: PipelineConfiguration, receivedFrom source: String? = nil
    ) throws(KYCWatchError) -> PipelineConfiguration {
        var configuration = base
        configuration.inputs = ExportKind.allCases.compactMap { kind in
            let path = "\(folder)/\(kind.rawValue).csv.zst"
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            if let source { configuration.inputLabels[path] = "\(source)/\(kind.rawValue).csv.zst" }
            // Held to the policy the pipeline file sets for inputs of its kind (the strictest of them), as
            // `run` holds the exports: a row normalize kept may still be rejected here, when the stages
            // read different catalogues.
            let policies = base.inputs.filter { $0.kind == kind }.map(\.maxRejectShare)
            return InputSpecification(
                kind: kind, paths: [path],
                maxRejectShare: policies.min() ?? InputSpecification.defaultMaxRejectShare)
        }
        let manifestPath = "\(folder)/manifest.json"
        let manifestLabel = source.map { "\($0)/manifest.json" } ?? manifestPath
        // The manifest is written last: without it the folder is not a finished normalize output (one
        // stopped part-way mixes new files with old), and the rows normalize rejected are not known.
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            throw KYCWatchError(
                .fileUnreadable,
                "is missing: detect reads a finished normalize stage's output, which ends with its manifest (a "
                    + "normalize stopped part-way leaves none: run it again); kycwatch-format files made otherwise "
                    + "are read with `kycwatch run --accounts … --usage … --access …`",
                at: SourceLocation(file: manifestLabel))
        }
        let manifest: StageManifest
        do {
            manifest = try StageManifest.read(manifestPath)
        } catch {
            throw error.naming(manifestPath, manifestLabel)
        }
        guard manifest.stage == "normalize" else {
            throw KYCWatchError(
                .manifestInvalid,
                "is the manifest of a \(manifest.stage) stage: detect reads the output folder of `kycwatch normalize`",
                at: SourceLocation(file: manifestLabel))
        }
        // Every file normalize wrote is read, or the rows it holds would be missing from the night.
        for output in manifest.outputs {
            let name = URL(fileURLWithPath: output.path).lastPathComponent
            guard !FileManager.default.fileExists(atPath: "\(folder)/\(name)") else { continue }
            throw KYCWatchError(
                .fileUnreadable,
                "is missing: the normalize stage's manifest lists it with \(FigureFormat.count(output.rows, "row")); "
                    + "give detect the whole folder (or stream) normalize wrote",
                at: SourceLocation(file: source.map { "\($0)/\(name)" } ?? "\(folder)/\(name)"))
        }
        let rejects = "\(folder)/rejects.csv.zst"
        configuration.normalizedBy = (manifest, FileManager.default.fileExists(atPath: rejects) ? rejects : nil)
        return configuration
    }

    /// Refuses an output folder where an output of `run` or `detect` would replace a file the night
    /// reads: `run --usage night/rejects.csv.zst --out night` would overwrite the export it reads.
    public static func checkInputsOutside(_ configuration: PipelineConfiguration) throws(KYCWatchError) {
        let folder = configuration.outputFolder
        // Both rejects names: a run after a detect in the folder removes the detect's as an earlier output.
        let rejects = ["detect-rejects.csv.zst", "rejects.csv.zst"]
        try NormalizeStage.checkInputsOutside(
            folder,
            writing: [
                "findings.jsonl.zst", "suppressed.jsonl.zst", PreviousNight.resolvedCoveredFile, "report.html",
                "manifest.json",
            ] + rejects,
            configuration: configuration)
        for input in configuration.filesRead
        where PipelineConfiguration.samePlace(
            URL(fileURLWithPath: input).deletingLastPathComponent().path, "\(folder)/cases")
        {
            throw KYCWatchError(
                .invalidConfiguration,
                "is read by the night, inside the output folder's cases/, which it rewrites; name another output folder",
                at: SourceLocation(file: input))
        }
    }

    /// The day of a run date written `YYYY-MM-DD`; an error when it is not one, or one too far out
    /// for report due dates and suppression expiries to stay dates.
    public static func runDay(_ runDate: String) throws(KYCWatchError) -> CalendarDay {
        guard let day = CalendarDay(runDate) else {
            throw KYCWatchError(.invalidConfiguration, "the run date '\(runDate)' is not a date written YYYY-MM-DD")
        }
        guard CalendarDay.runDates.contains(day) else {
            throw KYCWatchError(
                .invalidConfiguration,
                "the run date \(runDate) is outside \(CalendarDay.runDates.lowerBound) to "
                    + "\(CalendarDay.runDates.upperBound): report due dates and suppression expiries must stay dates")
        }
        return day
    }

    /// Reads the inputs, evaluates the rules, compares with the previous night, applies the
    /// suppressions and writes findings, suppressed findings, rejects and the manifest.
    ///
    /// The previous night and the suppression file are read first, so a mistake in either stops
    /// the run before any input is read. `progress` hears about every batch read. A configuration error
    /// leaves no output folder the stage made (``NormalizeStage/removingNewFolder(_:on:)``).
    public func run(stage: String, progress: ((StageProgress) -> Void)? = nil) async throws(KYCWatchError)
        -> DetectResult
    {
        let folder = configuration.outputFolder
        let existed = FileManager.default.fileExists(atPath: folder)
        do {
            return try await runInFolder(stage: stage, progress: progress)
        } catch {
            throw NormalizeStage.removingNewFolder(existed ? nil : folder, on: error)
        }
    }

    private func runInFolder(stage: String, progress: ((StageProgress) -> Void)?) async throws(KYCWatchError)
        -> DetectResult
    {
        let started = ContinuousClock.now
        var log = logger
        log[metadataKey: "stage"] = "\(stage)"
        let today = try Self.runDay(runDate)
        let previous = try loadPrevious(today, log: log)
        let suppressions = try loadSuppressions(today, log: log)
        let normalize = try NormalizeStage(configuration: configuration)
        let folder = configuration.outputFolder
        try Self.checkInputsOutside(configuration)
        try NormalizeStage.makeFolder(folder)
        let lock = try OutputFolderLock(folder: folder)
        defer { withExtendedLifetime(lock) {} }
        let earlierOutputs = EarlierOutputs(folder: folder)
        try earlierOutputs.withdrawManifest()
        let engine = RuleEngine()
        try engine.checkParameters(configuration.ruleParameters, file: configuration.file)
        let assumptions = RunAccumulator.Assumptions(
            catalog: normalize.catalogs.accelerators, ruleParameters: configuration.ruleParameters)
        let builder = EvidenceBuilder(
            assumptions: assumptions,
            locate: try AddressLocation.locator(for: configuration.reference, countries: normalize.catalogs.countries))
        // Like the suppressions, a mistake in a restricted-party list or the decisions stops the night
        // before any row is read, not after the last.
        let screening = try configuration.screening.map { sources throws(KYCWatchError) in
            try ScreeningSetup(sources: sources, countriesPath: configuration.reference.countries, runDate: today)
        }
        if let expired = screening?.expiredEntriesSummary {
            log.notice(
                "restricted parties whose listing ended before the run date are not screened",
                metadata: ["parties": "\(expired)", "run_date": "\(runDate)"])
        }
        // Every reference file is loaded by now: their digests are taken here, as they were read, not
        // after a night in which a weekly list update may have replaced one.
        let referenceFiles = try RunManifest.referenceFiles(of: configuration)
        for gap in configuration.referenceGaps { log.warning("check not made: \(gap)") }
        let rejectsPath = "\(folder)/\(stage == "detect" ? "detect-rejects" : "rejects").csv.zst"
        let rejects = CSVWriter(destination: try OutputFile.create(rejectsPath, zstdLevel: configuration.zstdLevel))
        try rejects.writeRow(["file", "line", "column", "reason", "message", "raw"])
        log.info("step started", metadata: ["step": "read", "inputs": .stringConvertible(configuration.inputs.count)])
        progress?(.started(step: "read"))
        // The detection state is built on a thread of its own, beside normalizing.
        let cutoff = Self.endOfDay(today)
        let sink = BackgroundRecordSink(target: builder, usageCutoff: cutoff)
        let normalized = try normalize.normalizeInputs(
            into: sink, rejects: rejects, accessCutoff: cutoff, progress: progress)
        // Re-deliveries and rows of unknown accounts are found on the detection-state thread.
        let tallies = try sink.finish()
        let inputs = UsageDeliveryCheck.applying(tallies, to: normalized)
        Self.warnOfRecordsAfter(today, inputs, log: log)
        // Accounts whose row was rejected, here or by the normalize stage whose outputs are read, are
        // told from accounts the export lacks.
        builder.accept(
            rejectedAccounts: ((configuration.normalizedBy?.manifest.inputs ?? []) + inputs).flatMap {
                $0.rejectedAccounts ?? []
            })
        // Rows set aside there as conflicting deliveries join the rejects, after the others.
        for (input, tally) in tallies.sorted(by: { $0.key < $1.key }) where inputs.indices.contains(input) {
            try tally.writeConflicts(to: rejects, file: inputs[input].path, layout: inputs[input].format)
        }
        // Before any output is in place: a refused folder leaves none behind.
        try Self.checkNormalizedFiles(inputs, against: configuration.normalizedBy)
        try rejects.finish()
        let read = ContinuousClock.now
        for input in inputs { log.inputRead(input) }
        // Known once the headers are read, unlike the reference gaps logged before the read.
        let runKeyGaps = PipelineConfiguration.runKeyGaps(configuration.normalizedBy?.manifest.inputs ?? inputs)
        for gap in runKeyGaps { log.warning("check not made: \(gap)") }
        log.stepFinished("read", took: read - started)

        log.info("step started", metadata: ["step": "rules"])
        progress?(.started(step: "rules"))
        // The detection state behind the evidence (runs, texts) is not read again, but it is let go
        // of only with the evidence, once the outputs are written: freeing it took a core for a few
        // tenths of a second while the rules wanted both.
        let evidence = await builder.evidence()
        var context = DetectionContext(
            catalogs: normalize.catalogs, ruleParameters: configuration.ruleParameters, runDate: runDate,
            assumptions: assumptions)
        context.screening = screening
        let findings = await engine.evaluate(evidence, context: context, shards: shards)
        let evaluated = ContinuousClock.now
        log.stepFinished(
            "rules", took: evaluated - read,
            ["accounts": .stringConvertible(evidence.count), "findings": .stringConvertible(findings.count)])

        // The night's review, computed once: what findings.jsonl.zst, suppressed.jsonl.zst, the
        // manifest and the report show.
        let review = NightReview(
            tonight: findings, previous: previous, suppressions: suppressions, runDate: today,
            unchecked: configuration.uncheckedRules(after: previous?.checksNotMade),
            stillShort: configuration.uncheckedRules(after: []))
        for suppression in review.matchedNothing {
            log.notice(
                "suppression hides nothing tonight",
                metadata: [
                    "file": "\(configuration.suppressionsFile ?? "")",
                    "line": .stringConvertible(suppression.line ?? 0),
                    "expires": "\(suppression.expires)",
                ])
        }
        // The manifest's summary of the review is needed last; it is made beside the outputs.
        let maxDays = configuration.suppressionMaxDays
        async let reviewSummary = ReviewManifest(
            review: review, previous: previous, suppressions: suppressions, maxDays: maxDays)

        log.info("step started", metadata: ["step": "write"])
        progress?(.started(step: "write"))
        var violations = normalize.rejectPolicyViolations(inputs)
        var violationsRejects = rejectsPath
        if let upstream = configuration.normalizedBy, upstream.manifest.status == "rejects-exceeded" {
            // The normalize stage wrote its outputs and exited 3; the night it started is still short of
            // rows. Its rejects are the copy in this folder.
            if violations.isEmpty { violationsRejects = "\(folder)/rejects.csv.zst" }
            violations += upstream.manifest.inputs.filter { $0.rowsRejected > 0 }.map {
                "\($0.path): \($0.rowsRejected) of \($0.rowsIn - $0.rowsSkipped) rows rejected at the normalize stage, "
                    + "over its policy"
            }
        }
        var manifest = StageManifest(
            stage: stage, pipeline: configuration.file, status: violations.isEmpty ? "succeeded" : "rejects-exceeded",
            inputs: inputs, outputs: [], timings: [:], normalizeInputs: configuration.normalizedBy?.manifest.inputs,
            checksNotMade: configuration.referenceGaps + runKeyGaps)
        var accessLog: CaseAccessLog?
        if normalize.configuration.inputs.contains(where: { $0.kind == .access }) {
            // Each access of the drafts' accounts, which the evidence keeps only as first and last seen.
            let accounts = ReviewerOutputs.caseAccounts(of: review, runDate: runDate)
            let read =
                accounts.isEmpty
                ? CaseAccessLog()
                : CaseAccessLog.read(
                    accounts: accounts, stage: normalize, firstRead: inputs, cutoff: cutoff)
            if let why = read.unavailable {
                log.warning("case drafts' access logs not written", metadata: ["reason": "\(why)"])
            }
            accessLog = read
        }
        // report.html and cases/ for reviewers, from the same review: made in memory on the second
        // core while the findings files are written, then written after them, as before.
        let reviewer = ReviewerOutputs(
            review: review, manifest: manifest, evidence: evidence, runDate: runDate,
            defaultUtilization: assumptions.defaultUtilization, accessLog: accessLog)
        manifest.outputs = try await writeOutputs(
            review, reviewer: reviewer, rejects: (rejectsPath, rejects.rowsWritten - 1), into: folder)
        if let upstream = configuration.normalizedBy, let rejects = upstream.rejects {
            let rows = upstream.manifest.outputs.first { $0.path.hasSuffix("/rejects.csv.zst") }?.rows ?? 0
            manifest.outputs.append(try Self.carryRejects(rejects, rows: rows, into: folder))
        }
        // Nothing reads the evidence or the detection state again; the copy of the evidence the
        // reviewer outputs were made from is gone with `writeOutputs`, so these are the last references.
        BackgroundRelease.drop((consume evidence, consume reviewer, consume builder))
        for output in manifest.outputs { log.outputWritten(output) }
        let finished = ContinuousClock.now
        manifest.timings = [
            "read_normalize_seconds": (read - started).seconds, "rules_seconds": (evaluated - read).seconds,
            "write_seconds": (finished - evaluated).seconds, "total_seconds": (finished - started).seconds,
        ]
        let rules = Dictionary(
            engine.rules.map { ($0.id, $0.version) }, uniquingKeysWith: { first, _ in first })
        let summary = await reviewSummary
        log.earlierOutputs(earlierOutputs.sweep(stage: stage, written: manifest.outputs), in: folder)
        let failOn = configuration.failOn.map {
            RunManifest.FailOn(severity: $0, findings: review.actionable(atOrAbove: $0).count)
        }
        manifest.exitStatus = DetectResult.exitStatus(
            rejectPolicyFailed: !violations.isEmpty, failOnFindings: failOn?.findings ?? 0)
        let runManifest = RunManifest(
            stage: manifest, runDate: runDate, rules: rules, review: summary, failOn: failOn, reference: referenceFiles)
        try (manifestGate ?? ManifestGate()).place { () throws(KYCWatchError) in
            try runManifest.write(to: "\(folder)/manifest.json")
        }
        log.stepFinished("write", took: finished - evaluated)
        progress?(.finished)
        return DetectResult(
            manifest: manifest, review: review, reviewSummary: summary,
            rejectPolicyError: NormalizeStage.rejectPolicyError(violations, rejectsPath: violationsRejects),
            failOnFindings: failOn?.findings ?? 0)
    }

    /// Writes the findings files, describes the rejects file, and writes report.html and cases/,
    /// which `reviewer` renders on another core meanwhile; returns them as manifest outputs.
    private func writeOutputs(
        _ review: NightReview, reviewer: ReviewerOutputs, rejects: (path: String, rows: Int), into folder: String
    ) async throws(KYCWatchError) -> [StageManifest.Output] {
        async let reviewerFiles = Self.outcome { () async throws(KYCWatchError) in try await reviewer.render() }
        var outputs = try writeFindings(review, into: folder)
        outputs.append(try NormalizeStage.describeOutput(rejects.path, rows: rejects.rows))
        outputs += try await reviewerFiles.get().write(into: folder)
        return outputs
    }

    /// The end of `day`, midnight after it (UTC), in ms since the epoch.
    static func endOfDay(_ day: CalendarDay) -> Int64? {
        CalendarDay("1970-01-01").map { Int64($0.days(until: day.adding(days: 1))) * 86_400_000 }
    }

    /// Warns when usage ran past the run date, or access came after it, which the night cut or left out
    /// (the inputs' flag ``UsageDeliveryCheck/afterRunDateFlag``): a night given an earlier date than its
    /// exports (a rerun of an earlier night on later exports) sees them only up to its date.
    private static func warnOfRecordsAfter(_ today: CalendarDay, _ inputs: [StageManifest.Input], log: Logger) {
        let late = inputs.reduce(0) { $0 + ($1.flagged[UsageDeliveryCheck.afterRunDateFlag] ?? 0) }
        guard late > 0 else { return }
        log.warning(
            "usage or access after the run date cut or left out: is --run-date the night the exports are from?",
            metadata: [
                "run_date": "\(today)", "records": .stringConvertible(late),
                "flag": "\(UsageDeliveryCheck.afterRunDateFlag)",
            ])
    }

    /// Checks that the normalized files read are the ones the normalize stage's `manifest` lists:
    /// a file changed or swapped since would have the night's figures come from rows its counts
    /// do not describe.
    private static func checkNormalizedFiles(
        _ inputs: [StageManifest.Input], against normalizedBy: (manifest: StageManifest, rejects: String?)?
    ) throws(KYCWatchError) {
        guard let (manifest, rejects) = normalizedBy else { return }
        let written = Dictionary(
            manifest.outputs.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.sha256) },
            uniquingKeysWith: { first, _ in first })
        // The rejects file is copied into the night's folder, not read: its digest is taken here.
        var files = inputs.map { (path: $0.path, sha256: $0.sha256) }
        if let rejects { files.append((rejects, try NormalizeStage.describeOutput(rejects, rows: 0).sha256)) }
        for input in files {
            let name = URL(fileURLWithPath: input.path).lastPathComponent
            guard let expected = written[name], expected != input.sha256 else { continue }
            throw KYCWatchError(
                .manifestInvalid,
                "is not the file the normalize stage wrote: its SHA-256 differs from the one in the folder's "
                    + "manifest.json; run normalize again rather than change its outputs",
                at: SourceLocation(file: input.path))
        }
    }

    /// Copies the normalize stage's rejects file `source`, of `rows` rows, to `rejects.csv.zst` in
    /// `folder`, so the night's folder holds every row quarantined on the way to its findings;
    /// returns it as an output.
    private static func carryRejects(_ source: String, rows: Int, into folder: String) throws(KYCWatchError)
        -> StageManifest.Output
    {
        let target = "\(folder)/rejects.csv.zst"
        // detect --in n --out n: the file is already there.
        if !PipelineConfiguration.samePlace(source, target) {
            let bytes: [UInt8]
            do {
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: source)))
            } catch {
                throw KYCWatchError(
                    .fileUnreadable, "cannot read the normalize stage's rejects", at: SourceLocation(file: source))
            }
            let file = try OutputFile(path: target)
            try file.write(bytes)
            try file.finish()
        }
        return try NormalizeStage.describeOutput(target, rows: rows)
    }

    /// Writes `findings.jsonl.zst`, `suppressed.jsonl.zst` (each suppressed finding with the entry
    /// that hid it) and `resolved-covered.jsonl.zst`, and returns them as manifest outputs.
    private func writeFindings(_ review: NightReview, into folder: String) throws(KYCWatchError)
        -> [StageManifest.Output]
    {
        let findingsPath = "\(folder)/findings.jsonl.zst"
        let writer = JSONLinesWriter(
            destination: try OutputFile.create(findingsPath, zstdLevel: configuration.zstdLevel))
        for finding in review.findings { try writer.write(finding) }
        try writer.finish()
        let suppressedPath = "\(folder)/suppressed.jsonl.zst"
        let suppressedWriter = JSONLinesWriter(
            destination: try OutputFile.create(suppressedPath, zstdLevel: configuration.zstdLevel))
        for hidden in review.suppressed {
            var finding = hidden.finding
            finding.suppressedBy = hidden.suppression
            try suppressedWriter.write(finding)
        }
        try suppressedWriter.finish()
        // Covered transactions gone tonight or before, for the next night: one that comes back keeps
        // its knowledge date, however many nights it was gone.
        let resolvedPath = "\(folder)/\(PreviousNight.resolvedCoveredFile)"
        let resolvedWriter = JSONLinesWriter(
            destination: try OutputFile.create(resolvedPath, zstdLevel: configuration.zstdLevel))
        for finding in review.resolvedCovered { try resolvedWriter.write(finding) }
        try resolvedWriter.finish()
        return [
            try NormalizeStage.describeOutput(findingsPath, rows: review.findings.count),
            try NormalizeStage.describeOutput(suppressedPath, rows: review.suppressed.count),
            try NormalizeStage.describeOutput(resolvedPath, rows: review.resolvedCovered.count),
        ]
    }

    /// Refuses a previous night's folder that is tonight's output folder: the run would compare the
    /// night with itself and then overwrite it.
    private static func checkPrevious(_ previous: String, output: String) throws(KYCWatchError) {
        guard !PipelineConfiguration.samePlace(previous, output) else {
            throw KYCWatchError(
                .invalidConfiguration,
                "the previous night's folder is tonight's output folder: tonight would overwrite the night it is "
                    + "compared with; give each night its own folder (e.g. out/2026-11-29 with --previous out/2026-11-28)",
                at: SourceLocation(file: previous))
        }
    }

    /// The previous night in `folder`, checked as a night writing `output` on `today` needs it: not the
    /// output folder itself, readable, and not after tonight.
    public static func previousNight(_ folder: String, output: String, before today: CalendarDay) throws(KYCWatchError)
        -> PreviousNight
    {
        try checkPrevious(folder, output: output)
        let previous = try PreviousNight.load(folder: folder)
        try previous.check(before: today)
        return previous
    }

    private func loadPrevious(_ today: CalendarDay, log: Logger) throws(KYCWatchError) -> PreviousNight? {
        guard let folder = configuration.previousFolder else { return nil }
        let previous = try Self.previousNight(folder, output: configuration.outputFolder, before: today)
        if previous.exists {
            log.info(
                "previous night read",
                metadata: [
                    "folder": "\(folder)", "run_date": "\(previous.runDate ?? "unknown")",
                    "findings": .stringConvertible(previous.findings.count),
                ])
        } else {
            log.warning(
                "previous night's folder does not exist; taking this as the first night (every finding is new)",
                metadata: ["folder": "\(folder)"])
        }
        return previous
    }

    private func loadSuppressions(_ today: CalendarDay, log: Logger) throws(KYCWatchError) -> SuppressionFile? {
        guard let path = configuration.suppressionsFile else { return nil }
        let file = try SuppressionFile.load(path: path, runDate: today, maxDays: configuration.suppressionMaxDays)
        log.info(
            "suppressions read", metadata: ["file": "\(path)", "entries": .stringConvertible(file.suppressions.count)])
        let attention: [(Logger.Level, String, [Suppression])] = [
            (.warning, "suppression expired; it hides nothing", file.expired(on: today)),
            (.notice, "suppression expires soon", file.expiringSoon(on: today)),
        ]
        for (level, message, suppressions) in attention {
            for suppression in suppressions {
                log.log(
                    level: level, "\(message)",
                    metadata: [
                        "file": "\(path)", "line": .stringConvertible(suppression.line ?? 0),
                        "expires": "\(suppression.expires)",
                    ])
            }
        }
        return file
    }

    /// What `body` returns or throws, as a value: `async let` keeps a child task's result but not the
    /// type of its error.
    private static func outcome<Value>(_ body: () async throws(KYCWatchError) -> Value) async -> Result<
        Value, KYCWatchError
    > {
        do throws(KYCWatchError) {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
