import Dispatch
import Foundation
import KYCWatch
import Synchronization

/// Removes a temporary folder, and says in the log what was left unfinished, when the process is
/// interrupted or told to stop (SIGINT, SIGTERM, SIGHUP), then exits with the usual 128 + signal status.
///
/// A stage stream's folder holds normalized customer data until it is sent: stopped by Ctrl-C or a
/// scheduler's timeout, the process must not leave it in the temporary directory. The signals are
/// taken on a queue of their own, so the removal runs as ordinary code, not inside a signal handler.
/// One watcher serves the whole process: a second source for the same signal would not hear it.
final class SignalCleanup {
    /// Set once a signal is being handled: the stage's own failures from then on (a file of the
    /// removed folder gone) are not reported, and the process exits with the signal's status.
    static let stopping = Atomic<Bool>(false)

    private let sources: [any DispatchSourceSignal]
    private let plan = Plan()

    /// The folder to remove and what to say, set as the stage gets to know them; `gate` decides
    /// between a signal and the stage's manifest (or, for a stream, its sending), after which a signal
    /// no longer changes anything.
    private final class Plan: Sendable {
        let folder = Mutex<String?>(nil)
        let say = Mutex<(@Sendable (Int32) -> Void)?>(nil)
        let gate = ManifestGate()
    }

    /// Decides between a signal and the stage's manifest: the stage places its manifest through it
    /// (``DetectStage/manifestGate``), so that a signal once the manifest is in place is let pass, and
    /// one before it keeps it from being written.
    var gate: ManifestGate { plan.gate }

    /// Watches for the signals until this object is released; installed before the folder it is to
    /// remove is made, so no signal finds the folder without a watcher.
    init() {
        let plan = plan
        sources = [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                // Once the outputs and their manifest are complete, the night ends with their status;
                // until then, the manifest is never written once the signal is taken. `stopping` is set
                // before the stage learns it was stopped, so its failure is never reported.
                guard Self.takes(gate: plan.gate) else { return }
                if let folder = plan.folder.withLock({ $0 }) { Self.removeWhileInUse(folder) }
                // An output folder is left as the next run would find it, without the lock or half-written files.
                OutputFolderLock.abandonHeld()
                plan.say.withLock { $0 }?(number)
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    /// Removes `folder` if a signal arrives.
    func remove(_ folder: String) {
        plan.folder.withLock { $0 = folder }
    }

    /// Whether a signal stops the stage: true when the stage's manifest is not in place (it never
    /// will be, and ``stopping`` is set), false once it is, when the signal is let pass.
    static func takes(gate: ManifestGate) -> Bool {
        gate.stop { stopping.store(true, ordering: .sequentiallyConsistent) }
    }

    /// Tells the watcher the stage's work is complete when it has no manifest of its own to place (a
    /// stream, finished once sent): a signal from now on is let pass, and the process ends with the
    /// status its outputs record. Nothing changes when a signal came first: the process is ending.
    func finish() {
        try? plan.gate.place {}
    }

    /// Removes a folder the stage may still be writing: renamed first, so that no file the stage
    /// makes by its path afterwards lands in it, then removed with everything in it.
    private static func removeWhileInUse(_ folder: String) {
        let moved = folder + ".stopped"
        if rename(folder, moved) == 0 {
            try? FileManager.default.removeItem(atPath: moved)
        } else {
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// Has `say` told the signal's number, after the folder is removed and before the process exits.
    func announce(_ say: @escaping @Sendable (Int32) -> Void) {
        plan.say.withLock { $0 = say }
    }

    /// Waits for the process to end when a signal is being handled, so that a failure the signal
    /// caused is neither reported nor allowed to choose the exit status.
    ///
    /// The process's last step, successful or not, so a signal being handled finishes its cleanup.
    static func yieldToSignal() {
        guard stopping.load(ordering: .sequentiallyConsistent) else { return }
        while true { sleep(1) }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
