import Foundation
import Testing

@Suite("kycwatch run, end to end")
struct RunCommandTests {
    @Test("runs the nightly pipeline on SampleData; findings, report and case drafts are byte-identical across runs")
    func runTwice() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kycwatch-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var findings: [Data] = []
        var reviewerOutputs: [[Data]] = []
        for run in 0..<2 {
            let out = folder.appendingPathComponent("night\(run)").path
            let result = try KYCWatchBinary.run(
                ["run", "Pipelines/nightly.yaml", "--out", out, "--run-date", "2026-11-28"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("kycwatch run: "), "\(result.stdout)")
            #expect(result.stdout.contains(" findings ("), "\(result.stdout)")
            findings.append(try Data(contentsOf: URL(fileURLWithPath: out + "/findings.jsonl.zst")))
            let cases = try FileManager.default.contentsOfDirectory(atPath: out + "/cases").sorted()
            reviewerOutputs.append(
                try ([out + "/report.html"] + cases.map { "\(out)/cases/\($0)" }).map {
                    try Data(contentsOf: URL(fileURLWithPath: $0))
                })
        }
        #expect(findings[0] == findings[1])
        #expect(reviewerOutputs[0] == reviewerOutputs[1], "report.html and cases/ differ between identical runs")
        #expect(findings[0].count > 1000)
    }

    @Test("rules lists the catalogue with parameters")
    func rules() throws {
        let result = try KYCWatchBinary.run(["rules"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("LMT-001 v2"))
        #expect(result.stdout.contains("TRS-001 v1"))
        #expect(result.stdout.contains("LNK-001 v1"))
        #expect(result.stdout.contains("cluster_idle_gap_hours = 72.0"))
        #expect(result.stdout.contains("(1 to 87600)"))
        #expect(result.stdout.contains("report_days = 15.0  days from knowledge to the report's due date (0 to 365)"))
        #expect(result.stdout.contains("threshold_operations = 1e+26"))
    }
}
