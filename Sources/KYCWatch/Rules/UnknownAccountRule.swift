/// DQ-001: usage or access of an account the accounts export lacks: real activity with no CIP record.
public struct UnknownAccountRule: Rule {
    public init() {}
    public let id = "DQ-001"
    public let version = 1
    public let title = "Activity of an unknown account"
    public let category = FindingCategory.dataQuality
    public let defaultSeverity = Severity.high
    public let parameters: [RuleParameter] = []
    public let falsePositiveNotes = "The accounts export may lag the usage export by a day."
    public let references = ["89 FR 5698, proposed 15 CFR 791.302: every customer has a CIP record"]

    public func evaluate(_ account: AccountEvidence, in context: DetectionContext) throws -> [Finding] {
        guard account.account == nil, account.unknownUsageRecords + account.unknownAccessEvents > 0 else { return [] }
        let hours = account.runs.reduce(0) { $0 + $1.acceleratorHours }
        return [
            finding(
                subject: .account(account.accountID), window: nil,
                summary: "Account \(account.accountID) has "
                    + "\(FigureFormat.count(account.unknownUsageRecords, "usage record")) and "
                    + "\(FigureFormat.count(account.unknownAccessEvents, "access event")) but no record in the "
                    + "accounts export",
                evidence: [
                    "usage_records": .number(Double(account.unknownUsageRecords)),
                    "access_events": .number(Double(account.unknownAccessEvents)),
                ], metrics: ["accelerator_hours": hours])
        ]
    }
}
