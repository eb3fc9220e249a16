import Foundation

/// SCR-001: the account's legal name and each beneficial owner against the restricted-party lists.
public struct ScreeningRule: Rule {
    public init() {}
    public let id = "SCR-001"
    public let version = 3
    public let title = "Restricted-party screening"
    public let category = FindingCategory.screening
    public let defaultSeverity = Severity.high
    public let parameters = [
        RuleParameter("critical_score", 0.95, "match score from which a hit is critical", range: 0...1)
    ]
    public let falsePositiveNotes =
        "Fuzzy name matching: common names can match a listed party; a reviewed decision closes a false positive for good."
    public let references = [
        "OFAC SDN list (31 CFR 501); BIS Denied Persons List (15 CFR 764); Consolidated Screening List (trade.gov)"
    ]

    /// A screened name and the listed party it matched: one finding each.
    private struct Hit {
        var roles: [String]
        var name: String
        /// The owner as written, when the name is one of the owners it holds.
        var partOf: String?
        var match: ScreeningMatch
        /// The countries the name was screened with for ``match``.
        var countries: [String]
    }

    /// A listed party, on its list and within the CSL its source list.
    private struct PartyKey: Hashable {
        var list: String
        var source: String?
        var entryID: String

        init(_ match: ScreeningMatch) {
            list = match.list
            source = match.source
            entryID = match.entryID
        }
    }

    private struct HitKey: Hashable {
        var name: String
        var party: PartyKey
    }

    public func evaluate(_ account: AccountEvidence, in context: DetectionContext) throws -> [Finding] {
        guard let screening = context.screening, let record = account.account else { return [] }
        var queries: [(role: String, query: ScreeningQuery, partOf: String?)] = [
            ("customer", ScreeningQuery(name: record.legalName, countries: [record.country]), nil)
        ]
        // An owner whose name is not given has nothing to screen.
        for owner in record.beneficialOwners {
            guard let name = owner.name else { continue }
            let countries = owner.country.map { [$0] } ?? []
            queries.append(("beneficial owner", ScreeningQuery(name: name, countries: countries), nil))
            for part in Self.ownerParts(of: name, countries: countries, resolver: screening.index.countries) {
                queries.append(("beneficial owner", part, name))
            }
        }
        // A name stored with a right-to-left override is screened as it displays too (`\u{202E}nU gnoJ miK`
        // shows as `Kim Jong Un`): a reviewer reads that name.
        for (role, query, partOf) in queries where partOf == nil {
            guard let shown = DirectionControl.displayed(query.name) else { continue }
            queries.append(("\(role) as displayed", ScreeningQuery(name: shown, countries: query.countries), nil))
        }
        // One finding per screened name and listed party: a name screened in two roles (a customer that
        // lists itself as an owner, an owner listed twice) is one finding naming each role, at its best score.
        // An owner's part matching a party the whole matched adds nothing.
        var hits: [Hit] = []
        var hitPositions: [HitKey: Int] = [:]
        var partiesByName: [String: Set<PartyKey>] = [:]
        for (role, query, partOf) in queries {
            for match in screening.index.screen(query) {
                let party = PartyKey(match)
                if let partOf, partiesByName[partOf]?.contains(party) == true { continue }
                if partOf == nil { partiesByName[query.name, default: []].insert(party) }
                let key = HitKey(name: query.name, party: party)
                guard let position = hitPositions[key] else {
                    hitPositions[key] = hits.count
                    hits.append(
                        Hit(roles: [role], name: query.name, partOf: partOf, match: match, countries: query.countries))
                    continue
                }
                if !hits[position].roles.contains(role) { hits[position].roles.append(role) }
                if match.score > hits[position].match.score {
                    hits[position].match = match
                    hits[position].countries = query.countries
                }
            }
        }
        var findings: [Finding] = []
        for hit in hits {
            let match = hit.match
            let subject = Finding.Subject.account(account.accountID)
            let findingID = Finding.stableID(rule: id, subject: subject, windowStart: Self.matchKey(hit.name, match))
            // A CSL finding's id did not name the source list before version 2: a decision naming the
            // earlier id still closes it.
            let earlierID =
                match.source == nil
                ? nil
                : Finding.stableID(
                    rule: id, subject: subject, windowStart: "\(match.list)/\(match.entryID)/\(hit.name)")
            if screening.decisions.decision(findingID: findingID, account: account.accountID, match: match) != nil
                || earlierID.flatMap(screening.decisions.decision(forFinding:)) != nil
            {
                continue
            }
            let role = hit.roles.joined(separator: " and ")
            let screenedCountries = screening.index.countries.codes(for: hit.countries)
            let countries: (evidence: String, summary: String)
            switch match.countryAgreement {
            case .agrees(let shared):
                countries = ("agrees", ", raised for the shared country \(shared.joined(separator: ", "))")
            case .conflicts:
                countries = (
                    "conflicts",
                    ", lowered: the entry's countries are \(match.entryCountries.joined(separator: ", ")), not "
                        + screenedCountries.joined(separator: ", ")
                )
            case .unknown: countries = ("unknown", "")
            }
            // The CSL's source list by its short name (`Entity List`); an entry known by its name is named once.
            let list = match.source.map { "\(match.list) (\($0.prefix { $0 != "(" && $0 != "-" }.trimmingSpaces))" }
            let entry = match.entryID == match.entryName ? "" : "\(match.entryID) "
            var result = finding(
                subject: subject,
                severity: match.score >= parameter("critical_score", in: context) ? .critical : .high,
                window: nil,
                summary: "The \(role) name '\(hit.name)' "
                    + (hit.partOf.map { "(one of the owners in '\($0)') " } ?? "")
                    + "matches \(list ?? match.list) entry \(entry)"
                    + (match.partyType == .unknown ? "" : "(\(match.partyType.rawValue)) ")
                    + "'\(match.matchedName)'\(match.matchedAlias ? " (alias of \(match.entryName))" : "") "
                    + String(format: "with score %.2f", match.score)
                    + (countries.summary.isEmpty ? "" : String(format: " (name score %.2f", match.nameScore))
                    + countries.summary + (countries.summary.isEmpty ? "" : ")"),
                evidence: [
                    "role": .text(role), "queried_name": .text(hit.name), "list": .text(match.list),
                    "entry_id": .text(match.entryID), "entry_name": .text(match.entryName),
                    "matched_name": .text(match.matchedName), "programs": .list(match.programs),
                    "party_type": .text(match.partyType.rawValue),
                    "matched_tokens": .list(
                        match.tokenPairs.map { "\($0.query)~\($0.listed) \(String(format: "%.2f", $0.similarity))" }
                    ),
                    "screened_countries": .list(screenedCountries), "entry_countries": .list(match.entryCountries),
                    "country_agreement": .text(countries.evidence),
                ], metrics: ["score": match.score, "name_score": match.nameScore])
            if let partOf = hit.partOf { result.evidence["owners_as_written"] = .text(partOf) }
            if let source = match.source { result.evidence["source"] = .text(source) }
            result.id = findingID
            findings.append(result)
        }
        return findings
    }

    /// What a finding's id is made of besides the rule and the account: the listed party (with its
    /// source list within the CSL, where entries without a number are known by their names, which two
    /// source lists may share) and the screened name as written.
    static func matchKey(_ name: String, _ match: ScreeningMatch) -> String {
        guard let source = match.source else { return "\(match.list)/\(match.entryID)/\(name)" }
        return "\(match.list)/\(source)/\(match.entryID)/\(name)"
    }
}
