/// Runs the rule catalogue over every account, in parallel over account shards, then the group
/// rules over the linked accounts, and returns every finding in one sorted order.
public struct RuleEngine: Sendable {
    /// The rules, in catalogue order.
    public let rules: [any Rule]

    /// The default catalogue.
    public static let catalogue: [any Rule] = [
        TrainingComputeRule(), TrainingShapeRule(), ClusterScaleRule(), ForeignIndicatorsRule(),
        CoveredTransactionRule(), GroupCoveredTransactionRule(), LinkedAccountsRule(), CIPGapRule(),
        UnknownAccountRule(), ScreeningRule(),
    ]

    public init(rules: [any Rule] = RuleEngine.catalogue) {
        self.rules = rules
    }

    /// Evaluates every rule on every account; a rule that throws on one account yields an error
    /// finding for it and the run goes on. The accounts are then linked once (LNK-001's
    /// `max_accounts_per_key`) for the group rules. Findings come back sorted by rule, subject and window.
    public func evaluate(_ accounts: [AccountEvidence], context: DetectionContext, shards: Int) async -> [Finding] {
        let shardCount = max(1, min(shards, accounts.count))
        let accountRules = rules.filter { !($0 is any GroupRule) }
        let groupRules = rules.compactMap { $0 as? any GroupRule }
        var findings: [Finding] = []
        await withTaskGroup(of: [Finding].self) { group in
            for shard in 0..<shardCount {
                group.addTask {
                    var found: [Finding] = []
                    var index = shard
                    while index < accounts.count {
                        let account = accounts[index]
                        for rule in accountRules {
                            do {
                                found += try rule.evaluate(account, in: context)
                            } catch {
                                found.append(Self.errorFinding(rule: rule, account: account.accountID, error: error))
                            }
                        }
                        index += shardCount
                    }
                    return found
                }
            }
            for await part in group { findings += part }
        }
        if !groupRules.isEmpty {
            let linking = LinkedAccountsRule().linker(in: context).link(accounts)
            for rule in groupRules { findings += rule.evaluate(linking, accounts: accounts, in: context) }
        }
        return findings.sorted {
            ($0.rule, $0.subject.accounts.joined(separator: ","), $0.window?.start ?? "", $0.id)
                < ($1.rule, $1.subject.accounts.joined(separator: ","), $1.window?.start ?? "", $1.id)
        }
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
