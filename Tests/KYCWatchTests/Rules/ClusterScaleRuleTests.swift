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
        #expect(try ClusterScaleRule().evaluate(F.evidence("a", runs: [run]), in: F.context()).count == 1)
    }
}
