/// Links accounts that share a payment instrument, email address, phone, beneficial owner or
/// access address into groups (union-find), so compute split across accounts is summed.
///
/// A key shared by more than `maxAccountsPerKey` accounts is refused: a corporate NAT, a shared
/// reseller phone or a family card would otherwise glue unrelated customers together. Refused keys
/// are kept, so a reviewer can see why accounts were not joined. Email domains are never keys, so
/// a free-mail provider links nobody.
public struct EntityLinker: Sendable {
    /// What two accounts share.
    public enum LinkKind: String, Sendable, Hashable, CaseIterable, Comparable {
        case paymentInstrument = "payment instrument"
        case email
        case phone
        case beneficialOwner = "beneficial owner"
        case accessAddress = "access address"

        public static func < (lhs: LinkKind, rhs: LinkKind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One shared value and the accounts that share it.
    public struct Link: Sendable, Hashable, CustomStringConvertible {
        public var kind: LinkKind
        /// The value as compared: a fingerprint, a lowercased email or owner name, phone digits, an address.
        public var value: String
        /// The accounts holding it, sorted.
        public var accounts: [String]

        /// `payment instrument pm-1`.
        public var description: String { "\(kind.rawValue) \(value)" }
    }

    /// A group of linked accounts and the shared keys that joined them.
    public struct Group: Sendable, Hashable {
        /// The members, sorted.
        public var accounts: [String]
        /// Every shared key among the members, sorted by kind and value.
        public var links: [Link]
    }

    /// The groups, and the keys the guard refused to link by.
    public struct Linking: Sendable, Hashable {
        /// Groups of two or more accounts, sorted by their first account.
        public var groups: [Group]
        /// Keys shared by more than `maxAccountsPerKey` accounts, sorted by kind and value.
        public var refused: [Link]
    }

    public var maxAccountsPerKey: Int

    public init(maxAccountsPerKey: Int = 5) {
        self.maxAccountsPerKey = maxAccountsPerKey
    }

    /// The groups of two or more accounts, sorted by their first account.
    public func groups(_ evidence: [AccountEvidence]) -> [Group] {
        link(evidence).groups
    }

    /// Links `evidence`: the groups and the refused keys.
    public func link(_ evidence: [AccountEvidence]) -> Linking {
        struct Key: Hashable {
            var kind: LinkKind
            var value: String
        }
        var keys: [Key: [Int]] = [:]
        keys.reserveCapacity(evidence.count * 2)
        // An account's own keys are few: an array checked for repeats beats a set per account.
        var own: [Key] = []
        func hold(_ key: Key) {
            if !own.contains(key) { own.append(key) }
        }
        for (index, account) in evidence.enumerated() {
            own.removeAll(keepingCapacity: true)
            if let record = account.account {
                if let card = record.paymentFingerprint { hold(Key(kind: .paymentInstrument, value: card)) }
                hold(Key(kind: .email, value: record.email.lowercased()))
                if let phone = record.phone {
                    let digits = phone.filter(\.isNumber)
                    if digits.count >= 7 { hold(Key(kind: .phone, value: digits)) }
                }
                for owner in record.beneficialOwners {
                    hold(Key(kind: .beneficialOwner, value: owner.name.lowercased()))
                }
            }
            // Addresses are distinct already (dictionary keys) and of a kind of their own.
            for address in account.addresses.keys { own.append(Key(kind: .accessAddress, value: address)) }
            for key in own { keys[key, default: []].append(index) }
        }
        var parent = Array(evidence.indices)
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        var joining: [(Key, [Int])] = []
        var refused: [Link] = []
        for (key, members) in keys where members.count >= 2 {
            guard members.count <= maxAccountsPerKey else {
                refused.append(
                    Link(kind: key.kind, value: key.value, accounts: members.map { evidence[$0].accountID }.sorted()))
                continue
            }
            for member in members.dropFirst() {
                let (a, b) = (root(members[0]), root(member))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
            joining.append((key, members))
        }
        var members: [Int: [Int]] = [:]
        for index in evidence.indices { members[root(index), default: []].append(index) }
        var links: [Int: [Link]] = [:]
        for (key, holders) in joining {
            links[root(holders[0]), default: []].append(
                Link(kind: key.kind, value: key.value, accounts: holders.map { evidence[$0].accountID }.sorted()))
        }
        let groups = members.filter { $0.value.count >= 2 }.map { rootIndex, indices in
            Group(
                accounts: indices.map { evidence[$0].accountID }.sorted(),
                links: (links[rootIndex] ?? []).sorted { ($0.kind, $0.value) < ($1.kind, $1.value) })
        }.sorted { $0.accounts[0] < $1.accounts[0] }
        return Linking(groups: groups, refused: refused.sorted { ($0.kind, $0.value) < ($1.kind, $1.value) })
    }
}
