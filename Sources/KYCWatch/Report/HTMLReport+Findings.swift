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
        html += "<div id=\"account-card\"></div>\n"
        html += "<div class=\"scroll\"><table id=\"findings-table\"><thead><tr>"
        for (key, title) in [
            ("severity", "Severity"), ("status", "Status"), ("rule", "Rule"), ("category", "Category"),
            ("account", "Subject"), ("summary", "Summary"), ("due", "Report due"),
        ] {
            html += "<th data-sort=\"\(key)\" tabindex=\"0\" aria-sort=\"none\">\(title)</th>"
        }
        html += "</tr></thead><tbody></tbody></table></div>\n"
        html += "<noscript><p class=\"warn\">The findings table needs JavaScript. The findings that need action "
        html += "are written out in full below; <code>kycwatch show</code> lists every finding.</p></noscript>\n"
        html += "<p class=\"note\">Click a row for its figures, evidence, the customer's CIP record and the rule; "
        html += "click an account id to see every finding on that account.</p>\n"
        if findings.isEmpty { html += "<p class=\"ok\">No findings tonight.</p>\n" }
        return html + "</section>\n"
    }

    private func select(_ name: String, _ title: String, _ values: [String]) -> String {
        var html = "<label>\(title) <select name=\"\(name)\"><option value=\"\">all</option>"
        for value in values { html += "<option value=\"\(esc(value))\">\(esc(value))</option>" }
        return html + "</select></label>"
    }

    /// Whether a finding needs action: one not resolved since the previous night that is a covered
    /// transaction, a training-scale finding, or of high severity or above. The page writes these out
    /// in full, up to ``fullFindingLimit``; the rest are built by the script on demand, which keeps a
    /// night of thousands of findings a small file.
    static func needsAction(_ findings: [Finding], at index: Int) -> Bool {
        // By index and field: a finding handed to a function by value is copied, retaining all it holds.
        let severity = findings[index].severity
        let category = findings[index].category
        // `severity >= .high`, without building `Severity.allCases` for the comparison.
        return findings[index].status != .resolved
            && (severity == .high || severity == .critical || category == .coveredTransaction
                || category == .largeTraining)
    }

    /// How many of `findings` need action (``needsAction(_:at:)``).
    static func needingAction(_ findings: [Finding]) -> Int {
        findings.indices.count { needsAction(findings, at: $0) }
    }

    /// Which of `findings` (in table order) the page writes out in full: those that need action, the
    /// first ``fullFindingLimit`` of them.
    func writtenInFull(_ findings: [Finding]) -> [Bool] {
        var left = fullFindingLimit
        // By index and field: a finding handed to a closure is copied, retaining all it holds.
        var full = [Bool](repeating: false, count: findings.count)
        for index in findings.indices where left > 0 {
            guard Self.needsAction(findings, at: index) else { continue }
            full[index] = true
            left -= 1
        }
        return full
    }

    /// One block per finding that needs action: summary, evidence and metrics for a person, the
    /// rule, and a chart of the training run when there is one.
    func findingDetails(_ findings: [Finding]) -> String {
        var html = "<section id=\"details\"><h2>Findings that need action</h2>\n"
        html += "<p class=\"note\">Covered transactions, training-scale findings and everything of high severity or "
        html +=
            "above, in full (the table shows the others when a row is clicked). The filters above apply here too.</p>\n"
        let full = writtenInFull(findings)
        let needingAction = Self.needingAction(findings)
        let written = full.count(where: { $0 })
        if written < needingAction {
            html += "<p class=\"warn\">\(FigureFormat.grouped(Double(needingAction))) findings need action: the "
            html += "first \(FigureFormat.grouped(Double(written))) in table order are written out here. Each of the "
            html +=
                "others opens from the findings table, and every finding is in <code>findings.jsonl.zst</code>.</p>\n"
        }
        var figures = FigureCache()
        for (index, finding) in findings.enumerated() where full[index] {
            html += "<details class=\"finding\" id=\"\(esc(finding.id))\" data-i=\"\(index)\">"
            html += "<summary>\(severityBadge(finding.severity)) <code>\(esc(finding.id))</code> "
            html += "<strong>\(esc(finding.rule))</strong> \(subjectHTML(finding.subject, links: false)): "
            html += "\(esc(finding.summary))</summary>\n<div class=\"body\">"
            html += findingFacts(finding)
            html += "<div class=\"columns\">"
            html += metricsTable(finding, figures: &figures)
            html += evidenceTable(finding, figures: &figures)
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

    private func metricsTable(_ finding: Finding, figures: inout FigureCache) -> String {
        guard !finding.metrics.isEmpty else { return "" }
        var html = "<table class=\"kv\"><caption>Figures</caption><tbody>"
        let thresholds = FigureFormat.operationsThresholds(in: finding.metrics)
        for (name, value) in finding.metrics.sorted(by: { Self.metricOrder($0.key, $1.key) }) {
            html += "<tr><th>\(esc(figures.label(name)))</th><td class=\"num\">"
            html += "\(esc(figures.metric(name, value, thresholds: thresholds)))</td></tr>"
        }
        return html + "</tbody></table>"
    }

    /// The figures a reviewer reads first come first; the rest alphabetically.
    static func metricOrder(_ a: String, _ b: String) -> Bool {
        let first = [
            "expected_operations", "upper_bound_operations", "threshold_operations", "accelerator_hours",
            "peak_concurrent_accelerators", "peak_cluster_ops_per_second", "accelerators_at_peak", "days",
            "metered_utilization",
        ]
        let rankA = first.firstIndex(of: a) ?? first.count
        let rankB = first.firstIndex(of: b) ?? first.count
        return (rankA, a) < (rankB, b)
    }

    private func evidenceTable(_ finding: Finding, figures: inout FigureCache) -> String {
        guard !finding.evidence.isEmpty else { return "" }
        var html = "<table class=\"kv\"><caption>Evidence</caption><tbody>"
        let thresholds = FigureFormat.operationsThresholds(in: finding.metrics)
        for (name, value) in finding.evidence.sorted(by: { $0.key < $1.key }) {
            html += "<tr><th>\(esc(figures.label(name)))</th><td>"
            switch value {
            case .text(let text): html += esc(text)
            case .number(let number): html += esc(figures.metric(name, number, thresholds: thresholds))
            case .list(let items):
                if items.isEmpty {
                    html += "none"
                } else if items.count == 1 || FigureFormat.isTokenList(items) {
                    html += esc(items.joined(separator: ", "))
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
}
