import ArgumentParser
import Foundation
import KYCWatch

/// `kycwatch validate`: checks a pipeline file and the inputs it names without running it.
struct ValidateCommand: ParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline file and its inputs (headers, a sample of rows) without running it.",
        discussion: """
            Reads the pipeline file, loads the reference catalogues, opens every input, checks that \
            its header maps onto the required columns, and normalizes the first rows to show \
            whether values parse. A suppression file named by the pipeline is checked against \
            today's date, and restricted-party lists and decisions are loaded as a run loads them. \
            Nothing is written.

            Example:
              kycwatch validate Pipelines/nightly.yaml
            """
    )

    @OptionGroup var inputs: PipelineInputOptions

    @Option(help: "Rows to try per input.")
    var sample = 1000

    @OptionGroup var logging: LogOptions

    var logFormat: LogFormat { logging.logFormat }

    func run() throws {
        let format = logging.logFormat
        _ = logging.startLogging()
        let configuration = try inputs.configuration(format: format, writes: false)
        let reports = try CommandFailure.run(format: format) {
            try PipelineValidator(configuration: configuration).validate(sampleRows: sample)
        }
        var problems = 0
        for report in reports {
            let share = report.rowsTried > 0 ? Double(report.rowsRejected) / Double(report.rowsTried) : 0
            print(
                "\(report.path) [\(report.kind.rawValue), \(report.layout.rawValue)]: header ok, "
                    + "\(FigureFormat.count(report.rowsTried, "row")) tried, \(report.rowsRejected) would be rejected")
            for (reason, example) in report.examples.sorted(by: { $0.key < $1.key }) {
                print("  \(reason): \(example)")
            }
            if share > report.maxRejectShare { problems += 1 }
        }
        // The files the run reads next, and the folders it writes and compares with, are checked too:
        // a mistake there stops the run before any row.
        if configuration.outputFolder != "-" {
            try CommandFailure.run(format: format) { try NormalizeStage.checkFolder(configuration.outputFolder) }
        }
        if let previous = configuration.previousFolder {
            let night = try CommandFailure.run(format: format) { () throws(KYCWatchError) -> PreviousNight in
                try DetectStage.checkPrevious(previous, output: configuration.outputFolder)
                return try PreviousNight.load(folder: previous)
            }
            print(
                night.exists
                    ? "previous night ok: \(previous) (\(night.runDate ?? "unknown date"), \(night.findings.count) findings)"
                    : "previous night: \(previous) does not exist yet; a run takes tonight as the first night")
        }
        if let path = configuration.suppressionsFile {
            let today = CalendarDay(String(ISO8601DateFormatter().string(from: Date()).prefix(10)))!
            let file = try CommandFailure.run(format: format) {
                try SuppressionFile.load(path: path, runDate: today, maxDays: configuration.suppressionMaxDays)
            }
            print("suppressions ok: \(path) (\(file.suppressions.count) entries)")
        }
        if let sources = configuration.screening {
            // Loaded as the run loads them: a list that is missing or malformed stops the run too.
            let setup = try CommandFailure.run(format: format) {
                try ScreeningSetup(sources: sources, countriesPath: configuration.reference.countries)
            }
            print(
                "screening ok: \(setup.index.entries.count) restricted parties, \(setup.decisions.count) reviewed decisions"
            )
        }
        if problems > 0 {
            print("\(problems) input(s) would exceed their reject policy on this sample")
            throw ExitCode(3)
        }
        print("pipeline ok: \(configuration.file)")
    }
}
