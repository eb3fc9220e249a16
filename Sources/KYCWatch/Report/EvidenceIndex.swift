/// The night's per-account evidence by account id, and the training runs behind a finding.
///
/// The evidence is kept as one array sorted by account id and searched by halves: the detect stage
/// hands it over sorted, so indexing a night of 100,000 accounts costs one pass to check the order,
/// where a dictionary would copy and hash every account for the few thousand a report looks up.
public struct EvidenceIndex: Sendable {
    /// The evidence sorted by account id, the first given for an id that appears twice.
    private let sorted: [AccountEvidence]
    /// The account ids of `sorted`, searched without touching the rest of the evidence.
    private let ids: [String]

    /// Indexes `evidence`; where an account id appears twice, the first is kept.
    public init(_ evidence: [AccountEvidence]) {
        let ids = evidence.map(\.accountID)
        if ids.indices.dropFirst().allSatisfy({ ids[$0 - 1] < ids[$0] }) {
            sorted = evidence
            self.ids = ids
            return
        }
        var kept: [AccountEvidence] = []
        kept.reserveCapacity(evidence.count)
        let order = ids.indices.sorted { (ids[$0], $0) < (ids[$1], $1) }
        for index in order where kept.last?.accountID != ids[index] {
            kept.append(evidence[index])
        }
        sorted = kept
        self.ids = kept.map(\.accountID)
    }

    /// The evidence of `account`, nil when the night has none.
    public subscript(account: String) -> AccountEvidence? {
        position(of: account).map { sorted[$0] }
    }

    /// The CIP record of `account`, nil when the accounts export lacks it.
    public func record(_ account: String) -> AccountRecord? {
        position(of: account).flatMap { sorted[$0].account }
    }

    /// The legal name of `account`, nil when the accounts export lacks it; without copying the record.
    public func legalName(_ account: String) -> String? {
        position(of: account).flatMap { sorted[$0].account?.legalName }
    }

    /// Where `account` is in `sorted`, found by halves.
    private func position(of account: String) -> Int? {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < account { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == account ? low : nil
    }

    /// The runs a finding is about: for an account finding, the run it names (by label and start);
    /// for a group finding, every member's job or cluster run, as the group rule sums them.
    public func runs(for finding: Finding) -> [TrainingRun] {
        if finding.subject.kind == "group" {
            return finding.subject.accounts.flatMap { account in
                (self[account]?.runs ?? []).filter { $0.basis != .loose }
            }
            .sorted { ($0.first, $0.accountID) < ($1.first, $1.accountID) }
        }
        guard case .text(let label)? = finding.evidence["run"], let start = finding.window?.start,
            let account = finding.subject.accounts.first
        else { return [] }
        return (self[account]?.runs ?? []).filter { $0.label == label && $0.window.start == start }
    }
}
