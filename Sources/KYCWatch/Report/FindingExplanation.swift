/// One finding in full for a terminal: what, who, when, the figures and evidence laid out for a
/// person, the rule behind it, and for a covered transaction where its case draft is.
public struct FindingExplanation: Sendable {
    /// The width of a figure's or an evidence item's label: the longest (`Accelerator hours without
    /// peak`, `Reporting threshold operations`, 30 characters) and two spaces before the value.
    static let labelWidth = 32

    public var finding: Finding
    /// The case draft's path, when one was written for the finding.
    public var caseDraft: String?
    /// The path of the draft's log of each access (`cases/<finding-id>.access.csv`), when one was written.
    public var accessLog: String?
    /// The line width to wrap to.
    public var width: Int

    /// Creates the explanation of `finding`.
    public init(finding: Finding, caseDraft: String? = nil, accessLog: String? = nil, width: Int = 100) {
        self.finding = finding
        self.caseDraft = caseDraft
        self.accessLog = accessLog
        self.width = max(60, width)
    }

    /// The finding id asked for, in `findings`; a clear error naming the file when it is not there.
    public static func find(_ id: String, in findings: [Finding], file: String) throws(KYCWatchError) -> Finding {
        if let found = findings.first(where: { $0.id == id }) { return found }
        let wanted = id.uppercased().hasPrefix("F-") ? "F-" + id.dropFirst(2).lowercased() : id
        if let found = findings.first(where: { $0.id == wanted }) { return found }
        let close = findings.filter { $0.id.hasPrefix(wanted) }.map(\.id)
        let hint =
            close.count == 1
            ? "; did you mean \(close[0])?"
            : close.isEmpty ? "; `kycwatch show \(file)` lists the ids" : "; \(close.count) ids start with it"
        throw KYCWatchError(
            .findingNotFound, "no finding \(TerminalText.clean(id)) among the \(findings.count) in \(file)\(hint)")
    }

    /// The explanation as lines of text.
    public func render() -> String {
        let clean = TerminalText.clean
        var lines: [String] = []
        let rule = RuleDescription.named(finding.rule)
        lines.append(
            "\(clean(finding.id))  \(finding.severity.rawValue.uppercased())  \(clean(finding.rule)) v\(finding.ruleVersion)"
                + (rule.map { "  \($0.title)" } ?? ""))
        lines.append("")
        var facts: [(String, String)] = [
            ("category", finding.category.rawValue),
            (
                "subject",
                "\(clean(finding.subject.kind)) " + finding.subject.accounts.map(clean).joined(separator: ", ")
            ),
            (
                "window",
                finding.window.map {
                    "\(FigureFormat.minute(clean($0.start))) to \(FigureFormat.minute(clean($0.end)))"
                } ?? "-"
            ),
            ("status", finding.status?.rawValue ?? "not known (no previous night given)"),
        ]
        if let firstSeen = finding.firstSeen { facts.append(("first seen", clean(firstSeen))) }
        if let knowledge = finding.knowledgeDate { facts.append(("knowledge date", clean(knowledge))) }
        if let due = finding.reportDue { facts.append(("report due", clean(due))) }
        if let suppression = finding.suppressedBy {
            facts.append(
                (
                    "suppressed",
                    "until \(clean(suppression.expires)) by \(clean(suppression.reviewer)): \(clean(suppression.reason))"
                ))
        }
        if finding.category == .coveredTransaction {
            let missing =
                finding.status == .resolved
                ? "removed: the draft of a covered transaction gone from the exports is kept until its report due "
                    + "date (\(clean(finding.reportDue ?? "not given")))"
                : "not found (written by `kycwatch run` into cases/)"
            facts.append(("case draft", caseDraft ?? missing))
            if let accessLog { facts.append(("access log", accessLog)) }
        }
        lines += facts.map { TerminalText.pad($0.0, to: 16) + $0.1 }
        lines.append("")
        lines.append("Summary")
        lines += TerminalText.wrap(finding.summary, width: width, indent: "  ")
        let thresholds = FigureFormat.operationsThresholds(in: finding.metrics)
        if !finding.metrics.isEmpty {
            lines.append("")
            lines.append("Figures")
            for (name, value) in finding.metrics.sorted(by: { HTMLReport.metricOrder($0.key, $1.key) }) {
                lines.append(
                    "  " + TerminalText.pad(FigureFormat.label(name), to: Self.labelWidth)
                        + FigureFormat.metric(name, value, thresholds: thresholds))
            }
        }
        if !finding.evidence.isEmpty {
            lines.append("")
            lines.append("Evidence")
            for (name, value) in finding.evidence.sorted(by: { $0.key < $1.key }) {
                let label = "  " + TerminalText.pad(FigureFormat.label(name), to: Self.labelWidth)
                switch value {
                case .text(let text): lines += wrapped(label, clean(text))
                case .number(let number):
                    lines.append(label + FigureFormat.metric(name, number, thresholds: thresholds))
                case .list(let items):
                    if items.count <= 1 || FigureFormat.isTokenList(items) {
                        lines += wrapped(label, items.isEmpty ? "none" : items.map(clean).joined(separator: ", "))
                    } else {
                        lines.append("  " + FigureFormat.label(name))
                        for item in items { lines += TerminalText.wrap("- " + item, width: width, indent: "    ") }
                    }
                }
            }
        }
        lines.append("")
        if let rule {
            // The version that produced the finding; the text below is the installed rule's.
            let installed = rule.version == finding.ruleVersion ? "" : " (installed: v\(rule.version))"
            lines.append("Rule \(rule.id) v\(finding.ruleVersion)\(installed): \(rule.title)")
            lines += TerminalText.wrap(rule.rationale + ".", width: width, indent: "  ")
            lines += TerminalText.wrap("When it is wrong: " + rule.falsePositiveNotes, width: width, indent: "  ")
        } else {
            lines.append("Rule \(clean(finding.rule)) v\(finding.ruleVersion)")
        }
        for reference in finding.references.isEmpty ? (rule?.references ?? []) : finding.references {
            lines += TerminalText.wrap("ref: " + reference, width: width, indent: "  ")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func wrapped(_ label: String, _ text: String) -> [String] {
        let body = TerminalText.wrap(text, width: width, indent: String(repeating: " ", count: label.count))
        guard let first = body.first else { return [label] }
        return [label + first.dropFirst(label.count)] + body.dropFirst()
    }
}
