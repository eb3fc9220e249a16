extension HTMLReport {
    /// The accounts with a finding written out in full (``writtenInFull(_:)``): CIP record, access
    /// summary and every finding on them tonight (not those resolved since the previous night).
    /// Every other account's record opens from the findings table.
    func accountsSection(_ findings: [Finding]) -> String {
        // Findings by account as positions in `findings`, which copies no finding.
        var byAccount: [String: [Int]] = [:]
        for (position, finding) in findings.enumerated() where finding.status != .resolved {
            for account in finding.subject.accounts { byAccount[account, default: []].append(position) }
        }
        let full = writtenInFull(findings)
        let shown = Set(findings.indices.filter { full[$0] }.flatMap { findings[$0].subject.accounts })
        var html = "<section id=\"accounts\"><h2>Accounts with findings that need action</h2>\n"
        html +=
            "<p class=\"note\">\(shown.count) of the "
            + (byAccount.count == 1 ? "1 account" : "\(byAccount.count) accounts")
            + " with findings. Each opens to its "
        html += "CIP record and every finding on it; the others open from the findings table.</p>\n"
        for account in byAccount.keys.sorted() where shown.contains(account) {
            let onAccount = (byAccount[account] ?? []).map { findings[$0] }
            let top = onAccount.map(\.severity).max() ?? .info
            let record = evidence.record(account)
            // An account whose row the export has but kycwatch rejected is no account missing from it.
            let rejected = record == nil ? evidence[account]?.rejectedRecord : nil
            html += "<details class=\"account-card\" id=\"acct-\(esc(account))\" data-account=\"\(esc(account))\">"
            html += "<summary>\(severityBadge(top)) <code>\(esc(account))</code> "
            html +=
                record.map { "<strong>\(esc($0.legalName))</strong> (\(esc($0.country)))" }
                ?? (rejected == nil
                    ? "<em>not in the accounts export</em>" : "<em>its row in the accounts export was rejected</em>")
            html += " · \(onAccount.count) finding\(onAccount.count == 1 ? "" : "s")</summary>\n<div class=\"body\">"
            html += "<div class=\"columns\">"
            html += cipTable(record, rejected: rejected)
            html += accessTable(account)
            html += "</div><h4>Findings on this account</h4><ul class=\"findings-list\">"
            for finding in onAccount {
                html += "<li>\(severityBadge(finding.severity)) <a href=\"#\(esc(finding.id))\">"
                html += "\(esc(finding.id))</a> \(esc(finding.rule)): \(esc(finding.summary))</li>"
            }
            html += "</ul></div></details>\n"
        }
        return html + "</section>\n"
    }

    /// The account's CIP record as a table; without one, why: the export lacks the account, or its
    /// row there was `rejected`.
    /// What the page says of an account whose row in the accounts export was `rejected`, in place of
    /// its CIP record: the row is to be fixed, not the account looked for.
    static func rejectedRowNote(_ rejected: RejectedAccountRow) -> String {
        "The accounts export's row for this account (\(rejected.file) line \(rejected.line)) was rejected: "
            + "\(rejected.reason.code), \(rejected.message). Until it is fixed, every CIP field is not provided."
    }

    private func cipTable(_ record: AccountRecord?, rejected: RejectedAccountRow? = nil) -> String {
        if record == nil, let rejected { return "<p class=\"warn\">\(esc(Self.rejectedRowNote(rejected)))</p>" }
        guard let record else {
            return "<p class=\"warn\">The accounts export has no record for this account: every CIP field is "
                + "not provided.</p>"
        }
        let missing = "<span class=\"missing\">not provided</span>"
        func value(_ text: String?) -> String { text.map { $0.isEmpty ? missing : esc($0) } ?? missing }
        let address = [record.addressLine, record.city, record.region, record.postalCode].compactMap { $0 }
        let owners = record.beneficialOwners.map {
            "\($0.name.map(esc) ?? missing) (\(esc($0.country ?? "?")))"
        }
        let rows: [(String, String)] = [
            ("Legal name", esc(record.legalName)),
            ("Type", record.customerType.rawValue),
            ("Country", esc(record.country)),
            ("Address", address.isEmpty ? missing : esc(address.joined(separator: ", "))),
            ("Headquarters", record.customerType == .organization ? value(record.headquartersCountry) : "n/a"),
            ("Email", esc(record.email)),
            ("Phone", value(record.phone)),
            (
                "Payment",
                value(record.paymentMethod) + (record.paymentFingerprint.map { " · \(esc($0))" } ?? "")
                    + (record.paymentCountry.map { " · issued in \(esc($0))" } ?? "")
            ),
            ("Reseller", record.resellerID.map { esc($0) + " (\(esc(record.resellerCountry ?? "?")))" } ?? "none"),
            ("Beneficial owners", owners.isEmpty ? missing : owners.joined(separator: "; ")),
            ("Identity verified", record.identityVerified.map { $0 ? "yes" : "<strong>no</strong>" } ?? missing),
            ("Status", value(record.status)),
            ("Created", FigureFormat.day(record.createdAt)),
            ("Parent account", record.parentAccountID.map { esc($0) } ?? "none"),
        ]
        return "<table class=\"kv\"><caption>CIP record</caption><tbody>"
            + rows.map { "<tr><th>\($0.0)</th><td>\($0.1)</td></tr>" }.joined() + "</tbody></table>"
    }

    private func accessTable(_ account: String) -> String {
        guard let evidence = evidence[account], !evidence.addresses.isEmpty else {
            return "<p class=\"note\">No access events.</p>"
        }
        var html = "<table class=\"kv\"><caption>Access</caption><tbody>"
        html += "<tr><th>Events</th><td class=\"num\">\(FigureFormat.grouped(Double(evidence.accessEvents)))</td></tr>"
        html += "<tr><th>Addresses</th><td class=\"num\">\(evidence.addresses.count)</td></tr>"
        let countries = evidence.accessEventsByCountry.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        html +=
            "<tr><th>By country</th><td>"
            + countries.map { "\(esc($0.key)) \(FigureFormat.grouped(Double($0.value)))" }.joined(separator: ", ")
            + "</td></tr>"
        if !evidence.anonymizedEvents.isEmpty {
            html +=
                "<tr><th>Anonymized</th><td>"
                + evidence.anonymizedEvents.sorted { $0.key < $1.key }.map {
                    "\(esc($0.key)) \(FigureFormat.grouped(Double($0.value)))"
                }.joined(separator: ", ") + "</td></tr>"
        }
        let uses = evidence.addresses.sorted { ($0.value.first, $0.key) < ($1.value.first, $1.key) }
        html += "<tr><th>First and last seen</th><td><ul>"
        for (address, use) in uses.prefix(12) {
            html += "<li><code>\(esc(address))</code> \(esc(use.country ?? "??")): "
            html +=
                "\(FigureFormat.day(use.first)) to \(FigureFormat.day(use.last)), \(FigureFormat.count(use.events, "event"))</li>"
        }
        if uses.count > 12 { html += "<li>… and \(uses.count - 12) more addresses (all are in the case draft)</li>" }
        return html + "</ul></td></tr></tbody></table>"
    }
}
