/// Findings as a plain-text table for a terminal: id, severity, status, rule, subject and the
/// summary cut to the width available.
public struct FindingTable: Sendable {
    /// The line width in characters (the terminal's, or 100 when output is not a terminal).
    public var width: Int

    /// Creates a table `width` characters wide.
    public init(width: Int) {
        self.width = max(60, width)
    }

    /// The header line, one line per finding, then a count of what was shown out of `total`.
    public func render(_ findings: [Finding], total: Int) -> String {
        let subjects = findings.map(Self.subject)
        let subjectWidth = min(28, max(7, subjects.map(\.count).max() ?? 0))
        let ruleWidth = max(4, findings.map(\.rule.count).max() ?? 0)
        let fixed: [(String, Int)] = [
            ("ID", 18), ("SEVERITY", 8), ("STATUS", 9), ("RULE", ruleWidth), ("SUBJECT", subjectWidth),
        ]
        let used = fixed.reduce(0) { $0 + $1.1 + 2 }
        let summaryWidth = max(10, width - used)
        var lines = [
            (fixed.map { TerminalText.pad($0.0, to: $0.1) } + ["SUMMARY"]).joined(separator: "  ")
        ]
        for (finding, subject) in zip(findings, subjects) {
            let cells = [
                TerminalText.pad(TerminalText.clean(finding.id), to: 18),
                TerminalText.pad(finding.severity.rawValue, to: 8),
                TerminalText.pad(finding.status?.rawValue ?? "-", to: 9),
                TerminalText.pad(TerminalText.clean(finding.rule), to: ruleWidth),
                TerminalText.pad(subject, to: subjectWidth),
                TerminalText.truncate(TerminalText.clean(finding.summary), to: summaryWidth),
            ]
            lines.append(cells.joined(separator: "  "))
        }
        lines.append("\(findings.count) of \(total) findings")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One account id, or the first of a group with the number of others: `000000000123 +2`.
    static func subject(_ finding: Finding) -> String {
        let accounts = finding.subject.accounts.map(TerminalText.clean)
        guard let first = accounts.first else { return "-" }
        return accounts.count == 1 ? first : "\(first) +\(accounts.count - 1)"
    }
}
