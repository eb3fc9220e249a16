import ArgumentParser
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

            Exit status: 0 success; 3 reject policy exceeded; 4 a finding at or above --fail-on; \
            64 bad command line; 65 corrupt or malformed input; 66 input missing or unreadable; 70 \
            internal error; 73 output cannot be written; 78 bad configuration.
            """,
        version: KYCWatchVersion.current,
        subcommands: [
            InspectCommand.self, ValidateCommand.self, NormalizeCommand.self, DetectCommand.self, RunCommand.self,
            ShowCommand.self, ExplainCommand.self, RulesCommand.self, SampleCommand.self,
        ]
    )
}
