import Dispatch
import Foundation
import Synchronization

/// Removes a temporary folder, and says in the log what was left unfinished, when the process is
/// interrupted or told to stop (SIGINT, SIGTERM, SIGHUP), then exits with the usual 128 + signal status.
///
/// A stage stream's folder holds normalized customer data until it is sent: stopped by Ctrl-C or a
/// scheduler's timeout, the process must not leave it in the temporary directory. The signals are
/// taken on a queue of their own, so the removal runs as ordinary code, not inside a signal handler.
/// One watcher serves the whole process: a second source for the same signal would not hear it.
final class SignalCleanup {
    private let sources: [any DispatchSourceSignal]
    private let announcement = Announcement()

    /// What to say when a signal arrives, set once the stage knows.
    private final class Announcement: Sendable {
        let say = Mutex<(@Sendable (Int32) -> Void)?>(nil)
    }

    /// Watches for the signals until this object is released, removing `folder` (when one is given)
    /// if one arrives.
    init(removing folder: String?) {
        let announcement = announcement
        sources = [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if let folder { try? FileManager.default.removeItem(atPath: folder) }
                announcement.say.withLock { $0 }?(number)
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    /// Has `say` told the signal's number, after the folder is removed and before the process exits.
    func announce(_ say: @escaping @Sendable (Int32) -> Void) {
        announcement.say.withLock { $0 = say }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
