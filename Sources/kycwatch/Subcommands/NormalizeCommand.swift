import ArgumentParser
import Foundation
import KYCWatch
import Logging

/// `kycwatch normalize`: canonical accounts, usage and access files, rejects, and a manifest.
struct NormalizeCommand: ParsableCommand, LoggingCommand, SummaryLineCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Turn raw exports into canonical, validated files; quarantine rows that cannot be trusted.",
        discussion: """
            Writes accounts.csv.zst, usage.csv.zst and access.csv.zst (canonical columns: UTC \
            timestamps, alpha-2 countries, catalogue accelerator names), rejects.csv.zst (file, \
            line, column, reason, message, raw row) and manifest.json, where every input row is \
            accounted for: rows_in = accepted + rejected + deduplicated + skipped (rows that are not usage by \
            design: FOCUS credits, Slurm job steps; FOCUS lines that name an instance but bill something beside \
            its own hours, such as its EBS-optimized bandwidth).

            Examples:
              kycwatch normalize Pipelines/nightly.yaml --out out/normalized
              kycwatch normalize --accounts a.csv.zst --usage u.csv.zst --out /tmp/night
              kycwatch normalize --usage u-part1.csv.zst --usage u-part2.csv.zst --out /tmp/night
              kycwatch normalize --usage focus.csv --usage-format focus-1.0 --out /tmp/focus

            With --out -, the outputs go to standard output as one stream (a tar archive of the \
            files above) for the detect stage to read with --in -:
              kycwatch normalize Pipelines/nightly.yaml --out - | kycwatch detect --in - --out /tmp/night
            """
    )

    @OptionGroup var inputs: PipelineInputOptions

    @OptionGroup var logging: LogOptions

    var logFormat: LogFormat { logging.logFormat }

    func run() throws {
        let format = logging.logFormat
        let (logger, console) = logging.startLogging()
        var configuration = try inputs.configuration(format: format)
        let streaming = configuration.outputFolder == "-"
        if streaming, isatty(STDOUT_FILENO) != 0 {
            throw ValidationError(
                "--out - writes a binary stream for `kycwatch detect --in -`, and standard output is a terminal: "
                    + "pipe it to detect, or name an output folder")
        }
        // SIGPIPE is ignored (``KYCWatchCommand/main()``): a reader that goes away (`| head`) makes the
        // stream's writes fail with an error kycwatch reports, removing the temporary folder of
        // normalized customer data, instead of killing the process where it stands.
        // Stopped by Ctrl-C or a scheduler's timeout, the stage says so, and the stream's folder goes.
        let cleanup = SignalCleanup()
        let outputs = streaming ? "nothing was sent" : "\(configuration.outputFolder) has no manifest of this run"
        cleanup.announce { number in
            logger.error(
                "normalize stopped by signal \(number) before it finished: \(outputs); run it again",
                metadata: ["stage": "normalize", "exit_status": .stringConvertible(Int(128 + number))])
        }
        if streaming {
            configuration.outputFolder = try CommandFailure.run(format: format) { try StageStream.temporaryFolder() }
            cleanup.remove(configuration.outputFolder)
        }
        defer { withExtendedLifetime(cleanup) {} }
        defer { if streaming { try? FileManager.default.removeItem(atPath: configuration.outputFolder) } }
        // A night's folder keeps its findings and the manifest that accounts for them.
        if !streaming, let earlier = try? StageManifest.read("\(configuration.outputFolder)/manifest.json"),
            earlier.stage != "normalize"
        {
            throw CommandFailure.exit(
                for: KYCWatchError(
                    .invalidConfiguration,
                    "holds the outputs of a \(earlier.stage) stage: normalize would leave its findings beside a "
                        + "manifest of its own; name another output folder",
                    at: SourceLocation(file: configuration.outputFolder)), format: format)
        }
        var stage = try CommandFailure.run(format: format) {
            try NormalizeStage(configuration: configuration, logger: logger)
        }
        // A folder's manifest is placed through the watcher's gate, so a signal after it is let pass
        // and one before it leaves none; a stream is finished once it is sent.
        if !streaming { stage.manifestGate = cleanup.gate }
        let progress =
            format == .text && console.isTerminal
            ? ProgressLine(console: console, inputs: configuration.matchingGlobs().inputs.flatMap(\.paths)) : nil
        let manifest: StageManifest
        do {
            manifest = try stage.run(progress: progress.map { line in { line.report($0) } })
        } catch {
            console.clearProgress()
            throw CommandFailure.exit(for: error, format: format)
        }
        // A stream carries the manifest's rejects-exceeded status on to detect, which fails the same way.
        if streaming {
            try CommandFailure.run(format: format) { try StageStream.send(folder: configuration.outputFolder) }
        } else {
            for output in manifest.outputs { stage.logger.outputWritten(output) }
        }
        // Written (or sent) in full: the stage ends with the status its manifest records.
        cleanup.finish()
        let accepted = manifest.inputs.reduce(0) { $0 + $1.rowsAccepted }
        let rejected = manifest.inputs.reduce(0) { $0 + $1.rowsRejected }
        let deduplicated = manifest.inputs.reduce(0) { $0 + $1.rowsDeduplicated }
        let skipped = manifest.inputs.reduce(0) { $0 + $1.rowsSkipped }
        let summary =
            "normalized \(FigureFormat.count(manifest.inputs.count, "input")): \(accepted) accepted, \(rejected) rejected, "
            + "\(deduplicated) deduplicated" + (skipped > 0 ? ", \(skipped) skipped (not usage)" : "")
            + " -> \(streaming ? "standard output" : configuration.outputFolder)"
        if streaming {
            // Standard output carries the stream; a JSON log keeps standard error all JSON.
            if format == .text { ErrorConsole.emit(summary + "\n") }
        } else {
            print(summary)
        }
        stage.logger.info(
            "normalize finished",
            metadata: [
                "accepted": .stringConvertible(accepted),
                "rejected": .stringConvertible(rejected), "deduplicated": .stringConvertible(deduplicated),
                "skipped": .stringConvertible(skipped), "status": "\(manifest.status)",
                "seconds": .stringConvertible(((manifest.timings["total_seconds"] ?? 0) * 1000).rounded() / 1000),
            ])
        // A stream's folder is gone after the run: its rejects are named as the stream carries them.
        if let failure = stage.rejectPolicyError(
            manifest, rejectsPath: streaming ? "rejects.csv.zst in the stream on standard output" : nil)
        {
            throw CommandFailure.exit(for: failure, format: format)
        }
    }
}
