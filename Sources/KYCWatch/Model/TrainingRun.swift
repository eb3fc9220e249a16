/// A likely training run (or, for records with neither job nor cluster, an account's loose usage):
/// the figures the compute and shape rules and a report filing need.
public struct TrainingRun: Sendable, Hashable {
    /// How the run was formed: by `job`, by `cluster` with no long idle gap, or `loose` usage.
    public enum Basis: String, Sendable, Hashable {
        case job, cluster, loose
    }

    public var accountID: String
    public var basis: Basis
    /// The job or cluster id (nil for loose usage).
    public var key: String?
    public var clusterIDs: [String]
    public var first: Int64
    public var last: Int64
    public var acceleratorHours: Double
    /// Accelerator-hours by catalogue model.
    public var acceleratorHoursByModel: [String: Double]
    /// Operations at metered utilization (or the default where not metered).
    public var expectedOperations: Double
    /// Operations at utilization 1.
    public var upperBoundOperations: Double
    /// The highest hourly average of accelerators in use.
    public var peakConcurrentAccelerators: Double
    /// Peak dense OP/s of the accelerators in use in that hour.
    public var peakOperationsPerSecond: Double
    /// Accelerator-seconds-weighted mean of metered utilization, nil when none was metered.
    public var meteredUtilization: Double?
    /// Share of accelerator-seconds whose utilization was metered.
    public var meteredShare: Double
    public var maxInterconnectGbps: Double?
    public var egressBytes: Double
    public var storageWriteBytes: Double
    /// Egress per accelerator-hour of the records that report egress, nil when none does.
    public var egressBytesPerAcceleratorHour: Double?
    /// Storage writes per accelerator-hour of the records that report them, nil when none does.
    public var storageWriteBytesPerAcceleratorHour: Double?
    public var resources: Int
    /// Accelerators of every distinct resource summed: about the peak for one long job, far more
    /// for a fleet that keeps starting and stopping small instances.
    public var provisionedAccelerators: Double
    /// Accelerator-hours its resources were metered beyond what they hold, each from its first record
    /// to its last: more than none only where records of one resource overlap (a resource metered by
    /// a daily and by hourly lines), and at least the hours counted twice.
    public var overlappingAcceleratorHours: Double = 0
    public var jobs: Int
    public var regions: [String]
    public var records: Int
    /// The first record ids, for evidence.
    public var sampleRecordIDs: [String]
    /// Hours with accelerators in use, over the hours of the run's span.
    public var activeHourShare: Double
    /// Hourly average accelerators in use, for charts: (hour start ms, accelerators).
    public var profile: [(Int64, Double)]
    /// Peak dense OP/s of each hour of ``profile``, hour for hour, for a run of several accelerator
    /// models; empty for a run of one model, whose hours all count at that model's figure.
    public var operationsProfile: [Double] = []
    /// Which of a run's records are on interconnect above ``clusterInterconnectGbps``.
    public enum ClusterMembership: String, Sendable, Hashable {
        case none, some, all
    }

    /// The interconnect (Gbit/s) above which ``clusterMembership`` and ``clusterProfile`` count a
    /// record's accelerators; nil for a run built without it.
    public var clusterInterconnectGbps: Double? = nil
    /// Which of the run's records (of its hourly profile) are above ``clusterInterconnectGbps``.
    public var clusterMembership = ClusterMembership.all
    /// For a run of which `some` records are above ``clusterInterconnectGbps``: accelerators in use
    /// and their peak dense OP/s of each hour of ``profile``, hour for hour, of those records alone,
    /// the co-located cluster's share of the run. Empty otherwise: all or none of the run is.
    public var clusterProfile: [(accelerators: Double, operationsPerSecond: Double)] = []
    /// Models of the run with no peak figure at the training precision in the catalogue: their
    /// accelerator-hours count no operations, which the evidence and summaries say.
    public var unratedModels: [String] = []
    /// Peak dense OP/s of one accelerator, for a run whose accelerators are all of one rated model:
    /// each hour's OP/s is its accelerators times this figure. Nil for a run of several models, whose
    /// hours have their own (``operationsProfile``).
    public var acceleratorPeak: Double? = nil

    /// Accelerator-hours of ``unratedModels``.
    public var unratedAcceleratorHours: Double {
        unratedModels.reduce(0) { $0 + (acceleratorHoursByModel[$1] ?? 0) }
    }

    public static func == (lhs: TrainingRun, rhs: TrainingRun) -> Bool {
        lhs.accountID == rhs.accountID && lhs.key == rhs.key && lhs.first == rhs.first && lhs.basis == rhs.basis
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(accountID)
        hasher.combine(key)
        hasher.combine(first)
    }

    /// Each hour of ``profile`` with its accelerators and their peak dense OP/s.
    ///
    /// A run of several models has each hour's own OP/s: the hour with the most accelerators need
    /// not be the one with the most operations a second.
    public var hourlyPeaks: [(hour: Int64, accelerators: Double, operationsPerSecond: Double)] {
        if operationsProfile.count == profile.count {
            return zip(profile, operationsProfile).map { ($0.0, $0.1, $1) }
        }
        let perAccelerator =
            acceleratorPeak
            ?? (peakConcurrentAccelerators > 0 ? peakOperationsPerSecond / peakConcurrentAccelerators : 0)
        return profile.map { ($0.0, $0.1, $0.1 * perAccelerator) }
    }

    /// Days from first to last record.
    public var days: Double { Double(last - first) / 86_400_000 }

    /// Hours from first to last record, at least one.
    public var spanHours: Double { max(1, Double(last - first) / 3_600_000) }
}
