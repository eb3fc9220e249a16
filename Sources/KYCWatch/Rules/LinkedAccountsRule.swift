import Foundation

/// LNK-001: one finding per group of linked accounts, with every member, the shared values that
/// joined them, and the group's compute and foreign status; and one per key the guard refused to
/// link by (a corporate NAT address seen on many accounts), so a reviewer sees why accounts were
/// not joined.
public struct LinkedAccountsRule: GroupRule {
    public init() {}
    public let id = "LNK-001"
    public let version = 9
    public let title = "Linked accounts"
    public let category = FindingCategory.linking
    public let defaultSeverity = Severity.info
    public let parameters = [
        RuleParameter(
            "max_accounts_per_key", 5,
            "a value shared by more accounts links none of them (NAT, reseller, family card)",
            range: 2...1_000_000, whole: true),
        RuleParameter("large_operations", 5e25, "the group's training compute from which it counts as large"),
        RuleParameter("likely_score", 1.0, "foreign-person score of a likely foreign member"),
    ]
    public let falsePositiveNotes =
        "An organization's own member accounts are linked to it by their parent account and form a group by "
        + "design (declared_family says so); two people may share a common name as beneficial owner. Values are shown "
        + "unmasked, as elsewhere in the findings: the file holds CIP data and is kept like it."
    public let references = [
        "89 FR 5698, proposed 15 CFR 791.302: CIP includes means of payment, email, phone, beneficial owners and "
            + "access IP addresses"
    ]

    /// The linker with this rule's `max_accounts_per_key`.
    func linker(in context: DetectionContext) -> EntityLinker {
        var callingCodes: [String: String] = [:]
        for country in context.catalogs.countries.countries {
            if let code = country.callingCode { callingCodes[country.alpha2] = code }
        }
        return EntityLinker(
            maxAccountsPerKey: Int(parameter("max_accounts_per_key", in: context)), callingCodes: callingCodes)
    }

    public func evaluate(
        _ linking: EntityLinker.Linking, accounts evidence: [AccountEvidence], in context: DetectionContext
    ) -> [Finding] {
        // Members are found by index: a table of the evidence itself would copy every account's.
        let byID = Dictionary(uniqueKeysWithValues: evidence.indices.map { (evidence[$0].accountID, $0) })
        let shapes = TrainingShape.Thresholds(context.ruleParameters)
        return linking.groups.map {
            group(
                of: $0, members: $0.accounts.compactMap { byID[$0].map { evidence[$0] } }, shapes: shapes, in: context)
        }
            + linking.refused.map { refused($0, in: context) }
    }

    private func group(
        of group: EntityLinker.Group, members: [AccountEvidence], shapes: TrainingShape.Thresholds,
        in context: DetectionContext
    ) -> Finding {
        var training = 0.0
        var inference = 0.0
        var upper = 0.0
        var hours = 0.0
        var unratedHours = 0.0
        var unratedModels: Set<String> = []
        var runs: [String] = []
        var looseHours = 0.0
        var looseOperations = 0.0
        let largeOperations = parameter("large_operations", in: context)
        let figures = Figures(
            large: largeOperations,
            reporting: GroupCoveredTransactionRule().parameter("threshold_operations", in: context))
        for member in members {
            // Loose usage makes no run, but it is the group's accelerator time all the same.
            for run in member.runs where run.basis == .loose {
                looseHours += run.acceleratorHours
                looseOperations += run.expectedOperations
            }
            for run in member.runs where run.basis != .loose {
                let shape = TrainingShape(run: run, thresholds: shapes)
                if shape.verdict == .inference {
                    inference += run.expectedOperations
                } else {
                    training += run.expectedOperations
                    upper += run.upperBoundOperations
                }
                hours += run.acceleratorHours
                unratedHours += run.unratedAcceleratorHours
                unratedModels.formUnion(run.unratedModels)
                let operations = figures.text(run.expectedOperations)
                runs.append("\(member.accountID): \(run.label), \(operations), \(shape.verdict.rawValue)")
            }
        }
        // As CVT-002 reads them: a member presumed foreign for a gap alone is named so.
        let foreign = GroupForeignMembers(of: members, likelyScore: parameter("likely_score", in: context), in: context)
        // Loose usage is of no known shape: like a run of undetermined shape, it counts.
        let large = training + looseOperations >= largeOperations
        let severity: Severity =
            !foreign.members.isEmpty && large ? .high : !foreign.members.isEmpty || large ? .low : .info
        let family = Self.isDeclaredFamily(group, members: members)
        let kinds = Set(group.links.map(\.kind)).sorted()
        let subject = Finding.Subject.group(group.accounts)
        return Finding(
            id: Finding.stableID(rule: id, subject: subject, windowStart: nil), rule: id, ruleVersion: version,
            category: category, severity: severity, subject: subject, window: nil,
            summary: "\(members.count) linked accounts joined by "
                + kinds.map { Self.joined(by: $0, in: group) }.joined(separator: ", ") + ": "
                + (runs.isEmpty
                    ? "no accelerator runs"
                    : "~\(figures.text(training)) training operations together"
                        + (inference > 0 ? " (and \(figures.text(inference)) of inference shape)" : "")
                        + TrainingRun.unratedClause(hours: unratedHours, models: unratedModels.sorted()))
                + (looseHours > 0
                    ? "; \(FigureFormat.grouped(looseHours)) accelerator-hours (~\(figures.text(looseOperations)) "
                        + "operations) with no job or cluster id, in no run"
                        // Where the two only together reach large_operations, the sum the severity rests on.
                        + (training > 0 && training < largeOperations && large
                            ? " (~\(figures.text(training + looseOperations)) with the runs)" : "")
                    : "")
                + (foreign.members.isEmpty ? ", no likely foreign member" : "; " + foreign.summary),
            evidence: [
                "members": .list(group.accounts),
                "links": .list(group.links.map { "\($0.description): \($0.accounts.joined(separator: ", "))" }),
                "link_kinds": .list(kinds.map(\.rawValue)),
                "foreign_members": .list(foreign.members.map(\.listed)),
                "runs": .list(Array(runs.prefix(20))),
                "runs_total": .number(Double(runs.count)),
                "declared_family": .text(family ? "yes" : "no"),
            ],
            metrics: [
                "members": Double(members.count), "links": Double(group.links.count),
                "expected_operations": training, "upper_bound_operations": upper,
                "inference_shaped_operations": inference, "accelerator_hours": hours,
                "foreign_members": Double(foreign.members.count),
                "presumed_foreign_members": Double(foreign.presumed.count),
                "accelerator_hours_without_peak": unratedHours,
                "max_foreign_score": foreign.members.map(\.assessment.score).max() ?? 0,
                "loose_accelerator_hours": looseHours, "loose_expected_operations": looseOperations,
                "large_operations": parameter("large_operations", in: context),
                "reporting_threshold_operations": figures.reporting,
            ], references: references, knowledgeDate: nil, reportDue: nil)
    }

    /// How LNK-001 writes an operation count: beside the threshold it is nearer, the group's
    /// `large_operations` or the reporting threshold (CVT-002's), so that a figure just on either side
    /// of one does not read as it (``FigureFormat/scientific(_:beside:)``): 4.97e25 is `4.97e25`, not
    /// `5.0e25`, and a group of 9.97e25 `9.97e25`, not `1.0e26`.
    struct Figures {
        var large: Double
        var reporting: Double

        /// `value` written beside the nearer threshold.
        func text(_ value: Double) -> String {
            FigureFormat.operations(value, beside: [large, reporting])
        }
    }

    /// Whether `group`, of `members`, is an organization and its members as the accounts export declares
    /// them: every member has a record, and the parent links alone join them (`declared_family`).
    static func isDeclaredFamily(_ group: EntityLinker.Group, members: [AccountEvidence]) -> Bool {
        members.allSatisfy { $0.account != nil } && joinedByParentsAlone(group)
    }

    /// Whether the parent links of `group` alone join all its members: the group is one organization's,
    /// its members of members too (A0 <- A1 <- A2 is joined by the links of A0 and of A1), and no key
    /// another customer holds was needed to make it.
    static func joinedByParentsAlone(_ group: EntityLinker.Group) -> Bool {
        let position = Dictionary(uniqueKeysWithValues: group.accounts.enumerated().map { ($1, $0) })
        var sets = UnionFind(count: group.accounts.count)
        var parts = group.accounts.count
        for link in group.links where link.kind == .parent {
            parts -= sets.join(link.accounts.compactMap { position[$0] })
        }
        return parts == 1
    }

    /// How the summary names the links of `kind`: by the kind (`payment instrument`), the parent
    /// accounts by their ids too (`parent account GT0`, `parent accounts GT0 and GT5`), the organizations
    /// the group is made of, counted when there are more than three.
    static func joined(by kind: EntityLinker.LinkKind, in group: EntityLinker.Group) -> String {
        guard kind == .parent else { return kind.rawValue }
        let parents = group.links.filter { $0.kind == .parent }.map(\.value)
        switch parents.count {
        case 1: return "parent account \(parents[0])"
        case 2...3: return "parent accounts " + ForeignAssessment.listed(parents)
        default: return "\(FigureFormat.grouped(Double(parents.count))) parent accounts"
        }
    }

    private func refused(_ key: EntityLinker.Link, in context: DetectionContext) -> Finding {
        let limit = parameter("max_accounts_per_key", in: context)
        let subject = Finding.Subject.group(key.accounts)
        return Finding(
            // Keyed by the shared value, not the accounts, so the id survives an account joining the NAT.
            id: Finding.stableID(rule: id + "/refused", subject: .group([]), windowStart: key.description), rule: id,
            ruleVersion: version, category: category, severity: .info, subject: subject, window: nil,
            summary: "Not linked: \(key.description) is shared by \(key.accounts.count) accounts, more than "
                + "\(Int(limit)); a shared value this common (a corporate NAT, a reseller's contact) would join "
                + "unrelated customers",
            evidence: [
                "kind": .text(key.kind.rawValue), "value": .text(key.value),
                "accounts": .list(Array(key.accounts.prefix(50))),
                "accounts_total": .number(Double(key.accounts.count)),
            ],
            metrics: ["accounts": Double(key.accounts.count), "max_accounts_per_key": limit],
            references: references, knowledgeDate: nil, reportDue: nil)
    }
}
