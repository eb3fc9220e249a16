import Dispatch
import Synchronization

/// A bounded first-in, first-out hand-off of values from one producer thread to one consumer thread.
///
/// At most `capacity` values wait at a time: a producer that gets ahead blocks in ``send(_:)`` until
/// the consumer takes one (back-pressure), so memory stays bounded by the capacity, not by the input.
/// The producer ends the stream with ``finish(throwing:)``, handing over its error if it failed; the
/// consumer may stop early with ``cancel()``, which wakes a blocked producer and makes every later
/// ``send(_:)`` return `false`. Neither side can leave the other waiting forever.
public final class BatchHandOff<Element: Sendable>: Sendable {
    private struct State: ~Copyable {
        var queue: [Element?]
        var head = 0
        var waiting = 0
        var finished = false
        var failure: KYCWatchError?
        var cancelled = false
    }

    /// The most values that wait between the two sides.
    public let capacity: Int
    private let state: Mutex<State>
    /// One permit per free place in the queue; the producer takes one before sending.
    private let freePlaces = DispatchSemaphore(value: 0)
    /// One permit per value waiting, plus one once the stream has ended.
    private let readyValues = DispatchSemaphore(value: 0)

    /// Creates a hand-off holding at most `capacity` values (at least 1).
    public init(capacity: Int) {
        let capacity = max(capacity, 1)
        self.capacity = capacity
        state = Mutex(State(queue: Array(repeating: nil, count: capacity)))
        // Permits are added after creation: libdispatch traps when a semaphore is released holding
        // fewer permits than it was created with, which a cancelled hand-off may do.
        for _ in 0..<capacity { freePlaces.signal() }
    }

    /// Hands `value` to the consumer, waiting while the queue is full; `false` when the consumer has
    /// cancelled (the value is dropped and the producer should stop).
    public func send(_ value: Element) -> Bool {
        freePlaces.wait()
        let accepted = state.withLock { state -> Bool in
            guard !state.cancelled, !state.finished else { return false }
            let slot = (state.head + state.waiting) % state.queue.count
            state.queue[slot] = value
            state.waiting += 1
            return true
        }
        guard accepted else {
            freePlaces.signal()  // keeps the door open for any later call
            return false
        }
        readyValues.signal()
        return true
    }

    /// Ends the stream: the consumer gets the values already sent, then `nil`, or `error` if given.
    public func finish(throwing error: KYCWatchError? = nil) {
        let first = state.withLock { state -> Bool in
            guard !state.finished else { return false }
            state.finished = true
            state.failure = error
            return true
        }
        if first { readyValues.signal() }
    }

    /// The next value, waiting for one; `nil` once the producer finished without an error, or
    /// after ``cancel()``. Throws the producer's error after the values sent before it.
    public func receive() throws(KYCWatchError) -> Element? {
        while true {
            readyValues.wait()
            let outcome = state.withLock { state -> Outcome in
                if state.waiting > 0, !state.cancelled {
                    let value = state.queue[state.head].take()
                    state.head = (state.head + 1) % state.queue.count
                    state.waiting -= 1
                    return value.map(Outcome.value) ?? .pending
                }
                if let failure = state.failure { return .failed(failure) }
                return state.finished || state.cancelled ? .ended : .pending
            }
            switch outcome {
            case .value(let value):
                freePlaces.signal()
                return value
            case .ended:
                readyValues.signal()  // the end stays visible to any later call
                return nil
            case .failed(let error):
                readyValues.signal()
                throw error
            case .pending:
                continue
            }
        }
    }

    /// Stops the stream from the consumer's side: drops waiting values and wakes a blocked producer.
    public func cancel() {
        state.withLock { state in
            state.cancelled = true
            for index in state.queue.indices { state.queue[index] = nil }
            state.waiting = 0
        }
        freePlaces.signal()
        readyValues.signal()
    }

    private enum Outcome {
        case value(Element)
        case ended
        case failed(KYCWatchError)
        case pending
    }
}
