/// Links accounts that share a payment instrument, email address, phone, beneficial owner or
/// access address into groups (union-find), so compute split across accounts is summed.
///
/// A key shared by more than `maxAccountsPerKey` accounts is ignored: a corporate NAT, a shared
/// reseller phone or a family card would otherwise glue unrelated customers together. Email
/// domains are never keys, so a free-mail provider links nobody.
public struct EntityLinker: Sendable {
    /// A group of linked accounts and the shared keys that joined them.
    public struct Group: Sendable, Hashable {
        public var accounts: [String]
        public var links: [String]
    }

    public var maxAccountsPerKey: Int

    public init(maxAccountsPerKey: Int = 5) {
        self.maxAccountsPerKey = maxAccountsPerKey
    }

    /// The groups of two or more accounts, sorted by their first account.
    public func groups(_ evidence: [AccountEvidence]) -> [Group] {
        var keys: [String: [Int]] = [:]
        for (index, account) in evidence.enumerated() {
            var own: Set<String> = []
            if let record = account.account {
                if let card = record.paymentFingerprint { own.insert("payment instrument \(card)") }
                own.insert("email \(record.email.lowercased())")
                if let phone = record.phone {
                    let digits = phone.filter(\.isNumber)
                    if digits.count >= 7 { own.insert("phone \(digits)") }
                }
                for owner in record.beneficialOwners {
                    own.insert("beneficial owner \(owner.name.lowercased())")
                }
            }
            for address in account.addresses.keys { own.insert("access address \(address)") }
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
        var linksByPair: [(Int, String)] = []
        for (key, members) in keys where members.count >= 2 && members.count <= maxAccountsPerKey {
            for member in members.dropFirst() {
                let (a, b) = (root(members[0]), root(member))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
            linksByPair.append((members[0], key))
        }
        var members: [Int: [Int]] = [:]
        for index in evidence.indices { members[root(index), default: []].append(index) }
        var linkText: [Int: Set<String>] = [:]
        for (member, key) in linksByPair { linkText[root(member), default: []].insert(key) }
        return members.filter { $0.value.count >= 2 }.map { rootIndex, indices in
            Group(
                accounts: indices.map { evidence[$0].accountID }.sorted(),
                links: (linkText[rootIndex] ?? []).sorted())
        }.sorted { $0.accounts[0] < $1.accounts[0] }
    }
}
