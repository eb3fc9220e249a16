import ArgumentParser
import Foundation
import KYCWatch

/// The `kycwatch` command: a thin layer of subcommands over the KYCWatch library.
@main
struct KYCWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kycwatch",
        abstract: "Find likely large AI training runs and foreign-person indicators in IaaS exports.",
        discussion: """
            kycwatch reads a cloud provider's account, usage and access exports (CSV, plain or zstd), \
            normalizes them, runs detection rules and writes compressed findings.

            \(exitStatuses)
            """,
        version: KYCWatchVersion.current,
        subcommands: [
            InspectCommand.self, ValidateCommand.self, NormalizeCommand.self, DetectCommand.self, RunCommand.self,
            ShowCommand.self, ExplainCommand.self, RulesCommand.self, SampleCommand.self,
        ]
    )

    /// The exit statuses, for the help of the commands a scheduler runs.
    static let exitStatuses = """
        Exit status: 0 success; 3 reject policy exceeded; 4 a finding at or above --fail-on; \
        64 bad command line; 65 corrupt or malformed input; 66 input missing or unreadable; 70 \
        internal error; 73 output cannot be written; 75 output folder in use by another kycwatch; \
        78 bad configuration.
        """

    /// The commands that only print, and end by SIGPIPE when their reader goes away (`show … | head`).
    static let endsBySIGPIPE: [any ParsableCommand.Type] = [
        ShowCommand.self, ExplainCommand.self, RulesCommand.self, InspectCommand.self,
    ]

    /// Parses and runs the subcommand, then makes sure what it wrote to standard output got there.
    static func main() async {
        // A message or summary line nobody reads (`| head`, a closed log pipe) must not change the exit
        // status, which says what happened to the files: SIGPIPE is ignored while the command line is
        // read and by the commands that write files. The commands that only print end by it, as Unix
        // tools do (``endsBySIGPIPE``).
        signal(SIGPIPE, SIG_IGN)
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            CommandFailure.reportUsage(error, format: LogFormat.requested(in: CommandLine.arguments))
            exit(withError: error)
        }
        if endsBySIGPIPE.contains(where: { $0 == type(of: command) }) { signal(SIGPIPE, SIG_DFL) }
        do {
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                var synchronous = command
                try synchronous.run()
            }
        } catch let error as ValidationError {
            // A command line found wrong only as the command runs (no input named, no --out): a usage
            // error as the parser's are, in the log format asked for, with the subcommand's usage.
            CommandFailure.reportUsage(error, format: LogFormat.requested(in: CommandLine.arguments))
            let name = type(of: command).configuration.commandName ?? ""
            ErrorConsole.emit(
                "Error: \(error.message)\nUsage: \(usageString(for: type(of: command)))\n"
                    + "  See 'kycwatch \(name) --help' for more information.\n")
            exit(withError: ExitCode(64))
        } catch {
            SignalCleanup.yieldToSignal()
            // The command's own status wins over a summary line that could not be written.
            _ = StandardOutput.finish()
            exit(withError: error)
        }
        if let failure = StandardOutput.finish(), !(command is any SummaryLineCommand) {
            let format = (command as? any LoggingCommand)?.logFormat ?? .text
            exit(withError: CommandFailure.exit(for: failure, format: format))
        }
        SignalCleanup.yieldToSignal()
    }
}
