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

        /// Peak figures from the catalogue at `precision`, a default utilization and the idle gap (72 h).
        public init(
            catalog: AcceleratorCatalog, precision: Accelerator.Precision = .bf16, defaultUtilization: Double = 0.4,
            clusterIdleGap: Int64 = 72 * 3_600_000
        ) {
            var peaks: [String: Double] = [:]
            for accelerator in catalog.accelerators {
                if let tflops = accelerator.peakDenseTFLOPS(precision) { peaks[accelerator.model] = tflops * 1e12 }
            }
            peakOperationsPerSecond = peaks
            self.defaultUtilization = defaultUtilization
            self.clusterIdleGap = clusterIdleGap
        }
    }

    private struct Key: Hashable {
        var account: String
        var basis: TrainingRun.Basis
        var key: String?
    }

    private struct Hour {
        var acceleratorSeconds = 0.0
        var peakOperations = 0.0
    }

    private struct Partial {
        var first = Int64.max
        var last = Int64.min
        var acceleratorSeconds = 0.0
        var secondsByModel: [String: Double] = [:]
        var expected = 0.0
        var upper = 0.0
        var meteredSeconds = 0.0
        var meteredUtilizationSum = 0.0
        var interconnect: Double?
        var egress = 0.0
        var storageWrites = 0.0
        /// Accelerator-seconds of the records that report egress, and storage writes.
        var egressSeconds = 0.0
        var storageSeconds = 0.0
        /// Accelerators of each distinct resource.
        var resources: [String: Double] = [:]
        var jobs: Set<String> = []
        var regions: Set<String> = []
        var clusters: Set<String> = []
        var records = 0
        var sample: [String] = []
        var hours: [Int64: Hour] = [:]

        /// Whether a record from `start` to `end` falls in this run, allowing `gap` of idle time.
        func reaches(_ start: Int64, _ end: Int64, gap: Int64) -> Bool {
            start <= last + gap && end >= first - gap
        }

        /// Folds `other`, a run of the same key, into this one.
        mutating func merge(_ other: Partial) {
            first = min(first, other.first)
            last = max(last, other.last)
            acceleratorSeconds += other.acceleratorSeconds
            secondsByModel.merge(other.secondsByModel, uniquingKeysWith: +)
            expected += other.expected
            upper += other.upper
            meteredSeconds += other.meteredSeconds
            meteredUtilizationSum += other.meteredUtilizationSum
            if let gbps = other.interconnect { interconnect = max(interconnect ?? 0, gbps) }
            egress += other.egress
            storageWrites += other.storageWrites
            egressSeconds += other.egressSeconds
            storageSeconds += other.storageSeconds
            resources.merge(other.resources) { max($0, $1) }
            jobs.formUnion(other.jobs)
            regions.formUnion(other.regions)
            clusters.formUnion(other.clusters)
            records += other.records
            sample = Array((sample + other.sample).prefix(10))
            hours.merge(other.hours) {
                Hour(
                    acceleratorSeconds: $0.acceleratorSeconds + $1.acceleratorSeconds,
                    peakOperations: $0.peakOperations + $1.peakOperations)
            }
        }
    }

    private let assumptions: Assumptions
    /// The runs of each key: one for a job or loose usage, one per busy stretch for a cluster.
    private var partials: [Key: [Partial]] = [:]
    private static let hour: Int64 = 3_600_000

    /// Creates an empty accumulator.
    public init(assumptions: Assumptions) {
        self.assumptions = assumptions
    }

    /// Adds one usage record.
    public mutating func add(_ record: UsageRecord) {
        let key: Key
        if let job = record.jobID {
            key = Key(account: record.accountID, basis: .job, key: job)
        } else if let cluster = record.clusterID {
            key = Key(account: record.accountID, basis: .cluster, key: cluster)
        } else {
            key = Key(account: record.accountID, basis: .loose, key: nil)
        }
        let seconds = Double(record.end - record.start) / 1000
        let acceleratorSeconds = record.acceleratorCount * seconds
        let peak = record.acceleratorModel.flatMap { assumptions.peakOperationsPerSecond[$0] } ?? 0
        let utilization = record.utilization ?? assumptions.defaultUtilization
        // Taken out of the dictionary so the runs are uniquely referenced and mutate in place.
        var segments = partials.removeValue(forKey: key) ?? []
        let gap = key.basis == .cluster ? assumptions.clusterIdleGap : Int64.max / 4
        // Usually the one busy run of the key; a record that bridges runs joins them.
        var partial = Partial()
        var index = segments.startIndex
        while index < segments.endIndex {
            if segments[index].reaches(record.start, record.end, gap: gap) {
                let joined = segments.remove(at: index)
                if partial.records == 0 { partial = joined } else { partial.merge(joined) }
            } else {
                index += 1
            }
        }
        partial.first = min(partial.first, record.start)
        partial.last = max(partial.last, record.end)
        partial.records += 1
        if partial.sample.count < 10 { partial.sample.append(record.recordID) }
        partial.resources[record.resourceID] = max(partial.resources[record.resourceID] ?? 0, record.acceleratorCount)
        if let job = record.jobID { partial.jobs.insert(job) }
        if let region = record.region { partial.regions.insert(region) }
        if let cluster = record.clusterID { partial.clusters.insert(cluster) }
        if let bytes = record.egressBytes {
            partial.egress += bytes
            partial.egressSeconds += acceleratorSeconds
        }
        if let bytes = record.storageWriteBytes {
            partial.storageWrites += bytes
            partial.storageSeconds += acceleratorSeconds
        }
        if let gbps = record.interconnectGbps { partial.interconnect = max(partial.interconnect ?? 0, gbps) }
        if acceleratorSeconds > 0 {
            partial.acceleratorSeconds += acceleratorSeconds
            if let model = record.acceleratorModel { partial.secondsByModel[model, default: 0] += acceleratorSeconds }
            partial.expected += acceleratorSeconds * peak * utilization
            partial.upper += acceleratorSeconds * peak
            if let metered = record.utilization {
                partial.meteredSeconds += acceleratorSeconds
                partial.meteredUtilizationSum += acceleratorSeconds * metered
            }
            if key.basis != .loose {
                var hour = record.start / Self.hour * Self.hour
                while hour < record.end {
                    let overlap = Double(min(record.end, hour + Self.hour) - max(record.start, hour)) / 1000
                    partial.hours[hour, default: Hour()].acceleratorSeconds += record.acceleratorCount * overlap
                    partial.hours[hour, default: Hour()].peakOperations += record.acceleratorCount * overlap * peak
                    hour += Self.hour
                }
            }
        }
        segments.append(partial)
        partials[key] = segments
    }

    /// The runs, sorted by account, basis, key and start.
    public func runs() -> [TrainingRun] {
        partials.flatMap { key, segments in segments.map { (key, $0) } }.map { key, partial in
            let hours = partial.hours.sorted { $0.key < $1.key }
            var peakAccelerators = 0.0
            var peakOperations = 0.0
            for (_, hour) in hours where hour.acceleratorSeconds / 3600 > peakAccelerators {
                peakAccelerators = hour.acceleratorSeconds / 3600
                peakOperations = hour.peakOperations / 3600
            }
            let spanHours = max(1.0, Double(partial.last - partial.first) / Double(Self.hour))
            return TrainingRun(
                accountID: key.account, basis: key.basis, key: key.key, clusterIDs: partial.clusters.sorted(),
                first: partial.first, last: partial.last, acceleratorHours: partial.acceleratorSeconds / 3600,
                acceleratorHoursByModel: partial.secondsByModel.mapValues { $0 / 3600 },
                expectedOperations: partial.expected, upperBoundOperations: partial.upper,
                peakConcurrentAccelerators: peakAccelerators, peakOperationsPerSecond: peakOperations,
                meteredUtilization: partial.meteredSeconds > 0
                    ? partial.meteredUtilizationSum / partial.meteredSeconds : nil,
                meteredShare: partial.acceleratorSeconds > 0 ? partial.meteredSeconds / partial.acceleratorSeconds : 0,
                maxInterconnectGbps: partial.interconnect, egressBytes: partial.egress,
                storageWriteBytes: partial.storageWrites,
                egressBytesPerAcceleratorHour: partial.egressSeconds > 0
                    ? partial.egress / (partial.egressSeconds / 3600) : nil,
                storageWriteBytesPerAcceleratorHour: partial.storageSeconds > 0
                    ? partial.storageWrites / (partial.storageSeconds / 3600) : nil,
                resources: partial.resources.count,
                provisionedAccelerators: partial.resources.values.reduce(0, +), jobs: partial.jobs.count,
                regions: partial.regions.sorted(), records: partial.records, sampleRecordIDs: partial.sample,
                activeHourShare: key.basis == .loose ? 0 : min(1, Double(hours.count) / spanHours),
                profile: hours.map { ($0.key, $0.value.acceleratorSeconds / 3600) })
        }
        .sorted {
            ($0.accountID, $0.basis.rawValue, $0.key ?? "", $0.first)
                < ($1.accountID, $1.basis.rawValue, $1.key ?? "", $1.first)
        }
    }
}
