import Dispatch
import Foundation
import Synchronization

/// Feeds another sink on a thread of its own, so building the detection state (runs, access
/// geography) overlaps normalizing on another core.
///
/// Records travel in batches through a bounded ``BatchHandOff``, so memory stays bounded and a
/// slow target holds the normalizer back. Usage rows come as read and are de-duplicated and checked
/// against the accounts here, on the thread (``UsageDeliveryCheck``). An error of the target stops
/// the normalizer at its next record or batch; ``finish()`` waits for the thread and hands the
/// target back to the caller.
final class BackgroundRecordSink: UsageDeliverySink {
    private enum Record: Sendable {
        case account(AccountRecord, [String])
        case usage(UsageRecord)
        case access(AccessRecord)
    }

    /// What one hand-off carries: records, or a batch of usage rows as read, of the `input`-th input.
    private enum Parcel: Sendable {
        case records([Record])
        case deliveries(UsageRowBatch, input: Int, accounts: AccountIDSet)
    }

    /// What the thread leaves for the caller: the target's error, and what the delivery check found.
    private final class Outcome: Sendable {
        let error = Mutex<KYCWatchError?>(nil)
        let tallies = Mutex<[Int: UsageDeliveryCheck.Tally]>([:])
    }

    private static let batchSize = 4_096
    /// Room for about 200,000 usage rows (up to some 80 MB): while the detection state rebuilds a
    /// table of a million keys, the normalizer goes on instead of waiting.
    private let handOff = BatchHandOff<Parcel>(capacity: 24)
    private let exited = DispatchSemaphore(value: 0)
    private let outcome = Outcome()
    private var pending: [Record] = []
    private var joined = false

    /// Starts the thread that feeds `target`; the caller must not use `target` until ``finish()``
    /// returns. Usage after `usageCutoff`, the end of the run date, is cut off
    /// (``UsageDeliveryCheck/cutoff``).
    init(target: any RecordSink, usageCutoff: Int64? = nil) {
        // The target moves to the thread: from here until `exited` is signalled only that thread
        // touches it, and `finish()` (or deinit) waits for the signal before anyone else may.
        nonisolated(unsafe) let target = target
        let handOff = handOff
        let exited = exited
        let outcome = outcome
        let thread = Thread {
            defer { exited.signal() }
            var check = UsageDeliveryCheck()
            check.cutoff = usageCutoff
            defer { outcome.tallies.withLock { $0 = check.tallies } }
            do throws(KYCWatchError) {
                let rowTarget = target as? any UsageRowSink
                while let parcel = try handOff.receive() {
                    // Consumed, so that a batch of usage rows is this thread's alone and is checked in place.
                    switch consume parcel {
                    case .records(let records):
                        for record in records {
                            switch record {
                            case .account(let account, let fields): try target.accept(account, fields: fields)
                            case .usage(let usage): try target.accept(usage)
                            case .access(let access): try target.accept(access)
                            }
                        }
                    case .deliveries(var batch, let input, let accounts):
                        check.check(&batch, input: input, accounts: accounts)
                        if let rowTarget {
                            try rowTarget.accept(batch)
                        } else {
                            for index in 0..<batch.count { try target.accept(batch.record(at: index)) }
                        }
                    }
                }
            } catch {
                outcome.error.withLock { $0 = error }
                handOff.cancel()
            }
        }
        thread.name = "kycwatch-detection-state"
        thread.start()
        pending.reserveCapacity(Self.batchSize)
    }

    deinit {
        if !joined {
            handOff.cancel()
            exited.wait()
        }
    }

    func accept(_ account: AccountRecord, fields: [String]) throws(KYCWatchError) {
        try add(.account(account, fields))
    }

    func accept(_ usage: UsageRecord) throws(KYCWatchError) {
        try add(.usage(usage))
    }

    func accept(_ access: AccessRecord) throws(KYCWatchError) {
        try add(.access(access))
    }

    func accept(deliveries batch: consuming UsageRowBatch, input: Int, accounts: AccountIDSet)
        throws(KYCWatchError)
    {
        // Records already pending go first, so the target sees rows in the order they came.
        if !pending.isEmpty { try sendPending() }
        guard handOff.send(.deliveries(batch, input: input, accounts: accounts)) else { throw stopped() }
    }

    /// Hands over the records still pending, waits for the thread to feed them all, and rethrows the
    /// target's error if it failed; returns what the delivery check found in each input's usage rows
    /// (by the input's place among the stage's inputs), for ``UsageDeliveryCheck/applying(_:to:)``.
    @discardableResult
    func finish() throws(KYCWatchError) -> [Int: UsageDeliveryCheck.Tally] {
        if !joined {
            if !pending.isEmpty { _ = handOff.send(.records(pending)) }
            pending = []
            handOff.finish()
            exited.wait()
            joined = true
        }
        if let error = outcome.error.withLock({ $0 }) { throw error }
        return outcome.tallies.withLock { $0 }
    }

    private func add(_ record: Record) throws(KYCWatchError) {
        pending.append(record)
        guard pending.count >= Self.batchSize else { return }
        try sendPending()
    }

    private func sendPending() throws(KYCWatchError) {
        let accepted = handOff.send(.records(pending))
        pending.removeAll(keepingCapacity: true)
        if !accepted { throw stopped() }
    }

    /// The target's error, once the thread has stopped.
    private func stopped() -> KYCWatchError {
        outcome.error.withLock { $0 }
            ?? KYCWatchError(.internalError, "the detection-state thread stopped without an error")
    }
}
