import ArgumentParser
import Foundation
import KYCWatch
import Logging

/// Turns library errors into a message on standard error and the documented exit status.
///
/// The mapping from error kinds to exit statuses lives here and nowhere else.
enum CommandFailure {
    /// Runs `body`; a ``KYCWatchError`` is printed as `kycwatch: error: …` (or a JSON log line) and
    /// exits with its status.
    static func run<T>(format: LogFormat = .text, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as KYCWatchError {
            throw exit(for: error, format: format)
        }
    }

    /// Reports `error` on standard error in `format` and returns the exit to throw.
    static func exit(for error: KYCWatchError, format: LogFormat) -> ExitCode {
        // A failure a signal caused (its folder removed under the stage) is the signal's to report.
        SignalCleanup.yieldToSignal()
        let status = exitStatus(for: error)
        switch format {
        case .text:
            // Cleaned: a message quoting a hostile header must not send escape sequences to the terminal.
            ErrorConsole.emit("kycwatch: error: \(TerminalText.clean("\(error)"))\n")
        case .json:
            var metadata: Logger.Metadata = [
                "code": "\(error.code)", "exit_status": .stringConvertible(Int(status)),
            ]
            if let location = error.location {
                metadata["file"] = "\(location.file)"
                if let line = location.line { metadata["line"] = .stringConvertible(line) }
                if let column = location.column { metadata["column"] = .stringConvertible(column) }
                if let offset = location.byteOffset { metadata["byte_offset"] = .stringConvertible(offset) }
            }
            let line = JSONLogHandler.line(level: .error, message: error.message, metadata: metadata)
            ErrorConsole.emit(line + "\n")
        }
        return ExitCode(status)
    }

    /// Reports a command line that did not parse as a JSON log line when `format` is JSON, and exits
    /// with the parser's status; help and version requests, and the text format, are left to the parser.
    static func reportUsage(_ error: any Error, format: LogFormat) {
        let status = KYCWatchCommand.exitCode(for: error)
        guard format == .json, status != .success else { return }
        let message = KYCWatchCommand.message(for: error)
        let line = JSONLogHandler.line(
            level: .error, message: message.isEmpty ? "the command line is not valid" : message,
            metadata: ["code": "usage", "exit_status": .stringConvertible(Int(status.rawValue))])
        ErrorConsole.emit(line + "\n")
        Foundation.exit(status.rawValue)
    }

    /// The exit status for an error, following sysexits(3) where it has a fitting code.
    static func exitStatus(for error: KYCWatchError) -> Int32 {
        switch error.code.kind {
        case .configuration: error.code == .findingNotFound ? 64 : 78
        case .input: error.code == .fileUnreadable ? 66 : 65
        case .output: error.code == .outputFolderBusy ? 75 : 73
        case .rejectPolicy: DetectResult.rejectPolicyStatus
        case .internal: 70
        }
    }
}
