extension HTMLReport {
    /// What the reviewers' suppressions hid tonight, which expire soon and which have expired.
    func suppressionsSection() -> String {
        var html = "<section id=\"suppressions\"><h2>Suppressions</h2>\n"
        if review.suppressed.isEmpty && review.expiringSoon.isEmpty && review.expired.isEmpty
            && review.matchedNothing.isEmpty
        {
            return html + "<p class=\"note\">No suppression hid a finding tonight, and none expires within 14 days "
                + "or has expired.</p>\n</section>\n"
        }
        html += "<h3>Hidden tonight (\(review.suppressed.count))</h3>\n"
        if review.suppressed.isEmpty {
            html += "<p class=\"note\">None.</p>\n"
        } else {
            html += "<table><thead><tr><th>Finding</th><th>Severity</th><th>Subject</th><th>Summary</th>"
            html += "<th>Report due</th><th>Reason</th><th>Reviewer</th><th>Expires</th></tr></thead><tbody>\n"
            let hidden = review.suppressed.sorted {
                ($0.suppression.expires, $0.finding.id) < ($1.suppression.expires, $1.finding.id)
            }
            for entry in hidden {
                html += "<tr><td><code>\(esc(entry.finding.id))</code> \(esc(entry.finding.rule))</td>"
                html += "<td>\(severityBadge(entry.finding.severity))</td>"
                html += "<td>\(subjectHTML(entry.finding.subject, links: false))</td>"
                html += "<td>\(esc(entry.finding.summary))</td><td>\(reportDueText(entry.finding))</td>"
                html += "<td>\(esc(entry.suppression.reason))</td>"
                html += "<td>\(esc(entry.suppression.reviewer))</td><td>\(esc(entry.suppression.expires))</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        html += suppressionList("Expiring within 14 days", review.expiringSoon, daysLeft: true)
        html += suppressionList("Expired (they hide nothing any more)", review.expired, daysLeft: false)
        html += suppressionList(
            "In force but hiding nothing tonight (the finding is gone, or the entry names none)", review.matchedNothing,
            daysLeft: false)
        return html + "</section>\n"
    }

    private func suppressionList(_ title: String, _ suppressions: [Suppression], daysLeft: Bool) -> String {
        var html = "<h3>\(title) (\(suppressions.count))</h3>\n"
        guard !suppressions.isEmpty else { return html + "<p class=\"note\">None.</p>\n" }
        html += "<table><thead><tr><th>Hides</th><th>Reason</th><th>Reviewer</th><th>Expires</th>"
        html += daysLeft ? "<th class=\"num\">Days left</th>" : ""
        html += "</tr></thead><tbody>\n"
        let sorted = suppressions.sorted {
            ($0.expires, $0.findingID ?? "", $0.rule ?? "", $0.account ?? "")
                < ($1.expires, $1.findingID ?? "", $1.rule ?? "", $1.account ?? "")
        }
        for suppression in sorted {
            html +=
                "<tr><td>\(suppressionTarget(suppression))</td><td>\(esc(suppression.reason))</td><td>\(esc(suppression.reviewer))</td>"
            html += "<td>\(esc(suppression.expires))</td>"
            if daysLeft {
                html += "<td class=\"num\">"
                html += CalendarDay.days(from: runDate, to: suppression.expires).map(String.init) ?? "–"
                html += "</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// What a suppression hides: `finding <code>F-…</code>`, or `rule CVT-001 on account acct-0042`.
    func suppressionTarget(_ suppression: Suppression) -> String {
        suppression.findingID.map { "finding <code>\(esc($0))</code>" }
            ?? "rule \(esc(suppression.rule ?? "?")) on account \(esc(suppression.account ?? "?"))"
    }

    /// A suppression named in full, for a finding it hides: what it hides, its line in the suppression
    /// file, until when, by whom and why.
    func suppressionText(_ suppression: Suppression) -> String {
        var text = suppressionTarget(suppression)
        if let line = suppression.line { text += ", line \(line) of the suppression file" }
        return text + ", until \(esc(suppression.expires)) by \(esc(suppression.reviewer)): \(esc(suppression.reason))"
    }

    /// The report due date of a hidden covered transaction, which a suppression does not put off;
    /// `–` for any other finding.
    private func reportDueText(_ finding: Finding) -> String {
        guard finding.category == .coveredTransaction, let due = finding.reportDue else { return "–" }
        return finding.status == .resolved ? "<strong>\(esc(due))</strong>" : "<strong>\(esc(due))</strong>, still due"
    }

    /// The rule catalogue: what each rule flags, when it is wrong, what it rests on.
    func rulesSection() -> String {
        var html = "<section id=\"rules\"><h2>Rules</h2>\n<table><thead><tr><th>Rule</th><th>Title</th>"
        html += "<th>Category</th><th>What it flags</th><th>When it is wrong</th><th>References</th></tr></thead>"
        html += "<tbody>\n"
        for rule in RuleDescription.all {
            html += "<tr id=\"rule-\(esc(rule.id))\"><td><code>\(esc(rule.id))</code> v\(rule.version)</td>"
            html += "<td>\(esc(rule.title))</td><td>\(rule.category.rawValue)</td><td>\(esc(rule.rationale))</td>"
            html += "<td>\(esc(rule.falsePositiveNotes))</td>"
            html += "<td>\(rule.references.map { esc($0) }.joined(separator: "<br>"))</td></tr>\n"
        }
        return html + "</tbody></table>\n</section>\n"
    }
}
