/// DQ-001: usage or access of an account the accounts export lacks: real activity with no CIP record.
/// An account whose row the export has but rejected is said to be so, with the row's place and why,
/// so the row is fixed rather than a record looked for.
public struct UnknownAccountRule: Rule {
    public init() {}
    public let id = "DQ-001"
    public let version = 2
    public let title = "Activity of an unknown account"
    public let category = FindingCategory.dataQuality
    public let defaultSeverity = Severity.high
    public let parameters: [RuleParameter] = []
    public let falsePositiveNotes = "The accounts export may lag the usage export by a day."
    public let references = ["89 FR 5698, proposed 15 CFR 791.302: every customer has a CIP record"]

    public func evaluate(_ account: AccountEvidence, in context: DetectionContext) throws -> [Finding] {
        guard account.account == nil, account.unknownUsageRecords + account.unknownAccessEvents > 0 else { return [] }
        let hours = account.runs.reduce(0) { $0 + $1.acceleratorHours }
        let activity =
            "Account \(account.accountID) has \(FigureFormat.count(account.unknownUsageRecords, "usage record")) and "
            + "\(FigureFormat.count(account.unknownAccessEvents, "access event"))"
        var evidence: [String: EvidenceValue] = [
            "usage_records": .number(Double(account.unknownUsageRecords)),
            "access_events": .number(Double(account.unknownAccessEvents)),
        ]
        var summary = activity + " but no record in the accounts export"
        if let rejected = account.rejectedRecord {
            summary =
                activity + ", but its row in the accounts export was rejected (\(rejected.place): "
                + "\(rejected.reason.code), \(rejected.message)), so no CIP record was read: fix the row"
            evidence["rejected_row"] = .text(rejected.place)
            evidence["reject_reason"] = .text(rejected.reason.code)
            evidence["reject_message"] = .text(rejected.message)
            if let column = rejected.column { evidence["reject_column"] = .text(column) }
        }
        return [
            finding(
                subject: .account(account.accountID), window: nil, summary: summary, evidence: evidence,
                metrics: ["accelerator_hours": hours])
        ]
    }
}
