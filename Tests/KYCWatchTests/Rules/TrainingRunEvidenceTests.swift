import Testing

@testable import KYCWatch

@Suite("A run's evidence and the caveats of its figures")
struct TrainingRunEvidenceTests {
    typealias F = RunFixtures

    @Test("records of one resource metered twice over the same hours are named as overlapping, with their effect")
    func overlappingRecords() throws {
        // 128 resources of 128 B200 for 120 days; resource n0 is metered a second time, as a daily line
        // beside its weekly ones.
        let doubled = (0..<120).map { day in
            F.record(
                "n0-daily-\(day)", resource: "n0", cluster: "pg-7", start: Int64(day) * F.day,
                end: Int64(day + 1) * F.day)
        }
        let run = try #require(F.runs(F.trainingRun() + doubled).first)
        #expect(run.resources == 128)
        #expect(run.peakConcurrentAccelerators == 129 * 128)
        #expect(run.hasOverlappingRecords)
        let finding = try #require(
            try TrainingComputeRule().evaluate(F.evidence("a", runs: [run]), in: F.context()).first)
        #expect(
            finding.summary.hasSuffix(
                "; its records overlap (16,512 accelerators at once on resources holding 16,384): hours metered twice "
                    + "are counted twice, so the figures are high"), "\(finding.summary)")
        #expect(finding.evidence["overlapping_records"] != nil)
        // Records that follow one another on each resource do not overlap.
        let plain = try #require(F.runs(F.trainingRun()).first)
        #expect(!plain.hasOverlappingRecords)
        let clean = try #require(
            try TrainingComputeRule().evaluate(F.evidence("a", runs: [plain]), in: F.context()).first)
        #expect(!clean.summary.contains("overlap") && clean.evidence["overlapping_records"] == nil)
    }

    @Test("egress and storage writes no record metered are left out of a run's figures, not given as 0")
    func unmeteredEgress() throws {
        var records = F.trainingRun(days: 10)
        for index in records.indices {
            records[index].egressBytes = nil
            records[index].storageWriteBytes = nil
        }
        let unmetered = try #require(F.runs(records).first)
        let metrics = unmetered.metrics(threshold: nil)
        #expect(metrics["egress_bytes"] == nil && metrics["storage_write_bytes"] == nil)
        let metered = try #require(F.runs(F.trainingRun(days: 10)).first).metrics(threshold: nil)
        #expect((metered["egress_bytes"] ?? 0) > 0 && (metered["storage_write_bytes"] ?? 0) > 0)
    }
}
