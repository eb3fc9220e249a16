/// Planted accelerator workloads: large co-located training runs metered per instance and period,
/// and an inference fleet of the same accelerator-hours with the opposite shape.
extension SampleWorldBuilder {
    /// A co-located training run to plant.
    struct TrainingRun {
        var account: Int
        var type: SampleInstanceType
        var instances: Int
        var start: Int64
        var end: Int64
        var region: String
        var zones: [String]
        var clusterID: String
        var jobID: String
        /// Per-row utilization in thousandths, or nil when the provider does not meter it.
        var utilization: ClosedRange<Int>?
        /// Share of instances whose rows spell out the accelerator model and count.
        var explicitAcceleratorPercent: Int
        /// Share of instances whose rows carry the interconnect figure.
        var explicitInterconnectPercent: Int
        /// Instances per thousand that fail once and are replaced by a new one.
        var replacementsPerMille: Int
    }

    /// What a planted workload wrote: its compute and the `usage` indices of its rows.
    struct PlantedWorkload {
        var compute: SampleGroundTruth.Compute
        var tally: SampleComputeTally
        var rows: Range<Int>
    }

    /// The utilization kycwatch assumes for rows without one (the pipeline default).
    static let defaultUtilization = 0.4

    /// Writes the run's usage rows (per instance and metering period) and returns what it planted.
    func plantTrainingRun(_ run: TrainingRun, _ random: inout SampleRandom) -> PlantedWorkload {
        let firstRow = usage.count
        let period = Int64(scale.trainingMeteringDays) * SampleTime.day
        var tally = SampleComputeTally()
        var resourceCount = 0
        for instance in 0..<run.instances {
            // Nodes come up over the first hours; a few fail once and are replaced.
            let launch =
                run.start + Int64(instance) * 6 * SampleTime.hour / Int64(max(run.instances, 1))
                + Int64(random.below(600))
            var lifetimes: [(Int64, Int64)] = [(launch, run.end)]
            if random.chance(perMille: run.replacementsPerMille), run.end - launch > 4 * SampleTime.day {
                let failure = random.int64((launch + 2 * SampleTime.day)...(run.end - 2 * SampleTime.day))
                let replacement = failure + Int64(random.int(20...90)) * 60
                lifetimes = [(launch, failure), (replacement, run.end)]
            }
            let explicitAccelerators = random.chance(percent: run.explicitAcceleratorPercent)
            let explicitInterconnect = random.chance(percent: run.explicitInterconnectPercent)
            let spelling = random.element(run.type.acceleratorSpellings)
            let zone = random.element(run.zones)
            for (from, until) in lifetimes {
                let resource = add(
                    SampleResource(
                        account: run.account, resourceID: newResourceID(run.type.cloud, &random), jobID: run.jobID,
                        clusterID: run.clusterID, region: run.region, zone: zone, instanceType: run.type,
                        acceleratorSpelling: explicitAccelerators ? spelling : "", writesZeroAccelerators: false,
                        writesInterconnect: explicitInterconnect, timeStyle: .utc))
                resourceCount += 1
                meter(
                    resource, from: from, until: until, period: period, utilization: run.utilization,
                    egressPerHour: 5_000_000...60_000_000, storagePerHour: 2_000_000_000...12_000_000_000,
                    tally: &tally, &random)
            }
        }
        let compute = makeCompute(
            type: run.type, tally: tally, concurrentInstances: run.instances, resources: resourceCount,
            meteringDays: scale.trainingMeteringDays, clusterIDs: [run.clusterID], jobIDs: [run.jobID],
            regions: [run.region])
        return PlantedWorkload(compute: compute, tally: tally, rows: firstRow..<usage.count)
    }

    /// An inference fleet on `type`: hundreds of small deployments in six regions, no placement
    /// group, low utilization and heavy egress, plus short daytime scale-out sessions, until its
    /// accelerator-hours reach `acceleratorHours`.
    func plantInferenceFleet(
        account: Int, type: SampleInstanceType, acceleratorHours target: Double, _ random: inout SampleRandom
    ) -> PlantedWorkload {
        let firstRow = usage.count
        let regions: [(name: String, utcOffset: Int64)] = [
            ("us-east-1", -5), ("us-west-2", -8), ("ap-northeast-1", 9), ("ap-northeast-3", 9), ("eu-west-1", 0),
            ("ap-southeast-1", 8),
        ]
        let products = ["chat", "search", "voice", "translate", "assist", "vision", "rank", "summarize"]
        var tally = SampleComputeTally()
        var lifetimes: [(Int64, Int64, Int)] = []
        var jobIDs = Set<String>()
        var resourceCount = 0
        let fleetStart = SampleTime.windowStart + 45 * SampleTime.day
        let baselineTarget = target * 0.95 * 3600
        var deployment = 0
        func acceleratorSeconds() -> Double { Double(tally.acceleratorSeconds) }
        // Standing deployments, metered per instance and week like the provider's long-running capacity.
        while acceleratorSeconds() < baselineTarget {
            deployment += 1
            let region = random.element(regions)
            let job =
                "ep-\(random.element(products))-\(region.name.split(separator: "-").joined().prefix(6))-\(deployment)"
            jobIDs.insert(job)
            let start = random.int64(fleetStart...(SampleTime.asOf - SampleTime.day))
            let end = min(SampleTime.asOf, start + Int64(random.int(2...21)) * SampleTime.day)
            for _ in 0..<random.int(1...4) {
                let resource = add(
                    SampleResource(
                        account: account, resourceID: newResourceID(type.cloud, &random), jobID: job, clusterID: "",
                        region: region.name, zone: region.name + ["a", "b", "c", "d"][random.below(4)],
                        instanceType: type, acceleratorSpelling: "", writesZeroAccelerators: false,
                        writesInterconnect: false, timeStyle: .utc))
                resourceCount += 1
                lifetimes.append((start, end, type.acceleratorCount))
                meter(
                    resource, from: start, until: end, period: 7 * SampleTime.day, utilization: 60...300,
                    egressPerHour: 150_000_000_000...600_000_000_000, storagePerHour: 10_000_000...200_000_000,
                    tally: &tally, &random)
            }
        }
        // Scale-out sessions: a few hours around each region's local midday, one row per instance.
        while acceleratorSeconds() < target * 3600 {
            let region = random.element(regions)
            let day = SampleTime.startOfDay(random.int64(fleetStart...(SampleTime.asOf - SampleTime.day)))
            let start =
                day + (Int64(random.int(9...14)) - region.utcOffset) * SampleTime.hour
                + Int64(random.below(3600))
            let end = min(SampleTime.asOf, start + Int64(random.int(3...9)) * SampleTime.hour)
            guard start >= fleetStart, end > start else { continue }
            let job = "ep-\(random.element(products))-burst-\(random.hex(6))"
            jobIDs.insert(job)
            for _ in 0..<random.int(1...3) {
                let resource = add(
                    SampleResource(
                        account: account, resourceID: newResourceID(type.cloud, &random), jobID: job, clusterID: "",
                        region: region.name, zone: region.name + ["a", "b", "c"][random.below(3)], instanceType: type,
                        acceleratorSpelling: "", writesZeroAccelerators: false, writesInterconnect: false,
                        timeStyle: .utc))
                resourceCount += 1
                lifetimes.append((start, end, type.acceleratorCount))
                meter(
                    resource, from: start, until: end, period: SampleTime.day, utilization: 250...550,
                    egressPerHour: 300_000_000_000...900_000_000_000, storagePerHour: 10_000_000...100_000_000,
                    tally: &tally, &random)
            }
        }
        let compute = makeCompute(
            type: type, tally: tally, concurrentInstances: Self.peakConcurrency(lifetimes), resources: resourceCount,
            meteringDays: 7, clusterIDs: [], jobIDs: jobIDs.sorted(), regions: regions.map(\.name).sorted())
        return PlantedWorkload(compute: compute, tally: tally, rows: firstRow..<usage.count)
    }

    /// The most instances running at one instant.
    static func peakConcurrency(_ lifetimes: [(Int64, Int64, Int)]) -> Int {
        let events = lifetimes.flatMap { [($0.0, 1), ($0.1, -1)] }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        var running = 0
        var peak = 0
        for event in events {
            running += event.1
            peak = max(peak, running)
        }
        return peak
    }

    /// The ground truth's compute figures for a tally on `type`.
    func makeCompute(
        type: SampleInstanceType, tally: SampleComputeTally, concurrentInstances: Int, resources: Int,
        meteringDays: Int, clusterIDs: [String], jobIDs: [String], regions: [String]
    ) -> SampleGroundTruth.Compute {
        guard let peak = SampleInstanceType.peakBF16TFLOPS[type.acceleratorModel] else {
            preconditionFailure("no peak throughput for \(type.acceleratorModel)")
        }
        let opsPerSecond = peak * 1e12
        let metered =
            tally.meteredAcceleratorSeconds > 0
            ? Double(tally.weightedAcceleratorMilliseconds) / 1000 / Double(tally.meteredAcceleratorSeconds) : nil
        let utilized = tally.utilizedAcceleratorSeconds(defaultUtilization: Self.defaultUtilization)
        let used = tally.meteredAcceleratorSeconds == tally.acceleratorSeconds ? metered! : Self.defaultUtilization
        return SampleGroundTruth.Compute(
            instanceType: type.name, acceleratorModel: type.acceleratorModel, peakBF16TFLOPS: peak,
            concurrentInstances: concurrentInstances,
            concurrentAccelerators: concurrentInstances * type.acceleratorCount, resources: resources,
            usageRows: tally.rows, meteringDays: meteringDays,
            acceleratorHours: Double(tally.acceleratorSeconds) / 3600, meteredUtilization: metered,
            utilizationUsed: used, expectedOperations: utilized * opsPerSecond,
            upperBoundOperations: Double(tally.acceleratorSeconds) * opsPerSecond,
            peakClusterOpsPerSecond: clusterIDs.isEmpty
                ? 0 : Double(concurrentInstances * type.acceleratorCount) * opsPerSecond,
            interconnectGbps: Double(type.interconnectGbps) ?? 0, clusterIDs: clusterIDs,
            jobs: jobIDs.count, jobIDs: Array(jobIDs.prefix(20)), regions: regions,
            firstStart: SampleTime.iso(tally.firstStart), lastEnd: SampleTime.iso(tally.lastEnd))
    }

    /// The figures of a group: the members' tallies summed, their clusters and jobs listed.
    func makeGroupCompute(type: SampleInstanceType, members: [PlantedWorkload]) -> SampleGroundTruth.Compute {
        var tally = SampleComputeTally()
        for member in members {
            tally.merge(member.tally)
        }
        var compute = makeCompute(
            type: type, tally: tally, concurrentInstances: members.map(\.compute.concurrentInstances).reduce(0, +),
            resources: members.map(\.compute.resources).reduce(0, +), meteringDays: scale.trainingMeteringDays,
            clusterIDs: members.flatMap(\.compute.clusterIDs), jobIDs: members.flatMap(\.compute.jobIDs),
            regions: Array(Set(members.flatMap(\.compute.regions))).sorted())
        // The members' clusters are separate placement groups, so no single cluster has the sum.
        compute.peakClusterOpsPerSecond = members.map(\.compute.peakClusterOpsPerSecond).max() ?? 0
        return compute
    }
}
