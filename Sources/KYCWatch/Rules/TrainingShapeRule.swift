import Foundation

/// TRS-001: whether a large run looks like one training job or like an inference fleet of the same
/// size, each signal with its figure and threshold.
///
/// The verdict also steers the other rules: LMT-001 names it and lowers an inference-shaped run to
/// medium; CVT-001 and CVT-002 leave inference-shaped runs out.
public struct TrainingShapeRule: Rule {
    public init() {}
    public let id = "TRS-001"
    public let version = 4
    public let title = "Training shape of a large run"
    public let category = FindingCategory.largeTraining
    public let defaultSeverity = Severity.medium
    public let parameters = [
        RuleParameter("min_operations", 1e25, "report the shape of runs with at least these expected operations"),
        RuleParameter(
            "min_colocated_accelerators", 256, "accelerators in use at once in one job or cluster (co-location)"),
        RuleParameter(
            "max_resource_turnover", 2, "accelerators provisioned over the run / peak in use; above: a churning fleet",
            range: 1...RuleParameter.largest),
        RuleParameter("min_utilization", 0.3, "mean metered utilization of a training run", range: 0...1),
        RuleParameter("min_steady_share", 0.7, "mean accelerators in use over the run's span / peak", range: 0...1),
        RuleParameter("min_interconnect_gbps", 100, "per-node interconnect above which the fabric is training-grade"),
        RuleParameter(
            "min_checkpoint_bytes_per_accelerator_hour", 5e7, "storage writes per accelerator-hour (checkpoints)"),
        RuleParameter(
            "max_egress_bytes_per_accelerator_hour", 1e9, "egress per accelerator-hour above which output is served"),
        RuleParameter(
            "min_training_signals", 5, "signals reading training for a training shape", range: 1...7, whole: true),
        RuleParameter(
            "min_inference_signals", 2, "signals reading inference (and more than training) for an inference shape",
            range: 1...7, whole: true),
    ]
    public let falsePositiveNotes =
        "Metering shows the shape, not the workload. A training run that also serves its model, copies checkpoints "
        + "out or is not metered reads mixed (undetermined); an inference fleet on training-grade nodes reads "
        + "training on interconnect. Only an inference-shaped run (at least two inference signals, more than the "
        + "training ones) is left out of CVT-001 and CVT-002, so an inference fleet as large as a training run is "
        + "not a covered transaction, while an undetermined shape still counts: missing metering never clears a run. "
        + "LMT-001 still reports an inference-shaped run's compute, at medium, so a disguised training run stays "
        + "in front of a reviewer."
    public let references = [
        "EO 14110 §4.2(b): a model trained with > 1e26 operations; co-located cluster on > 100 Gbit/s networking",
        "Epoch AI: 30–40 % utilization typical of training",
    ]

    public func evaluate(_ account: AccountEvidence, in context: DetectionContext) throws -> [Finding] {
        let minimum = parameter("min_operations", in: context)
        let large = account.indicesOfRuns(reaching: minimum)
        guard !large.isEmpty else { return [] }
        let thresholds = TrainingShape.Thresholds(context.ruleParameters)
        // The run's operations are written on their side of the reporting threshold LMT-001 weighs
        // them against, in the summary and (the threshold among the figures) wherever the figures are
        // shown, so a run just under it never reads as one at it.
        let reporting = TrainingComputeRule().parameter("threshold_operations", in: context)
        return large.map { index in
            let run = account.runs[index]
            let shape = TrainingShape(run: run, thresholds: thresholds)
            var evidence: [String: EvidenceValue] = [
                "run": .text(run.label), "verdict": .text(shape.verdict.rawValue),
                "record_ids": .list(run.sampleRecordIDs), "records_total": .number(Double(run.records)),
            ]
            var metrics: [String: Double] = [
                "expected_operations": run.expectedOperations, "training_signals": Double(shape.trainingSignals),
                "inference_signals": Double(shape.inferenceSignals), "threshold_operations": reporting,
            ]
            for signal in shape.signals {
                let key = signal.name.replacingOccurrences(of: "-", with: "_")
                evidence[key] = .text(signal.text)
                if let figure = signal.figure { metrics[key] = figure }
                metrics[key + "_threshold"] = signal.threshold
            }
            let severity: Severity =
                switch shape.verdict {
                case .training: .medium
                case .undetermined: .low
                case .inference: .info
                }
            return finding(
                subject: .account(account.accountID), severity: severity, window: run.window, run: run,
                summary:
                    "Run in \(run.label), \(run.window.days) (~\(FigureFormat.scientific(run.expectedOperations, beside: reporting)) "
                    + "operations, "
                    + "\(FigureFormat.grouped(run.peakConcurrentAccelerators)) accelerators at peak), is "
                    + shape.summary + run.caveats,
                evidence: evidence, metrics: metrics)
        }
    }
}
