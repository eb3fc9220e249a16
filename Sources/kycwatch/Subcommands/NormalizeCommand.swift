import ArgumentParser
import KYCWatch

/// `kycwatch normalize`: canonical accounts, usage and access files, rejects, and a manifest.
struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Turn raw exports into canonical, validated files; quarantine rows that cannot be trusted.",
        discussion: """
            Writes accounts.csv.zst, usage.csv.zst and access.csv.zst (canonical columns: UTC \
            timestamps, alpha-2 countries, catalogue accelerator names), rejects.csv.zst (file, \
            line, column, reason, message, raw row) and manifest.json, where every input row is \
            accounted for: rows_in = accepted + rejected + deduplicated.

            Examples:
              kycwatch normalize Pipelines/nightly.yaml
              kycwatch normalize --accounts a.csv.zst --usage u.csv.zst --out /tmp/night
              kycwatch normalize --usage focus.csv --usage-format focus-1.0 --out /tmp/focus
            """
    )

    @OptionGroup var inputs: PipelineInputOptions

    func run() throws {
        let configuration = try inputs.configuration()
        let manifest = try CommandFailure.run {
            try NormalizeStage(configuration: configuration).run()
        }
        let accepted = manifest.inputs.reduce(0) { $0 + $1.rowsAccepted }
        let rejected = manifest.inputs.reduce(0) { $0 + $1.rowsRejected }
        let deduplicated = manifest.inputs.reduce(0) { $0 + $1.rowsDeduplicated }
        print(
            "normalized \(manifest.inputs.count) input(s): \(accepted) accepted, \(rejected) rejected, "
                + "\(deduplicated) deduplicated -> \(configuration.outputFolder)")
    }
}
