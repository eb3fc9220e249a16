import ArgumentParser
import Logging

/// `--log-format`, shared by every stage command, and the process's logging set up from it.
struct LogOptions: ParsableArguments {
    @Option(help: "Log records on standard error: text, or json (one object per line).")
    var logFormat: LogFormat = .text

    func validate() throws {
        try SingleValueOption.refuseRepeats(of: ["log-format"])
    }

    /// Sets up logging for the process (once, before anything logs) and returns the stage's logger.
    func startLogging() -> (Logger, ErrorConsole) {
        let console = ErrorConsole()
        let format = logFormat
        LoggingSystem.bootstrap { _ in
            switch format {
            case .text: TextLogHandler(console: console)
            case .json: JSONLogHandler(console: console)
            }
        }
        return (Logger(label: "kycwatch"), console)
    }
}

/// A command that takes `--log-format`, so that what goes wrong after it returns is reported in that format.
protocol LoggingCommand {
    /// The format of log records and errors on standard error.
    var logFormat: LogFormat { get }
}

/// A command whose standard output is only a summary line of what it wrote to files (`run`, `detect`,
/// `normalize`): the files and their manifest are the night, and the log repeats the line, so a
/// summary line that cannot be written does not change the exit status the manifest records.
protocol SummaryLineCommand {}
