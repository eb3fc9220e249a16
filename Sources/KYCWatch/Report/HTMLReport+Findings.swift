import Foundation

extension HTMLReport {
    /// The table that the page's script filters and sorts; it reads like any table without the script.
    func findingsTable(_ findings: [Finding]) -> String {
        var html = "<section id=\"findings\"><h2>Findings</h2>\n<form class=\"filters\" id=\"filters\">"
        html += select("severity", "Severity at or above", Severity.allCases.reversed().map(\.rawValue))
        html += select("rule", "Rule", Set(findings.map(\.rule)).sorted())
        html += select("category", "Category", Set(findings.map(\.category.rawValue)).sorted())
        html += select("status", "Status", FindingStatus.allCases.map(\.rawValue) + ["none"])
        html += "<label>Account <input type=\"search\" name=\"account\" placeholder=\"id or name\"></label>"
        html += "<label>Text <input type=\"search\" name=\"text\" placeholder=\"in summaries\"></label>"
        html += "<button type=\"reset\">Clear</button><output id=\"shown\">\(findings.count) findings</output></form>\n"
        html += "<div class=\"scroll\"><table id=\"findings-table\"><thead><tr>"
        for (key, title) in [
            ("severity", "Severity"), ("status", "Status"), ("rule", "Rule"), ("category", "Category"),
            ("account", "Subject"), ("summary", "Summary"), ("due", "Report due"),
        ] {
            html += "<th data-sort=\"\(key)\" tabindex=\"0\" aria-sort=\"none\">\(title)</th>"
        }
        html += "</tr></thead><tbody>\n"
        for (index, finding) in findings.enumerated() {
            html += "<tr data-i=\"\(index)\" data-severity=\"\(finding.severity.rawValue)\" "
            html += "data-rule=\"\(esc(finding.rule))\" data-category=\"\(finding.category.rawValue)\" "
            html += "data-status=\"\(finding.status?.rawValue ?? "none")\">"
            html += "<td>\(severityBadge(finding.severity))</td><td>\(statusText(finding.status))</td>"
            html += "<td>\(esc(finding.rule))</td><td>\(finding.category.rawValue)</td>"
            html += "<td>\(subjectHTML(finding.subject))</td>"
            html += "<td><a href=\"#\(esc(finding.id))\">\(esc(finding.summary))</a></td>"
            html += "<td>\(esc(finding.reportDue ?? ""))</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        if findings.isEmpty { html += "<p class=\"ok\">No findings tonight.</p>\n" }
        return html + "</section>\n"
    }

    private func select(_ name: String, _ title: String, _ values: [String]) -> String {
        var html = "<label>\(title) <select name=\"\(name)\"><option value=\"\">all</option>"
        for value in values { html += "<option value=\"\(esc(value))\">\(esc(value))</option>" }
        return html + "</select></label>"
    }

    /// One block per finding: summary, evidence and metrics for a person, the rule, and a chart of
    /// the training run when there is one.
    func findingDetails(_ findings: [Finding]) -> String {
        var html = "<section id=\"details\"><h2>Finding details</h2>\n"
        html += "<p class=\"note\">Each finding opens to its evidence, figures and rule. "
        html += "The filters above apply here too.</p>\n"
        for (index, finding) in findings.enumerated() {
            html += "<details class=\"finding\" id=\"\(esc(finding.id))\" data-i=\"\(index)\">"
            html += "<summary>\(severityBadge(finding.severity)) <code>\(esc(finding.id))</code> "
            html += "<strong>\(esc(finding.rule))</strong> \(subjectHTML(finding.subject, links: false)): "
            html += "\(esc(finding.summary))</summary>\n<div class=\"body\">"
            html += findingFacts(finding)
            html += "<div class=\"columns\">"
            html += metricsTable(finding)
            html += evidenceTable(finding)
            html += "</div>"
            let runs = evidence.runs(for: finding)
            if !runs.isEmpty {
                let chart = SVGTimeline(
                    series: runs.map {
                        SVGTimeline.Series(
                            label: finding.subject.kind == "group" ? "\($0.accountID) \($0.label)" : $0.label,
                            profile: $0.profile)
                    }
                ).render()
                if !chart.isEmpty { html += "<figure>\(chart)<figcaption>Accelerators in use</figcaption></figure>" }
            }
            html += ruleBlock(finding)
            html += "</div></details>\n"
        }
        return html + "</section>\n"
    }

    private func findingFacts(_ finding: Finding) -> String {
        var facts: [(String, String)] = [
            ("Subject", "\(finding.subject.kind): " + subjectHTML(finding.subject)),
            ("Category", finding.category.rawValue),
            (
                "Window",
                finding.window.map { "\(esc(FigureFormat.minute($0.start))) to \(esc(FigureFormat.minute($0.end)))" }
                    ?? "–"
            ),
            ("Status", finding.status.map { $0.rawValue } ?? "not known (no previous night)"),
        ]
        if let firstSeen = finding.firstSeen { facts.append(("First seen", esc(firstSeen))) }
        if let knowledge = finding.knowledgeDate { facts.append(("Knowledge date", esc(knowledge))) }
        if let due = finding.reportDue { facts.append(("Report due", "<strong>\(esc(due))</strong>")) }
        if caseDrafts.contains(finding.id) { facts.append(("Case draft", caseLinks(finding.id))) }
        return "<dl class=\"facts\">"
            + facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
    }

    private func metricsTable(_ finding: Finding) -> String {
        guard !finding.metrics.isEmpty else { return "" }
        var html = "<table class=\"kv\"><caption>Figures</caption><tbody>"
        for (name, value) in finding.metrics.sorted(by: { Self.metricOrder($0.key, $1.key) }) {
            html += "<tr><th>\(esc(FigureFormat.label(name)))</th><td class=\"num\">"
            html += "\(esc(FigureFormat.metric(name, value)))</td></tr>"
        }
        return html + "</tbody></table>"
    }

    /// The figures a reviewer reads first come first; the rest alphabetically.
    static func metricOrder(_ a: String, _ b: String) -> Bool {
        let first = [
            "expected_operations", "upper_bound_operations", "threshold_operations", "accelerator_hours",
            "peak_concurrent_accelerators", "peak_cluster_ops_per_second", "days", "metered_utilization",
        ]
        let rankA = first.firstIndex(of: a) ?? first.count
        let rankB = first.firstIndex(of: b) ?? first.count
        return (rankA, a) < (rankB, b)
    }

    private func evidenceTable(_ finding: Finding) -> String {
        guard !finding.evidence.isEmpty else { return "" }
        var html = "<table class=\"kv\"><caption>Evidence</caption><tbody>"
        for (name, value) in finding.evidence.sorted(by: { $0.key < $1.key }) {
            html += "<tr><th>\(esc(FigureFormat.label(name)))</th><td>"
            switch value {
            case .text(let text): html += esc(text)
            case .number(let number): html += esc(FigureFormat.metric(name, number))
            case .list(let items):
                if items.isEmpty {
                    html += "none"
                } else if items.count == 1 {
                    html += esc(items[0])
                } else {
                    html += "<ul>" + items.map { "<li>\(esc($0))</li>" }.joined() + "</ul>"
                }
            }
            html += "</td></tr>"
        }
        return html + "</tbody></table>"
    }

    private func ruleBlock(_ finding: Finding) -> String {
        guard let rule = RuleDescription.named(finding.rule) else {
            return "<div class=\"rule\"><strong>\(esc(finding.rule))</strong> v\(finding.ruleVersion)"
                + referencesHTML(finding.references) + "</div>"
        }
        var html = "<div class=\"rule\"><strong>\(esc(rule.id)) v\(finding.ruleVersion): \(esc(rule.title))</strong>"
        html += "<p>\(esc(rule.rationale)).</p>"
        html += "<p><em>When it is wrong:</em> \(esc(rule.falsePositiveNotes))</p>"
        html += referencesHTML(finding.references.isEmpty ? rule.references : finding.references)
        return html + "</div>"
    }

    func referencesHTML(_ references: [String]) -> String {
        guard !references.isEmpty else { return "" }
        return "<p class=\"refs\"><em>References:</em> " + references.map { esc($0) }.joined(separator: "; ") + "</p>"
    }

    /// The rows the page's script filters and sorts, as JSON (escaped by the caller for `<script>`).
    func tableData(_ findings: [Finding]) -> String {
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
        }
        let rows = findings.enumerated().map { index, finding in
            Row(
                i: index, id: finding.id, severity: finding.severity.rawValue, rank: Self.rank(finding.severity),
                status: finding.status?.rawValue ?? "none", rule: finding.rule, category: finding.category.rawValue,
                accounts: finding.subject.accounts,
                names: finding.subject.accounts.compactMap { evidence.record($0)?.legalName }, summary: finding.summary,
                due: finding.reportDue ?? "")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(["findings": rows]) else { return "{\"findings\":[]}" }
        return String(decoding: data, as: UTF8.self)
    }
}
