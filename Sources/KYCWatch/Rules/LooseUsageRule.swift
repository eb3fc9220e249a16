import Foundation

/// DQ-002: accelerator usage at the scale of a training run metered with neither a job id nor a
/// cluster id, which kycwatch cannot group into runs.
///
/// Such loose usage makes no run (nothing says its instances trained together), so LMT-001 and
/// CVT-001 cannot weigh it; this finding keeps it from passing unseen, with its figures, and asks for
/// the ids that would tell. Past the threshold by a likely foreign customer it is critical: if the usage
/// is one training run, a report is due, so it carries a knowledge date and a report-due date as
/// CVT-001 does, kept from the night it was first known.
public struct LooseUsageRule: Rule {
    public init() {}
    public let id = "DQ-002"
    public let version = 5
    public let title = "Accelerator usage at training scale with no job or cluster id"
    public let category = FindingCategory.dataQuality
    public let defaultSeverity = Severity.high
    public let parameters = [
        RuleParameter("threshold_operations", 1e26, "operations at which loose usage is high"),
        RuleParameter(
            "warning_fraction", 0.5,
            "report loose usage whose expected operations reach this fraction of the threshold",
            range: 0...1),
    ]
    public let falsePositiveNotes =
        "Many unrelated instances (an inference fleet, batch work) add up to a large figure too; the finding says "
        + "only that the export cannot tell, not that they trained together."
    public let references = ["EO 14110 §4.2(b)(i): 1e26 operations; the export's job and placement-group ids"]

    public func evaluate(_ account: AccountEvidence, in context: DetectionContext) throws -> [Finding] {
        let threshold = parameter("threshold_operations", in: context)
        let warning = threshold * parameter("warning_fraction", in: context)
        guard let index = account.runs.firstIndex(where: { $0.basis == .loose && $0.expectedOperations >= warning })
        else { return [] }
        let loose = account.runs[index]
        let over = loose.expectedOperations > threshold
        // Usage past the threshold by a likely foreign customer is a covered transaction if it is one
        // training run: that it cannot be told is no reason to let the 15 days pass unseen.
        let covered = CoveredTransactionRule()
        let assessment = over ? ForeignAssessment(account: account, in: context) : nil
        let foreign = assessment.flatMap { covered.isLikelyForeign($0, in: context) ? $0 : nil }
        var result = finding(
            subject: .account(account.accountID), severity: foreign != nil ? .critical : over ? .high : .medium,
            window: loose.window,
            summary: "\(FigureFormat.grouped(loose.acceleratorHours)) accelerator-hours of \(loose.acceleratorsText) "
                + "(~\(FigureFormat.scientific(loose.expectedOperations, beside: threshold)) operations, upper bound "
                + "\(FigureFormat.scientific(loose.upperBoundOperations, beside: threshold))) on \(FigureFormat.count(loose.resources, "resource")), "
                + "\(loose.window.days), metered with no job or cluster id: whether they trained together cannot be "
                + "told; ask for the export's job or placement-group ids" + loose.caveats
                + (foreign.map {
                    // A customer presumed foreign for a gap alone is named by the gap, as CVT-001 names it.
                    let basis = GroupForeignMembers.basis(of: account, assessment: $0)
                    return "; the customer is "
                        + (basis.hasPrefix(GroupForeignMembers.presumedForAGap) ? basis : "likely foreign (\(basis))")
                        + ": if this usage is one training run, it is a covered transaction, to be reported within "
                        + "\(FigureFormat.grouped(covered.parameter("report_days", in: context))) days of its "
                        + "knowledge date"
                } ?? ""),
            evidence: loose.evidence.merging(
                foreign.map { ["foreign_signals": .list($0.signals.map { "\($0.kind): \($0.detail)" })] } ?? [:]
            ) { $1 },
            metrics: loose.metrics(threshold: threshold).merging(foreign.map { ["foreign_score": $0.score] } ?? [:]) {
                $1
            })
        // One per account, whatever its window: the same finding night after night.
        result.id = Finding.stableID(rule: id, subject: result.subject, windowStart: "loose usage")
        return [foreign != nil ? covered.dated(result, in: context) : result]
    }
}
