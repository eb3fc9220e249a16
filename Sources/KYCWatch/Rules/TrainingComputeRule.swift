/// LMT-001: runs whose estimated operations pass the reporting threshold (critical), or reach a
/// configurable fraction of it (a warning); each names its training shape (TRS-001), and a run of
/// inference shape is reported at medium whatever its size.
public struct TrainingComputeRule: Rule {
    public init() {}
    public let id = "LMT-001"
    public let version = 7
    public let title = "Large AI model training compute"
    public let category = FindingCategory.largeTraining
    public let defaultSeverity = Severity.critical
    public let parameters = [
        RuleParameter("threshold_operations", 1e26, "reporting threshold for a training run, in operations"),
        RuleParameter(
            "warning_fraction", 0.5, "warn when the expected operations reach this fraction of the threshold",
            range: 0...1),
        RuleParameter("default_utilization", 0.4, "utilization assumed where none is metered", range: 0...1),
        RuleParameter(
            "cluster_idle_gap_hours", 72, "a cluster idle for longer than this ends its run (runs without a job id)",
            range: 1...87_600),
    ]
    public let falsePositiveNotes =
        "Metering shows accelerator time, not the workload: a long inference or simulation job on a training-sized "
        + "cluster can reach the figure; the summary gives the TRS-001 shape, and an inference-shaped run is medium. "
        + "Without a job id, a cluster's usage is one run until it is idle for cluster_idle_gap_hours, so two "
        + "trainings on one placement group closer together than that are counted as one."
    public let references = ["EO 14110 §4.2(b)(i): 1e26 operations; BIS proposed rule of Sept 2024"]

    public func evaluate(_ account: AccountEvidence, in context: DetectionContext) throws -> [Finding] {
        let threshold = parameter("threshold_operations", in: context)
        let warning = threshold * parameter("warning_fraction", in: context)
        let large = account.indicesOfRuns(reaching: warning)
        guard !large.isEmpty else { return [] }
        let thresholds = TrainingShape.Thresholds(context.ruleParameters)
        return large.map { index in
            let run = account.runs[index]
            let over = run.expectedOperations > threshold
            let shape = TrainingShape(run: run, thresholds: thresholds)
            // An inference-shaped run stays in front of a reviewer whatever its size: the shape is read from
            // metering, and a training run that looks like a fleet must not drop out of the night's list.
            let severity: Severity = over && shape.verdict != .inference ? .critical : .medium
            let headline =
                shape.verdict == .inference
                ? "Large compute of inference shape"
                : over ? "Likely training run" : "Training run approaching the threshold"
            var evidence = run.evidence(threshold: threshold)
            evidence["training_shape"] = .text(shape.summary)
            var metrics = run.metrics(threshold: threshold)
            metrics["training_signals"] = Double(shape.trainingSignals)
            metrics["inference_signals"] = Double(shape.inferenceSignals)
            return finding(
                subject: .account(account.accountID), severity: severity, window: run.window, run: run,
                summary: "\(headline) (\(shape.verdict.rawValue)) of "
                    + run.computeSentence(
                        customer: account.account, threshold: threshold, missingRecord: account.missingRecordPhrase),
                evidence: evidence, metrics: metrics)
        }
    }
}

extension RunAccumulator.Assumptions {
    /// The catalogue's peaks with LMT-001's default utilization and cluster idle gap, and CLS-001's
    /// cluster interconnect, from `given` (the pipeline file's `rules:`), else their defaults.
    public init(catalog: AcceleratorCatalog, ruleParameters given: [String: [String: ParameterValue]]) {
        let rule = TrainingComputeRule()
        self.init(
            catalog: catalog, defaultUtilization: rule.parameter("default_utilization", in: given),
            clusterIdleGap: Int64(rule.parameter("cluster_idle_gap_hours", in: given) * 3_600_000),
            clusterInterconnectGbps: ClusterScaleRule().parameter("interconnect_gbps", in: given))
    }
}
