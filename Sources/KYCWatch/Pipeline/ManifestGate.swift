import Synchronization

/// Decides between a stop (SIGTERM, SIGINT, SIGHUP) and the manifest that finishes a stage's
/// folder, so that the exit status always says what is in the folder.
///
/// The manifest is written last, and a folder with it is a finished night. A stop that comes first
/// keeps the manifest from being written, and the process ends with the signal's status over a
/// folder without one; once the manifest is in place, a stop is let pass and the stage ends with the
/// status its manifest records. A stop that comes while the manifest is being placed waits for it.
public final class ManifestGate: Sendable {
    /// Where the stage is.
    public enum State: Sendable, Equatable {
        /// Neither has come: the manifest is not in place, and the stage may still be stopped.
        case running
        /// A stop came first: the manifest is never placed.
        case stopped
        /// The manifest is in place: a stop changes nothing.
        case placed
    }

    private let state = Mutex(State.running)

    /// Creates a gate for one stage.
    public init() {}

    /// Where the stage is now.
    public var current: State { state.withLock { $0 } }

    /// Asks to stop the stage: true when it is stopped (no manifest is in place, and none will be),
    /// false when its manifest is already in place. `then` runs before any other caller of the gate
    /// goes on, when the stage is stopped.
    public func stop(then: () -> Void = {}) -> Bool {
        state.withLock { state in
            switch state {
            case .placed:
                return false
            case .running, .stopped:
                state = .stopped
                then()
                return true
            }
        }
    }

    /// Places the manifest with `write` unless a stop came first, when it throws without calling
    /// `write`: the stage's folder is left without a manifest, as the signal's status says. A stop
    /// waits until `write` has returned; when `write` throws, the manifest is not in place and the
    /// stage can still be stopped.
    public func place(_ write: () throws(KYCWatchError) -> Void) throws(KYCWatchError) {
        try state.withLock { (state: inout State) throws(KYCWatchError) in
            guard state != .stopped else {
                throw KYCWatchError(.internalError, "stopped by a signal before the manifest was written")
            }
            try write()
            state = .placed
        }
    }
}
