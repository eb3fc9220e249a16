import Foundation

/// CVT-001: a likely foreign person with a likely large training run: a report due within 15 days.
///
/// A run of inference shape (TRS-001) is not a training run and is left out; a run whose shape is
/// undetermined counts.
public struct CoveredTransactionRule: Rule {
    public init() {}
    public let id = "CVT-001"
    public let version = 2
    public let title = "Likely covered transaction"
    public let category = FindingCategory.coveredTransaction
    public let defaultSeverity = Severity.critical
    public let parameters = [
        RuleParameter("threshold_operations", 1e26, "training compute threshold, operations"),
        RuleParameter("likely_score", 1.0, "foreign-person score threshold"),
        RuleParameter("report_days", 15, "days from knowledge to the report's due date", range: 0...365, whole: true),
    ]
    public let falsePositiveNotes =
        "Both halves are estimates from metering and CIP data; the report draft states the assumptions. Runs of "
        + "inference shape (TRS-001) are left out, so a training run disguised as a fleet shows only as LMT-001."
    public let references = [
        "89 FR 5698, proposed 15 CFR 791.306: report within 15 days of a covered transaction",
        "EO 14110 §4.2(c)",
    ]

    public func evaluate(_ account: AccountEvidence, in context: DetectionContext) throws -> [Finding] {
        let threshold = parameter("threshold_operations", in: context)
        // Most accounts have no run near the threshold: they need no foreign assessment.
        let large = account.indicesOfRuns(reaching: threshold)
        guard !large.isEmpty else { return [] }
        let assessment = ForeignAssessment(account: account, countries: context.catalogs.countries)
        guard assessment.score >= parameter("likely_score", in: context) else { return [] }
        let shapes = TrainingShape.Thresholds(context.ruleParameters)
        return large.compactMap { index -> Finding? in
            let run = account.runs[index]
            let shape = TrainingShape(run: run, thresholds: shapes)
            guard shape.verdict != .inference else { return nil }
            var result = finding(
                subject: .account(account.accountID), window: run.window, run: run,
                summary: "Likely covered transaction: training run of " + run.computeSentence(customer: account.account)
                    + "; foreign-person score \(String(format: "%.2f", assessment.score))",
                evidence: run.evidence(threshold: threshold).merging(
                    [
                        "foreign_signals": .list(assessment.signals.map { "\($0.kind): \($0.detail)" }),
                        "training_shape": .text(shape.summary),
                    ]
                ) { first, _ in first },
                metrics: run.metrics(threshold: threshold).merging(["foreign_score": assessment.score]) { first, _ in
                    first
                })
            result.knowledgeDate = context.runDate
            result.reportDue = CalendarDay.adding(
                days: Int(parameter("report_days", in: context)), to: context.runDate)
            return result
        }
    }
}
