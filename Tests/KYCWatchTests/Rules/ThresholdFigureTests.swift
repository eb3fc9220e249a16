import Testing

@testable import KYCWatch

@Suite("Compute figures in summaries read on the threshold's side the run is on")
struct ThresholdFigureTests {
    typealias F = RunFixtures

    /// 16,384 B200 at 50 % for 120 days: 1.911e26 operations, which two digits write as 1.9e26.
    static let training = F.runs(F.trainingRun())

    /// Every rule's `threshold_operations` set to `value`.
    static func threshold(_ value: Double) -> [String: [String: ParameterValue]] {
        Dictionary(
            uniqueKeysWithValues: ["LMT-001", "CVT-001", "CVT-002", "DQ-002"].map {
                ($0, ["threshold_operations": ParameterValue.number(value)])
            })
    }

    @Test("a run just over a 1.9e26 threshold is not written 1.9e26 by LMT-001, CVT-001 or DQ-002")
    func overThreshold() throws {
        let run = try #require(Self.training.first)
        #expect(run.expectedOperations > 1.9e26 && FigureFormat.scientific(run.expectedOperations) == "1.9e26")
        let context = F.context(Self.threshold(1.9e26))
        let account = F.evidence("cn", country: "CN", runs: Self.training)
        let lmt = try #require(try TrainingComputeRule().evaluate(account, in: context).first)
        #expect(lmt.summary.contains("of ~1.91e26 operations (upper bound 3.8e26)"), "\(lmt.summary)")
        let cvt = try #require(try CoveredTransactionRule().evaluate(account, in: context).first)
        #expect(cvt.summary.contains("training run of ~1.91e26 operations"), "\(cvt.summary)")
        let loose = LooseUsageRuleTests.loose(account: "cn")
        let dq = try #require(
            try LooseUsageRule().evaluate(F.evidence("cn", country: "CN", runs: loose), in: context).first)
        #expect(dq.summary.contains("(~1.91e26 operations, upper bound 3.8e26)"), "\(dq.summary)")
        // With the default threshold, two digits are enough.
        let plain = try #require(try TrainingComputeRule().evaluate(account, in: F.context()).first)
        #expect(plain.summary.contains("of ~1.9e26 operations (upper bound 3.8e26)"), "\(plain.summary)")
    }

    @Test("runs split across one account or linked accounts are written on their side of the threshold")
    func splits() async throws {
        // Two clusters of 60 days: about 9.55e25 each, 1.911e26 together.
        let runs = F.runs(
            F.trainingRun(cluster: "pg-1", days: 60) + F.trainingRun(cluster: "pg-2", from: 60 * F.day, days: 60))
        let context = F.context(Self.threshold(1.9e26))
        let split = try #require(
            try CoveredTransactionRule().evaluate(F.evidence("cn", country: "CN", runs: runs), in: context).first)
        #expect(split.summary.contains(": ~1.91e26 operations together"), "\(split.summary)")
        // One run of the pair, under a threshold of its two-digit figure, is written below it.
        let one = try #require(runs.first?.expectedOperations)
        let under = Double(FigureFormat.scientific(one))!
        #expect(one < under)
        let listed = try #require(
            try CoveredTransactionRule().evaluate(
                F.evidence("cn", country: "CN", runs: runs), in: F.context(Self.threshold(under))
            ).first)
        guard case .list(let items) = listed.evidence["runs"] else {
            Issue.record("no runs listed")
            return
        }
        for item in items {
            let figure = try #require(item.split(separator: " ").last.flatMap { Double($0) }, "\(item)")
            #expect(figure < under, "\(item)")
        }
        // The same runs in two accounts paying with one card, one of them in China: CVT-002.
        let pair = [
            F.evidence("g1", country: "CN", runs: [runs[0]], card: "pm_shared"),
            F.evidence("g2", runs: [runs[1]], card: "pm_shared"),
        ]
        let found = await RuleEngine().evaluate(pair, context: context, shards: 1)
        let group = try #require(found.first { $0.rule == "CVT-002" })
        #expect(group.summary.contains(": ~1.91e26 operations together"), "\(group.summary)")
    }

    @Test("TRS-001 writes a run's operations on their side of LMT-001's threshold")
    func trainingShape() throws {
        let account = F.evidence("cn", country: "CN", runs: Self.training)
        let over = try #require(try TrainingShapeRule().evaluate(account, in: F.context(Self.threshold(1.9e26))).first)
        #expect(
            over.summary.hasPrefix("Run in cluster pg-7, 1970-01-01 to 1970-04-30 (~1.91e26 operations, "),
            "\(over.summary)")
        // The threshold is among its figures, so the report and explain write them on their side too.
        #expect(over.metrics["threshold_operations"] == 1.9e26)
        #expect(FindingExplanation(finding: over).render().contains("1.91e26 operations"))
        let run = try #require(Self.training.first)
        let under = try #require(
            try TrainingShapeRule().evaluate(account, in: F.context(Self.threshold(1.92e26))).first)
        #expect(run.expectedOperations < 1.92e26)
        #expect(
            under.summary.hasPrefix("Run in cluster pg-7, 1970-01-01 to 1970-04-30 (~1.91e26 operations, "),
            "\(under.summary)")
        // With the default threshold, two digits are enough.
        let plain = try #require(try TrainingShapeRule().evaluate(account, in: F.context()).first)
        #expect(
            plain.summary.hasPrefix("Run in cluster pg-7, 1970-01-01 to 1970-04-30 (~1.9e26 operations, "),
            "\(plain.summary)")
    }
}
