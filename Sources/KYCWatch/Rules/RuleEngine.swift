/// Runs the rule catalogue over every account, in parallel over account shards, then the group
/// rules over the linked accounts, and returns every finding in one sorted order.
public struct RuleEngine: Sendable {
    /// The rules, in catalogue order.
    public let rules: [any Rule]

    /// The default catalogue.
    public static let catalogue: [any Rule] = [
        TrainingComputeRule(), TrainingShapeRule(), ClusterScaleRule(), ForeignIndicatorsRule(),
        CoveredTransactionRule(), GroupCoveredTransactionRule(), LinkedAccountsRule(), CIPGapRule(),
        UnknownAccountRule(), LooseUsageRule(), ScreeningRule(),
    ]

    public init(rules: [any Rule] = RuleEngine.catalogue) {
        self.rules = rules
    }

    /// Checks the pipeline file's `rules:` against the catalogue: every rule id and parameter
    /// known, every value a number in its range. A typo would otherwise keep a default silently.
    public func checkParameters(_ given: [String: [String: ParameterValue]], file: String) throws(KYCWatchError) {
        for (ruleID, values) in given.sorted(by: { $0.key < $1.key }) {
            if let problem = problem(rule: ruleID) {
                throw KYCWatchError(
                    .invalidConfiguration, "rules.\(ruleID): \(problem)", at: SourceLocation(file: file))
            }
            for (name, value) in values.sorted(by: { $0.key < $1.key }) {
                if let problem = problem(rule: ruleID, parameter: name, value: value) {
                    throw KYCWatchError(
                        .invalidConfiguration, "rules.\(ruleID).\(name): \(problem)", at: SourceLocation(file: file))
                }
            }
        }
    }

    /// Why the catalogue has no rule `ruleID`, nil when it has one.
    public func problem(rule ruleID: String) -> String? {
        guard !rules.contains(where: { $0.id == ruleID }) else { return nil }
        return "unknown rule; expected one of \(rules.map(\.id).sorted().joined(separator: ", "))"
    }

    /// Why `value` cannot be parameter `name` of the rule `ruleID`, nil when it can: the rule must
    /// have the parameter, and the value must be a number in its range.
    public func problem(rule ruleID: String, parameter name: String, value: ParameterValue) -> String? {
        guard let rule = rules.first(where: { $0.id == ruleID }) else { return problem(rule: ruleID) }
        guard let parameter = rule.parameters.first(where: { $0.name == name }) else {
            let known = rule.parameters.map(\.name)
            return "unknown parameter; \(ruleID) has " + (known.isEmpty ? "none" : known.joined(separator: ", "))
        }
        guard case .number(let number) = value, parameter.range.contains(number),
            !parameter.isWholeNumber || number == number.rounded()
        else {
            let given: String
            switch value {
            case .number(let number): given = abs(number) < 1e15 ? number.formatted : FigureFormat.scientific(number)
            case .text(let text): given = "'\(text)'"
            case .flag(let flag): given = "\(flag)"
            }
            return "\(given) is not \(parameter.rangeText) (\(parameter.meaning))"
        }
        return nil
    }

    /// Evaluates every rule on every account; a rule that throws on one account yields an error
    /// finding for it and the run goes on. The accounts are then linked once (LNK-001's
    /// `max_accounts_per_key`) for the group rules. Findings come back sorted by rule, subject and window.
    public func evaluate(_ accounts: [AccountEvidence], context: DetectionContext, shards: Int) async -> [Finding] {
        let shardCount = max(1, min(shards, accounts.count))
        let accountRules = rules.filter { !($0 is any GroupRule) }
        let groupRules = rules.compactMap { $0 as? any GroupRule }
        // Linking is one pass over every account; it runs beside the per-account shards.
        async let grouped = Self.groupFindings(groupRules, accounts: accounts, context: context)
        var findings: [Finding] = []
        await withTaskGroup(of: [Finding].self) { group in
            for shard in 0..<shardCount {
                group.addTask {
                    var found: [Finding] = []
                    // Read through the buffer: read from the array, each account was copied more
                    // often, and every copy retains every array and string the account holds.
                    accounts.withUnsafeBufferPointer { accounts in
                        for index in stride(from: shard, to: accounts.count, by: shardCount) {
                            Self.evaluate(accountRules, on: accounts[index], in: context, into: &found)
                        }
                    }
                    return found
                }
            }
            for await part in group { findings += part }
        }
        findings += await grouped
        // Each part of the sort key is made once per finding, into an array of its own: compared in
        // place, no tuple of texts is copied at each comparison.
        let ruleIDs = findings.map(\.rule)
        let subjects = findings.map { $0.subject.accounts.joined(separator: ",") }
        let starts = findings.map { $0.window?.start ?? "" }
        let ids = findings.map(\.id)
        findings.sort(byKeys: Array(findings.indices)) { a, b in
            if ruleIDs[a] != ruleIDs[b] { return ruleIDs[a] < ruleIDs[b] }
            if subjects[a] != subjects[b] { return subjects[a] < subjects[b] }
            if starts[a] != starts[b] { return starts[a] < starts[b] }
            return ids[a] < ids[b]
        }
        return findings
    }

    /// Evaluates `rules` on `account` and appends their findings to `found`.
    ///
    /// The account is borrowed for all the rules: read from the array for each rule instead, it
    /// would be copied for each, retaining every array and string it holds.
    private static func evaluate(
        _ rules: [any Rule], on account: borrowing AccountEvidence, in context: DetectionContext,
        into found: inout [Finding]
    ) {
        for rule in rules {
            do {
                found += try rule.evaluate(account, in: context)
            } catch {
                found.append(errorFinding(rule: rule, account: account.accountID, error: error))
            }
        }
    }

    /// The findings of the rules over linked groups of accounts.
    private static func groupFindings(_ rules: [any GroupRule], accounts: [AccountEvidence], context: DetectionContext)
        -> [Finding]
    {
        guard !rules.isEmpty else { return [] }
        let linking = LinkedAccountsRule().linker(in: context).link(accounts)
        return rules.flatMap { $0.evaluate(linking, accounts: accounts, in: context) }
    }

    static func errorFinding(rule: any Rule, account: String, error: any Error) -> Finding {
        let subject = Finding.Subject.account(account)
        return Finding(
            id: Finding.stableID(rule: rule.id + "/error", subject: subject, windowStart: nil), rule: rule.id,
            ruleVersion: rule.version, category: .dataQuality, severity: .medium, subject: subject, window: nil,
            summary: "Rule \(rule.id) could not evaluate account \(account): \(error)", evidence: [:], metrics: [:],
            references: [], knowledgeDate: nil, reportDue: nil)
    }
}
