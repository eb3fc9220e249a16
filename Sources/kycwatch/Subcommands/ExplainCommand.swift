import ArgumentParser
import Foundation
import KYCWatch

/// `kycwatch explain`: one finding in full.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show one finding in full: evidence, figures, the rule's rationale, and its case draft.",
        discussion: """
            Finds FINDING-ID (as `kycwatch show` lists it, e.g. F-fe0135fc798a1387) in the findings \
            of --in, a findings.jsonl.zst file or an output folder (default: the current folder), or \
            among the suppressed findings beside it, or the covered transactions gone from the exports \
            on an earlier night whose reports are still due (resolved-covered.jsonl.zst). \
            For a covered transaction it names the case draft in cases/ beside the findings. An id \
            that is not there exits with status 64.

            Examples:
              kycwatch explain F-fe0135fc798a1387 --in out/nightly
              kycwatch explain F-fe0135fc798a1387 --in out/nightly/findings.jsonl.zst
            """
    )

    @Argument(help: "The finding's id.")
    var findingID: String

    @Option(
        name: .customLong("in"),
        help: ArgumentHelp("A findings.jsonl.zst file, or an output folder holding one.", valueName: "path"))
    var input: String = "."

    func validate() throws {
        try SingleValueOption.refuseRepeats(of: ["in"])
    }

    func run() throws {
        let file = FindingsFile.resolve(input)
        var findings = try CommandFailure.run { try FindingsFile.read(file) }
        if let warning = FindingsFile.unfinishedWarning(input) { ErrorConsole.emit("kycwatch: warning: \(warning)\n") }
        // A suppressed finding is explained too, and a covered transaction gone from tonight's exports
        // on an earlier night, from the files beside the findings.
        if file.hasSuffix("/findings.jsonl.zst") || file == "findings.jsonl.zst" {
            for name in ["suppressed.jsonl.zst", PreviousNight.resolvedCoveredFile] {
                let beside = "\(FindingsFile.folder(of: file))/\(name)"
                guard FileManager.default.fileExists(atPath: beside) else { continue }
                let listed = Set(findings.map(\.id))
                findings += try CommandFailure.run { try FindingsFile.read(beside) }.filter { !listed.contains($0.id) }
            }
        }
        let finding = try CommandFailure.run { try FindingExplanation.find(findingID, in: findings, file: file) }
        let cases = "\(FindingsFile.folder(of: file))/cases/\(finding.id)"
        func written(_ path: String) -> String? { FileManager.default.fileExists(atPath: path) ? path : nil }
        let explanation = FindingExplanation(
            finding: finding, caseDraft: written("\(cases).md"), accessLog: written("\(cases).access.csv"),
            width: TerminalWidth.current)
        print(explanation.render(), terminator: "")
    }
}
