/// The night's per-account evidence by account id, and the training runs behind a finding.
public struct EvidenceIndex: Sendable {
    /// Evidence by account id.
    public let accounts: [String: AccountEvidence]

    /// Indexes `evidence`.
    public init(_ evidence: [AccountEvidence]) {
        accounts = Dictionary(evidence.map { ($0.accountID, $0) }) { first, _ in first }
    }

    /// The CIP record of `account`, nil when the accounts export lacks it.
    public func record(_ account: String) -> AccountRecord? { accounts[account]?.account }

    /// The runs a finding is about: for an account finding, the run it names (by label and start);
    /// for a group finding, every member's job or cluster run, as the group rule sums them.
    public func runs(for finding: Finding) -> [TrainingRun] {
        if finding.subject.kind == "group" {
            return finding.subject.accounts.flatMap { account in
                (accounts[account]?.runs ?? []).filter { $0.basis != .loose }
            }
            .sorted { ($0.first, $0.accountID) < ($1.first, $1.accountID) }
        }
        guard case .text(let label)? = finding.evidence["run"], let start = finding.window?.start,
            let account = finding.subject.accounts.first
        else { return [] }
        return (accounts[account]?.runs ?? []).filter { $0.label == label && $0.window.start == start }
    }
}
