/// The foreign-person signals of one account and their weighted score, computed once and read by
/// the foreign-indicator and covered-transaction rules alike.
public struct ForeignAssessment: Sendable {
    /// One signal: what kind, what was seen, its weight.
    public struct Signal: Sendable, Hashable {
        public var kind: String
        public var detail: String
        /// The country the signal is weighed by: an adversary's weighs more (``ForeignAssessment/init(account:countries:adversaryFactor:minAccessEvents:foreignAccessShare:)``).
        public var country: String?
        public var weight: Double
        /// The other countries the signal names (access from several, an inconsistency seen in several).
        public var otherCountries: [String] = []

        /// Every country the signal names, the one it is weighed by first.
        public var countries: [String] { (country.map { [$0] } ?? []) + otherCountries }
    }

    public var signals: [Signal]
    /// The sum of weights.
    public var score: Double
    /// Whether any signal points at a foreign-adversary jurisdiction.
    public var involvesAdversary: Bool
    /// The countries of EAR Country Group D:5, and Macau, where the customer is declared or
    /// headquartered, or one of its parents up to its organization's top declared: BIS treats AI
    /// training for such parties as a licensing red flag, whatever the foreign-person score.
    public var licensingRedFlagCountries: [String]
    /// Whether the customer is in ``licensingRedFlagCountries`` only through its parents: declared and
    /// headquartered elsewhere itself, a member of an organization declared there.
    public var licensingRedFlagThroughParent = false
    /// Access events from addresses in no IP range (private ones among them), not through an
    /// anonymizer: left out of the share of access from abroad, which is of located events only.
    public var unlocatedAccessEvents: Int

    /// The kind of the signal of an account without a record read: missing from the accounts export,
    /// or its row there rejected.
    static let noRecord = "no-cip-record"
    /// The kind of the signal of an organization that lists no beneficial owners.
    static let ownersNotGiven = "owners-not-given"
    /// Kinds that only carry the presumption for a gap another rule reports (DQ-001, CIP-001): no
    /// foreign indicator of their own.
    static let presumptions: Set<String> = [noRecord, ownersNotGiven]

    /// Whether a signal other than a presumption (``presumptions``) is seen: what an indicator of a
    /// foreign person rests on, where a presumption only restates a gap another finding reports.
    public var hasIndicators: Bool { signals.contains { !Self.presumptions.contains($0.kind) } }

    /// The signals that observe a US-declared customer abroad, and what each observed.
    static let observedAbroad = [
        "payment-country": "payment instrument", "phone": "phone", "access-geography": "access",
    ]

    /// The signals that place the customer's business: its declaration, headquarters, parent's declaration.
    static let placesOfBusiness: Set<String> = ["declared-country", "headquarters", "parent"]

    /// How many countries the access signal names before counting the rest.
    static let accessCountriesNamed = 5

    /// ccTLDs used worldwide as generic names (.io, .ai, .co …), which say nothing about residence.
    static let genericTLDs: Set<String> = [
        "io", "ai", "co", "me", "tv", "ly", "gg", "fm", "cc", "ws", "to", "so", "sh", "app", "dev",
    ]

    /// Weighs `account`'s signals; adversary jurisdictions weigh `adversaryFactor` times more.
    ///
    /// The account and catalogue are borrowed: both are large, and a copy of either retains every string it holds.
    public init(
        account: borrowing AccountEvidence, countries: borrowing CountryCatalog, adversaryFactor: Double = 1.5,
        minAccessEvents: Int = 10, foreignAccessShare: Double = 0.5
    ) {
        // Signals are weighed for adversary jurisdictions at the end: a local function that looked
        // the country up would capture (and copy) the whole catalogue for every account.
        var signals: [Signal] = []
        func add(
            _ kind: String, _ detail: String, _ country: String?, _ weight: Double, otherCountries: [String] = []
        ) {
            signals.append(
                Signal(kind: kind, detail: detail, country: country, weight: weight, otherCountries: otherCountries))
        }
        if let record = account.account {
            if !Country.isUnitedStates(record.country) {
                add("declared-country", "declared in \(record.country)", record.country, 1.0)
            }
            if let hq = record.headquartersCountry, !Country.isUnitedStates(hq), hq != record.country {
                add("headquarters", "headquarters in \(hq)", hq, 0.6)
            }
            if let country = record.paymentCountry, !Country.isUnitedStates(country) {
                add("payment-country", "payment instrument issued in \(country)", country, 0.5)
            }
            // The number's own country: a calling code several share (+7) is told apart by the number.
            if let code = record.phoneCallingCode, let phone = record.phone,
                let country = PhoneNumber.country(of: phone, catalog: countries), !Country.isUnitedStates(country)
            {
                add("phone", "phone calling code +\(code) (\(country))", country, 0.4)
            }
            if let tld = record.emailDomain.flatMap({ EmailAddress.topLevelDomain(of: "x@" + $0) }),
                !Self.genericTLDs.contains(tld), let country = countries.country(forTLD: tld),
                !Country.isUnitedStates(country)
            {
                add("email-domain", "email domain under .\(tld)", country, 0.3)
            }
            // A customer is foreign until the data shows it and every beneficial owner to be US persons:
            // one foreign owner weighs as much as a foreign declaration. An owner is weighed by its
            // country, whether its name is given or not (`Unknown:CN`, CIP-001's gap); an owner listed
            // twice (`Li Wei:CN;LI WEI:China`, or once without its country, here or by the nearest parent
            // listing owners) weighs once.
            let parentOwners = account.parentListingOwners.map { account.parents[$0].beneficialOwners } ?? []
            for owner in BeneficialOwner.distinct(record.beneficialOwners, placed: parentOwners) {
                if let country = owner.country, !Country.isUnitedStates(country) {
                    add("beneficial-owner", "\(Self.describe(owner)) (\(country))", country, 1.0)
                } else if owner.country == nil {
                    add(
                        "beneficial-owner-unplaced",
                        "\(Self.describe(owner)) without a country, so not shown to be a US person", nil, 1.0)
                }
            }
            if let country = record.resellerCountry, !Country.isUnitedStates(country) {
                add("reseller", "served through reseller \(record.resellerID ?? "?") in \(country)", country, 0.5)
            }
            if account.isMember {
                // A member account is its organization's: each country its parents up to the top are
                // declared in weighs as its own, once, by the nearest declared there (a foreign subsidiary
                // of a US company is foreign, and a member of a foreign one is that customer), and so do
                // the owners of the nearest parent listing any. When none lists owners, the top
                // organization's gap carries the presumption to it. One fact weighs once: a country the
                // member is declared in itself, by its own declaration; its headquarters country, which is
                // its parent company's, by that parent's declaration; an owner it lists itself, as its own.
                var declared = [record.country]
                for index in account.parents.indices where !Country.isUnitedStates(account.parents[index].country) {
                    let country = account.parents[index].country
                    guard !declared.contains(country) else { continue }
                    declared.append(country)
                    signals.removeAll { $0.kind == "headquarters" && $0.country == country }
                    add("parent", "\(account.parentName(at: index)) declared in \(country)", country, 1.0)
                }
                if let index = account.parentListingOwners {
                    for owner in BeneficialOwner.distinct(parentOwners)
                    where !(owner.country.map(Country.isUnitedStates) ?? false)
                        && !record.beneficialOwners.contains(where: owner.isListed)
                    {
                        add(
                            "parent-beneficial-owner",
                            "\(account.parentName(at: index))'s \(Self.describe(owner)) "
                                + (owner.country.map { "(\($0))" } ?? "without a country"), owner.country, 1.0)
                    }
                } else if account.parents[account.parents.count - 1].customerType == .organization {
                    add(
                        Self.ownersNotGiven,
                        "\(account.parentName(at: account.parents.count - 1)), an organization listing no beneficial "
                            + "owners, so presumed foreign", nil, 1.0)
                }
            } else if record.customerType == .organization, record.beneficialOwners.isEmpty {
                // No owner given shows no owner to be a US person. CIP-001 reports the gap; this weighs
                // it where a rule asks whether the customer is foreign.
                add(Self.ownersNotGiven, "an organization listing no beneficial owners, so presumed foreign", nil, 1.0)
            }
        }
        if account.account == nil {
            // No record at all shows nothing to be a US person's: the presumption stands. DQ-001 reports
            // the missing record; this weighs it where a rule asks whether the customer is foreign. A
            // record the export has but whose row was rejected is said to be so: it is not absent.
            add(
                Self.noRecord,
                account.rejectedRecord.map {
                    "its row in the accounts export was rejected (\($0.place)), so no CIP record was read: presumed "
                        + "foreign until a readable one shows otherwise"
                } ?? "no record in the accounts export, so presumed foreign until one shows otherwise", nil, 1.0)
        }
        let events = account.accessEventsByCountry.values.reduce(0, +)
        // Where the customer is seen from: an anonymizer's exit says where the anonymizer is, and
        // its use is a signal of its own below, so it is not counted twice.
        var direct = account.accessEventsByCountry
        for (country, anonymized) in account.anonymizedEventsByCountry { direct[country, default: 0] -= anonymized }
        // The share is of the events whose address was located: one in no range (a private address,
        // a block the IP data lacks) says nothing of where the customer is, and counted as not from
        // abroad it would hide a customer seen from abroad whenever it is not.
        let unlocated = max(0, direct.removeValue(forKey: "??") ?? 0)
        let locatedEvents = direct.values.reduce(0, +)
        if locatedEvents >= minAccessEvents {
            // Every country seen from abroad is named, most events first: one country's share must not
            // hide another's.
            let foreign = direct.filter { !Country.isUnitedStates($0.key) && $0.value > 0 }.sorted {
                ($0.value, $1.key) > ($1.value, $0.key)
            }
            let foreignEvents = foreign.reduce(0) { $0 + $1.value }
            if Double(foreignEvents) / Double(locatedEvents) >= foreignAccessShare, let top = foreign.first {
                let anonymized = events - locatedEvents - unlocated
                var notCounted: [String] = []
                if anonymized > 0 {
                    notCounted.append(
                        "\(FigureFormat.grouped(Double(anonymized))) more through anonymizers not counted")
                }
                if unlocated > 0 {
                    notCounted.append(
                        "\(FigureFormat.grouped(Double(unlocated))) more from addresses that could not be located, "
                            + "not counted")
                }
                // Weighed by an adversary's country where adversaries hold a material share of the events
                // from abroad (a quarter), so logins from an ally added beside them do not lower the weight.
                let adversaryEvents = foreign.filter { countries.country($0.key)?.isForeignAdversary == true }
                let weighedBy =
                    adversaryEvents.reduce(0) { $0 + $1.value } * 4 >= foreignEvents
                    ? adversaryEvents.first?.key ?? top.key : top.key
                let named = foreign.prefix(Self.accessCountriesNamed).map {
                    "\(FigureFormat.grouped(Double($0.value))) from \($0.key)"
                }
                let unnamed = foreign.count - named.count
                add(
                    "access-geography",
                    "\(FigureFormat.grouped(Double(foreignEvents))) of \(FigureFormat.grouped(Double(locatedEvents))) "
                        + "access events from abroad"
                        + (foreign.count == 1 ? ", all from \(top.key)" : ": " + named.joined(separator: ", "))
                        + (unnamed > 0
                            ? ", and \(FigureFormat.count(unnamed, "more country", plural: "more countries"))" : "")
                        + (notCounted.isEmpty ? "" : " (\(notCounted.joined(separator: "; ")))"),
                    weighedBy, 0.7, otherCountries: foreign.map(\.key).filter { $0 != weighedBy })
            }
        }
        if events >= minAccessEvents {
            let anonymized = account.anonymizedEvents.values.reduce(0, +)
            if Double(anonymized) / Double(events) >= 0.25 {
                let kinds = account.anonymizedEvents.keys.sorted().joined(separator: ", ")
                add(
                    "anonymizer",
                    "\(FigureFormat.grouped(Double(anonymized))) of \(FigureFormat.grouped(Double(events))) "
                        + "access events through \(kinds)", nil, 0.4)
            }
        }
        if let record = account.account, Country.isUnitedStates(record.country) {
            let observed = signals.filter { Self.observedAbroad[$0.kind] != nil }
            if observed.count >= 2 {
                // Said once, by what contradicts the declaration: the observations are signals of their own.
                let seen = observed.map { "\(Self.observedAbroad[$0.kind]!) (\($0.countries.joined(separator: ", ")))" }
                let all = observed.flatMap(\.countries).reduce(into: [String]()) {
                    if !$0.contains($1) { $0.append($1) }
                }
                let weighedBy = all.first { countries.country($0)?.isForeignAdversary == true } ?? all.first
                add(
                    "us-declared-inconsistent",
                    "declared US, contradicted by its " + Self.listed(seen), weighedBy, 0.5,
                    otherCountries: all.filter { $0 != weighedBy })
            }
        }
        var involvesAdversary = false
        for index in signals.indices {
            guard let country = signals[index].country, countries.country(country)?.isForeignAdversary == true else {
                continue
            }
            signals[index].weight *= adversaryFactor
            involvesAdversary = true
        }
        let redFlagCountries: [String] = signals.reduce(into: []) { found, signal in
            guard Self.placesOfBusiness.contains(signal.kind), let code = signal.country,
                let country = countries.country(code), country.isEARD5 || code == "MO", !found.contains(code)
            else { return }
            found.append(code)
        }
        licensingRedFlagCountries = redFlagCountries
        licensingRedFlagThroughParent = signals.allSatisfy { signal in
            signal.kind == "parent" || !Self.placesOfBusiness.contains(signal.kind)
                || signal.country.map { !redFlagCountries.contains($0) } ?? true
        }
        self.signals = signals
        score = signals.reduce(0) { $0 + $1.weight }
        self.involvesAdversary = involvesAdversary
        unlocatedAccessEvents = unlocated
    }
}

extension ForeignAssessment {
    /// `declared or headquartered in EAR Country Group D:5 or Macau (BY): AI training for such parties is a
    /// BIS licensing red flag` (`billed through a parent account declared in …` when only a parent is
    /// there), or nil when no place of business of the customer is there.
    public var licensingRedFlag: String? {
        guard !licensingRedFlagCountries.isEmpty else { return nil }
        return
            (licensingRedFlagThroughParent ? "billed through a parent account declared" : "declared or headquartered")
            + " in EAR Country Group D:5 or Macau (" + licensingRedFlagCountries.joined(separator: ", ")
            + "): AI training for such parties is a BIS licensing red flag"
    }

    /// `a`, `a and b`, `a, b and c`.
    static func listed(_ items: [String]) -> String {
        items.count <= 2
            ? items.joined(separator: " and ") : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// `beneficial owner Li Wei`, or `beneficial owner whose name is not given` for an owner the export
    /// gives a country but no name.
    static func describe(_ owner: BeneficialOwner) -> String {
        owner.name.map { "beneficial owner \($0)" } ?? "beneficial owner whose name is not given"
    }

    /// Weighs `account`'s signals as every rule of the night does: with the catalogue and the
    /// adversary factor of `context`.
    init(account: borrowing AccountEvidence, in context: DetectionContext) {
        self.init(
            account: account, countries: context.catalogs.countries, adversaryFactor: context.adversaryFactor)
    }
}
