import Foundation

/// The detect stage: per-account evidence from normalized records, the rule catalogue run in
/// parallel, and `findings.jsonl.zst` with a manifest.
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

    /// Creates the stage.
    public init(configuration: PipelineConfiguration, runDate: String, shards: Int) {
        self.configuration = configuration
        self.runDate = runDate
        self.shards = shards
    }

    /// The configuration for reading a normalize stage's outputs in `folder`.
    public static func normalizedInputs(in folder: String, base: PipelineConfiguration) -> PipelineConfiguration {
        var configuration = base
        configuration.inputs = ExportKind.allCases.compactMap { kind in
            let path = "\(folder)/\(kind.rawValue).csv.zst"
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            return InputSpecification(kind: kind, paths: [path], maxRejectShare: 0)
        }
        return configuration
    }

    /// Reads the inputs, evaluates the rules and writes findings, rejects and the manifest.
    public func run(stage: String) async throws(KYCWatchError) -> StageManifest {
        let started = ContinuousClock.now
        let normalize = try NormalizeStage(configuration: configuration)
        let folder = configuration.outputFolder
        try NormalizeStage.makeFolder(folder)
        let engine = RuleEngine()
        try engine.checkParameters(configuration.ruleParameters, file: configuration.file)
        let assumptions = RunAccumulator.Assumptions(
            catalog: normalize.catalogs.accelerators, ruleParameters: configuration.ruleParameters)
        let builder = EvidenceBuilder(
            assumptions: assumptions,
            locate: try AddressLocation.locator(for: configuration.reference, countries: normalize.catalogs.countries))
        let rejectsPath = "\(folder)/\(stage == "detect" ? "detect-rejects" : "rejects").csv.zst"
        let rejects = CSVWriter(destination: try OutputFile.create(rejectsPath, zstdLevel: configuration.zstdLevel))
        try rejects.writeRow(["file", "line", "column", "reason", "message", "raw"])
        let inputs = try normalize.normalizeInputs(into: builder, rejects: rejects)
        try rejects.finish()
        let read = ContinuousClock.now
        let evidence = builder.evidence()
        var context = DetectionContext(
            catalogs: normalize.catalogs, ruleParameters: configuration.ruleParameters, runDate: runDate,
            assumptions: assumptions)
        if let sources = configuration.screening {
            context.screening = try ScreeningSetup(sources: sources, countriesPath: configuration.reference.countries)
        }
        let findings = await engine.evaluate(evidence, context: context, shards: shards)
        let evaluated = ContinuousClock.now
        let findingsPath = "\(folder)/findings.jsonl.zst"
        let writer = JSONLinesWriter(
            destination: try OutputFile.create(findingsPath, zstdLevel: configuration.zstdLevel))
        for finding in findings { try writer.write(finding) }
        try writer.finish()
        let outputs = [
            try NormalizeStage.describeOutput(findingsPath, rows: findings.count),
            try NormalizeStage.describeOutput(rejectsPath, rows: rejects.rowsWritten - 1),
        ]
        let violations = normalize.rejectPolicyViolations(inputs)
        let finished = ContinuousClock.now
        let manifest = StageManifest(
            stage: stage, pipeline: configuration.file, status: violations.isEmpty ? "succeeded" : "rejects-exceeded",
            inputs: inputs, outputs: outputs,
            timings: [
                "read_normalize_seconds": (read - started).seconds, "rules_seconds": (evaluated - read).seconds,
                "write_seconds": (finished - evaluated).seconds, "total_seconds": (finished - started).seconds,
            ])
        try NormalizeStage.writeManifest(manifest, to: "\(folder)/manifest.json")
        if !violations.isEmpty {
            throw KYCWatchError(
                .rejectPolicyExceeded,
                "reject policy exceeded; see \(rejectsPath)\n  " + violations.joined(separator: "\n  "))
        }
        return manifest
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
