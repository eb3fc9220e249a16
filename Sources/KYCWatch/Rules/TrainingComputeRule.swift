/// LMT-001: runs whose estimated operations reach the reporting threshold (critical), or a
/// configurable fraction of it (a warning).
public struct TrainingComputeRule: Rule {
    public init() {}
    public let id = "LMT-001"
    public let version = 1
    public let title = "Large AI model training compute"
    public let category = FindingCategory.largeTraining
    public let defaultSeverity = Severity.critical
    public let parameters = [
        RuleParameter("threshold_operations", 1e26, "reporting threshold for a training run, in operations"),
        RuleParameter(
            "warning_fraction", 0.5, "warn when the expected operations reach this fraction of the threshold"),
    ]
    public let falsePositiveNotes =
        "Metering shows accelerator time, not the workload: a long inference or simulation job on a training-sized cluster can reach the figure."
    public let references = ["EO 14110 §4.2(b)(i): 1e26 operations; BIS proposed rule of Sept 2024"]

    public func evaluate(_ account: AccountEvidence, in context: DetectionContext) throws -> [Finding] {
        let threshold = parameter("threshold_operations", in: context)
        let warning = threshold * parameter("warning_fraction", in: context)
        return account.runs.filter { $0.basis != .loose && $0.expectedOperations >= warning }.map { run in
            let over = run.expectedOperations >= threshold
            return finding(
                subject: .account(account.accountID), severity: over ? .critical : .medium, window: run.window,
                summary: "\(over ? "Likely training run" : "Training run approaching the threshold") of "
                    + run.computeSentence(customer: account.account),
                evidence: run.evidence, metrics: run.metrics(threshold: threshold))
        }
    }
}
