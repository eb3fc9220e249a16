import ArgumentParser
import Foundation
import KYCWatch
import Logging

/// Options shared by `run` and `detect`: the run date, reference overrides, the night's review
/// (previous night, suppressions), the scheduler's `--fail-on`, and logging.
struct DetectionOptions: ParsableArguments {
    @Option(help: "The run date (YYYY-MM-DD, UTC): the knowledge date of covered transactions. Default: today.")
    var runDate: String?

    @Option(help: "IP ranges to country (plain start,end,country CSV); overrides the pipeline file.")
    var ipRanges: String?

    @Option(help: "Anonymizer networks (network,kind CSV); overrides the pipeline file.")
    var anonymizers: String?

    @Option(
        help: ArgumentHelp(
            "A folder of restricted-party lists to screen names against; overrides the pipeline file's screening:.",
            discussion: "Read under the names kycwatch ships them with: sdn.csv, alt.csv, add.csv (OFAC), dpl.txt "
                + "(BIS Denied Persons), csl.csv (Consolidated Screening List), each also .zst. Lists change "
                + "weekly: name the folder you download them to, not a copy that ages.",
            valueName: "folder"))
    var screening: String?

    @Option(
        help: ArgumentHelp(
            "The previous night's output folder; marks findings new, ongoing or resolved (overrides `previous:`).",
            discussion: "A folder that does not exist yet is taken as the first night: a warning, every finding new. "
                + "A finding of that night whose check tonight does not make (restricted-party lists, the accounts "
                + "export, IP ranges or anonymizer ranges missing tonight) is carried as unchecked, open, not resolved."
        ))
    var previous: String?

    @Option(
        help: "A suppression file (YAML) of reviewed findings to hide until they expire (overrides `suppressions:`).")
    var suppressions: String?

    @Option(help: "The longest a suppression may run past the run date, in days (overrides `suppressions.max_days`).")
    var suppressionMaxDays: Int?

    @Option(
        help: ArgumentHelp(
            "Exit 4, after writing every output, when a visible finding reported tonight is at or above this severity.",
            discussion: "info, low, medium, high or critical. Suppressed and resolved findings do not count.",
            valueName: "severity"),
        transform: { text in
            guard let severity = Severity(rawValue: text.lowercased()) else {
                throw ValidationError(
                    "--fail-on takes one of \(Severity.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'"
                )
            }
            return severity
        })
    var failOn: Severity?

    @OptionGroup var logging: LogOptions

    /// The format of log records and errors on standard error.
    var logFormat: LogFormat { logging.logFormat }

    /// Why `run` and `detect` refuse `--out -`, which only `normalize` streams to.
    static let noStreamOut =
        "--out - streams normalize's outputs to detect; run and detect write findings, a report and a manifest to "
        + "a folder: name one"

    func validate() throws {
        try SingleValueOption.refuseRepeats(of: [
            "run-date", "ip-ranges", "anonymizers", "screening", "previous", "suppressions", "suppression-max-days",
            "fail-on",
        ])
        try SingleValueOption.refuseEmpty([
            ("run-date", runDate), ("ip-ranges", ipRanges), ("anonymizers", anonymizers), ("screening", screening),
            ("previous", previous), ("suppressions", suppressions),
        ])
        if let suppressionMaxDays, !(1...SuppressionFile.maxDaysLimit).contains(suppressionMaxDays) {
            throw ValidationError(
                "--suppression-max-days must be at least 1 and at most \(SuppressionFile.maxDaysLimit)")
        }
    }

    /// Sets up logging for the process (once, before anything logs) and returns the stage's logger.
    func startLogging() -> (Logger, ErrorConsole) { logging.startLogging() }

    /// The run date: `--run-date`, else today (UTC).
    var date: String { runDate ?? String(ISO8601DateFormatter().string(from: Date()).prefix(10)) }

    /// `configuration` with what these options override: reference data, lists, the previous night,
    /// suppressions and `--fail-on`.
    func applied(to configuration: PipelineConfiguration) throws -> PipelineConfiguration {
        var configuration = configuration
        if let ipRanges { configuration.reference.ipRanges = ipRanges }
        if let anonymizers { configuration.reference.anonymizers = anonymizers }
        if let screening {
            guard var lists = ScreeningSources.lists(in: screening) else {
                throw CommandFailure.exit(
                    for: KYCWatchError(
                        .fileUnreadable, "no restricted-party list here (sdn.csv, dpl.txt or csl.csv, each also .zst)",
                        at: SourceLocation(file: screening)), format: logFormat)
            }
            // The folder replaces the lists; the pipeline's reviewed decisions and threshold still apply.
            lists.decisions = configuration.screening?.decisions
            if let decisions = lists.decisions {
                lists.origins[decisions] = configuration.screening?.origins[decisions]
            }
            lists.threshold = configuration.screening?.threshold
            configuration.screening = lists
        }
        if let previous { configuration.previousFolder = previous }
        if let suppressions { configuration.suppressionsFile = suppressions }
        if let suppressionMaxDays { configuration.suppressionMaxDays = suppressionMaxDays }
        configuration.failOn = failOn
        return configuration
    }

    /// Runs the detect stage, prints the summary line and applies `--fail-on`.
    ///
    /// `signals` is the process's signal watcher when the caller has one already (a stream's folder
    /// to remove); one is made otherwise.
    func execute(
        configuration: PipelineConfiguration, stage stageName: String, logger: Logger, console: ErrorConsole,
        signals: SignalCleanup? = nil
    ) async throws {
        let configuration = try applied(to: configuration)
        // Stopped by Ctrl-C or a scheduler's timeout, the night says so in the log: its folder has no
        // manifest of tonight, and the next run there clears what it left.
        let interruption = signals ?? SignalCleanup()
        let folder = configuration.outputFolder
        interruption.announce { number in
            logger.error(
                "\(stageName) stopped by signal \(number) before it finished: \(folder) has no manifest of tonight; run the night again",
                metadata: ["stage": "\(stageName)", "exit_status": .stringConvertible(Int(128 + number))])
        }
        defer { withExtendedLifetime(interruption) {} }
        var stage = DetectStage(
            configuration: configuration, runDate: self.date, shards: ProcessInfo.processInfo.activeProcessorCount * 4,
            logger: logger)
        // The manifest is placed through the watcher's gate: a signal once it is in place is let pass,
        // and one before it leaves the folder without it, so the exit status matches the folder.
        stage.manifestGate = interruption.gate
        let progress =
            logFormat == .text && console.isTerminal
            ? ProgressLine(console: console, inputs: configuration.matchingGlobs().inputs.flatMap(\.paths)) : nil
        let result: DetectResult
        do {
            result = try await stage.run(stage: stageName, progress: progress.map { line in { line.report($0) } })
        } catch {
            console.clearProgress()
            throw CommandFailure.exit(for: error, format: logFormat)
        }
        // The outputs and their manifest are in place (the gate let no signal through since): the night
        // ends with the status it records.
        let summary = RunSummary(
            stage: stageName, result: result, compared: configuration.previousFolder != nil,
            folder: configuration.outputFolder)
        print(summary.line)
        let review = result.reviewSummary
        var metadata: Logger.Metadata = [
            "stage": "\(stageName)", "rows": .stringConvertible(result.rowsIn),
            "rejected": .stringConvertible(result.rowsRejected),
            "findings": .stringConvertible(result.review.actionable.count),
            "suppressed": .stringConvertible(review.suppressed),
            "seconds": .stringConvertible((result.seconds * 1000).rounded() / 1000),
        ]
        if let new = review.new, let resolved = review.resolved {
            metadata["new"] = .stringConvertible(new)
            metadata["resolved"] = .stringConvertible(resolved)
            if let unchecked = review.unchecked, unchecked > 0 { metadata["unchecked"] = .stringConvertible(unchecked) }
        }
        logger.info("\(stageName) finished", metadata: metadata)
        // Every output is written: the reject policy's failure comes after the summary, and before
        // --fail-on, since findings from inputs that failed it are not the night's whole story.
        if let failure = result.rejectPolicyError { throw CommandFailure.exit(for: failure, format: logFormat) }
        guard let failOn, result.failOnFindings > 0 else { return }
        logger.error(
            "findings at or above --fail-on \(failOn.rawValue); exiting \(DetectResult.failOnStatus)",
            metadata: [
                "stage": "\(stageName)", "fail_on": "\(failOn.rawValue)",
                "findings": .stringConvertible(result.failOnFindings),
                "exit_status": .stringConvertible(Int(DetectResult.failOnStatus)),
            ])
        throw ExitCode(DetectResult.failOnStatus)
    }
}
