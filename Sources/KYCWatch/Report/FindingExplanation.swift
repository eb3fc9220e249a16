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
    ///
    /// The id is read in any case, with or without its `F-` and the spaces around it; one that is not there is answered with
    /// the ids it begins, or else those one or two typing slips away from it (a character wrong, missing,
    /// added, or two swapped).
    public static func find(_ asked: String, in findings: [Finding], file: String) throws(KYCWatchError) -> Finding {
        // Pasted with the spaces around it, it is the id.
        let id = FieldText.trimmedIdentifier(asked)
        if let found = findings.first(where: { $0.id == id }) { return found }
        let digits = id.uppercased().hasPrefix("F-") ? id.dropFirst(2) : Substring(id)
        let wanted = "F-" + digits.lowercased()
        if let found = findings.first(where: { $0.id == wanted }) { return found }
        var close = findings.filter { $0.id.hasPrefix(wanted) }.map(\.id)
        let prefix = !close.isEmpty
        if !prefix {
            let typed = Array(wanted.utf8)
            close = findings.map(\.id).filter { Self.slips(typed, Array($0.utf8), atMost: 2) }
        }
        let hint: String
        switch close.count {
        case 0: hint = "; `kycwatch show \(file)` lists the ids"
        case 1...3:
            let named = close.map { TerminalText.clean($0) }
            hint =
                "; did you mean "
                + (named.count == 1 ? named[0] : named.dropLast().joined(separator: ", ") + " or " + named.last!) + "?"
        default: hint = prefix ? "; \(close.count) ids start with it" : "; \(close.count) ids are close to it"
        }
        throw KYCWatchError(
            .findingNotFound, "no finding \(TerminalText.clean(id)) among the \(findings.count) in \(file)\(hint)")
    }

    /// Whether `typed` is at most `limit` slips from `id`: characters wrong, missing or added, or two
    /// neighbours swapped (optimal string alignment distance).
    static func slips(_ typed: [UInt8], _ id: [UInt8], atMost limit: Int) -> Bool {
        guard abs(typed.count - id.count) <= limit else { return false }
        guard !typed.isEmpty, !id.isEmpty else { return max(typed.count, id.count) <= limit }
        // Three rows of the table: two back (for a swap), the last, and the one being filled.
        var before = [Int](repeating: 0, count: id.count + 1)
        var previous = Array(0...id.count)
        var current = previous
        for i in 1...typed.count {
            current[0] = i
            for j in 1...id.count {
                let cost = typed[i - 1] == id[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, typed[i - 1] == id[j - 2], typed[i - 2] == id[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[id.count] <= limit
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
            (
                "status",
                finding.status.map { status in status.rawValue + (status.note.map { " (\($0))" } ?? "") }
                    ?? "not known (no previous night given)"
            ),
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
