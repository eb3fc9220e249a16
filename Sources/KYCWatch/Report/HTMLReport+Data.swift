import Foundation

extension HTMLReport {
    /// What the page's script renders: one row per finding with its figures and evidence already
    /// formatted, the CIP record of every account with a finding, and the rules.
    struct PageData: Encodable {
        struct Row: Encodable {
            var i: Int
            var id: String
            var severity: String
            var rank: Int
            var status: String
            var rule: String
            var category: String
            var accounts: [String]
            var names: [String]
            var summary: String
            var due: String
            /// Label and text pairs.
            var facts: [[String]]
            var figures: [[String]]
            /// Label, then the items.
            var evidence: [[String]]
            /// Whether a case draft was written.
            var drafted: Bool
            /// Whether the page has the finding written out in full (``writtenInFull(_:)``).
            var full: Bool
        }

        struct Account: Encodable {
            var name: String?
            var country: String?
            /// Values in the order of `cipLabels`; nil where the export has none.
            var cip: [String?]
            /// Label and text pairs.
            var access: [[String]]
            /// For an account whose row the accounts export has but kycwatch rejected, what the page
            /// says of it in place of the CIP record (``HTMLReport/rejectedRowNote(_:)``).
            var rejected: String? = nil
        }

        struct RuleText: Encodable {
            var title: String
            var version: Int
            var rationale: String
            var falsePositives: String
            var references: [String]
        }

        var cipLabels: [String]
        var findings: [Row]
        /// By account id, in the order of the ids' UTF-8 bytes; encoded as an object.
        var accounts: [(id: String, account: Account)]
        var rules: [String: RuleText]

        enum CodingKeys: String, CodingKey {
            case cipLabels, findings, accounts, rules
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(cipLabels, forKey: .cipLabels)
            try container.encode(findings, forKey: .findings)
            try container.encode(
                Dictionary(accounts.map { ($0.id, $0.account) }) { first, _ in first }, forKey: .accounts)
            try container.encode(rules, forKey: .rules)
        }
    }

    static let cipLabels = [
        "Legal name", "Type", "Country", "Address", "Headquarters", "Email", "Phone", "Payment", "Reseller",
        "Beneficial owners", "Identity verified", "Status", "Created", "Parent account",
    ]

    /// The page data as JSON escaped for `<script>`: the bytes `JSONEncoder` writes for
    /// ``pageData(_:)`` with sorted keys and unescaped slashes, after ``HTMLEscaping/scriptJSON(_:)``.
    func pageDataJSON(_ findings: [Finding]) -> [UInt8] {
        var json = Self.pageDataWriter(findings)
        pageData(findings).write(to: &json)
        return json.bytes
    }

    /// `{"accounts":{…}`: the first part of ``pageDataJSON(_:)``, up to the end of its accounts.
    ///
    /// The two parts can be made side by side; one after the other they are the page data.
    func pageAccountsJSON(_ findings: [Finding]) -> [UInt8] {
        var json = Self.pageDataWriter(findings)
        PageData.writeOpening(accounts: pageAccounts(findings), to: &json)
        return json.bytes
    }

    /// `,"cipLabels":[…],"findings":[…],"rules":{…}}`: the rest of ``pageDataJSON(_:)``, after the
    /// accounts.
    func pageRestJSON(_ findings: [Finding]) -> [UInt8] {
        var json = Self.pageDataWriter(findings)
        // The rest continues the object the first part opened.
        json.bytes.append(UInt8(ascii: ","))
        PageData.writeRest(cipLabels: Self.cipLabels, findings: pageRows(findings), rules: pageRules(), to: &json)
        return json.bytes
    }

    /// A writer for the page data of `findings`, with room for a night's worth (pages not written are
    /// never touched).
    private static func pageDataWriter(_ findings: [Finding]) -> JSONWriter {
        JSONWriter(reservingCapacity: (1 << 16) + findings.count * 1_200, escapesForScript: true)
    }

    /// What the page's script renders, for `findings` in table order.
    func pageData(_ findings: [Finding]) -> PageData {
        PageData(
            cipLabels: Self.cipLabels, findings: pageRows(findings), accounts: pageAccounts(findings),
            rules: pageRules())
    }

    /// One row per finding, figures and evidence formatted.
    private func pageRows(_ findings: [Finding]) -> [PageData.Row] {
        var figures = FigureCache()
        let full = writtenInFull(findings)
        return findings.enumerated().map { index, finding in
            let thresholds = FigureFormat.operationsThresholds(in: finding.metrics)
            return PageData.Row(
                i: index, id: finding.id, severity: finding.severity.rawValue, rank: Self.rank(finding.severity),
                status: finding.status?.rawValue ?? "none", rule: finding.rule, category: finding.category.rawValue,
                accounts: finding.subject.accounts,
                names: finding.subject.accounts.compactMap { evidence.legalName($0) }, summary: finding.summary,
                due: finding.reportDue ?? "", facts: facts(finding),
                figures: finding.metrics.sorted { Self.metricOrder($0.key, $1.key) }.map {
                    [figures.label($0.key), figures.metric($0.key, $0.value, thresholds: thresholds)]
                },
                evidence: finding.evidence.sorted { $0.key < $1.key }.map { name, value in
                    switch value {
                    case .text(let text): [figures.label(name), text]
                    case .number(let number):
                        [figures.label(name), figures.metric(name, number, thresholds: thresholds)]
                    case .list(let items):
                        items.isEmpty || FigureFormat.isTokenList(items)
                            ? [figures.label(name), items.isEmpty ? "none" : items.joined(separator: ", ")]
                            : [figures.label(name)] + items
                    }
                },
                drafted: caseDrafts.contains(finding.id), full: full[index])
        }
    }

    /// The CIP record and access summary of every account with a finding, in the order of the ids'
    /// UTF-8 bytes (the order of the page data's keys, and near neighbours in the evidence).
    private func pageAccounts(_ findings: [Finding]) -> [(id: String, account: PageData.Account)] {
        JSONWriter.sortedByUTF8(Array(Set(findings.flatMap(\.subject.accounts)))).map { ($0, accountData($0)) }
    }

    private func pageRules() -> [String: PageData.RuleText] {
        var rules: [String: PageData.RuleText] = [:]
        for rule in RuleDescription.all {
            rules[rule.id] = PageData.RuleText(
                title: rule.title, version: rule.version, rationale: rule.rationale,
                falsePositives: rule.falsePositiveNotes, references: rule.references)
        }
        return rules
    }

    private func facts(_ finding: Finding) -> [[String]] {
        var facts: [[String]] = [["Finding", finding.id]]
        if let window = finding.window {
            facts.append(["Window", "\(FigureFormat.minute(window.start)) to \(FigureFormat.minute(window.end))"])
        }
        facts.append(["Status", finding.status?.rawValue ?? "not known (no previous night)"])
        if let firstSeen = finding.firstSeen { facts.append(["First seen", firstSeen]) }
        if let knowledge = finding.knowledgeDate { facts.append(["Knowledge date", knowledge]) }
        if let due = finding.reportDue { facts.append(["Report due", due]) }
        return facts
    }

    private func accountData(_ account: String) -> PageData.Account {
        let evidence = evidence[account]
        var access: [[String]] = []
        if let evidence, !evidence.addresses.isEmpty {
            access.append(["Events", FigureFormat.grouped(Double(evidence.accessEvents))])
            access.append([
                "By country",
                evidence.accessEventsByCountry.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
                    "\($0.key) \(FigureFormat.grouped(Double($0.value)))"
                }.joined(separator: ", "),
            ])
            if !evidence.anonymizedEvents.isEmpty {
                access.append([
                    "Anonymized",
                    evidence.anonymizedEvents.sorted { $0.key < $1.key }.map {
                        "\($0.key) \(FigureFormat.grouped(Double($0.value)))"
                    }.joined(separator: ", "),
                ])
            }
            let uses = evidence.addresses.sorted { ($0.value.first, $0.key) < ($1.value.first, $1.key) }
            access.append(
                ["Addresses (\(uses.count))"]
                    + uses.prefix(5).map { address, use in
                        "\(address) \(use.country ?? "??"): \(FigureFormat.day(use.first)) to "
                            + "\(FigureFormat.day(use.last)), \(FigureFormat.count(use.events, "event"))"
                    } + (uses.count > 5 ? ["… and \(uses.count - 5) more"] : []))
        }
        guard let record = evidence?.account else {
            return PageData.Account(
                name: nil, country: nil, cip: Self.cipLabels.map { _ in nil }, access: access,
                rejected: evidence?.rejectedRecord.map(Self.rejectedRowNote))
        }
        let address = [record.addressLine, record.city, record.region, record.postalCode].compactMap { $0 }
        let owners = record.beneficialOwners.map { "\($0.name ?? "name not given") (\($0.country ?? "?"))" }
        let payment = [
            record.paymentMethod, record.paymentFingerprint, record.paymentCountry.map { "issued in \($0)" },
        ]
        .compactMap { $0 }
        let cip: [String?] = [
            record.legalName, record.customerType.rawValue, record.country,
            address.isEmpty ? nil : address.joined(separator: ", "),
            record.customerType == .organization ? record.headquartersCountry : "n/a",
            record.email, record.phone, payment.isEmpty ? nil : payment.joined(separator: " · "),
            record.resellerID.map { "\($0) (\(record.resellerCountry ?? "?"))" } ?? "none",
            owners.isEmpty ? nil : owners.joined(separator: "; "),
            record.identityVerified.map { $0 ? "yes" : "no" }, record.status, FigureFormat.day(record.createdAt),
            record.parentAccountID ?? "none",
        ]
        return PageData.Account(name: record.legalName, country: record.country, cip: cip, access: access)
    }
}
