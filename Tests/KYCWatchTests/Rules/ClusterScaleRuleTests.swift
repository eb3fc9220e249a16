import Testing

@testable import KYCWatch

@Suite("CLS-001: large computing clusters")
struct ClusterScaleRuleTests {
    typealias F = RunFixtures

    /// `resources` resources of 128 B200 in job `job` on cluster pg-1 for six hours from midnight.
    static func job(_ job: String, resources: Int, model: String = "B200", from: Int64 = 0) -> [UsageRecord] {
        (0..<resources).map {
            var record = F.record(
                "\(job)-\($0)", account: "a", resource: "\(job)-n\($0)", job: job, cluster: "pg-1", start: from,
                end: from + 6 * F.hour)
            record.acceleratorModel = model
            return record
        }
    }

    @Test("jobs side by side on one cluster that reach 1e20 OP/s together, none alone, are one large cluster")
    func sharedCluster() throws {
        // 188 × 128 = 24,064 B200 each: 5.4e19 OP/s each, 1.08e20 together.
        let runs = F.runs(Self.job("j1", resources: 188) + Self.job("j2", resources: 188))
        #expect(runs.count == 2 && runs.allSatisfy { $0.peakOperationsPerSecond < 1e20 })
        let findings = try ClusterScaleRule().evaluate(F.evidence("a", runs: runs), in: F.context())
        let shared = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(shared.metrics["peak_concurrent_accelerators"] == 48_128)
        #expect(abs((shared.metrics["peak_cluster_ops_per_second"] ?? 0) / (48_128 * 2.25e15) - 1) < 1e-9)
        #expect(shared.evidence["runs"] == .list(["job j1", "job j2"]))
        #expect(shared.summary.contains("in cluster pg-1, shared by 2 runs"), "\(shared.summary)")
        // The cluster's usage without a job id counts beside a job.
        let jobless = Self.job("j1", resources: 188).map {
            var record = $0
            record.jobID = nil
            return record
        }
        let mixed = F.runs(jobless + Self.job("j2", resources: 188))
        #expect(Set(mixed.map(\.label)) == ["cluster pg-1", "job j2"])
        let withCluster = try ClusterScaleRule().evaluate(F.evidence("a", runs: mixed), in: F.context())
        #expect(withCluster.first?.metrics["peak_concurrent_accelerators"] == 48_128, "\(withCluster.map(\.summary))")
        // Not at once (the second job after the first): no cluster of that size.
        let apart = F.runs(Self.job("j1", resources: 188) + Self.job("j2", resources: 188, from: 6 * F.hour))
        #expect(try ClusterScaleRule().evaluate(F.evidence("a", runs: apart), in: F.context()).isEmpty)
        // One job reaching the peak alone is reported as its run, once.
        let alone = F.runs(Self.job("j1", resources: 360) + Self.job("j2", resources: 10))
        let found = try ClusterScaleRule().evaluate(F.evidence("a", runs: alone), in: F.context())
        #expect(found.map { $0.evidence["run"] } == [.text("job j1")])
    }

    @Test("a run's peak operations a second is its own hour's, not that of the hour with most accelerators")
    func peakOperationsHour() throws {
        // Day one: 360 × 128 B200 (46,080, 1.04e20 OP/s); day two: 160 × 128 B200 and 240 × 128 L4
        // (51,200 accelerators, 4.6e19 + 3.7e18 OP/s).
        let first = (0..<360).map {
            F.record("b\($0)", resource: "b\($0)", cluster: "pg-2", start: 0, end: F.day)
        }
        let second = (0..<160).map {
            F.record("c\($0)", resource: "c\($0)", cluster: "pg-2", start: F.day, end: 2 * F.day)
        }
        let l4 = (0..<240).map {
            var record = F.record("d\($0)", resource: "d\($0)", cluster: "pg-2", start: F.day, end: 2 * F.day)
            record.acceleratorModel = "L4"
            return record
        }
        let run = try #require(F.runs(first + second + l4).first)
        #expect(run.peakConcurrentAccelerators == 51_200)
        #expect(abs(run.peakOperationsPerSecond / (46_080 * 2.25e15) - 1) < 1e-9)
        let found = try ClusterScaleRule().evaluate(F.evidence("a", runs: [run]), in: F.context())
        #expect(found.count == 1)
        // The run's peak concurrency, and the count of its hour of most OP/s, each under its own name.
        #expect(found.first?.metrics["peak_concurrent_accelerators"] == 51_200)
        #expect(found.first?.metrics["accelerators_at_peak"] == 46_080)
        #expect(found.first?.summary.hasPrefix("Cluster of ~46,080 accelerators (peak ") == true)
    }

    @Test("runs of several models side by side count each hour at that hour's own models' OP/s")
    func sharedClusterOfSeveralModels() throws {
        // Job m: day one 500 × 128 A100 (64,000, 2.0e19 OP/s), day two 240 × 128 B200 (30,720, 6.9e19
        // OP/s). Job n beside it on day one: 300 × 128 H100 (38,400, 3.8e19 OP/s). The cluster's
        // busiest hour is 6.9e19 OP/s, under 1e20. Counted at job m's figure per accelerator at its
        // peak (6.9e19 / 64,000), day one would read 6.9e19 + 3.8e19 = 1.07e20.
        func records(_ job: String, _ count: Int, _ model: String, day: Int64) -> [UsageRecord] {
            (0..<count).map {
                var record = F.record(
                    "\(job)\(day)-\($0)", resource: "\(job)\(day)-\($0)", job: job, cluster: "pg-mix",
                    start: day * F.day,
                    end: (day + 1) * F.day)
                record.acceleratorModel = model
                return record
            }
        }
        let runs = F.runs(
            records("m", 500, "A100-SXM4-80GB", day: 0) + records("m", 240, "B200", day: 1)
                + records("n", 300, "H100-SXM5-80GB", day: 0))
        let peaks = F.context().assumptions.peakOperationsPerSecond
        let a100 = try #require(peaks["A100-SXM4-80GB"]), b200 = try #require(peaks["B200"])
        let h100 = try #require(peaks["H100-SXM5-80GB"])
        let busiest = max(64_000 * a100 + 38_400 * h100, 30_720 * b200)
        #expect(busiest < 1e20)
        let mixed = try #require(runs.first { $0.key == "m" })
        #expect(mixed.hourlyPeaks.map(\.operationsPerSecond).max().map { abs($0 / (30_720 * b200) - 1) < 1e-9 } == true)
        #expect(mixed.hourlyPeaks.first.map { abs($0.operationsPerSecond / (64_000 * a100) - 1) < 1e-9 } == true)
        #expect(try ClusterScaleRule().evaluate(F.evidence("a", runs: runs), in: F.context()).isEmpty)
        // 81,920 H100 beside them on day one (8.1e19 OP/s, under 1e20 alone) put the cluster over 1e20.
        let more = F.runs(
            records("m", 500, "A100-SXM4-80GB", day: 0) + records("m", 240, "B200", day: 1)
                + records("n", 640, "H100-SXM5-80GB", day: 0))
        let found = try #require(try ClusterScaleRule().evaluate(F.evidence("a", runs: more), in: F.context()).first)
        let expected = 64_000 * a100 + 81_920 * h100
        #expect(abs((found.metrics["peak_cluster_ops_per_second"] ?? 0) / expected - 1) < 1e-9, "\(found.metrics)")
        #expect(found.metrics["peak_concurrent_accelerators"] == 145_920)
        #expect(found.metrics["accelerators_at_peak"] == 145_920)
    }

    @Test("a run's cluster is its accelerators on interconnect above interconnect_gbps, as the night's runs were built")
    func clusterInterconnect() throws {
        // 8 B200 on 3,200 Gbit/s and 46,080 on 400 Gbit/s (1.04e20 OP/s together) in one job.
        let records =
            [F.record("f", resource: "f", job: "j", accelerators: 8, start: 0, end: F.hour)]
            + (0..<360).map {
                F.record("s\($0)", resource: "s\($0)", job: "j", start: 0, end: F.hour, gbps: 400)
            }
        let parameters: [String: [String: ParameterValue]] = ["CLS-001": ["interconnect_gbps": .number(500)]]
        // Built and weighed at 100 Gbit/s, all count; at 500, only the 8.
        #expect(try ClusterScaleRule().evaluate(F.evidence("a", runs: F.runs(records)), in: F.context()).count == 1)
        let strict = F.runs(records, parameters: parameters)
        #expect(strict.first?.clusterProfile.first?.accelerators == 8)
        #expect(try ClusterScaleRule().evaluate(F.evidence("a", runs: strict), in: F.context(parameters)).isEmpty)
        // Weighed at a figure the runs were not built at, a run counts whole when any record is above it.
        let loose = try ClusterScaleRule().evaluate(F.evidence("a", runs: F.runs(records)), in: F.context(parameters))
        #expect(loose.first?.metrics["peak_concurrent_accelerators"] == 46_088)
    }
}
