import Foundation

/// CVT-002: linked accounts whose runs pass the training threshold together, with a likely foreign
/// member: a run split across accounts.
///
/// Runs of inference shape (TRS-001) are not summed: a fleet is not part of a training run. Nor are
/// the runs CVT-001 reports, a likely foreign member's own covered transaction (a run over the
/// threshold, or its runs passing it together): the rest of the group's runs are a covered
/// transaction of their own when they still pass the threshold. A member not likely foreign is no
/// covered transaction alone, so its runs passing the threshold leave the group's standing.
///
/// A group the parent links alone join (an organization and its members, every one with a record) is
/// one organization whose members are each weighed with their parents: a member not likely foreign
/// there is a domestic part of it, whose training is no foreign person's, so only the likely foreign
/// members' runs are summed. A US company's own training is not a covered transaction for its
/// foreign subsidiary's account beside it.
public struct GroupCoveredTransactionRule: GroupRule {
    public init() {}
    public let id = "CVT-002"
    public let version = 11
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
            guard training.reduce(0, { $0 + $1.reduce(0) { $0 + $1.expectedOperations } }) > threshold else { continue }
            let assessments = members.map { ForeignAssessment(account: $0, in: context) }
            let foreign = GroupForeignMembers(of: members, assessments: assessments, likelyScore: likely)
            guard !foreign.members.isEmpty else { continue }
            // A likely foreign member's own training over the threshold (a run alone, or its runs
            // together) is CVT-001's covered transaction, which a second report would only repeat: left
            // out, the rest may still pass. A member not likely foreign has none of its own, however
            // large its runs: they stay in the group's.
            let single = CoveredTransactionRule()
            let family = LinkedAccountsRule.isDeclaredFamily(group, members: members)
            var counted: [[TrainingRun]] = []
            var reported: [(account: String, runs: [TrainingRun])] = []
            for index in members.indices {
                guard single.isLikelyForeign(assessments[index], in: context) else {
                    counted.append(family ? [] : training[index])
                    continue
                }
                let own = Set(single.reportedRuns(of: training[index], in: context))
                counted.append(training[index].indices.filter { !own.contains($0) }.map { training[index][$0] })
                if !own.isEmpty {
                    reported.append((members[index].accountID, own.sorted().map { training[index][$0] }))
                }
            }
            let runs = counted.flatMap { $0 }
            let expected = runs.reduce(0) { $0 + $1.expectedOperations }
            guard expected > threshold else { continue }
            let alone = members.indices.filter { single.passesThreshold(counted[$0], in: context) }
            let subject = Finding.Subject.group(group.accounts)
            let first = runs.map(\.first).min() ?? 0
            let last = runs.map(\.last).max() ?? 0
            let window = Finding.Window(start: TimestampParser.format(first), end: TimestampParser.format(last))
            // Keyed by the start of all the group's training, the runs left out too: the same covered
            // transaction from the night before one member's run crossed the threshold alone.
            let start = training.joined().map(\.first).min() ?? first
            let upper = runs.reduce(0) { $0 + $1.upperBoundOperations }
            let left = reported.flatMap(\.runs)
            let leftOperations = left.reduce(0) { $0 + $1.expectedOperations }
            var evidence: [String: EvidenceValue] = [:]
            var metrics: [String: Double] = [:]
            if let day = TrainingRun.dayReaching(threshold, together: runs) {
                evidence["threshold_reached_about"] = .text(day)
            }
            if !left.isEmpty {
                metrics["operations_reported_by_cvt_001"] = leftOperations
                evidence["runs_reported_by_cvt_001"] = .list(
                    left.map {
                        "\($0.accountID): \($0.label), "
                            + FigureFormat.scientific($0.expectedOperations, beside: threshold)
                    })
            }
            findings.append(
                Finding(
                    id: Finding.stableID(rule: id, subject: subject, windowStart: TimestampParser.format(start)),
                    rule: id, ruleVersion: version, category: category, severity: defaultSeverity, subject: subject,
                    window: window,
                    summary: "Likely covered transaction "
                        + Self.spread(accounts: counted.count { !$0.isEmpty }, of: group.accounts.count) + ": "
                        + "~\(FigureFormat.scientific(expected, beside: threshold)) operations together "
                        + "(upper bound \(FigureFormat.scientific(upper, beside: threshold))), "
                        + (left.isEmpty
                            ? ""
                            : "besides ~\(FigureFormat.scientific(leftOperations, beside: threshold)) in the runs of "
                                + ForeignAssessment.listed(reported.map(\.account))
                                + " that CVT-001 reports as a covered transaction of its own, ")
                        + Self.alone(alone.map { members[$0].accountID }) + ", \(window.days); " + foreign.summary,
                    evidence: evidence.merging([
                        "members": .list(group.accounts),
                        // Each link with the accounts sharing it, as LNK-001 gives it: the chain that joins them.
                        "links": .list(group.links.map { "\($0.description): \($0.accounts.joined(separator: ", "))" }),
                        "runs": .list(
                            runs.map {
                                "\($0.accountID): \($0.label), "
                                    + FigureFormat.scientific($0.expectedOperations, beside: threshold)
                            }),
                        "run_windows": .list(runs.map { "\($0.accountID): \($0.labelledWindow)" }),
                        // The basis of the foreign-person test: every signal of every likely foreign member.
                        "foreign_signals": .list(
                            foreign.members.flatMap { member in
                                member.assessment.signals.map { "\(member.accountID) \($0.kind): \($0.detail)" }
                            }),
                    ]) { first, _ in first },
                    metrics: metrics.merging([
                        "expected_operations": expected, "upper_bound_operations": upper,
                        "accelerator_hours": runs.reduce(0) { $0 + $1.acceleratorHours },
                        "threshold_operations": threshold,
                    ]) { first, _ in first }, references: references, knowledgeDate: context.runDate,
                    reportDue: CalendarDay.adding(
                        days: Int(parameter("report_days", in: context)), to: context.runDate)))
        }
        return findings
    }

    /// How the runs lie in the group: across every member (`split across 3 linked accounts`), or
    /// across those of the members that have runs (`split across the runs of 2 of 3 linked accounts`).
    static func spread(accounts withRuns: Int, of members: Int) -> String {
        if withRuns == members { return "split across \(withRuns) linked accounts" }
        if withRuns == 1 { return "in the runs of 1 of \(members) linked accounts" }
        return "split across the runs of \(withRuns) of \(members) linked accounts"
    }

    /// Which members' runs pass the threshold alone: none, or accounts not likely foreign (a likely
    /// foreign one's would be CVT-001's covered transaction, left out of the sum).
    static func alone(_ accounts: [String]) -> String {
        switch accounts.count {
        case 0: "none over the threshold alone"
        case 1: "over the threshold in the runs of \(accounts[0]) alone, an account not likely foreign"
        default:
            "over the threshold in the runs of each of \(accounts.joined(separator: ", ")) alone, accounts not likely foreign"
        }
    }
}
