import ArgumentParser
import Foundation
import KYCWatch

/// Turns library errors into a message on standard error and the documented exit status.
///
/// The mapping from error kinds to exit statuses lives here and nowhere else.
enum CommandFailure {
    /// Runs `body`; a ``KYCWatchError`` is printed as `kycwatch: error: …` and exits with its status.
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as KYCWatchError {
            FileHandle.standardError.write(Data("kycwatch: error: \(error)\n".utf8))
            throw ExitCode(exitStatus(for: error))
        }
    }

    /// The exit status for an error, following sysexits(3) where it has a fitting code.
    static func exitStatus(for error: KYCWatchError) -> Int32 {
        switch error.code.kind {
        case .configuration: error.code == .findingNotFound ? 64 : 78
        case .input: error.code == .fileUnreadable ? 66 : 65
        case .output: 73
        case .rejectPolicy: 3
        case .internal: 70
        }
    }
}
