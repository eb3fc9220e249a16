/// Links accounts that share a payment instrument, email address, phone, beneficial owner or
/// access address, and member accounts to their parent (`parent_account_id`), into groups
/// (union-find), so compute split across accounts is summed.
///
/// A key shared by more than `maxAccountsPerKey` accounts is refused: a corporate NAT, a shared
/// reseller phone or a family card would otherwise glue unrelated customers together. Refused keys
/// are kept, so a reviewer can see why accounts were not joined. A parent account is no such key:
/// the export declares its members billed through it, one customer however many, and a key all of
/// whose holders are one organization's (its members, and the parent) joins no strangers, so it is
/// not refused either. Email domains are never keys, so
/// a free-mail provider links nobody, and neither is a no-reply address (``EmailAddress/isNoReply(_:)``),
/// a system's sender that identifies no one; nor are access addresses strangers share
/// (``AccountEvidence/AddressUse/isLinkKey``): those not globally reachable (`10.0.0.1`, `127.0.0.1`,
/// `fe80::1`, carrier-grade NAT, documentation blocks) and those of VPN, Tor and hosting networks.
/// Values are compared as read, not as written: an email as ``EmailAddress/address(of:)`` reads it, a
/// phone as dialled from abroad.
public struct EntityLinker: Sendable {
    /// What two accounts share.
    public enum LinkKind: String, Sendable, Hashable, CaseIterable, Comparable {
        case paymentInstrument = "payment instrument"
        case email
        case phone
        case beneficialOwner = "beneficial owner"
        case accessAddress = "access address"
        /// A parent account and its members (`parent_account_id`): billed through it, one customer.
        case parent = "parent account"

        public static func < (lhs: LinkKind, rhs: LinkKind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One shared value and the accounts that share it.
    public struct Link: Sendable, Hashable, CustomStringConvertible {
        public var kind: LinkKind
        /// The value as compared: a fingerprint, an email address or owner name in lower case, phone
        /// digits, an access address, a parent's account id.
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
    /// Calling codes by alpha-2 country, for phones written in national format: `(416) 555-0199` of an
    /// account declared in CA is `+1 416 555 0199`. Without them such numbers compare as written.
    public var callingCodes: [String: String]

    public init(maxAccountsPerKey: Int = 5, callingCodes: [String: String] = [:]) {
        self.maxAccountsPerKey = maxAccountsPerKey
        self.callingCodes = callingCodes
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
        var keys: [Key: Holders] = [:]
        keys.reserveCapacity(evidence.count * 2)
        // Members by the parent they name: a declared relation, never refused, so kept apart.
        var families: [String: Holders] = [:]
        // An account's own keys are few: an array checked for repeats beats a set per account.
        var own: [Key] = []
        func hold(_ key: Key) {
            if !own.contains(key) { own.append(key) }
        }
        evidence.withUnsafeBufferPointer { evidence in
            for index in evidence.indices {
                own.removeAll(keepingCapacity: true)
                if let parent = evidence[index].account?.parentAccountID, parent != evidence[index].accountID {
                    families[parent, default: Holders()].add(index)
                }
                // Each field is read in place: binding the evidence or its record would copy it,
                // retaining every string it holds.
                if let card = evidence[index].account?.paymentFingerprint {
                    hold(Key(kind: .paymentInstrument, value: card))
                }
                if let email = evidence[index].account?.email, !EmailAddress.isNoReply(email),
                    let address = EmailAddress.address(of: email)
                {
                    hold(Key(kind: .email, value: address))
                }
                if let phone = evidence[index].account?.phone {
                    let digits = Self.internationalDigits(
                        of: phone, callingCode: evidence[index].account?.phoneCallingCode,
                        nationalCode: evidence[index].account.flatMap { callingCodes[$0.country] })
                    if digits.count >= 7 { hold(Key(kind: .phone, value: digits)) }
                }
                // An owner whose name is not given (`Unknown:CN`) is no one in particular: it links nobody.
                for owner in evidence[index].account?.beneficialOwners ?? [] {
                    guard let name = owner.name else { continue }
                    hold(Key(kind: .beneficialOwner, value: name.lowercased()))
                }
                // Addresses are distinct already (dictionary keys) and of a kind of their own. One that
                // strangers share (private, link-local, an anonymizer's) links nobody.
                for (address, use) in evidence[index].addresses where use.isLinkKey {
                    own.append(Key(kind: .accessAddress, value: address))
                }
                for key in own { keys[key, default: Holders()].add(index) }
            }
        }
        var sets = UnionFind(count: evidence.count)
        var joining: [(Key, [Int])] = []
        if !families.isEmpty {
            // The parent itself holds its family's key, when it is among the accounts.
            var parents: [String: Int] = [:]
            for index in evidence.indices where families[evidence[index].accountID] != nil {
                parents[evidence[index].accountID] = index
            }
            for (id, holders) in families {
                let members = (parents[id].map { [$0] } ?? []) + holders.all
                guard members.count >= 2 else { continue }
                sets.join(members)
                joining.append((Key(kind: .parent, value: id), members))
            }
        }
        // Each account's organization, before any other key joins it: a key held within one is no
        // stranger's, however many of its members hold it.
        let organization = families.isEmpty ? [] : evidence.indices.map { sets.root($0) }
        var refused: [Link] = []
        for (key, holders) in keys where holders.count >= 2 {
            let members = holders.all
            guard
                members.count <= maxAccountsPerKey
                    || !organization.isEmpty && members.allSatisfy({ organization[$0] == organization[members[0]] })
            else {
                refused.append(
                    Link(kind: key.kind, value: key.value, accounts: members.map { evidence[$0].accountID }.sorted()))
                continue
            }
            sets.join(members)
            joining.append((key, members))
        }
        // Only groups of two or more are kept: most accounts are alone, and a list each would
        // allocate for nothing.
        let roots = evidence.indices.map { sets.root($0) }
        var sizes = [Int](repeating: 0, count: evidence.count)
        for node in roots { sizes[node] += 1 }
        var members: [Int: [Int]] = [:]
        for index in evidence.indices where sizes[roots[index]] >= 2 {
            members[roots[index], default: []].append(index)
        }
        var links: [Int: [Link]] = [:]
        for (key, holders) in joining {
            links[sets.root(holders[0]), default: []].append(
                Link(kind: key.kind, value: key.value, accounts: holders.map { evidence[$0].accountID }.sorted()))
        }
        let groups = members.filter { $0.value.count >= 2 }.map { rootIndex, indices in
            Group(
                accounts: indices.map { evidence[$0].accountID }.sorted(),
                links: (links[rootIndex] ?? []).sorted { ($0.kind, $0.value) < ($1.kind, $1.value) })
        }.sorted { $0.accounts[0] < $1.accounts[0] }
        return Linking(groups: groups, refused: refused.sorted { ($0.kind, $0.value) < ($1.kind, $1.value) })
    }

    /// The accounts holding one key, in the order added: the first is kept inline, so the many
    /// keys only one account holds allocate no list.
    private struct Holders {
        private var first = -1
        private var others: [Int] = []

        /// How many accounts hold the key.
        var count: Int { first < 0 ? 0 : 1 + others.count }
        /// The accounts holding the key.
        var all: [Int] { first < 0 ? [] : [first] + others }

        /// Adds `account` as a holder.
        mutating func add(_ account: Int) {
            if first < 0 { first = account } else { others.append(account) }
        }
    }

    /// The digits of `phone` as dialled from abroad without the prefix (E.164 digits), so that one
    /// number written two ways links: the international prefix (`+`, `00`, `011`, `0011`) and a trunk
    /// `0` written after the code (`+44 (0)20 …`) dropped; a number in national format (no
    /// `callingCode` read from it) gets `nationalCode`, its account's country's code, after its trunk
    /// prefix (`0`, or `1` of an 11-digit North American number) is dropped. Italy keeps its `0`. A
    /// number neither says nor has a country for is compared by its digits as written. The number is
    /// read as ``PhoneDigits`` reads it: `Tel: (+86) 10 …` is `+86 10 …`, and an extension is no part of it.
    static func internationalDigits(of phone: String, callingCode: String?, nationalCode: String?) -> String {
        let read = PhoneDigits(phone)
        var digits = Substring(read.text)
        let plus = read.international
        if plus || callingCode != nil {
            if !plus {
                // The prefix after which the number goes on with its code (`001 86 …` is `86 …`).
                for prefix in ["0011", "011", "001", "00"] where digits.hasPrefix(prefix) {
                    if let callingCode, !digits.dropFirst(prefix.count).hasPrefix(callingCode) { continue }
                    digits = digits.dropFirst(prefix.count)
                    break
                }
            }
            guard let callingCode, digits.hasPrefix(callingCode) else { return String(digits) }
            let national = digits.dropFirst(callingCode.count)
            if callingCode != "39", national.first == "0" { return callingCode + national.dropFirst() }
            return String(digits)
        }
        guard let nationalCode, !digits.isEmpty else { return String(digits) }
        if nationalCode == "1", digits.count == 11, digits.first == "1" { return nationalCode + digits.dropFirst() }
        let trunk = trunkPrefixes[nationalCode] ?? ("0", nil)
        if nationalCode != "39", digits.hasPrefix(trunk.prefix), trunk.length.map({ $0 == digits.count }) ?? true {
            return nationalCode + digits.dropFirst(trunk.prefix.count)
        }
        return nationalCode + digits
    }

    /// Trunk prefixes other than `0`, by calling code, with the length of a number written with one
    /// where a national number may begin with its digits: Russia's and Kazakhstan's `8` before ten digits
    /// (`8 (495) 123-45-67`; `812 …` is St Petersburg's code), Belarus's `80` before nine
    /// (`8 017 …`), Hungary's `06`.
    private static let trunkPrefixes: [String: (prefix: String, length: Int?)] = [
        "7": ("8", 11), "375": ("80", 11), "36": ("06", nil),
    ]
}
