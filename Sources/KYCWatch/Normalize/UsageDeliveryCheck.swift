/// De-duplicates usage rows and checks their accounts a batch at a time: the last two checks of a
/// usage row, made where its batch is taken. `run` makes them on the detection-state thread, beside
/// normalizing; `normalize` and `validate` on the normalizer's.
///
/// A row whose record id was seen before (in this or an earlier usage file) with the same figures is
/// a re-delivery: it is dropped and counted. One whose id was seen with other figures (another
/// account, other times or accelerators) is not the same record: it is set aside as a
/// `conflicting-delivery` reject, for the stage to write, and the first delivery is kept. A row whose
/// account is not in the accounts export is kept, marked, and counted as flagged. Batches must come
/// in the order their rows were read, so that the first delivery of an id is the one kept, whichever
/// thread checks them.
///
/// A job's line (``UsageRowBatch/jobsInParts``: Slurm) delivered again with the same account and
/// allocation is the job seen again: running in one export and finished in a later one, or cut into
/// daily slices by `sacct --truncate`. Each moment of a job counts once: the times no earlier line of
/// the job covered are kept, each part under the record id `ID@START` (the part's start), and a line
/// covering nothing new is a re-delivery. Its times, and its nodes (a requeued job may run on others),
/// are left out of the digest that tells a conflict.
///
/// A row holding several accelerator models (a Slurm job whose AllocTRES names two GPU models) is
/// checked as the one job it is, every model's count in its digest, and is then made a record per
/// model (``UsageRowBatch/splitByModel()``): it stays one row in the counts, flagged
/// `several-gpu-models`, whatever the records it is written as. A row taken as holding no
/// accelerators for want of its instance type in the catalogue is counted by that type, flagged
/// `uncatalogued-instance-type`.
struct UsageDeliveryCheck {
    /// What the check found in one input's rows.
    struct Tally: Equatable {
        /// Re-deliveries dropped.
        var deduplicated = 0
        /// Rows kept whose account the accounts export does not have.
        var unknownAccounts = 0
        /// Rows kept for times of a job that an earlier line of it did not cover.
        var continuedJobs = 0
        /// Rows kept that hold several accelerator models, each made a record per model.
        var severalModels = 0
        /// Records whose usage ran past ``UsageDeliveryCheck/cutoff``: cut at it, or left out.
        var afterRunDate = 0
        /// Rows kept as holding no accelerators since the catalogue lacks their instance type, by type.
        var uncataloguedInstanceTypes = UncataloguedInstanceTypes()
        /// Rows whose model or count contradicts their catalogued instance type.
        var instanceTypeConflicts = 0
        /// Rows set aside: their record id came before with other figures.
        var conflicting: Int { conflicts.count }
        /// Those rows, in the order read, for the rejects file.
        var conflicts: [Conflict] = []

        /// Folds the tally into the counts of its input, which counted every row checked as
        /// accepted: a re-delivery is deduplicated, a conflicting delivery rejected, and rows of
        /// unknown accounts are flagged.
        func apply(to input: inout StageManifest.Input) {
            input.rowsAccepted -= deduplicated + conflicting
            input.rowsDeduplicated += deduplicated
            if conflicting > 0 {
                input.rowsRejected += conflicting
                input.rejectedByReason[RejectReason.conflictingDelivery.code, default: 0] += conflicting
            }
            if unknownAccounts > 0 { input.flagged["unknown-account", default: 0] += unknownAccounts }
            if continuedJobs > 0 { input.flagged[UsageDeliveryCheck.continuedJobFlag, default: 0] += continuedJobs }
            if severalModels > 0 { input.flagged[UsageDeliveryCheck.severalModelsFlag, default: 0] += severalModels }
            if afterRunDate > 0 { input.flagged[UsageDeliveryCheck.afterRunDateFlag, default: 0] += afterRunDate }
            if instanceTypeConflicts > 0 {
                input.flagged[UsageDeliveryCheck.instanceTypeConflictFlag, default: 0] += instanceTypeConflicts
            }
            if uncataloguedInstanceTypes.rows > 0 {
                input.flagged[UsageDeliveryCheck.uncataloguedInstanceTypeFlag, default: 0] +=
                    uncataloguedInstanceTypes.rows
                input.uncataloguedInstanceTypes = uncataloguedInstanceTypes.byRows
            }
        }

        /// Writes the rows set aside to `rejects`, for the input labelled `file` written in `layout`.
        func writeConflicts(to rejects: CSVWriter?, file: String, layout: String) throws(KYCWatchError) {
            for conflict in conflicts { try rejects?.writeRow(conflict.rejectRow(file: file, layout: layout)) }
        }
    }

    /// A row set aside as a conflicting delivery, as the rejects file shows it.
    struct Conflict: Equatable {
        var line: Int
        var recordID: String
        /// The row's values as kycwatch read them, comma-separated in the canonical column order.
        var values: String

        /// The reject's message.
        var message: String {
            "record_id \(recordID) was delivered before with other figures (account, resource, job, cluster, "
                + "times, accelerators, utilization or bytes): not a re-delivery of the same record, so it is set "
                + "aside and the first delivery kept"
        }

        /// The row of the rejects file for this conflict in the input labelled `file`, written in `layout`.
        func rejectRow(file: String, layout: String) -> [String] {
            // A job read again for other times is not a conflict; under another account or allocation it is.
            let hint =
                layout == InputLayout.slurm.rawValue
                ? "; a Slurm job (JobIDRaw on its Cluster) read again with another Account or AllocTRES is not "
                    + "the job read before: only its first line is counted"
                : ""
            return [file, String(line), "record_id", RejectReason.conflictingDelivery.code, message + hint, values]
        }
    }

    /// What was found, by input (its place among the stage's inputs).
    private(set) var tallies: [Int: Tally] = [:]
    /// Fingerprints of the record ids seen so far (``NormalizeState/fingerprint(_:)``).
    private var seen = FingerprintSet()
    /// The times covered so far of each job read in parts.
    private var jobs = JobCoverage()
    /// Per row of the batch being checked: its fingerprint's probe start, and its account's hash.
    private var homes: [Int] = []
    private var fingerprints: [UInt64] = []
    private var accountHashes: [UInt64] = []
    /// The fingerprint count the set was last sized for (``FingerprintSet/reserve(_:)``).
    private var reserved = 0
    /// What the look-ahead reads came to; kept so that the reads are not optimized away.
    private(set) var touched: UInt64 = 0

    /// The manifest's flag of rows kept for times of a job that an earlier line of it did not cover.
    static let continuedJobFlag = "continued-job"
    /// The manifest's flag of rows kept that hold several accelerator models, written as a record per model.
    static let severalModelsFlag = "several-gpu-models"
    /// The manifest's flag of records whose usage ran past the end of the run date.
    static let afterRunDateFlag = "after-run-date"
    /// The manifest's flag of rows kept as holding no accelerators because the catalogue lacks their
    /// instance type (``UsageFields/uncataloguedInstanceType``).
    static let uncataloguedInstanceTypeFlag = "uncatalogued-instance-type"
    /// The manifest's flag of rows whose model or count contradicts their catalogued instance type
    /// (``UsageFields/instanceTypeConflict``): counted as the row says.
    static let instanceTypeConflictFlag = "instance-type-conflict"

    /// The end of the run date (ms since the epoch), when the night has one: usage after it is not the
    /// night's. A record ending after it is cut at it and one starting after it is left out, so that
    /// no figure, and no knowledge date, rests on what the night could not have seen. Nil in the
    /// normalize stage, which has no run date and writes every row.
    var cutoff: Int64?

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
        let models = batch.models
        let jobsInParts = batch.jobsInParts
        let shares = batch.modelShares
        // Rows kept for times of a job not covered before: the kept row's place, and each part of it.
        var continued: [(row: Int, parts: [JobCoverage.Interval])] = []
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
                    let digest = Self.digest(
                        of: rows[index], account: accountHashes[offset], texts: texts, jobInParts: jobsInParts,
                        shares: shares)
                    switch seen.insert(fingerprints[offset], digest: digest) {
                    case .inserted:
                        if jobsInParts {
                            _ = jobs.take(
                                JobCoverage.Interval(start: rows[index].start, end: rows[index].end),
                                of: fingerprints[offset])
                        }
                    case .repeated:
                        // The same job again: what it covers that no earlier line did is kept.
                        let parts =
                            jobsInParts
                            ? jobs.take(
                                JobCoverage.Interval(start: rows[index].start, end: rows[index].end),
                                of: fingerprints[offset]) : []
                        guard let first = parts.first else {
                            tally.deduplicated += 1
                            continue
                        }
                        rows[index].start = first.start
                        rows[index].end = first.end
                        continued.append((kept, parts))
                        tally.continuedJobs += 1
                    case .conflicting:
                        tally.conflicts.append(
                            Conflict(
                                line: rows[index].line,
                                recordID: FieldBytes.string(rows[index].recordID.bytes(in: texts) ?? none),
                                values: Self.values(of: rows[index], texts: texts, models: models)))
                        continue
                    }
                    if kept != index { rows[kept] = rows[index] }
                    let place = accounts.place(
                        of: rows[kept].accountID.bytes(in: texts) ?? none, hash: accountHashes[offset])
                    rows[kept].account = place ?? -1
                    rows[kept].accountKnown = place != nil
                    if place == nil { tally.unknownAccounts += 1 }
                    if rows[kept].shares >= 0 { tally.severalModels += 1 }
                    if rows[kept].uncataloguedInstanceType {
                        tally.uncataloguedInstanceTypes.count(rows[kept].instanceType.bytes(in: texts) ?? none)
                    }
                    if rows[kept].instanceTypeConflict { tally.instanceTypeConflicts += 1 }
                    kept += 1
                }
            }
            return kept
        }
        // Each part under its own record id, so that a normalized file holds no id twice.
        for (row, parts) in continued {
            let id = batch.withTexts {
                FieldBytes.string(batch.rows[row].recordID.bytes(in: $0) ?? .init(start: nil, count: 0))
            }
            batch.setRecordID(of: row, to: id + "@" + TimestampParser.format(parts[0].start))
            for part in parts.dropFirst() {
                batch.appendCopy(
                    of: row, from: part.start, to: part.end, recordID: id + "@" + TimestampParser.format(part.start))
            }
        }
        // A row of several models, and each part of it, as a record per model (`ID#MODEL`).
        batch.splitByModel()
        if let cutoff { tally.afterRunDate += batch.cut(at: cutoff) }
        tallies[input] = tally
    }

    /// What a delivery of a record says, as a digest: two deliveries of one record id are the same
    /// record when these agree. `account` is the hash of the row's account the check takes anyway.
    /// For a job read in parts (`jobInParts`), its times and resource are left out: its lines differ
    /// in them and are still the one job. A row of several models (``UsageRowBatch/Row/shares``, a
    /// place in `shares`) has each model and count in it.
    @inline(__always)
    static func digest(
        of row: UsageRowBatch.Row, account: UInt64, texts: UsageRowBatch.Texts, jobInParts: Bool = false,
        shares: [[UsageRowBatch.ModelShare]] = []
    ) -> UInt64 {
        @inline(__always)
        func word(_ value: UInt64, _ hash: UInt64) -> UInt64 { FieldBytes.mix(value, into: hash) }
        @inline(__always)
        func text(_ span: UsageRowBatch.Span, _ hash: UInt64) -> UInt64 {
            let bytes = span.bytes(in: texts) ?? UnsafeRawBufferPointer(start: nil, count: 0)
            return FieldBytes.hash(bytes, seed: hash ^ UInt64(bitPattern: Int64(span.count)))
        }
        var hash = jobInParts ? account : text(row.resourceID, account)
        hash = text(row.jobID, hash)
        hash = text(row.clusterID, hash)
        hash = word(jobInParts ? 0 : UInt64(bitPattern: row.start), hash)
        hash = word(jobInParts ? 0 : UInt64(bitPattern: row.end), hash)
        hash = word(UInt64(bitPattern: Int64(row.accelerator)), hash)
        hash = word(row.acceleratorCount.bitPattern, hash)
        if row.shares >= 0 {
            for share in shares[Int(row.shares)] {
                hash = word(UInt64(bitPattern: Int64(share.accelerator)), hash)
                hash = word(share.count.bitPattern, hash)
            }
        }
        hash = word((row.utilization ?? -1).bitPattern, hash)
        hash = word((row.interconnectGbps ?? -1).bitPattern, hash)
        hash = word((row.egressBytes ?? -1).bitPattern, hash)
        return word((row.storageWriteBytes ?? -1).bitPattern, hash)
    }

    /// A set-aside row as normalize would have written it, for its reject's raw text.
    static func values(of row: UsageRowBatch.Row, texts: UsageRowBatch.Texts, models: [String]) -> String {
        var text: [UInt8] = []
        for (index, field) in CanonicalRow.fields(UsageRowBatch.record(row, texts: texts, models: models)).enumerated()
        {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            FieldBytes.withBytes(of: field) {
                CSVQuoting.append($0, delimiter: UInt8(ascii: ","), quote: UInt8(ascii: "\""), to: &text)
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `inputs` (in the stage's order) with `tallies`, a sink's check of their usage rows, folded
    /// into their counts (``Tally/apply(to:)``).
    static func applying(_ tallies: [Int: Tally], to inputs: [StageManifest.Input]) -> [StageManifest.Input] {
        var inputs = inputs
        for (input, tally) in tallies where inputs.indices.contains(input) { tally.apply(to: &inputs[input]) }
        return inputs
    }
}
