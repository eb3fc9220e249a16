/// The reviewed "not the same party" decisions in force, looked up by finding or by account and list entry.
public struct ScreeningDecisions: Sendable {
    /// All decisions, in the order given.
    public let decisions: [ScreeningDecision]
    private let byFinding: [String: Int]
    private let byAccountEntry: [AccountEntry: Int]

    private struct AccountEntry: Hashable {
        var account: String
        var list: String?
        var entryID: String
    }

    /// Collects decisions; when two name the same subject, the first is the one reported.
    public init(_ decisions: [ScreeningDecision] = []) {
        self.decisions = decisions
        var byFinding: [String: Int] = [:]
        var byAccountEntry: [AccountEntry: Int] = [:]
        for (index, decision) in decisions.enumerated() {
            switch decision.subject {
            case .finding(let id):
                if byFinding[id] == nil { byFinding[id] = index }
            case .accountEntry(let account, let list, let entryID):
                let key = AccountEntry(account: account, list: list, entryID: entryID)
                if byAccountEntry[key] == nil { byAccountEntry[key] = index }
            }
        }
        self.byFinding = byFinding
        self.byAccountEntry = byAccountEntry
    }

    /// The decision that closes a finding, by its id.
    public func decision(forFinding id: String) -> ScreeningDecision? {
        byFinding[id].map { decisions[$0] }
    }

    /// The decision that closes matches of `account` against the entry `entryID` on `list`: one naming
    /// that list, or else one naming no list.
    public func decision(account: String, list: String, entryID: String) -> ScreeningDecision? {
        let exact = byAccountEntry[AccountEntry(account: account, list: list, entryID: entryID)]
        let anyList = byAccountEntry[AccountEntry(account: account, list: nil, entryID: entryID)]
        return (exact ?? anyList).map { decisions[$0] }
    }

    /// The decision that keeps a match closed: one for the finding when its id is known, else one for the
    /// account and the matched entry.
    public func decision(findingID: String?, account: String, match: ScreeningMatch) -> ScreeningDecision? {
        if let findingID, let decision = decision(forFinding: findingID) { return decision }
        return decision(account: account, list: match.list, entryID: match.entryID)
    }

    /// The number of decisions.
    public var count: Int { decisions.count }
}
