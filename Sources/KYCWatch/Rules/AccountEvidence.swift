/// Everything known about one account, built once and shared read-only by every rule.
public struct AccountEvidence: Sendable {
    public var accountID: String
    /// The CIP record, nil when usage or access names an account the accounts export lacks.
    public var account: AccountRecord?
    /// The account's row of the accounts export, when the export has one that was rejected
    /// (``account`` is then nil): the record exists but could not be read.
    public var rejectedRecord: RejectedAccountRow?
    /// The records of the account's parents (`parent_account_id`, then its parent's, …), nearest first,
    /// up to the top of its organization (the account with no parent in the export): a member account is
    /// billed through them, and they carry the payment and the owners. Empty when the export has no
    /// parent of the account, and when following parents from it goes round a cycle (two organizations
    /// naming each other) instead of ending at an account with no parent: then none carries them for
    /// the others. A member more than 16 parents down has its 15 nearest and its top
    /// (``EvidenceBuilder/parentsKept``).
    public var parents: [AccountRecord]
    /// Runs and loose usage of the account.
    public var runs: [TrainingRun]
    /// Access events by country of the source address (`??` when the address is in no range).
    public var accessEventsByCountry: [String: Int]
    /// Access events through anonymizers, by kind (vpn, tor, hosting).
    public var anonymizedEvents: [String: Int]
    /// Access events through anonymizers, by the country of the address: where the anonymizer's
    /// exit is, not where its user is, so they are left out of the account's access geography.
    public var anonymizedEventsByCountry: [String: Int]
    /// Distinct source addresses with events, first and last seen.
    public var addresses: [String: AddressUse]
    /// Usage records of an account the accounts export lacks.
    public var unknownUsageRecords: Int
    /// Access events of an account the accounts export lacks.
    public var unknownAccessEvents: Int

    /// How one address was used.
    public struct AddressUse: Sendable, Hashable {
        public var events: Int
        public var first: Int64
        public var last: Int64
        public var country: String?
        /// The kind of anonymizer (vpn, tor, hosting) whose network holds the address, when one does.
        public var anonymizer: String? = nil
        /// Whether the address is globally reachable (``IPAddress/isGloballyReachable``); the evidence
        /// builder sets it from the address.
        public var isGloballyReachable = true

        /// Whether the address can link accounts: one that is not globally reachable (a private,
        /// loopback, link-local, shared or documentation address) is used by strangers on networks of
        /// their own, and an anonymizer's by strangers at once, so sharing either says nothing.
        public var isLinkKey: Bool { anonymizer == nil && isGloballyReachable }

        /// Counts `event` and widens first and last seen to include it.
        mutating func record(_ event: AccessRecord) {
            events += event.count
            first = min(first, event.timestamp)
            last = max(last, event.timestamp)
        }
    }

    public init(accountID: String) {
        self.accountID = accountID
        account = nil
        rejectedRecord = nil
        parents = []
        runs = []
        accessEventsByCountry = [:]
        anonymizedEvents = [:]
        anonymizedEventsByCountry = [:]
        addresses = [:]
        unknownUsageRecords = 0
        unknownAccessEvents = 0
    }

    /// How an account without a record read is described after "an account": `missing from the
    /// accounts export`, or `whose row in the accounts export was rejected (accounts.csv line 2)`.
    public var missingRecordPhrase: String {
        guard let rejected = rejectedRecord else { return "missing from the accounts export" }
        return "whose row in the accounts export was rejected (\(rejected.place))"
    }

    /// Whether the account is a member billed through its parents (``parents``).
    public var isMember: Bool { !parents.isEmpty }

    /// Where in ``parents`` the nearest listing beneficial owners is: its owners are the member's,
    /// those of the parents above it being theirs in turn.
    public var parentListingOwners: Int? { parents.firstIndex { !$0.beneficialOwners.isEmpty } }

    /// How a finding names the parent at `index` of ``parents``: `parent account P1`, one further up by
    /// the account it is the parent of, `P1's parent account P0`, and the top of a chain longer than
    /// those kept by the last kept below it, `parent account P0 at the top of P15's organization`.
    public func parentName(at index: Int) -> String {
        guard index > 0 else { return "parent account \(parents[index].accountID)" }
        let below = parents[index - 1]
        return below.parentAccountID == parents[index].accountID
            ? "\(below.accountID)'s parent account \(parents[index].accountID)"
            : "parent account \(parents[index].accountID) at the top of \(below.accountID)'s organization"
    }

    /// All access events.
    public var accessEvents: Int { addresses.values.reduce(0) { $0 + $1.events } }

    /// Where in ``runs`` the runs are (not loose usage) whose expected operations reach `operations`.
    ///
    /// Places, not the runs: filtering the runs would copy each, retaining all it holds, for every
    /// account and rule.
    func indicesOfRuns(reaching operations: Double) -> [Int] {
        runs.indices.filter { runs[$0].basis != .loose && runs[$0].expectedOperations >= operations }
    }

    /// Where in ``runs`` the runs are (not loose usage) whose expected operations are over `threshold`:
    /// the reporting threshold is passed by more than 1e26 operations, not by 1e26 exactly.
    func indicesOfRuns(over threshold: Double) -> [Int] {
        runs.indices.filter { runs[$0].basis != .loose && runs[$0].expectedOperations > threshold }
    }
}
