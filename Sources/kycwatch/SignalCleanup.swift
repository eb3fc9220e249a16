import Dispatch
import Foundation

/// Removes a temporary folder, or says in the log what was left unfinished, when the process is
/// interrupted or told to stop (SIGINT, SIGTERM, SIGHUP), then exits with the usual 128 + signal status.
///
/// A stage stream's folder holds normalized customer data until it is sent: stopped by Ctrl-C or a
/// scheduler's timeout, the process must not leave it in the temporary directory. The signals are
/// taken on a queue of their own, so the removal runs as ordinary code, not inside a signal handler.
final class SignalCleanup {
    private let sources: [any DispatchSourceSignal]

    /// Watches for the signals until this object is released, removing `folder` (when one is given)
    /// and telling `announce` the signal's number if one arrives.
    init(removing folder: String?, announce: @escaping @Sendable (Int32) -> Void = { _ in }) {
        sources = [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if let folder { try? FileManager.default.removeItem(atPath: folder) }
                announce(number)
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
