import Foundation

/// CVT-002: linked accounts whose runs reach the training threshold together though no member's
/// run does alone, with a likely foreign member: a run split across accounts.
///
/// Runs of inference shape (TRS-001) are not summed: a fleet is not part of a training run.
public struct GroupCoveredTransactionRule: GroupRule {
    public init() {}
    public let id = "CVT-002"
    public let version = 4
    public let title = "Likely covered transaction split across linked accounts"
    public let category = FindingCategory.coveredTransaction
    public let defaultSeverity = Severity.critical
    public let parameters = [
        RuleParameter("threshold_operations", 1e26, "training compute threshold for the group's runs together"),
        RuleParameter("likely_score", 1.0, "foreign-person score of at least one member"),
        RuleParameter("report_days", 15, "days from knowledge to the report's due date", range: 0...365, whole: true),
    ]
    public let falsePositiveNotes =
        "Linked accounts may be one customer's legitimate projects; the sum counts every run that is not "
        + "inference-shaped, whatever its time, so runs months apart add up."
    public let references = [
        "89 FR 5698, proposed 15 CFR 791.306: a transaction by, for or on behalf of a foreign person",
        "EO 14110 §4.2(c)",
    ]

    public func evaluate(
        _ linking: EntityLinker.Linking, accounts evidence: [AccountEvidence], in context: DetectionContext
    ) -> [Finding] {
        let threshold = parameter("threshold_operations", in: context)
        let likely = parameter("likely_score", in: context)
        let shapes = TrainingShape.Thresholds(context.ruleParameters)
        let byID = Dictionary(uniqueKeysWithValues: evidence.indices.map { (evidence[$0].accountID, $0) })
        var findings: [Finding] = []
        for group in linking.groups {
            let members = group.accounts.compactMap { byID[$0].map { evidence[$0] } }
            let training = members.map {
                $0.runs.filter {
                    $0.basis != .loose && TrainingShape(run: $0, thresholds: shapes).verdict != .inference
                }
            }
            let runs = training.flatMap { $0 }
            let expected = runs.reduce(0) { $0 + $1.expectedOperations }
            // Over the threshold together; not one run over it alone (CVT-001's), nor one member's runs
            // together (CVT-001's split of one account, which a second report would only repeat).
            guard expected > threshold, runs.allSatisfy({ $0.expectedOperations <= threshold }),
                training.allSatisfy({ $0.reduce(0) { $0 + $1.expectedOperations } <= threshold })
            else { continue }
            let foreign = members.map {
                ($0.accountID, ForeignAssessment(account: $0, in: context))
            }
            .filter { $0.1.score >= likely }
            guard !foreign.isEmpty else { continue }
            let subject = Finding.Subject.group(group.accounts)
            let first = runs.map(\.first).min() ?? 0
            let last = runs.map(\.last).max() ?? 0
            let window = Finding.Window(start: TimestampParser.format(first), end: TimestampParser.format(last))
            let upper = runs.reduce(0) { $0 + $1.upperBoundOperations }
            findings.append(
                Finding(
                    id: Finding.stableID(rule: id, subject: subject, windowStart: window.start), rule: id,
                    ruleVersion: version, category: category, severity: defaultSeverity, subject: subject,
                    window: window,
                    summary: "Likely covered transaction split across \(members.count) linked accounts: "
                        + "~\(FigureFormat.scientific(expected, beside: threshold)) operations together "
                        + "(upper bound \(FigureFormat.scientific(upper, beside: threshold))), none over the threshold alone, "
                        + "\(window.days); likely foreign: "
                        + foreign.map { "\($0.0) (score \(String(format: "%.2f", $0.1.score)))" }.joined(
                            separator: ", "),
                    evidence: [
                        "members": .list(group.accounts), "links": .list(group.links.map(\.description)),
                        "runs": .list(
                            runs.map {
                                "\($0.accountID): \($0.label), "
                                    + FigureFormat.scientific($0.expectedOperations, beside: threshold)
                            }),
                        // The basis of the foreign-person test: every signal of every likely foreign member.
                        "foreign_signals": .list(
                            foreign.flatMap { account, assessment in
                                assessment.signals.map { "\(account) \($0.kind): \($0.detail)" }
                            }),
                    ],
                    metrics: [
                        "expected_operations": expected, "upper_bound_operations": upper,
                        "accelerator_hours": runs.reduce(0) { $0 + $1.acceleratorHours },
                        "threshold_operations": threshold,
                    ], references: references, knowledgeDate: context.runDate,
                    reportDue: CalendarDay.adding(
                        days: Int(parameter("report_days", in: context)), to: context.runDate)))
        }
        return findings
    }
}
