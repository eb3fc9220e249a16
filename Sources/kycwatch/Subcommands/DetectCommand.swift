import ArgumentParser
import Foundation
import KYCWatch
import Logging

/// `kycwatch detect`: the rules over a normalize stage's output folder.
struct DetectCommand: AsyncParsableCommand, LoggingCommand, SummaryLineCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Run the rules over normalized files (the output folder of `kycwatch normalize`).",
        discussion: """
            Example:
              kycwatch normalize Pipelines/nightly.yaml --out /tmp/n && kycwatch detect --in /tmp/n --out /tmp/d
              kycwatch normalize Pipelines/nightly.yaml --out - | kycwatch detect --in - --out /tmp/d

            Without --pipeline, no IP ranges, anonymizer ranges or restricted-party lists are read \
            unless named with --ip-ranges, --anonymizers and --screening: each check not made is a \
            warning in the log and listed in the manifest.

            \(KYCWatchCommand.exitStatuses)
            """
    )

    @Option(
        name: .customLong("in"),
        help: "The normalize stage's output folder, or - for its stream on standard input (normalize --out -).")
    var input: String

    @Option(help: "Output folder.")
    var out: String

    @Option(help: "A pipeline file for reference data and rule parameters (its inputs are ignored).")
    var pipeline: String?

    @Option(
        help: ArgumentHelp(
            "Reference catalogue folder (accelerators.csv, instance_types.csv, countries.csv).",
            discussion: "Overrides the catalogues of --pipeline. Default: $KYCWATCH_REFERENCE, else "
                + "Pipelines/reference in the working folder, else the one installed with kycwatch."))
    var reference: String?

    @OptionGroup var limits: DecompressionLimitOptions

    @OptionGroup var detection: DetectionOptions

    var logFormat: LogFormat { detection.logFormat }

    func validate() throws {
        try SingleValueOption.refuseRepeats(of: ["in", "out", "pipeline", "reference"])
        try SingleValueOption.refuseEmpty([
            ("in", input), ("out", out), ("pipeline", pipeline), ("reference", reference),
        ])
        if out == "-" { throw ValidationError(DetectionOptions.noStreamOut) }
    }

    func run() async throws {
        let (logger, console) = detection.startLogging()
        var base = PipelineConfiguration.flags(reference: ReferenceFolder.resolve(reference), outputFolder: out)
        if let pipeline {
            base = try CommandFailure.run(format: detection.logFormat) {
                try PipelineConfiguration.load(path: pipeline)
            }
            if let reference { base.reference.useCatalogues(in: reference) }
        }
        // Its manifest would replace normalize's, and with it the count of the rows normalize rejected.
        if input != "-", PipelineConfiguration.samePlace(input, out) {
            throw CommandFailure.exit(
                for: KYCWatchError(
                    .invalidConfiguration,
                    "is both --in and --out: detect's manifest would replace the normalize stage's, and with it "
                        + "the count of the rows normalize rejected; name another output folder",
                    at: SourceLocation(file: out)), format: detection.logFormat)
        }
        var folder = input
        var cleanup: SignalCleanup?
        // The stream's folder holds normalized customer data: it goes however detect ends, a damaged
        // stream, an error, Ctrl-C or a scheduler's timeout included.
        defer {
            if input == "-" { try? FileManager.default.removeItem(atPath: folder) }
            withExtendedLifetime(cleanup) {}
        }
        if input == "-" {
            let signals = SignalCleanup()
            cleanup = signals
            signals.announce { number in
                logger.error(
                    "detect stopped by signal \(number) while it received its stream: nothing was written",
                    metadata: ["stage": "detect", "exit_status": .stringConvertible(Int(128 + number))])
            }
            folder = try CommandFailure.run(format: detection.logFormat) { try StageStream.temporaryFolder() }
            signals.remove(folder)
            _ = try CommandFailure.run(format: detection.logFormat) { try StageStream.receive(into: folder) }
        }
        var configuration = try CommandFailure.run(format: detection.logFormat) {
            let configuration = try DetectStage.normalizedInputs(
                in: folder, base: base, receivedFrom: input == "-" ? "<stdin>" : nil)
            guard !configuration.inputs.isEmpty else {
                throw KYCWatchError(
                    .fileUnreadable,
                    "no accounts.csv.zst, usage.csv.zst or access.csv.zst here: name the output folder of"
                        + " `kycwatch normalize` (or - for its stream)", at: SourceLocation(file: input))
            }
            return configuration
        }
        configuration.outputFolder = PipelineConfiguration.resolve(out, against: ".")
        configuration.decompressionLimits = limits.limits
        try await detection.execute(
            configuration: configuration, stage: "detect", logger: logger, console: console, signals: cleanup)
    }
}
