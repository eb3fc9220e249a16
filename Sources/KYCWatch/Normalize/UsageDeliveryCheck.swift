/// De-duplicates usage rows and checks their accounts a batch at a time: the last two checks of a
/// usage row, made where its batch is taken. `run` makes them on the detection-state thread, beside
/// normalizing; `normalize` and `validate` on the normalizer's.
///
/// A row whose record id was seen before (in this or an earlier usage file) is a re-delivery: it is
/// dropped and counted. A row whose account is not in the accounts export is kept, marked, and
/// counted as flagged. Batches must come in the order their rows were read, so that the first
/// delivery of an id is the one kept, whichever thread checks them.
struct UsageDeliveryCheck {
    /// What the check found in one input's rows.
    struct Tally: Equatable {
        /// Re-deliveries dropped.
        var deduplicated = 0
        /// Rows kept whose account the accounts export does not have.
        var unknownAccounts = 0

        /// Folds the tally into the counts of its input, which counted every row checked as
        /// accepted: a re-delivery is deduplicated, and rows of unknown accounts are flagged.
        func apply(to input: inout StageManifest.Input) {
            input.rowsAccepted -= deduplicated
            input.rowsDeduplicated += deduplicated
            if unknownAccounts > 0 { input.flagged["unknown-account", default: 0] += unknownAccounts }
        }
    }

    /// What was found, by input (its place among the stage's inputs).
    private(set) var tallies: [Int: Tally] = [:]
    /// Fingerprints of the record ids seen so far (``NormalizeState/fingerprint(_:)``).
    private var seen = FingerprintSet()
    /// Per row of the batch being checked: its fingerprint's probe start, and its account's hash.
    private var homes: [Int] = []
    private var fingerprints: [UInt64] = []
    private var accountHashes: [UInt64] = []
    /// The fingerprint count the set was last sized for (``FingerprintSet/reserve(_:)``).
    private var reserved = 0
    /// What the look-ahead reads came to; kept so that the reads are not optimized away.
    private(set) var touched: UInt64 = 0

    /// How many rows to come, per row seen, an estimate may promise and still size the set.
    static let trustedEstimateRatio = 64

    /// Bytes held by the set of record ids seen so far.
    var capacityBytes: Int { seen.capacityBytes }

    /// Rows whose table slots are read ahead at a time: enough for the cache misses to overlap,
    /// few enough that what was read is still in cache when the rows get to it.
    private static let window = 256

    /// Creates a check that has seen no record id.
    init() {}

    /// Drops the re-deliveries of `batch` and marks each kept row with whether `accounts` has its
    /// account, and its place there; `input` is the place of the rows' file among the stage's inputs.
    mutating func check(_ batch: inout UsageRowBatch, input: Int, accounts: AccountIDSet) {
        var tally = tallies[input] ?? Tally()
        // The estimate of the rows to come firms up as more of the file is read: the set is sized
        // again when it has risen by a quarter. An estimate far beyond the rows seen is not taken
        // yet, the first rows of a file may compress far better than the rest: sized by it, the set
        // could hold gigabytes for rows that never come. Until then the tables grow as they fill.
        if let toCome = batch.inputRowsToCome {
            let seenSoFar = seen.count + batch.count
            let expected = seenSoFar + toCome
            if toCome <= seenSoFar * Self.trustedEstimateRatio, expected > reserved + reserved / 4 {
                seen.reserve(expected)
                reserved = expected
            }
        }
        batch.updateRows { rows, texts in
            let none = UnsafeRawBufferPointer(start: nil, count: 0)
            // Rows kept so far: a dropped row's followers move up over it.
            var kept = 0
            for window in stride(from: 0, to: rows.count, by: Self.window) {
                let window = window..<min(rows.count, window + Self.window)
                homes.removeAll(keepingCapacity: true)
                fingerprints.removeAll(keepingCapacity: true)
                accountHashes.removeAll(keepingCapacity: true)
                // The rows were written on the normalizer's core: reading the window's rows and ids
                // in a tight loop first has their cache misses overlap, as the table reads below do.
                var rowSum: UInt64 = 0
                for index in window {
                    let span = rows[index].recordID
                    rowSum &+= UInt64(truncatingIfNeeded: span.start)
                    if let first = span.bytes(in: texts)?.first { rowSum &+= UInt64(first) }
                }
                touched ^= rowSum
                for index in window {
                    let fingerprint = NormalizeState.fingerprint(rows[index].recordID.bytes(in: texts) ?? none)
                    fingerprints.append(fingerprint)
                    homes.append(seen.home(of: fingerprint))
                    accountHashes.append(accounts.hash(of: rows[index].accountID.bytes(in: texts) ?? none))
                }
                var sum: UInt64 = 0
                for (home, hash) in zip(homes, accountHashes) {
                    sum ^= seen.touch(home: home) ^ accounts.touch(hash: hash)
                }
                touched ^= sum
                for (offset, index) in window.enumerated() {
                    guard seen.insert(fingerprints[offset]) else {
                        tally.deduplicated += 1
                        continue
                    }
                    if kept != index { rows[kept] = rows[index] }
                    let place = accounts.place(
                        of: rows[kept].accountID.bytes(in: texts) ?? none, hash: accountHashes[offset])
                    rows[kept].account = place ?? -1
                    rows[kept].accountKnown = place != nil
                    if place == nil { tally.unknownAccounts += 1 }
                    kept += 1
                }
            }
            return kept
        }
        tallies[input] = tally
    }

    /// `inputs` (in the stage's order) with `tallies`, a sink's check of their usage rows, folded
    /// into their counts (``Tally/apply(to:)``).
    static func applying(_ tallies: [Int: Tally], to inputs: [StageManifest.Input]) -> [StageManifest.Input] {
        var inputs = inputs
        for (input, tally) in tallies where inputs.indices.contains(input) { tally.apply(to: &inputs[input]) }
        return inputs
    }
}
