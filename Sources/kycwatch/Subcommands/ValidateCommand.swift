import ArgumentParser
import Foundation
import KYCWatch

/// `kycwatch validate`: checks a pipeline file and the inputs it names without running it.
struct ValidateCommand: ParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline file and its inputs (headers, a sample of rows) without running it.",
        discussion: """
            Reads the pipeline file, loads the reference catalogues, IP ranges and anonymizer \
            networks, opens every input, checks that its header maps onto the required columns, and \
            normalizes its first rows (--sample, 1,000 unless told; 0 for every row) to show whether \
            values parse, saying whether rows were left untried. The previous night's folder and \
            the output folder are checked, a suppression file against the run date, and \
            restricted-party lists and decisions are loaded as a run loads them. It takes the \
            options of `run`, so the line a scheduler runs can be checked as it stands. Nothing is \
            written.

            Examples:
              kycwatch validate Pipelines/nightly.yaml
              kycwatch validate Pipelines/nightly.yaml --out out/2026-11-29 --previous out/2026-11-28 \\
                --suppressions reviewed.yaml --run-date 2026-11-29 --fail-on critical
            """
    )

    @OptionGroup var inputs: PipelineInputOptions

    @Option(help: "Rows to try per input, from its first; 0 tries every row.")
    var sample = 1000

    /// The options of `run`, so that the line a scheduler runs can be checked as it stands.
    @OptionGroup var detection: DetectionOptions

    var logFormat: LogFormat { detection.logFormat }

    func validate() throws {
        try SingleValueOption.refuseRepeats(of: ["sample"])
        guard sample >= 0 else {
            throw ValidationError("--sample \(sample) is not a number of rows: give 0 (every row) or more")
        }
    }

    func run() throws {
        let format = logFormat
        _ = detection.startLogging()
        let configuration = try detection.applied(to: try inputs.configuration(format: format, writes: false))
        let runDay = try CommandFailure.run(format: format) { try DetectStage.runDay(detection.date) }
        let reports = try CommandFailure.run(format: format) {
            // As a run refuses it, before any input is opened.
            try configuration.checkEachFileReadOnce()
            return try PipelineValidator(configuration: configuration).validate(sampleRows: sample == 0 ? .max : sample)
        }
        var problems = 0
        for report in reports {
            let share = report.rowsTried > 0 ? Double(report.rowsRejected) / Double(report.rowsTried) : 0
            print(
                "\(report.path) [\(report.kind.rawValue), \(report.layout.rawValue)]: header ok, "
                    + "\(FigureFormat.count(report.rowsTried, "row")) tried, \(report.rowsRejected) would be rejected"
                    // A clean sample says nothing of the rows after it.
                    + (report.rowsLeftUntried
                        ? "; the rows after them not tried (--sample 0 tries every row)" : " (every row of the file)"))
            for (reason, example) in report.examples.sorted(by: { $0.key < $1.key }) {
                print("  \(reason): \(example)")
            }
            if share > report.maxRejectShare { problems += 1 }
        }
        // The files the run reads next, and the folders it writes and compares with, are checked too:
        // a mistake there stops the run before any row.
        if configuration.outputFolder != "-" {
            try CommandFailure.run(format: format) {
                try NormalizeStage.checkFolder(configuration.outputFolder)
                try DetectStage.checkInputsOutside(configuration)
            }
        }
        if let previous = configuration.previousFolder {
            let night = try CommandFailure.run(format: format) {
                try DetectStage.previousNight(previous, output: configuration.outputFolder, before: runDay)
            }
            print(
                night.exists
                    ? "previous night ok: \(previous) (\(night.runDate ?? "unknown date"), \(night.findings.count) findings)"
                    : "previous night: \(previous) does not exist yet; a run takes tonight as the first night")
        }
        if let path = configuration.suppressionsFile {
            let file = try CommandFailure.run(format: format) {
                try SuppressionFile.load(path: path, runDate: runDay, maxDays: configuration.suppressionMaxDays)
            }
            print("suppressions ok: \(path) (\(file.suppressions.count) entries)")
        }
        if let sources = configuration.screening {
            // Loaded as the run loads them: a list that is missing or malformed stops the run too.
            let setup = try CommandFailure.run(format: format) {
                try ScreeningSetup(sources: sources, countriesPath: configuration.reference.countries, runDate: runDay)
            }
            let expired = setup.expiredEntriesSummary.map {
                "; not screened, their listing ended before \(runDay): \($0)"
            }
            print(
                "screening ok: \(setup.index.entries.count) restricted parties, \(setup.decisions.count) reviewed decisions"
                    + (expired ?? ""))
        }
        for gap in configuration.referenceGaps + PipelineConfiguration.runKeyGaps(reports.map(\.input)) {
            print("check not made: \(gap)")
        }
        if problems > 0 {
            print("\(problems) input(s) would exceed their reject policy on this sample")
            throw ExitCode(3)
        }
        print("pipeline ok: \(configuration.file)")
    }
}
