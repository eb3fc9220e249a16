extension TrainingRun {
    /// The figures of one hour of a run as CLS-001 weighs them.
    struct ClusterHour {
        var hour: Int64
        var accelerators: Double
        var operationsPerSecond: Double

        /// Adds `other`'s accelerators and OP/s, of the same hour, to this hour's.
        mutating func add(_ other: ClusterHour) {
            accelerators += other.accelerators
            operationsPerSecond += other.operationsPerSecond
        }
    }

    /// Each hour of the run with its accelerators on interconnect above `gbps` and their peak OP/s,
    /// none counted at more accelerators than the run's resources hold at once
    /// (``provisionedAccelerators``); `capped` says whether some hour was.
    ///
    /// The hours are those of ``clusterProfile`` when the run was built at `gbps`, as a night's runs are
    /// at CLS-001's `interconnect_gbps`; a run built at another figure has every accelerator of each hour
    /// counted when any of its records is above `gbps`, and none otherwise. Records of one resource that
    /// overlap (a resource metered twice) add up to more accelerators than exist: an hour over the
    /// resources' capacity is scaled down to it, its OP/s with it.
    func clusterHours(interconnectAbove gbps: Double) -> (hours: [ClusterHour], capped: Bool) {
        let peaks: [(hour: Int64, accelerators: Double, operationsPerSecond: Double)]
        if clusterInterconnectGbps == gbps {
            switch clusterMembership {
            case .all: peaks = hourlyPeaks
            case .none: peaks = []
            case .some:
                peaks =
                    clusterProfile.count == profile.count
                    ? zip(profile, clusterProfile).map { ($0.0, $1.accelerators, $1.operationsPerSecond) } : []
            }
        } else {
            peaks = (maxInterconnectGbps ?? 0) > gbps ? hourlyPeaks : []
        }
        let capacity = provisionedAccelerators
        var capped = false
        let hours = peaks.map { hour, accelerators, operations in
            guard capacity > 0, accelerators > capacity * (1 + 1e-9) else {
                return ClusterHour(hour: hour, accelerators: accelerators, operationsPerSecond: operations)
            }
            capped = true
            // At the figure of one accelerator where the run has one model, so a capped hour's OP/s is
            // the capacity's exactly.
            let perAccelerator = acceleratorPeak ?? operations / accelerators
            return ClusterHour(hour: hour, accelerators: capacity, operationsPerSecond: capacity * perAccelerator)
        }
        return (hours, capped)
    }

    /// The hour of `hours` with the most OP/s, the earliest of equals; nil when there is none.
    static func busiest(_ hours: [ClusterHour]) -> ClusterHour? {
        hours.max { ($0.operationsPerSecond, $1.hour) < ($1.operationsPerSecond, $0.hour) }
    }
}
