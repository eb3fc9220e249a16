import Testing

@testable import KYCWatch

@Suite("DQ-002 and linking: accelerator usage with no job or cluster id")
struct LooseUsageRuleTests {
    typealias F = RunFixtures

    /// 2,048 resources of 8 B200, 120 days at 50 %, metered with neither a job nor a cluster id:
    /// 47,185,920 accelerator-hours, 1.91e26 operations.
    static func loose(account: String, days: Int64 = 120) -> [TrainingRun] {
        F.runs(
            (0..<2_048).map {
                F.record(
                    "\(account)-\($0)", account: account, resource: "\(account)-node\($0)", cluster: nil,
                    accelerators: 8, start: 0, end: days * F.day)
            })
    }

    @Test("loose usage at training scale is reported with its figures: high over the threshold, medium near it")
    func reported() throws {
        let runs = Self.loose(account: "cn")
        let loose = try #require(runs.first)
        #expect(runs.count == 1 && loose.basis == .loose)
        let finding = try #require(
            try LooseUsageRule().evaluate(F.evidence("us", runs: Self.loose(account: "us")), in: F.context()).first)
        #expect(finding.severity == .high)
        #expect(!finding.summary.contains("foreign") && finding.metrics["foreign_score"] == nil, "\(finding.summary)")
        // No report is due for a customer not likely foreign: no dates.
        #expect(finding.knowledgeDate == nil && finding.reportDue == nil)
        #expect(finding.metrics["accelerator_hours"] == 47_185_920)
        #expect(abs((finding.metrics["expected_operations"] ?? 0) / 1.911e26 - 1) < 0.01)
        #expect(
            finding.summary.hasPrefix("47,185,920 accelerator-hours of B200 (~1.9e26 operations"), "\(finding.summary)")
        #expect(finding.summary.contains("on 2,048 resources"))
        // The id does not move with the window.
        let later = try LooseUsageRule().evaluate(
            F.evidence("us", runs: Self.loose(account: "us", days: 121)), in: F.context())
        #expect(later.first?.id == finding.id)
        // 40 days: 6.4e25, over half the threshold: medium. 20 days: 3.2e25, nothing.
        let near = try LooseUsageRule().evaluate(
            F.evidence("cn", runs: Self.loose(account: "cn", days: 40)), in: F.context())
        #expect(near.map(\.severity) == [.medium])
        #expect(
            try LooseUsageRule().evaluate(F.evidence("cn", runs: Self.loose(account: "cn", days: 20)), in: F.context())
                .isEmpty)
        // A run with a cluster id is LMT-001's, not this rule's.
        #expect(try LooseUsageRule().evaluate(F.evidence("cn", runs: F.runs(F.trainingRun())), in: F.context()).isEmpty)
    }

    @Test(
        "loose usage past the threshold by a likely foreign customer is critical, says a report may be due, and dates it"
    )
    func likelyForeign() throws {
        let finding = try #require(
            try LooseUsageRule().evaluate(
                F.evidence("cn", country: "CN", runs: Self.loose(account: "cn")), in: F.context()
            )
            .first)
        #expect(finding.severity == .critical)
        #expect(
            finding.summary.contains("; the customer is likely foreign (foreign-person score "), "\(finding.summary)")
        #expect(
            finding.summary.hasSuffix(
                "if this usage is one training run, it is a covered transaction, to be reported within 15 days of its "
                    + "knowledge date"
            ))
        #expect(finding.knowledgeDate == "2026-11-28" && finding.reportDue == "2026-12-13")
        #expect((finding.metrics["foreign_score"] ?? 0) >= 1)
        #expect(finding.evidence["foreign_signals"] != nil)
        // Near the threshold it stays medium, whoever the customer.
        let near = try LooseUsageRule().evaluate(
            F.evidence("cn", country: "CN", runs: Self.loose(account: "cn", days: 40)), in: F.context())
        #expect(near.map(\.severity) == [.medium])
    }

    @Test("loose usage of a customer presumed foreign for a gap alone names the gap, not a score")
    func presumedForAGap() throws {
        let evidence = F.evidence("us-org", country: "US", runs: Self.loose(account: "us-org"), owners: [])
        let finding = try #require(try LooseUsageRule().evaluate(evidence, in: F.context()).first)
        #expect(finding.severity == .critical)
        #expect(
            finding.summary.contains(
                "; the customer is presumed foreign for a gap in the data (an organization listing no beneficial "
                    + "owners): if this usage is one training run"), "\(finding.summary)")
        #expect(!finding.summary.contains("foreign-person score"), "\(finding.summary)")
    }

    @Test("loose usage has no hourly profile: its peaks were not measured, and are in no figure, report or explain")
    func peaksNotMeasured() throws {
        let runs = Self.loose(account: "cn")
        let loose = try #require(runs.first)
        #expect(loose.profile.isEmpty && !loose.hasMeasuredPeaks)
        let finding = try #require(
            try LooseUsageRule().evaluate(F.evidence("cn", country: "CN", runs: runs), in: F.context()).first)
        #expect(finding.metrics["peak_concurrent_accelerators"] == nil, "\(finding.metrics)")
        #expect(finding.metrics["peak_cluster_ops_per_second"] == nil, "\(finding.metrics)")
        // The figures that were measured are all there.
        #expect(finding.metrics["accelerator_hours"] == 47_185_920)
        #expect(finding.metrics["expected_operations"] != nil && finding.metrics["days"] == 120)
        let explained = FindingExplanation(finding: finding).render()
        #expect(!explained.contains("Peak"), "\(explained)")
        #expect(explained.contains("47,185,920 accelerator-hours"))
        let report = HTMLReport(
            review: NightReview(findings: [finding]), manifest: ReportFixtures.manifest(),
            evidence: [F.evidence("cn", country: "CN", runs: runs)], runDate: "2026-11-28")
        let findings = report.orderedFindings
        let body = report.body(findings)
        #expect(body.contains("47,185,920 accelerator-hours"))
        #expect(!body.contains("Peak concurrent accelerators") && !body.contains("Peak cluster OP/s"))
        #expect(!report.pageData(findings).findings.flatMap(\.figures).contains { $0.first?.hasPrefix("Peak") == true })
        // A run with a cluster id has its peaks measured and given.
        let run = try #require(F.runs(F.trainingRun()).first)
        #expect(run.metrics(threshold: nil)["peak_concurrent_accelerators"] == 16_384)
        #expect(run.metrics(threshold: nil)["peak_cluster_ops_per_second"] != nil)
    }

    @Test("a linked group's loose usage is in its figures and sentence, and counts towards a large group")
    func linkedGroup() async throws {
        let accounts = [
            F.evidence("l-a", country: "CN", runs: Self.loose(account: "l-a"), card: "pm-l"),
            F.evidence("l-b", country: "CN", runs: Self.loose(account: "l-b"), card: "pm-l"),
        ]
        let findings = await RuleEngine().evaluate(accounts, context: F.context(), shards: 2)
        let group = try #require(findings.first { $0.rule == "LNK-001" })
        #expect(group.metrics["loose_accelerator_hours"] == 94_371_840)
        #expect(group.metrics["accelerator_hours"] == 0, "no run")
        #expect(
            group.summary.contains(
                "no accelerator runs; 94,371,840 accelerator-hours (~3.8e26 operations) with no job or cluster id, in no run"
            ), "\(group.summary)")
        #expect(group.severity == .high)
        #expect(findings.filter { $0.rule == "DQ-002" }.count == 2)
    }
}
