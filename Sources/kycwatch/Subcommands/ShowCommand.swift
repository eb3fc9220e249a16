import ArgumentParser
import Foundation
import KYCWatch

/// `kycwatch show`: the findings as a terminal table, filtered; `--json` for scripts.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "List findings as a table, filtered by severity, rule, category, account or status.",
        discussion: """
            FINDINGS is a findings.jsonl.zst file or the output folder of `kycwatch run` or \
            `kycwatch detect`. Findings are listed highest severity first, then in file order. The \
            summary is cut to the terminal's width (100 columns when output is not a terminal). \
            --rule, --category, --account and --status can be repeated (a finding matches any of the \
            values of each); --severity is given once, a floor. A finding must match every option given.

            Examples:
              kycwatch show out/nightly
              kycwatch show out/nightly --severity high --category covered-transaction
              kycwatch show out/nightly/findings.jsonl.zst --rule CVT-001 --rule CVT-002
              kycwatch show out/nightly --account 984619699596 --json | jq .summary
              kycwatch show out/nightly --status new
            """
    )

    @Argument(help: "A findings.jsonl.zst file, or an output folder holding one.")
    var findings: String

    @Option(help: "Only findings at or above this severity.")
    var severity: Severity?

    @Option(help: "Only findings of this rule id (e.g. CVT-001); repeatable.")
    var rule: [String] = []

    @Option(help: "Only findings of this category; repeatable.")
    var category: [FindingCategory] = []

    @Option(help: "Only findings about this account id (a group finding matches any member); repeatable.")
    var account: [String] = []

    @Option(help: "Only findings with this status across nights; `none` when no previous night was given; repeatable.")
    var status: [StatusOption] = []

    @Flag(help: "Print the matching findings as JSON lines (one finding per line, keys sorted) instead of a table.")
    var json = false

    func validate() throws {
        try SingleValueOption.refuseRepeats(of: ["severity"])
    }

    func run() throws {
        let filter = FindingFilter(
            minimumSeverity: severity, rules: Set(rule), categories: Set(category),
            accounts: Set(account),
            statuses: Set(status.map(\.status)))
        let all = try CommandFailure.run { try FindingsFile.read(findings) }
        if let warning = FindingsFile.unfinishedWarning(findings) {
            ErrorConsole.emit("kycwatch: warning: \(warning)\n")
        }
        let matching = filter.apply(all)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var output = Data()
            for finding in matching {
                output.append(try encoder.encode(finding))
                output.append(0x0A)
            }
            StandardOutput.write(output)
        } else {
            print(FindingTable(width: TerminalWidth.current).render(matching, total: all.count), terminator: "")
        }
        if matching.isEmpty, !all.isEmpty { ErrorConsole.emit(hint(all)) }
    }

    /// Why nothing matched, when a filter names what the file does not have at all.
    private func hint(_ all: [Finding]) -> String {
        var lines: [String] = []
        let rules = Set(all.map(\.rule))
        let unknownRules = rule.filter { !rules.contains($0) }
        if !unknownRules.isEmpty {
            lines.append(
                "no finding of \(unknownRules.joined(separator: ", ")) here; its rules: \(rules.sorted().joined(separator: ", "))"
            )
        }
        let unknownAccounts = account.filter { id in !all.contains { $0.subject.accounts.contains(id) } }
        if !unknownAccounts.isEmpty { lines.append("no finding about \(unknownAccounts.joined(separator: ", ")) here") }
        let statuses = Set(all.map { $0.status?.rawValue ?? "none" })
        let unknownStatuses = status.map(\.status).map { $0?.rawValue ?? "none" }.filter { !statuses.contains($0) }
        if !unknownStatuses.isEmpty {
            lines.append(
                "no finding with status \(unknownStatuses.joined(separator: ", ")) here; its statuses: "
                    + statuses.sorted().joined(separator: ", ")
                    + (statuses == ["none"] ? " (the run was given no previous night)" : ""))
        }
        return lines.map { "kycwatch: note: \($0)\n" }.joined()
    }
}
