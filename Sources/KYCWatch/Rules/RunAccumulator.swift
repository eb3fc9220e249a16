/// Builds ``TrainingRun``s from a stream of usage records, one record at a time, in memory that
/// grows with runs and their hours, not with rows.
///
/// Records are grouped by job id where present, else by cluster (placement group); records with
/// neither are an account's loose usage, totalled without an hourly profile. A cluster's records
/// form one run while the cluster is never idle for longer than ``Assumptions/clusterIdleGap``:
/// two trainings on the same placement group months apart are two runs. Records may come in any
/// order; a record that bridges two runs of a cluster joins them.
public struct RunAccumulator: Sendable {
    /// Peak dense OP/s per accelerator model, the utilization assumed where none is metered, and
    /// the idle time that ends a cluster's run.
    public struct Assumptions: Sendable {
        /// Peak dense operations per second by catalogue model (at the training precision).
        public var peakOperationsPerSecond: [String: Double]
        /// Utilization used where the provider does not meter it.
        public var defaultUtilization: Double
        /// Milliseconds a cluster may stay idle within one run; a longer pause starts a new run.
        public var clusterIdleGap: Int64
        /// Per-node interconnect (Gbit/s) above which a record's accelerators form one cluster: each
        /// hour's accelerators and OP/s on it are also kept apart (``TrainingRun/clusterProfile``).
        public var clusterInterconnectGbps: Double

        /// Peak figures from the catalogue at `precision`, a default utilization, the idle gap (72 h)
        /// and the cluster interconnect (100 Gbit/s).
        public init(
            catalog: AcceleratorCatalog, precision: Accelerator.Precision = .bf16, defaultUtilization: Double = 0.4,
            clusterIdleGap: Int64 = 72 * 3_600_000, clusterInterconnectGbps: Double = 100
        ) {
            var peaks: [String: Double] = [:]
            // 16-bit training is BF16 where the hardware has it and FP16 before (T4, V100): one
            // figure stands for the other, as DOMAIN.md's "BF16/FP16 dense" column does.
            let fallback: Accelerator.Precision? = precision == .bf16 ? .fp16 : precision == .fp16 ? .bf16 : nil
            for accelerator in catalog.accelerators {
                if let tflops = accelerator.peakDenseTFLOPS(precision) ?? fallback.flatMap(accelerator.peakDenseTFLOPS)
                {
                    peaks[accelerator.model] = tflops * 1e12
                }
            }
            peakOperationsPerSecond = peaks
            self.defaultUtilization = defaultUtilization
            self.clusterIdleGap = clusterIdleGap
            self.clusterInterconnectGbps = clusterInterconnectGbps
        }
    }

    /// A run's identity with its texts interned: account, basis, and the job or cluster id (-1 for loose usage).
    private struct Key: Hashable {
        var account: Int32
        var basis: TrainingRun.Basis
        var key: Int32
    }

    private struct Hour {
        var acceleratorSeconds = 0.0
        var peakOperations = 0.0

        /// Adds `seconds` of accelerators whose peak is `peak` OP/s each.
        mutating func add(acceleratorSeconds seconds: Double, peak: Double) {
            acceleratorSeconds += seconds
            peakOperations += seconds * peak
        }

        /// The figures of `lhs` and `rhs` together.
        static func + (lhs: Hour, rhs: Hour) -> Hour {
            Hour(
                acceleratorSeconds: lhs.acceleratorSeconds + rhs.acceleratorSeconds,
                peakOperations: lhs.peakOperations + rhs.peakOperations)
        }
    }

    /// Accelerator-seconds of one model in a run: all of them, and each weighted by its utilization.
    private struct ModelSeconds {
        var all = 0.0
        var weighted = 0.0

        /// The seconds of `lhs` and `rhs` together.
        static func + (lhs: ModelSeconds, rhs: ModelSeconds) -> ModelSeconds {
            ModelSeconds(all: lhs.all + rhs.all, weighted: lhs.weighted + rhs.weighted)
        }
    }

    /// One resource of a run: the accelerators it holds, and whether its records overlap in time.
    private struct ResourceSpan {
        /// The most accelerators it held at once: the most of one record, or of the records of one
        /// charge period together (a FOCUS instance-hour split between two commitments, 4 and 4 of 8).
        var accelerators = 0.0
        var first = Int64.max
        var last = Int64.min
        var acceleratorSeconds = 0.0
        /// The last record's times, and the accelerators of the records with those times.
        var periodStart = Int64.min
        var periodEnd = Int64.min
        var periodAccelerators = 0.0

        /// Adds a record of `count` accelerators from `start` to `end` (ms).
        mutating func add(_ count: Double, _ start: Int64, _ end: Int64) {
            if start == periodStart, end == periodEnd {
                periodAccelerators += count
            } else {
                (periodStart, periodEnd, periodAccelerators) = (start, end, count)
            }
            accelerators = max(accelerators, periodAccelerators)
            first = min(first, start)
            last = max(last, end)
            acceleratorSeconds += count * Double(end - start) / 1000
        }

        /// Accelerator-seconds beyond what it could hold from its first record to its last: more than
        /// none only when records of it overlap (a resource metered by a daily and by hourly lines).
        var excessSeconds: Double {
            let excess = acceleratorSeconds - accelerators * Double(last - first) / 1000
            return excess > acceleratorSeconds * 1e-9 ? excess : 0
        }

        /// The two spans of one resource together.
        static func joined(_ lhs: ResourceSpan, _ rhs: ResourceSpan) -> ResourceSpan {
            var span = lhs
            span.accelerators = max(lhs.accelerators, rhs.accelerators)
            span.first = min(lhs.first, rhs.first)
            span.last = max(lhs.last, rhs.last)
            span.acceleratorSeconds += rhs.acceleratorSeconds
            return span
        }
    }

    /// The figures of one run so far, its texts as ids of the accumulator's ``TextInterner``.
    private struct Partial {
        var first = Int64.max
        var last = Int64.min
        var acceleratorSeconds = 0.0
        /// Seconds by model, multiplied by each model's peak only when the run is made: whole
        /// accelerator-seconds add up exactly, so a run's operations do not depend on how its usage is
        /// cut into records (40 records or one of 40,000 GB200 for 1,000,000 s are 1e26 either way).
        var secondsByModel = IntMap<ModelSeconds>()
        var meteredSeconds = 0.0
        var meteredUtilizationSum = 0.0
        var interconnect: Double?
        var egress = 0.0
        var storageWrites = 0.0
        /// Accelerator-seconds of the records that report egress, and storage writes.
        var egressSeconds = 0.0
        var storageSeconds = 0.0
        /// Each distinct resource, by its key (``RecordIDs/resource``): what it holds, and its records' span.
        var resources = IntMap<ResourceSpan>()
        var regions: Set<Int32> = []
        var lastRegion: Int32 = -1
        /// The clusters of a job's records (a cluster run's one cluster is its key).
        var clusters: Set<Int32> = []
        var lastCluster: Int32 = -1
        var records = 0
        var sample: [String] = []
        var hours = IntMap<Hour>()
        /// Which sides of ``Assumptions/clusterInterconnectGbps`` the run's hourly records are on: 1
        /// above it, 2 not, 3 both.
        var clusterSides: UInt8 = 0
        /// The hours of the records above the cluster interconnect, kept only once the run has records
        /// on both sides (most runs are all on one: their `hours` say it, at no cost a record).
        var clusterHours = IntMap<Hour>()

        /// The hours of the run's records above the cluster interconnect.
        var clusteredHours: IntMap<Hour> {
            clusterSides == 1 ? hours : clusterSides == 3 ? clusterHours : IntMap()
        }

        /// Whether a record from `start` to `end` falls in this run, allowing `gap` of idle time.
        func reaches(_ start: Int64, _ end: Int64, gap: Int64) -> Bool {
            start <= last + gap && end >= first - gap
        }

        /// Folds `other`, a run of the same key, into this one.
        mutating func merge(_ other: Partial) {
            first = min(first, other.first)
            last = max(last, other.last)
            acceleratorSeconds += other.acceleratorSeconds
            secondsByModel.merge(other.secondsByModel, combine: +)
            meteredSeconds += other.meteredSeconds
            meteredUtilizationSum += other.meteredUtilizationSum
            if let gbps = other.interconnect { interconnect = max(interconnect ?? 0, gbps) }
            egress += other.egress
            storageWrites += other.storageWrites
            egressSeconds += other.egressSeconds
            storageSeconds += other.storageSeconds
            resources.merge(other.resources, combine: ResourceSpan.joined)
            regions.formUnion(other.regions)
            clusters.formUnion(other.clusters)
            records += other.records
            sample = Array((sample + other.sample).prefix(10))
            if clusterSides | other.clusterSides == 3 {
                var clustered = clusteredHours
                clustered.merge(other.clusteredHours, combine: +)
                clusterHours = clustered
            }
            clusterSides |= other.clusterSides
            hours.merge(other.hours, combine: +)
        }

        /// Adds one record, its texts already interned; `recordID` is its id's text, `clustered` whether
        /// its interconnect is above ``Assumptions/clusterInterconnectGbps``.
        mutating func add(
            _ record: UsageRowBatch.Row, recordID: UnsafeRawBufferPointer?, _ ids: RecordIDs, peak: Double,
            utilization: Double, hourly: Bool, clustered: Bool
        ) {
            let seconds = Double(record.end - record.start) / 1000
            let acceleratorSeconds = record.acceleratorCount * seconds
            first = min(first, record.start)
            last = max(last, record.end)
            records += 1
            // `sample` holds the first min(records, 10) ids, also after a merge; asking `records`
            // spares a cache miss on the array for every record after the tenth.
            if records <= 10 { sample.append(recordID.map { String(decoding: $0, as: UTF8.self) } ?? "") }
            resources.update(ids.resource, initial: ResourceSpan()) {
                $0.add(record.acceleratorCount, record.start, record.end)
            }
            // A run's records are nearly always in one region: the last one seen skips the set.
            if ids.region >= 0, ids.region != lastRegion {
                regions.insert(ids.region)
                lastRegion = ids.region
            }
            if ids.cluster >= 0, ids.cluster != lastCluster {
                clusters.insert(ids.cluster)
                lastCluster = ids.cluster
            }
            if let bytes = record.egressBytes {
                egress += bytes
                egressSeconds += acceleratorSeconds
            }
            if let bytes = record.storageWriteBytes {
                storageWrites += bytes
                storageSeconds += acceleratorSeconds
            }
            if let gbps = record.interconnectGbps { interconnect = max(interconnect ?? 0, gbps) }
            guard acceleratorSeconds > 0 else { return }
            self.acceleratorSeconds += acceleratorSeconds
            if ids.model >= 0 {
                secondsByModel.update(Int64(ids.model), initial: ModelSeconds()) {
                    $0.all += acceleratorSeconds
                    $0.weighted += acceleratorSeconds * utilization
                }
            }
            if let metered = record.utilization {
                meteredSeconds += acceleratorSeconds
                meteredUtilizationSum += acceleratorSeconds * metered
            }
            guard hourly else { return }
            let side: UInt8 = clustered ? 1 : 2
            if clusterSides != side, clusterSides != 3 {
                // The first record on the other side: the hours so far are all one side's.
                if clusterSides != 0 { clusterHours = clusterSides == 1 ? hours : IntMap() }
                clusterSides |= side
            }
            let split = clustered && clusterSides == 3
            var hour = record.start / RunAccumulator.hour * RunAccumulator.hour
            while hour < record.end {
                let overlap = Double(min(record.end, hour + RunAccumulator.hour) - max(record.start, hour)) / 1000
                hours.updateLatest(hour, initial: Hour()) {
                    $0.add(acceleratorSeconds: record.acceleratorCount * overlap, peak: peak)
                }
                if split {
                    clusterHours.updateLatest(hour, initial: Hour()) {
                        $0.add(acceleratorSeconds: record.acceleratorCount * overlap, peak: peak)
                    }
                }
                hour += RunAccumulator.hour
            }
        }
    }

    /// A record's texts as interned ids (-1 where the record has none or its key says it).
    private struct RecordIDs {
        /// The resource's key among its run's resources: the top 63 bits of its seeded hash for an
        /// ASCII id, its interned id with the sign bit set for any other.
        ///
        /// Resources are only counted, never named, and they are the most numerous texts (about
        /// 500,000 of 760,000 in a 6M-row night): interning them cost a probe of a table that
        /// outgrows the cache, and a slot and arena bytes each. Two ASCII ids of one run share a key
        /// only if their 63-bit hashes collide, about 1 in 10^11 for a run of 10,000 resources; the
        /// seed is drawn per run of kycwatch, so ids cannot be crafted to collide.
        var resource: Int64
        var cluster: Int32
        var region: Int32
        var model: Int32
    }

    private let assumptions: Assumptions
    /// Accounts, jobs, clusters, regions and models (and resources whose id is not ASCII), interned once each.
    private var texts = TextInterner()
    /// Accelerator models, interned apart so their ids index `peaks`.
    private var models = TextInterner()
    /// Peak dense OP/s by model id.
    private var peaks: [Double] = []
    /// Where each key's runs are in `runsByKey`.
    private var keySlots: [Key: Int] = [:]
    /// The same slots by the key's bytes (account length, account, basis, job or cluster id) for
    /// ASCII keys: one lookup a row instead of three.
    private var keyBytes = ByteKeyTable()
    /// What the look-ahead reads of ``add(_:)-(UsageRowBatch)`` came to; kept so they are not optimized away.
    private var touched: UInt64 = 0
    /// The window being added: each record's run-key bytes back to back, where each ends (-1 for a
    /// key that is not all ASCII or is found by its account's place), and the hashes of its run key
    /// in `keyBytes` and of its resource.
    private var windowKeys: [UInt8] = []
    private var windowKeyEnds: [Int] = []
    private var windowHashes: [(key: UInt64, resource: UInt64)] = []
    /// The id in `models` of each model of the batch being added, by its place in the batch's models.
    private var batchModels: [Int32] = []
    /// The run-key slot of each record of the window being added.
    private var windowSlots: [Int] = []
    private var keys: [Key] = []
    /// The run-key slot of each account's loose usage, by the account's place in the accounts
    /// export (``UsageRowBatch/Row/account``), -1 until seen: most rows are loose usage, and an
    /// array of a few hundred kilobytes finds their slot without hashing or probing `keyBytes`.
    /// Places are those of the one accounts set a stage checks its rows against.
    private var looseSlots: [Int32] = []
    /// The runs of each key: one for a job or loose usage, one per busy stretch for a cluster.
    private var runsByKey: [[Partial]] = []
    private static let hour: Int64 = 3_600_000

    /// Creates an empty accumulator.
    public init(assumptions: Assumptions) {
        self.assumptions = assumptions
    }

    /// Adds one usage record.
    public mutating func add(_ record: UsageRecord) {
        var batch = UsageRowBatch(models: record.acceleratorModel.map { [$0] } ?? [], reservingCapacity: 1)
        batch.append(
            UsageFields(
                recordID: .text(record.recordID), accountID: .text(record.accountID),
                resourceID: .text(record.resourceID), jobID: record.jobID.map(FieldText.text),
                clusterID: record.clusterID.map(FieldText.text), region: record.region.map(FieldText.text),
                zone: record.zone.map(FieldText.text), instanceType: record.instanceType.map(FieldText.text),
                acceleratorIndex: record.acceleratorModel == nil ? nil : 0, acceleratorCount: record.acceleratorCount,
                start: record.start, end: record.end, utilization: record.utilization,
                interconnectGbps: record.interconnectGbps, egressBytes: record.egressBytes,
                storageWriteBytes: record.storageWriteBytes, line: record.line),
            accountKnown: record.accountKnown)
        add(batch)
    }

    /// Adds a batch of usage rows. The table slots of their run keys are read first, so
    /// the batch's cache misses overlap instead of costing a trip to memory one record at a time.
    ///
    /// The slots are found first and read after in one tight loop: a read that misses the cache
    /// then holds up little else, and a dozen can be on their way at once.
    mutating func add(_ batch: UsageRowBatch) {
        batchModels.removeAll(keepingCapacity: true)
        for name in batch.models { batchModels.append(modelID(of: name)) }
        batch.withTexts { text in
            batch.rows.withUnsafeBufferPointer { rows in
                // A few hundred at a time: enough for the misses to overlap, few enough that what was
                // read is still in cache when the records get to it.
                for window in stride(from: 0, to: rows.count, by: 256) {
                    let window = window..<min(rows.count, window + 256)
                    hashWindow(rows[window], text: text)
                    var sum: UInt64 = 0
                    for (hashes, end) in zip(windowHashes, windowKeyEnds) where end >= 0 {
                        sum ^= keyBytes.touch(hash: hashes.key)
                    }
                    touched ^= sum
                    // Then each record's key, now in cache, to its slot, and the run it will most
                    // likely join read ahead the same way.
                    windowSlots.removeAll(keepingCapacity: true)
                    // Read from a copy of the array (no bytes are copied): finding a slot may change `self`.
                    let windowKeys = windowKeys
                    windowKeys.withUnsafeBytes { keys in
                        var start = 0
                        for (offset, index) in window.enumerated() {
                            let end = windowKeyEnds[offset]
                            let bytes = end < 0 ? nil : UnsafeRawBufferPointer(rebasing: keys[start..<end])
                            if end >= 0 { start = end }
                            let run = Self.runKey(of: rows[index], in: text)
                            if let place = Self.loosePlace(of: rows[index]) {
                                windowSlots.append(looseSlot(account: run.account, place: place))
                            } else {
                                windowSlots.append(
                                    slot(
                                        account: run.account, basis: run.basis, key: run.key, bytes: bytes,
                                        hash: windowHashes[offset].key))
                            }
                        }
                    }
                    touched ^= touchLatestRuns()
                    for (offset, index) in window.enumerated() {
                        add(
                            rows[index], text: text, slot: windowSlots[offset],
                            resourceHash: windowHashes[offset].resource)
                    }
                }
            }
        }
    }

    /// Puts the run-key bytes of `rows` in `windowKeys` and the hashes of their run keys and
    /// resources in `windowHashes`: each is built and hashed once, for the look-ahead and the lookup.
    private mutating func hashWindow(
        _ rows: UnsafeBufferPointer<UsageRowBatch.Row>.SubSequence, text: UsageRowBatch.Texts
    ) {
        windowKeys.removeAll(keepingCapacity: true)
        windowKeyEnds.removeAll(keepingCapacity: true)
        windowHashes.removeAll(keepingCapacity: true)
        for row in rows {
            let run = Self.runKey(of: row, in: text)
            let start = windowKeys.count
            var keyHash: UInt64 = 0
            if Self.loosePlace(of: row) != nil {
                // Found by the account's place (``looseSlot(account:place:)``), not by bytes.
                windowKeyEnds.append(-1)
            } else if Self.appendKeyBytes(account: run.account, basis: run.basis, key: run.key, to: &windowKeys) {
                keyHash = windowKeys.withUnsafeBytes {
                    keyBytes.hash(of: UnsafeRawBufferPointer(rebasing: $0[start...]))
                }
                windowKeyEnds.append(windowKeys.count)
            } else {
                windowKeyEnds.append(-1)
            }
            let resourceHash = row.resourceID.bytes(in: text).map { texts.hash(of: $0) } ?? 0
            windowHashes.append((keyHash, resourceHash))
        }
    }

    /// Reads the latest run of each slot of `windowSlots` and its resource table, ahead of adding
    /// records to them; returns what was read, to be kept.
    private func touchLatestRuns() -> UInt64 {
        var sum = 0
        runsByKey.withUnsafeBufferPointer { runsByKey in
            for slot in windowSlots {
                runsByKey[slot].withUnsafeBufferPointer { runs in
                    guard let last = runs.indices.last else { return }
                    sum &+= runs[last].records &+ runs[last].resources.count
                }
            }
        }
        return UInt64(bitPattern: Int64(sum))
    }

    /// Adds one row whose texts are spans of `text` to the runs of `slot`, its key's place.
    private mutating func add(
        _ record: UsageRowBatch.Row, text: UsageRowBatch.Texts, slot: Int, resourceHash: UInt64
    ) {
        let basis = Self.basis(of: record)
        let cluster = record.clusterID.bytes(in: text)
        let model = record.accelerator >= 0 ? batchModels[Int(record.accelerator)] : -1
        let peak = model >= 0 ? peaks[Int(model)] : 0
        var resource: Int64 = -1
        if let bytes = record.resourceID.bytes(in: text) {
            resource =
                FieldText.isASCII(bytes)
                ? Int64(bitPattern: resourceHash >> 1) : Int64.min | Int64(texts.id(of: bytes, hash: resourceHash))
        }
        let ids = RecordIDs(
            resource: resource,
            cluster: basis == .job ? intern(cluster) : -1,
            region: intern(record.region.bytes(in: text)), model: model)
        let utilization = record.utilization ?? assumptions.defaultUtilization
        let recordID = record.recordID.bytes(in: text)
        let gap = basis == .cluster ? assumptions.clusterIdleGap : Int64.max / 4
        let hourly = basis != .loose
        let clustered = (record.interconnectGbps ?? 0) > assumptions.clusterInterconnectGbps
        // Usually the key's one busy run, the last: it takes the record in place. A record that
        // bridges runs joins them: they are taken out in order, merged and put back last.
        var reaching = 0
        var lastReaching = -1
        for index in runsByKey[slot].indices where runsByKey[slot][index].reaches(record.start, record.end, gap: gap) {
            reaching += 1
            lastReaching = index
        }
        if reaching == 1, lastReaching == runsByKey[slot].count - 1 {
            runsByKey[slot][lastReaching].add(
                record, recordID: recordID, ids, peak: peak, utilization: utilization, hourly: hourly,
                clustered: clustered)
            return
        }
        var partial = Partial()
        var index = 0
        while index < runsByKey[slot].count {
            if runsByKey[slot][index].reaches(record.start, record.end, gap: gap) {
                let joined = runsByKey[slot].remove(at: index)
                if partial.records == 0 { partial = joined } else { partial.merge(joined) }
            } else {
                index += 1
            }
        }
        partial.add(
            record, recordID: recordID, ids, peak: peak, utilization: utilization, hourly: hourly,
            clustered: clustered)
        runsByKey[slot].append(partial)
    }

    /// Where the runs of (`account`, `basis`, `key`) are in `runsByKey`, made when new; `bytes` are
    /// the key's bytes in `keyBytes` with their `hash`, nil when it is not all ASCII.
    private mutating func slot(
        account: UnsafeRawBufferPointer, basis: TrainingRun.Basis, key: UnsafeRawBufferPointer?,
        bytes: UnsafeRawBufferPointer?, hash: UInt64
    ) -> Int {
        // ASCII keys are found by their bytes; others, and the first sight of any key, go through
        // the interned ids, which compare as Strings do.
        if let bytes, let known = keyBytes.value(for: bytes, hash: hash) { return Int(known) }
        let identity = Key(account: intern(account), basis: basis, key: intern(key))
        let slot: Int
        if let known = keySlots[identity] {
            slot = known
        } else {
            slot = runsByKey.count
            keySlots[identity] = slot
            keys.append(identity)
            runsByKey.append([])
        }
        if let bytes { keyBytes.insert(bytes, hash: hash, value: Int32(slot)) }
        return slot
    }

    /// Where the loose usage of the account `account`, at `place` in the accounts export, is in
    /// `runsByKey`, made when new.
    @inline(__always)
    private mutating func looseSlot(account: UnsafeRawBufferPointer, place: Int) -> Int {
        if place < looseSlots.count, looseSlots[place] >= 0 { return Int(looseSlots[place]) }
        if place >= looseSlots.count {
            looseSlots.append(contentsOf: repeatElement(-1, count: place + 1 - looseSlots.count))
        }
        // The first sight goes through the interned ids, which compare as Strings do.
        let found = slot(account: account, basis: .loose, key: nil, bytes: nil, hash: 0)
        looseSlots[place] = Int32(found)
        return found
    }

    /// Appends the bytes that find a run key in `keyBytes` (account length, account, basis, job or
    /// cluster id) to `bytes`; false, appending nothing, when the key is not all ASCII and must go
    /// by interned ids.
    private static func appendKeyBytes(
        account: UnsafeRawBufferPointer, basis: TrainingRun.Basis, key: UnsafeRawBufferPointer?,
        to bytes: inout [UInt8]
    ) -> Bool {
        guard FieldText.isASCII(account), key.map(FieldText.isASCII) ?? true else { return false }
        withUnsafeBytes(of: UInt32(account.count)) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: account)
        bytes.append(basis == .job ? 1 : basis == .cluster ? 2 : 0)
        if let key { bytes.append(contentsOf: key) }
        return true
    }

    /// The place in the accounts export of the account of `record`, when the record is loose usage
    /// and the export has its account: its run is then found by that place.
    @inline(__always)
    private static func loosePlace(of record: UsageRowBatch.Row) -> Int? {
        record.account >= 0 && basis(of: record) == .loose ? Int(record.account) : nil
    }

    /// What keys a record's run: its account, its basis, and its job or cluster id.
    @inline(__always)
    private static func runKey(of record: UsageRowBatch.Row, in text: UsageRowBatch.Texts) -> (
        account: UnsafeRawBufferPointer, basis: TrainingRun.Basis, key: UnsafeRawBufferPointer?
    ) {
        let basis = basis(of: record)
        return (
            record.accountID.bytes(in: text) ?? UnsafeRawBufferPointer(start: nil, count: 0), basis,
            (basis == .job ? record.jobID : record.clusterID).bytes(in: text)
        )
    }

    /// How a record's run is keyed: by its job, else its cluster, else it is loose usage.
    @inline(__always)
    private static func basis(of record: UsageRowBatch.Row) -> TrainingRun.Basis {
        record.jobID.count >= 0 ? .job : record.clusterID.count >= 0 ? .cluster : .loose
    }

    /// The id of the accelerator model `name` in `models`, its peak OP/s put in `peaks` when new.
    private mutating func modelID(of name: String) -> Int32 {
        let model = FieldBytes.withBytes(of: name) { models.id(of: $0) }
        if Int(model) == peaks.count { peaks.append(assumptions.peakOperationsPerSecond[name] ?? 0) }
        return model
    }

    /// The id of `text`, or -1 when there is none.
    @inline(__always)
    private mutating func intern(_ text: UnsafeRawBufferPointer?) -> Int32 {
        text.map { texts.id(of: $0) } ?? -1
    }

    /// The runs, sorted by account, basis, key and start.
    public func runs() -> [TrainingRun] {
        let order = runOrder()
        return finishedRuns(order.places[...], order)
    }

    /// ``runs()`` in two parts, one after the other, made on two cores: making a large night's runs
    /// takes a few tenths of a second on the way to the rules.
    ///
    /// No account's runs are split between the parts, so a caller can take them part by part; joining
    /// the parts into one array would copy every run.
    public func runsOnTwoCores() async -> [[TrainingRun]] {
        let order = runOrder()
        var half = order.places.count / 2
        while half > 0, half < order.places.count,
            order.accounts[Int(order.places[half].slot)] == order.accounts[Int(order.places[half - 1].slot)]
        {
            half += 1
        }
        async let head = finishedRuns(order.places[..<half], order)
        let tail = finishedRuns(order.places[half...], order)
        return [await head, tail]
    }

    /// Where each run goes in the order of ``runs()``, and the texts its finished run takes.
    private struct RunOrder: Sendable {
        /// A run's place: its key's rank and its start, which sort it, then its key's slot and its
        /// index among the key's runs.
        typealias Place = (rank: Int32, first: Int64, slot: Int32, index: Int32)

        /// Each run's place, in order.
        var places: [Place]
        /// The account and the job or cluster id of each key, by slot.
        var accounts: [String]
        var keyTexts: [String?]
        /// The accelerator models' texts by id.
        var modelNames: [String]
    }

    /// The runs put in order, before any is made: neither a run's figures nor a finished run is
    /// then copied, which would touch every array and string each holds. The order compares
    /// integers: each key's place among all keys, ranked once by its texts as Strings.
    private func runOrder() -> RunOrder {
        let accounts = keys.map { texts.text($0.account) }
        let keyTexts = keys.map { $0.key >= 0 ? texts.text($0.key) : nil }
        let ranks = keyRanks(accounts: accounts, keyTexts: keyTexts)
        var places: [RunOrder.Place] = []
        for slot in runsByKey.indices {
            runsByKey[slot].withUnsafeBufferPointer { partials in
                for index in partials.indices {
                    places.append((ranks[slot], partials[index].first, Int32(slot), Int32(index)))
                }
            }
        }
        places.sort { ($0.rank, $0.first) < ($1.rank, $1.first) }
        return RunOrder(
            places: places, accounts: accounts, keyTexts: keyTexts,
            modelNames: (0..<models.count).map { models.text(Int32($0)) })
    }

    /// The finished runs at `places` of `order`, in that order.
    private func finishedRuns(
        _ places: ArraySlice<RunOrder.Place>, _ order: RunOrder
    ) -> [TrainingRun] {
        var runs: [TrainingRun] = []
        runs.reserveCapacity(places.count)
        runsByKey.withUnsafeBufferPointer { runsByKey in
            for place in places {
                let slot = Int(place.slot)
                runsByKey[slot].withUnsafeBufferPointer { partials in
                    // By address: a partial handed over by value is copied first, retaining all it holds.
                    guard let partial = partials.baseAddress.map({ $0 + Int(place.index) }) else { return }
                    runs.append(
                        run(
                            keys[slot], account: order.accounts[slot], key: order.keyTexts[slot], partial,
                            modelNames: order.modelNames))
                }
            }
        }
        return runs
    }

    /// Each key's place in the order of (account, basis, job or cluster id), keys that compare
    /// equal as Strings sharing one; a missing id sorts as the empty text.
    private func keyRanks(accounts: [String], keyTexts: [String?]) -> [Int32] {
        // Every distinct text is sorted once; the keys then sort by the texts' ranks, as integers.
        var textRanks = [Int32](repeating: 0, count: texts.count)
        var used: [Int32] = []
        var seen = [Bool](repeating: false, count: texts.count)
        func use(_ id: Int32) {
            guard id >= 0, !seen[Int(id)] else { return }
            seen[Int(id)] = true
            used.append(id)
        }
        for key in keys {
            use(key.account)
            use(key.key)
        }
        var strings = [String](repeating: "", count: texts.count)
        for (slot, key) in keys.enumerated() {
            strings[Int(key.account)] = accounts[slot]
            if key.key >= 0, let text = keyTexts[slot] { strings[Int(key.key)] = text }
        }
        strings.withUnsafeBufferPointer { strings in
            used.sort { strings[Int($0)] < strings[Int($1)] }
            // Rank 0 is the empty text, the least of all, which a missing id sorts as.
            var rank: Int32 = 0
            var previous = ""
            for id in used {
                if strings[Int(id)] != previous {
                    rank += 1
                    previous = strings[Int(id)]
                }
                textRanks[Int(id)] = rank
            }
        }
        func textRank(_ id: Int32) -> Int32 { id >= 0 ? textRanks[Int(id)] : 0 }
        // Bases sort by their names: a basis's rank is how many names sort before its own.
        let bases: [TrainingRun.Basis] = [.job, .cluster, .loose]
        let basisRanks = Dictionary(
            uniqueKeysWithValues: bases.map { basis in
                (basis, Int32(bases.count(where: { $0.rawValue < basis.rawValue })))
            })
        let keyOrder = keys.map { (textRank($0.account), basisRanks[$0.basis] ?? 0, textRank($0.key)) }
        var slots = Array(keys.indices)
        keyOrder.withUnsafeBufferPointer { order in slots.sort { order[$0] < order[$1] } }
        var ranks = [Int32](repeating: 0, count: keys.count)
        var rank: Int32 = 0
        for (position, slot) in slots.enumerated() {
            if position > 0, keyOrder[slots[position - 1]] != keyOrder[slot] { rank += 1 }
            ranks[slot] = rank
        }
        return ranks
    }

    /// The finished run of the partial at `partial`, of `key` whose texts are `account` and `keyText`;
    /// `modelNames` holds the accelerator models' texts by id.
    private func run(
        _ key: Key, account: String, key keyText: String?, _ partial: UnsafePointer<Partial>, modelNames: [String]
    ) -> TrainingRun {
        // Texts are looked up in loops: a closure or `texts.text` as a function value would copy
        // the accumulator or its interner for each run.
        var clusterIDs: [String] = []
        if key.basis == .cluster {
            clusterIDs = [keyText ?? texts.text(key.key)]
        } else {
            for cluster in partial.pointee.clusters { clusterIDs.append(texts.text(cluster)) }
            clusterIDs.sort()
        }
        var regions: [String] = []
        for region in partial.pointee.regions { regions.append(texts.text(region)) }
        regions.sort()
        let hours = partial.pointee.hours.entries.sorted { $0.key < $1.key }
        var peakAccelerators = 0.0
        var peakOperations = 0.0
        // Each peak in its own hour: in a run of several models, the hour with the most accelerators
        // need not be the one with the most operations a second.
        for (_, hour) in hours {
            peakAccelerators = max(peakAccelerators, hour.acceleratorSeconds / 3600)
            peakOperations = max(peakOperations, hour.peakOperations / 3600)
        }
        // Operations by model, in the models' order, each model's seconds times its peak once.
        var expected = 0.0
        var upper = 0.0
        let models = partial.pointee.secondsByModel.entries.sorted { $0.key < $1.key }
        for (model, seconds) in models {
            expected += seconds.weighted * peaks[Int(model)]
            upper += seconds.all * peaks[Int(model)]
        }
        // A run whose accelerators are all of one model has every hour at that model's figure: its
        // peak is the peak accelerators times it, as a hand calculation has it, not a sum of records.
        var acceleratorPeak: Double?
        if models.count == 1, models[0].value.all == partial.pointee.acceleratorSeconds, peaks[Int(models[0].key)] > 0 {
            acceleratorPeak = peaks[Int(models[0].key)]
            peakOperations = peakAccelerators * peaks[Int(models[0].key)]
        }
        let spanHours = max(1.0, Double(partial.pointee.last - partial.pointee.first) / Double(Self.hour))
        return TrainingRun(
            accountID: account, basis: key.basis, key: keyText,
            clusterIDs: clusterIDs,
            first: partial.pointee.first, last: partial.pointee.last,
            acceleratorHours: partial.pointee.acceleratorSeconds / 3600,
            acceleratorHoursByModel: Dictionary(
                uniqueKeysWithValues: models.map { (modelNames[Int($0.key)], $0.value.all / 3600) }),
            expectedOperations: expected, upperBoundOperations: upper,
            peakConcurrentAccelerators: peakAccelerators, peakOperationsPerSecond: peakOperations,
            meteredUtilization: partial.pointee.meteredSeconds > 0
                ? partial.pointee.meteredUtilizationSum / partial.pointee.meteredSeconds : nil,
            meteredShare: partial.pointee.acceleratorSeconds > 0
                ? partial.pointee.meteredSeconds / partial.pointee.acceleratorSeconds : 0,
            maxInterconnectGbps: partial.pointee.interconnect, egressBytes: partial.pointee.egress,
            storageWriteBytes: partial.pointee.storageWrites,
            egressBytesPerAcceleratorHour: partial.pointee.egressSeconds > 0
                ? partial.pointee.egress / (partial.pointee.egressSeconds / 3600) : nil,
            storageWriteBytesPerAcceleratorHour: partial.pointee.storageSeconds > 0
                ? partial.pointee.storageWrites / (partial.pointee.storageSeconds / 3600) : nil,
            resources: partial.pointee.resources.count,
            provisionedAccelerators: partial.pointee.resources.entries.reduce(0) { $0 + $1.value.accelerators },
            overlappingAcceleratorHours: partial.pointee.resources.entries.reduce(0) {
                $0 + ($1.key == -1 ? 0 : $1.value.excessSeconds)
            } / 3600,
            jobs: key.basis == .job ? 1 : 0,
            regions: regions, records: partial.pointee.records,
            sampleRecordIDs: partial.pointee.sample,
            activeHourShare: key.basis == .loose ? 0 : min(1, Double(hours.count) / spanHours),
            profile: hours.map { ($0.key, $0.value.acceleratorSeconds / 3600) },
            operationsProfile: partial.pointee.secondsByModel.count > 1
                ? hours.map { $0.value.peakOperations / 3600 } : [],
            clusterInterconnectGbps: assumptions.clusterInterconnectGbps,
            clusterMembership: partial.pointee.clusterSides == 1
                ? .all : partial.pointee.clusterSides == 3 ? .some : TrainingRun.ClusterMembership.none,
            clusterProfile: partial.pointee.clusterSides == 3
                ? hours.map {
                    let clustered = partial.pointee.clusterHours[$0.key] ?? Hour()
                    let accelerators = clustered.acceleratorSeconds / 3600
                    return (accelerators, acceleratorPeak.map { accelerators * $0 } ?? clustered.peakOperations / 3600)
                } : [],
            unratedModels: models.filter { peaks[Int($0.key)] == 0 && $0.value.all > 0 }.map { modelNames[Int($0.key)] }
                .sorted(),
            acceleratorPeak: acceleratorPeak)
    }
}
