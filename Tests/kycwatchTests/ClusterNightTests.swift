import Foundation
import KYCWatch
import Testing

/// CLS-001 on real usage exports: the cluster a night reports is the one its records can hold at
/// once, on the fast interconnect, with the figures of one hour.
@Suite("Large clusters in a night")
struct ClusterNightTests {
    static let usageHeader =
        "record_id,account_id,resource_id,job_id,cluster_id,region,zone,instance_type,accelerator_model,"
        + "accelerator_count,start_time,end_time,accelerator_utilization,interconnect_gbps,egress_bytes,"
        + "storage_write_bytes"

    /// The CLS-001 findings of a night of `usage` rows (after ``usageHeader``) on 2026-06-10.
    static func clusterFindings(_ usage: [String]) throws -> [Finding] {
        let fixture = try NightFixture()
        let exports = try fixture.exports(
            night: "n", accounts: [NightFixture.domestic], access: [NightFixture.domesticLogin])
        let path = try fixture.writeExport("usage.csv.zst", header: usageHeader, rows: usage)
        let result = try fixture.run(exports + ["--usage", path], night: "n", date: "2026-06-10")
        #expect(result.status == 0, "\(result.stderr)")
        return try fixture.findings(night: "n").filter { $0.rule == "CLS-001" }
    }

    @Test("a resource metered twice is not two clusters' worth of accelerators")
    func overlappingRecords() throws {
        // 60,000 H100 (5.9e19 OP/s) on one resource for a day, its first hour metered again.
        let doubled = try Self.clusterFindings([
            "v-1,acct-us,v1,,pg-v,us-east-1,,,H100-SXM5-80GB,60000,2026-06-01T00:00:00Z,2026-06-02T00:00:00Z,0.5,3200,,",
            "v-2,acct-us,v1,,pg-v,us-east-1,,,H100-SXM5-80GB,60000,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.5,3200,,",
        ])
        #expect(doubled.isEmpty, "\(doubled.map(\.summary))")
        // 110,000 H100 (1.1e20 OP/s) on two resources, one metered twice for an hour, are still a large
        // cluster, of 110,000.
        let large = try Self.clusterFindings([
            "w-1,acct-us,w1,,pg-w,us-east-1,,,H100-SXM5-80GB,55000,2026-06-01T00:00:00Z,2026-06-02T00:00:00Z,,3200,,",
            "w-2,acct-us,w2,,pg-w,us-east-1,,,H100-SXM5-80GB,55000,2026-06-01T00:00:00Z,2026-06-02T00:00:00Z,,3200,,",
            "w-3,acct-us,w1,,pg-w,us-east-1,,,H100-SXM5-80GB,55000,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,3200,,",
        ])
        let finding = try #require(large.first)
        #expect(large.count == 1)
        #expect(finding.metrics["peak_concurrent_accelerators"] == 110_000)
        #expect(finding.metrics["accelerators_at_peak"] == 110_000)
        #expect(finding.summary.hasPrefix("Cluster of ~110,000 accelerators"), "\(finding.summary)")
        #expect(finding.summary.contains("110,000 accelerators its resources hold"), "\(finding.summary)")
    }

    @Test("the accelerators and OP/s of the summary are those of one hour")
    func figuresOfOneHour() throws {
        // 100,000 T4 (6.5e18 OP/s) in the first hour, 50,000 B200 (1.1e20 OP/s) in the second.
        let findings = try Self.clusterFindings([
            "mm-1,acct-us,r5,JM,CM,us-east-1,,,T4,100000,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,3200,,",
            "mm-2,acct-us,r6,JM,CM,us-east-1,,,B200,50000,2026-06-01T01:00:00Z,2026-06-01T02:00:00Z,,3200,,",
        ])
        let finding = try #require(findings.first)
        // The most at once were the T4 of the first hour; the summary's hour is the second.
        #expect(finding.metrics["peak_concurrent_accelerators"] == 100_000)
        #expect(finding.metrics["accelerators_at_peak"] == 50_000)
        #expect(
            finding.summary.hasPrefix(
                "Cluster of ~50,000 accelerators (peak 1.1e20 OP/s in the hour from 2026-06-01 01:00 UTC"),
            "\(finding.summary)")
    }

    @Test("only accelerators on interconnect above 100 Gbit/s count toward the cluster")
    func slowNodesAreNoCluster() throws {
        // 8 H100 on 3,200 Gbit/s and 110,000 on 25 Gbit/s in one job: no cluster of 1.1e20 OP/s.
        let slow = try Self.clusterFindings([
            "mx-1,acct-us,r3,JX,CX,us-east-1,,,H100-SXM5-80GB,8,2026-06-01T00:00:00Z,2026-06-01T02:00:00Z,,3200,,",
            "mx-2,acct-us,r4,JX,CX,us-east-1,,,H100-SXM5-80GB,60000,2026-06-01T00:00:00Z,2026-06-01T02:00:00Z,,25,,",
            "mx-3,acct-us,r5,JX,CX,us-east-1,,,H100-SXM5-80GB,50000,2026-06-01T00:00:00Z,2026-06-01T02:00:00Z,,25,,",
        ])
        #expect(slow.isEmpty, "\(slow.map(\.summary))")
        // The same with 110,008 on the fast interconnect is a cluster of them all.
        let fast = try Self.clusterFindings([
            "mx-1,acct-us,r3,JX,CX,us-east-1,,,H100-SXM5-80GB,8,2026-06-01T00:00:00Z,2026-06-01T02:00:00Z,,3200,,",
            "mx-2,acct-us,r4,JX,CX,us-east-1,,,H100-SXM5-80GB,60000,2026-06-01T00:00:00Z,2026-06-01T02:00:00Z,,400,,",
            "mx-3,acct-us,r5,JX,CX,us-east-1,,,H100-SXM5-80GB,50000,2026-06-01T00:00:00Z,2026-06-01T02:00:00Z,,400,,",
        ])
        #expect(fast.first?.metrics["peak_concurrent_accelerators"] == 110_008, "\(fast.map(\.summary))")
    }
}
