import Foundation
import Testing

@testable import KYCWatch

@Suite("Detect stage on SampleData and hand calculations")
struct DetectStageTests {
    @Test("2,048 × 8 B200 for 120 days at 50 % is ≈ 1.91e26 operations, within 1 %")
    func handCalculation() throws {
        let catalog = try AcceleratorCatalog.load(
            acceleratorsPath: RepositoryPaths.reference + "/accelerators.csv",
            instanceTypesPath: RepositoryPaths.reference + "/instance_types.csv")
        var accumulator = RunAccumulator(assumptions: .init(catalog: catalog))
        let day: Int64 = 86_400_000
        for node in 0..<2048 {
            for week in 0..<18 {
                let start = Int64(week) * 7 * day
                let end = min(start + 7 * day, 120 * day)
                guard end > start else { continue }
                accumulator.add(
                    UsageRecord(
                        recordID: "r\(node)-\(week)", accountID: "a", resourceID: "n\(node)", jobID: "train",
                        clusterID: "pg-7", region: nil, zone: nil, instanceType: "p6-b200.48xlarge",
                        acceleratorModel: "B200", acceleratorCount: 8, start: start, end: end, utilization: 0.5,
                        interconnectGbps: 3200, egressBytes: 0, storageWriteBytes: 0, accountKnown: true, line: 1))
            }
        }
        let run = try #require(accumulator.runs().first)
        let expected = 2048.0 * 8 * 2250e12 * 120 * 86400 * 0.5
        #expect(abs(run.expectedOperations - expected) / expected < 0.01)
        #expect(abs(run.expectedOperations - 1.91e26) / 1.91e26 < 0.01)
        #expect(abs(run.upperBoundOperations - 2 * expected) / expected < 0.01)
        #expect(run.peakConcurrentAccelerators == 16384)
        #expect(abs(run.peakOperationsPerSecond - 16384 * 2250e12) / 3.7e19 < 0.001)
    }

    @Test("every planted training situation is found; no decoy is a covered transaction")
    func sampleDataGroundTruth() async throws {
        let truth = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.sampleData + "/ground-truth.json")))
                as? [String: Any])
        let situations = try #require(truth["situations"] as? [[String: Any]])
        func accounts(_ name: String) -> [String] {
            (situations.first { $0["name"] as? String == name }?["accounts"] as? [String]) ?? []
        }
        let folder = TemporaryFolder()
        var configuration = try PipelineConfiguration.load(path: RepositoryPaths.root + "/Pipelines/nightly.yaml")
        configuration.outputFolder = folder.path
        _ = try await DetectStage(configuration: configuration, runDate: "2026-11-28", shards: 8).run(stage: "run")
        let lines = try readAll(InputFile.open(folder.file("findings.jsonl.zst")))
        let findings = try String(decoding: lines, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(Finding.self, from: Data($0.utf8))
        }
        func has(_ rule: String, _ account: String, _ severity: Severity? = nil) -> Bool {
            findings.contains {
                $0.rule == rule && $0.subject.accounts == [account] && (severity == nil || $0.severity == severity)
            }
        }
        let foreign = try #require(accounts("foreign-large-training").first)
        let domestic = try #require(accounts("domestic-large-training").first)
        let nearMiss = try #require(accounts("foreign-near-miss").first)
        let fleet = try #require(accounts("inference-fleet").first)
        let traveller = try #require(accounts("us-traveller").first)
        #expect(has("CVT-001", foreign, .critical))
        #expect(has("LMT-001", foreign, .critical))
        #expect(has("LMT-001", domestic, .critical))
        #expect(!has("CVT-001", domestic))
        #expect(has("LMT-001", nearMiss, .medium))
        #expect(!has("CVT-001", nearMiss))
        #expect(!has("LMT-001", fleet) && !has("CVT-001", fleet))
        #expect(!has("FPI-001", traveller))
        for name in [
            "indicator-access-geography", "indicator-anonymizer", "us-declared-inconsistent",
            "foreign-subsidiary-of-us-company",
        ] {
            let account = try #require(accounts(name).first)
            #expect(has("FPI-001", account), "\(name)")
        }
        for name in ["shared-nat-address", "us-vanity-cctld"] {
            let account = try #require(accounts(name).first)
            #expect(!has("FPI-001", account), "\(name)")
        }
        let split = accounts("split-run-linked-accounts").sorted()
        let groups = findings.filter { $0.rule == "CVT-002" }
        #expect(groups.map(\.subject.accounts) == [split])
        #expect(groups.first?.subject.kind == "group")
        let covered = findings.filter { $0.rule == "CVT-001" }
        #expect(covered.count == 1)
        let report = try #require(covered.first)
        #expect(report.knowledgeDate == "2026-11-28")
        #expect(report.reportDue == "2026-12-13")
        let planted = try #require(
            (situations.first { $0["name"] as? String == "foreign-large-training" }?["compute"] as? [String: Any])?[
                "expected_operations"] as? Double)
        let estimated = try #require(report.metrics["expected_operations"])
        #expect(abs(estimated - planted) / planted < 0.01)
        let unknown = try #require(
            (truth["dirty_rows"] as? [[String: Any]])?.first { $0["reason"] as? String == "unknown-account" }?[
                "account"] as? String)
        #expect(has("DQ-001", unknown))
    }
}
