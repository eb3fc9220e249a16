import Synchronization

/// A value one thread writes and another reads.
final class Seen<Value: Sendable>: Sendable {
    let value = Mutex<Value?>(nil)
}
