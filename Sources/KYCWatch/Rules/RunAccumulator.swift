/// Builds ``TrainingRun``s from a stream of usage records, one record at a time, in memory that
/// grows with runs and their hours, not with rows.
///
/// Records are grouped by job id where present, else by cluster (placement group); records with
/// neither are an account's loose usage, totalled without an hourly profile.
public struct RunAccumulator: Sendable {
    /// Peak dense OP/s per accelerator model, and the utilization assumed where none is metered.
    public struct Assumptions: Sendable {
        /// Peak dense operations per second by catalogue model (at the training precision).
        public var peakOperationsPerSecond: [String: Double]
        /// Utilization used where the provider does not meter it.
        public var defaultUtilization: Double

        /// Peak figures from the catalogue at `precision`, and a default utilization.
        public init(
            catalog: AcceleratorCatalog, precision: Accelerator.Precision = .bf16, defaultUtilization: Double = 0.4
        ) {
            var peaks: [String: Double] = [:]
            for accelerator in catalog.accelerators {
                if let tflops = accelerator.peakDenseTFLOPS(precision) { peaks[accelerator.model] = tflops * 1e12 }
            }
            peakOperationsPerSecond = peaks
            self.defaultUtilization = defaultUtilization
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
        var resources: Set<String> = []
        var jobs: Set<String> = []
        var regions: Set<String> = []
        var clusters: Set<String> = []
        var records = 0
        var sample: [String] = []
        var hours: [Int64: Hour] = [:]
    }

    private let assumptions: Assumptions
    private var partials: [Key: Partial] = [:]
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
        var partial = partials[key, default: Partial()]
        partial.first = min(partial.first, record.start)
        partial.last = max(partial.last, record.end)
        partial.records += 1
        if partial.sample.count < 10 { partial.sample.append(record.recordID) }
        partial.resources.insert(record.resourceID)
        if let job = record.jobID { partial.jobs.insert(job) }
        if let region = record.region { partial.regions.insert(region) }
        if let cluster = record.clusterID { partial.clusters.insert(cluster) }
        partial.egress += record.egressBytes ?? 0
        partial.storageWrites += record.storageWriteBytes ?? 0
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
        partials[key] = partial
    }

    /// The runs, sorted by account, basis and key.
    public func runs() -> [TrainingRun] {
        partials.map { key, partial in
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
                storageWriteBytes: partial.storageWrites, resources: partial.resources.count, jobs: partial.jobs.count,
                regions: partial.regions.sorted(), records: partial.records, sampleRecordIDs: partial.sample,
                activeHourShare: key.basis == .loose ? 0 : min(1, Double(hours.count) / spanHours),
                profile: hours.map { ($0.key, $0.value.acceleratorSeconds / 3600) })
        }
        .sorted { ($0.accountID, $0.basis.rawValue, $0.key ?? "") < ($1.accountID, $1.basis.rawValue, $1.key ?? "") }
    }
}
