/// Collects normalized records into per-account evidence: CIP records, runs, access geography.
///
/// Memory grows with accounts, runs and distinct (account, address) pairs, not with rows.
public final class EvidenceBuilder: UsageRowSink {
    /// Where an address is: its country and whether it is an anonymizer.
    public typealias AddressLocator = @Sendable (String) -> (country: String?, anonymizer: String?)

    /// The accounts export's records, in the order they came, and where each id's record is.
    /// Records sit in an array: a dictionary of them moved every record each time it grew.
    private var accounts: [AccountRecord] = []
    private var accountIndex: [String: Int] = [:]
    private var runs: RunAccumulator
    private var access: [String: [String: AccountEvidence.AddressUse]] = [:]
    private var unknownUsage: [String: Int] = [:]
    private var unknownAccess: [String: Int] = [:]
    private let locate: AddressLocator?
    /// Rows of the accounts export rejected, by the account they name.
    private var rejectedAccounts: [String: RejectedAccountRow] = [:]
    private var located: [String: Place] = [:]

    /// What is known of one address: its country, its anonymizer, whether it is globally reachable.
    private struct Place {
        var country: String?
        var anonymizer: String?
        var isGloballyReachable: Bool
    }

    /// Creates a builder; `locate` maps addresses to countries and anonymizers when IP data is configured.
    public init(assumptions: RunAccumulator.Assumptions, locate: AddressLocator?) {
        runs = RunAccumulator(assumptions: assumptions)
        self.locate = locate
    }

    public func accept(_ account: AccountRecord, fields: [String]) throws(KYCWatchError) {
        if let index = accountIndex[account.accountID] {
            accounts[index] = account
        } else {
            accountIndex[account.accountID] = accounts.count
            accounts.append(account)
        }
    }

    /// Takes the rows of the accounts export that were rejected (``StageManifest/Input/rejectedAccounts``),
    /// the first per account kept: an account among them with usage or access but no record read has
    /// its row named in its evidence (``AccountEvidence/rejectedRecord``).
    public func accept(rejectedAccounts rows: [RejectedAccountRow]) {
        for row in rows where rejectedAccounts[row.accountID] == nil { rejectedAccounts[row.accountID] = row }
    }

    public func accept(_ usage: UsageRecord) throws(KYCWatchError) {
        runs.add(usage)
        if !usage.accountKnown { unknownUsage[usage.accountID, default: 0] += 1 }
    }

    func accept(_ batch: UsageRowBatch) throws(KYCWatchError) {
        runs.add(batch)
        batch.withTexts { text in
            for row in batch.rows where !row.accountKnown {
                unknownUsage[
                    row.accountID.bytes(in: text).map { String(decoding: $0, as: UTF8.self) } ?? "", default: 0] += 1
            }
        }
    }

    public func accept(_ event: AccessRecord) throws(KYCWatchError) {
        // Updated in place: copying an account's address table out and back would copy it per event.
        access[event.accountID, default: [:]][
            event.sourceIP,
            default: AccountEvidence.AddressUse(
                events: 0, first: event.timestamp, last: event.timestamp, country: nil)
        ].record(event)
        if !event.accountKnown { unknownAccess[event.accountID, default: 0] += event.count }
    }

    /// The evidence of every account seen in any export, sorted by account id.
    ///
    /// The finished runs are made on both cores (``RunAccumulator/runsOnTwoCores()``) while the
    /// accounts' records and addresses are placed.
    public func evidence() async -> [AccountEvidence] {
        // Evidence is built in place in one array, found through an index: a dictionary of these
        // large values would copy one out and back for every run and address.
        var all: [AccountEvidence] = []
        all.reserveCapacity(accounts.count)
        var slots: [String: Int] = [:]
        slots.reserveCapacity(accounts.count)
        func slot(_ id: String) -> Int {
            if let known = slots[id] { return known }
            slots[id] = all.count
            all.append(AccountEvidence(accountID: id))
            return all.count - 1
        }
        var parts: [[TrainingRun]]
        do {
            let accumulator = runs
            async let built = accumulator.runsOnTwoCores()
            for record in accounts { all[slot(record.accountID)].account = record }
            // Each member account gets its parents' records up to the top of its organization, when the
            // export has its parent and its parents end at an account with none: the nearest ones and the
            // top, at most ``parentsKept`` in all.
            let parentOf = parentsEndingAtTop()
            for index in accounts.indices where parentOf[index] != nil {
                var parents: [AccountRecord] = []
                var next = parentOf[index]
                while let parent = next {
                    if parents.count < Self.parentsKept - 1 || parentOf[parent] == nil {
                        parents.append(accounts[parent])
                    }
                    next = parentOf[parent]
                }
                all[slot(accounts[index].accountID)].parents = parents
            }
            for (id, uses) in access {
                let index = slot(id)
                for (address, use) in uses {
                    var use = use
                    let place = location(of: address)
                    use.country = place.country
                    use.anonymizer = place.anonymizer
                    use.isGloballyReachable = place.isGloballyReachable
                    all[index].addresses[address] = use
                    all[index].accessEventsByCountry[place.country ?? "??", default: 0] += use.events
                    if let kind = place.anonymizer {
                        all[index].anonymizedEvents[kind, default: 0] += use.events
                        all[index].anonymizedEventsByCountry[place.country ?? "??", default: 0] += use.events
                    }
                }
            }
            parts = await built
            // The task that made the runs holds them too until here: taking them apart while it did
            // would copy every run first.
        }
        // The runs are moved out from the last, not copied: an account's runs are together, in order,
        // in one part.
        var accountRuns: [TrainingRun] = []
        while var finished = parts.popLast() {
            while let run = finished.popLast() {
                let id = run.accountID
                accountRuns.append(consume run)
                guard finished.isEmpty || finished[finished.count - 1].accountID != id else { continue }
                // Reversed in place through a buffer, whose swaps move the runs instead of copying them.
                accountRuns.withUnsafeMutableBufferPointer { $0.reverse() }
                let index = slot(id)
                if all[index].runs.isEmpty {
                    swap(&all[index].runs, &accountRuns)
                } else {
                    all[index].runs.append(contentsOf: accountRuns)
                    accountRuns.removeAll()
                }
            }
        }
        for (id, count) in unknownUsage { if let index = slots[id] { all[index].unknownUsageRecords = count } }
        for (id, count) in unknownAccess { if let index = slots[id] { all[index].unknownAccessEvents = count } }
        for (id, row) in rejectedAccounts {
            if let index = slots[id], all[index].account == nil { all[index].rejectedRecord = row }
        }
        all.sort(byKeys: all.map(\.accountID), <)
        return all
    }

    /// For each account record, where in ``accounts`` its parent's record is, when the export has the
    /// parent and following `parent_account_id` from the account ends at an account with no parent in
    /// the export (the top of its family) rather than going round a cycle; nil otherwise. Following
    /// these from a member reaches its top, and each account on the way has its parent here too.
    ///
    /// A member account is billed through its family's top account; in a cycle (two organizations
    /// naming each other as parent) no account is, and each must carry its own payment and owners.
    /// How many parents' records a member's evidence keeps at most: its nearest parents and its top.
    ///
    /// Organizations are a few levels deep; an export chaining thousands of accounts one under the other
    /// would otherwise give each its whole chain, memory growing with the square of its length. A member
    /// further down is weighed by its 15 nearest parents and its top.
    static let parentsKept = 16

    private func parentsEndingAtTop() -> [Int?] {
        /// Where following parents from an account has got.
        enum Walk {
            case notWalked, onPath, endsAtTop, goesRound
        }
        var walks = [Walk](repeating: .notWalked, count: accounts.count)
        var path: [Int] = []
        for start in accounts.indices where walks[start] == .notWalked {
            var node = start
            var outcome = Walk.endsAtTop
            while true {
                if walks[node] == .endsAtTop || walks[node] == .goesRound {
                    outcome = walks[node]
                    break
                }
                if walks[node] == .onPath {
                    outcome = .goesRound
                    break
                }
                guard let parent = accounts[node].parentAccountID, parent != accounts[node].accountID,
                    let next = accountIndex[parent]
                else {
                    walks[node] = .endsAtTop
                    break
                }
                walks[node] = .onPath
                path.append(node)
                node = next
            }
            for visited in path { walks[visited] = outcome }
            path.removeAll(keepingCapacity: true)
        }
        return accounts.indices.map { index in
            guard walks[index] == .endsAtTop, let parent = accounts[index].parentAccountID,
                parent != accounts[index].accountID
            else { return nil }
            return accountIndex[parent]
        }
    }

    private func location(of address: String) -> Place {
        if let known = located[address] { return known }
        let found: (country: String?, anonymizer: String?) = locate?(address) ?? (nil, nil)
        let place = Place(
            country: found.country, anonymizer: found.anonymizer,
            isGloballyReachable: IPAddress(address)?.isGloballyReachable ?? false)
        located[address] = place
        return place
    }
}
