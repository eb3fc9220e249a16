extension HTMLReport {
    /// The night at a glance: covered transactions due, counts by category and severity, and
    /// new, ongoing and resolved.
    func glance(_ findings: [Finding]) -> String {
        var html = "<section id=\"glance\"><h2>At a glance</h2>\n"
        html += coveredTransactions(findings)
        // Tonight's findings: those resolved since the previous night are counted with the statuses only.
        let current = findings.filter { $0.status != .resolved }
        html += "<div class=\"cards\">"
        html += "<div class=\"card\"><div class=\"big\">\(FigureFormat.grouped(Double(current.count)))</div>findings"
        html += " on \(FigureFormat.count(Set(current.flatMap(\.subject.accounts)).count, "account"))</div>"
        // Counted over severities, categories and statuses alone, not over copies of the findings.
        let severities = current.map(\.severity)
        for severity in Severity.allCases.reversed() {
            let count = severities.count(where: { $0 == severity })
            html += "<div class=\"card sev-card-\(severity.rawValue)\">"
            html += "<div class=\"big\">\(FigureFormat.grouped(Double(count)))</div>"
            html += "<a href=\"?severity=\(severity.rawValue)#findings\" data-set-severity=\"\(severity.rawValue)\">"
            html += "\(severity.rawValue)</a></div>"
        }
        html += "</div>\n"
        html += statusSummary(findings)
        html += categoryMatrix(current)
        return html + "</section>\n"
    }

    /// Tonight's likely covered transactions, those a suppression hides included: a suppression takes a
    /// finding off tonight's list, not its report, which stays due.
    private func coveredTransactions(_ findings: [Finding]) -> String {
        let visible = findings.filter { $0.category == .coveredTransaction && $0.status != .resolved }
        let hidden = review.suppressed.filter {
            $0.finding.category == .coveredTransaction && $0.finding.status != .resolved
        }
        // Gone from tonight's exports (a short export, a run stopped), a covered transaction's report is
        // still due: it is listed until its due date.
        let gone = review.coveredStillDue(on: runDate)
        let listed =
            (visible.map { (finding: $0, suppression: Suppression?.none, gone: false) }
            + hidden.map { (finding: $0.finding, suppression: Optional($0.suppression), gone: false) }
            + gone.map { (finding: $0, suppression: Suppression?.none, gone: true) })
            .sorted { ($0.finding.reportDue ?? "~", $0.finding.id) < ($1.finding.reportDue ?? "~", $1.finding.id) }
        var html = "<h3>Likely covered transactions: report due</h3>\n"
        guard !listed.isEmpty else {
            return html + "<p class=\"ok\">No likely covered transaction tonight.</p>\n"
        }
        html += "<p>\(Self.dueText(listed.map(\.finding))) "
        html += Self.coveredCountText(visible + hidden.map(\.finding), hidden: hidden)
        if !gone.isEmpty {
            let dues = gone.map { $0.reportDue ?? "" }.sorted().joined(separator: ", ")
            html += "; \(FigureFormat.count(gone.count, "more", plural: "more")) not in tonight's exports: "
            html += "\(gone.count == 1 ? "report" : "reports") still due \(dues)"
        }
        html += "\(hidden.isEmpty && gone.isEmpty ? "," : ";") earliest due first.</p>\n"
        html += "<table class=\"due\"><thead><tr><th>Report due</th><th>Days left</th><th>Finding</th><th>Customer</th>"
        html +=
            "<th class=\"num\">Expected operations</th><th>Training window</th><th>Case draft</th></tr></thead><tbody>\n"
        for (finding, suppression, gone) in listed {
            let due = finding.reportDue ?? "–"
            let left = finding.reportDue.flatMap { CalendarDay.days(from: runDate, to: $0) }
            html += suppression == nil && !gone ? "<tr>" : "<tr class=\"suppressed\">"
            html += "<td><strong>\(esc(due))</strong></td>"
            html += "<td class=\"num\">\(left.map(String.init) ?? "–")</td>"
            if gone {
                // Not in the findings table either: the row says why, and that its report is due.
                html += "<td><code>\(esc(finding.id))</code> \(esc(finding.rule)) <strong>not in tonight's exports"
                html += "</strong>\(finding.knowledgeDate.map { " (known \(esc($0)))" } ?? ""): report still due</td>"
                html += "<td>\(subjectHTML(finding.subject, links: false))</td>"
            } else if let suppression {
                // Not in the findings table: the row says where the finding went, and that its report is due.
                html += "<td><code>\(esc(finding.id))</code> \(esc(finding.rule)) <strong>suppressed</strong> "
                html += "(\(suppressionText(suppression))): report still due</td>"
                html += "<td>\(subjectHTML(finding.subject, links: false))</td>"
            } else {
                html += "<td><a href=\"#\(esc(finding.id))\">\(esc(finding.id))</a> \(esc(finding.rule))"
                html +=
                    finding.status == .unchecked
                    ? " <strong>unchecked</strong> (not checked again tonight)</td>" : "</td>"
                html += "<td>\(subjectHTML(finding.subject))</td>"
            }
            let expected = finding.metrics["expected_operations"].map {
                FigureFormat.operations($0, beside: FigureFormat.operationsThresholds(in: finding.metrics))
            }
            html += "<td class=\"num\">\(expected ?? "–")</td>"
            html += "<td>\(windowText(finding.window))</td>"
            html += "<td>\(caseLinks(finding.id))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// How many covered transactions there are tonight, and which of them a suppression hides with the
    /// dates their reports are still due: `1 likely covered transaction, suppressed: report still due
    /// 2026-09-16`.
    static func coveredCountText(_ covered: [Finding], hidden: [NightReview.SuppressedFinding]) -> String {
        var text = "\(FigureFormat.count(covered.count, "likely covered transaction"))"
        guard !hidden.isEmpty else { return text }
        let dues = hidden.map { $0.finding.reportDue ?? "a date not given" }.sorted()
        let still = hidden.count == 1 ? "report still due" : "reports still due"
        text += hidden.count == covered.count ? (hidden.count == 1 ? ", suppressed" : ", all suppressed") : ""
        text += hidden.count < covered.count ? ", \(hidden.count) suppressed" : ""
        return text + ": \(still) \(dues.joined(separator: ", "))"
    }

    /// How long after knowledge the reports of `covered` are due, from each finding's knowledge date and
    /// due date (the rules' `report_days`, as configured): `A report is due within 10 days of knowledge
    /// (…)`, or the days of each when they differ (a pipeline file changed since a carried finding was
    /// known, or CVT-001 and CVT-002 set apart).
    static func dueText(_ covered: [Finding]) -> String {
        let rule = "(report_days; proposed 15 CFR 791.306)."
        let days = Set(
            covered.compactMap { finding in
                finding.knowledgeDate.flatMap { knowledge in
                    finding.reportDue.flatMap { CalendarDay.days(from: knowledge, to: $0) }
                }
            }
        ).sorted()
        guard let last = days.last else { return "A report is due by the date given for it \(rule)" }
        guard days.count > 1 else {
            return "A report is due within \(FigureFormat.count(last, "day")) of knowledge \(rule)"
        }
        let earlier = days.dropLast().map(String.init).joined(separator: ", ")
        return "A report is due within \(earlier) or \(last) days of knowledge, by finding \(rule)"
    }

    func caseLinks(_ id: String) -> String {
        guard caseDrafts.contains(id) else { return "–" }
        return "<a href=\"cases/\(esc(id)).md\">\(esc(id)).md</a> · <a href=\"cases/\(esc(id)).json\">json</a>"
    }

    func windowText(_ window: Finding.Window?) -> String {
        guard let window else { return "–" }
        return esc(window.days)
    }

    private func statusSummary(_ findings: [Finding]) -> String {
        var html = "<h3>Compared with the previous night</h3>\n"
        let statuses = findings.map(\.status)
        if !statuses.contains(where: { $0 != nil }) {
            html += "<p class=\"note\">New, ongoing and resolved are not known: no previous night was given "
            html += "(every finding here is as of tonight alone).</p>\n"
        } else {
            html += "<div class=\"cards\">"
            for status in FindingStatus.allCases {
                let count = statuses.count(where: { $0 == status })
                // Findings carried from a check not made tonight are rare: a card only when there are some.
                if status == .unchecked, count == 0 { continue }
                html += "<div class=\"card\"><div class=\"big\">\(FigureFormat.grouped(Double(count)))</div>"
                html += "<a href=\"?status=\(status.rawValue)#findings\" data-set-status=\"\(status.rawValue)\">"
                html += "\(status.rawValue)</a></div>"
            }
            html += "</div>\n"
            if statuses.contains(.unchecked), let note = FindingStatus.unchecked.note {
                html += "<p class=\"note\">Unchecked: \(esc(note)).</p>\n"
            }
        }
        if !review.suppressed.isEmpty || !review.expiringSoon.isEmpty || !review.expired.isEmpty {
            let expiring = review.expiringSoon.count
            html += "<p><a href=\"#suppressions\">Suppressions</a>: "
            html += "\(FigureFormat.count(review.suppressed.count, "finding")) hidden, "
            html +=
                "\(FigureFormat.count(expiring, "suppression")) \(expiring == 1 ? "expires" : "expire") within 14 days, "
            html += "\(FigureFormat.grouped(Double(review.expired.count))) expired.</p>\n"
        }
        return html
    }

    private func categoryMatrix(_ findings: [Finding]) -> String {
        var html = "<h3>By category and severity</h3>\n<table class=\"matrix\"><thead><tr><th>Category</th>"
        let severities = Array(Severity.allCases.reversed())
        for severity in severities { html += "<th class=\"num\">\(severity.rawValue)</th>" }
        html += "<th class=\"num\">total</th></tr></thead><tbody>\n"
        let kinds = findings.map { ($0.category, $0.severity) }
        for category in FindingCategory.allCases {
            let inCategory = kinds.filter { $0.0 == category }.map(\.1)
            guard !inCategory.isEmpty else { continue }
            html += "<tr><th><a href=\"?category=\(category.rawValue)#findings\" "
            html += "data-set-category=\"\(category.rawValue)\">\(category.rawValue)</a></th>"
            for severity in severities {
                let count = inCategory.count(where: { $0 == severity })
                html +=
                    count == 0
                    ? "<td class=\"num zero\">0</td>" : "<td class=\"num\">\(FigureFormat.grouped(Double(count)))</td>"
            }
            html += "<td class=\"num\"><strong>\(FigureFormat.grouped(Double(inCategory.count)))</strong></td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }
}
