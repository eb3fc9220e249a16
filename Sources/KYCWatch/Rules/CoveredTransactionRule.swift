import Foundation

/// CVT-001: a likely foreign person with a likely large training run: a report due within 15 days.
///
/// A run of inference shape (TRS-001) is not a training run and is left out; a run whose shape is
/// undetermined counts. An account's training runs that pass the threshold together though none of
/// them does alone (a training split across the account's own jobs or clusters) are one covered
/// transaction too.
public struct CoveredTransactionRule: Rule {
    public init() {}
    public let id = "CVT-001"
    public let version = 8
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
        + "inference shape (TRS-001) are left out, so a training run disguised as a fleet shows only as LMT-001. "
        + "An account's training runs that do not pass the threshold alone are summed whatever their time, so "
        + "separate trainings months apart add up."
    public let references = [
        "89 FR 5698, proposed 15 CFR 791.306: report within 15 days of a covered transaction",
        "EO 14110 §4.2(c)",
    ]

    public func evaluate(_ account: AccountEvidence, in context: DetectionContext) throws -> [Finding] {
        let threshold = parameter("threshold_operations", in: context)
        let shapes = TrainingShape.Thresholds(context.ruleParameters)
        // Most accounts have no runs near the threshold, alone or together (loose usage left out, which
        // makes no run): they need no shapes and no foreign assessment.
        let over = account.indicesOfRuns(over: threshold)
        var together = 0.0
        // By index: a loop over the runs themselves copies each, retaining all it holds, for every account.
        for index in account.runs.indices where account.runs[index].basis != .loose {
            together += account.runs[index].expectedOperations
        }
        guard !over.isEmpty || together > threshold else { return [] }
        // Each run's shape, once: a run of inference shape is neither a training run nor part of one.
        var shapeOf: [Int: TrainingShape] = [:]
        for index in account.runs.indices where account.runs[index].basis != .loose {
            shapeOf[index] = TrainingShape(run: account.runs[index], thresholds: shapes)
        }
        let training = shapeOf.filter { $0.value.verdict != .inference }.keys.sorted()
        let assessment = ForeignAssessment(account: account, in: context)
        guard isLikelyForeign(assessment, in: context) else { return [] }
        var foreignEvidence: [String: EvidenceValue] = [
            "foreign_signals": .list(assessment.signals.map { "\($0.kind): \($0.detail)" })
        ]
        let redFlag = assessment.licensingRedFlag.map { "; \($0)" } ?? ""
        if let flag = assessment.licensingRedFlag { foreignEvidence["licensing_red_flag"] = .text(flag) }
        var findings = over.compactMap { index -> Finding? in
            let run = account.runs[index]
            guard let shape = shapeOf[index], shape.verdict != .inference else { return nil }
            return dated(
                finding(
                    subject: .account(account.accountID), window: run.window, run: run,
                    summary: "Likely covered transaction: training run of "
                        + run.computeSentence(
                            customer: account.account, threshold: threshold, missingRecord: account.missingRecordPhrase)
                        + "; " + GroupForeignMembers.basis(of: account, assessment: assessment) + redFlag,
                    evidence: run.evidence(threshold: threshold).merging(
                        foreignEvidence.merging(["training_shape": .text(shape.summary)]) { first, _ in first }
                    ) { first, _ in first },
                    metrics: run.metrics(threshold: threshold).merging(["foreign_score": assessment.score]) {
                        first, _ in first
                    }), in: context)
        }
        // A training split across an account's own jobs or clusters is counted as CVT-002 counts one
        // split across linked accounts: the training runs not over the threshold alone, whatever runs
        // of the account are (those are reported above, and an inference fleet is no part of it).
        let parts = training.filter { account.runs[$0].expectedOperations <= threshold }
        let expected = parts.reduce(0) { $0 + account.runs[$1].expectedOperations }
        if parts.count > 1, expected > threshold {
            findings.append(
                dated(
                    split(
                        parts, of: account, expected: expected, threshold: threshold, assessment: assessment,
                        evidence: foreignEvidence), in: context))
        }
        return findings
    }

    /// The finding for `runs` of `account` that pass the threshold together: one per account, its id
    /// kept from night to night as runs are added.
    private func split(
        _ runs: [Int], of account: AccountEvidence, expected: Double, threshold: Double,
        assessment: ForeignAssessment, evidence: [String: EvidenceValue]
    ) -> Finding {
        let first = runs.map { account.runs[$0].first }.min() ?? 0
        let last = runs.map { account.runs[$0].last }.max() ?? 0
        let window = Finding.Window(start: TimestampParser.format(first), end: TimestampParser.format(last))
        let upper = runs.reduce(0) { $0 + account.runs[$1].upperBoundOperations }
        let hours = runs.reduce(0) { $0 + account.runs[$1].acceleratorHours }
        let who = account.account.map { "declared in \($0.country)" } ?? account.missingRecordPhrase
        var result = finding(
            subject: .account(account.accountID), window: window,
            summary: "Likely covered transaction split across \(runs.count) runs of one account: "
                + "~\(FigureFormat.scientific(expected, beside: threshold)) operations together (upper bound "
                + "\(FigureFormat.scientific(upper, beside: threshold))), none over the threshold alone, \(window.days), by a customer "
                + "\(who); " + GroupForeignMembers.basis(of: account, assessment: assessment)
                + (assessment.licensingRedFlag.map { "; \($0)" } ?? ""),
            evidence: evidence.merging(
                [
                    "runs": .list(
                        runs.map {
                            "\(account.runs[$0].label), "
                                + FigureFormat.scientific(account.runs[$0].expectedOperations, beside: threshold)
                        }),
                    "run_windows": .list(runs.map { account.runs[$0].labelledWindow }),
                ].merging(
                    TrainingRun.dayReaching(threshold, together: runs.map { account.runs[$0] }).map {
                        ["threshold_reached_about": .text($0)]
                    } ?? [:]
                ) { first, _ in first }
            ) { first, _ in first },
            metrics: [
                "expected_operations": expected, "upper_bound_operations": upper, "accelerator_hours": hours,
                "threshold_operations": threshold,
                "foreign_score": assessment.score,
            ])
        result.id = Finding.stableID(rule: id, subject: result.subject, windowStart: "runs together")
        return result
    }

    /// Whether an account's `training` (its runs neither loose usage nor of inference shape) passes
    /// this rule's threshold without another account's runs: a run over it alone, or runs under it
    /// that pass it together (the account's own split). Such training is this rule's covered
    /// transaction when the account is likely foreign (``isLikelyForeign(_:in:)``), and CVT-002 stands
    /// aside for it then; never when the account is not, since this rule reports nothing for it.
    func passesThreshold(_ training: [TrainingRun], in context: DetectionContext) -> Bool {
        // Operations are never negative: a run over the threshold alone puts the sum over it too.
        training.reduce(0) { $0 + $1.expectedOperations } > parameter("threshold_operations", in: context)
    }

    /// Where in `training` (an account's runs neither loose usage nor of inference shape) the runs are
    /// that this rule reports when the account is likely foreign: each run over the threshold, and the
    /// others when, more than one, they pass it together (the account's own split).
    func reportedRuns(of training: [TrainingRun], in context: DetectionContext) -> [Int] {
        let threshold = parameter("threshold_operations", in: context)
        let over = training.indices.filter { training[$0].expectedOperations > threshold }
        let parts = training.indices.filter { training[$0].expectedOperations <= threshold }
        let together = parts.reduce(0) { $0 + training[$1].expectedOperations }
        return parts.count > 1 && together > threshold ? training.indices.map { $0 } : over
    }

    /// Whether `assessment` makes its account likely foreign by this rule's `likely_score`.
    func isLikelyForeign(_ assessment: ForeignAssessment, in context: DetectionContext) -> Bool {
        assessment.score >= parameter("likely_score", in: context)
    }

    /// `finding` with tonight as its knowledge date and its report's due date, `report_days` later.
    func dated(_ finding: Finding, in context: DetectionContext) -> Finding {
        var result = finding
        result.knowledgeDate = context.runDate
        result.reportDue = CalendarDay.adding(days: Int(parameter("report_days", in: context)), to: context.runDate)
        return result
    }
}
