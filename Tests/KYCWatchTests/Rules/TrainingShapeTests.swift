import Testing

@testable import KYCWatch

@Suite("Training shape (TRS-001) and how the compute and covered-transaction rules use it")
struct TrainingShapeTests {
    typealias F = RunFixtures

    static let training = F.runs(F.trainingRun())
    static let fleet = F.runs(F.inferenceFleet(account: "f"))

    private func shape(_ run: TrainingRun, _ parameters: [String: [String: ParameterValue]] = [:]) -> TrainingShape {
        TrainingShape(run: run, thresholds: .init(parameters))
    }

    @Test("a co-located, steady, busy run with checkpoints and little egress is training-shaped")
    func trainingRun() throws {
        let run = try #require(Self.training.first)
        let shape = shape(run)
        #expect(shape.verdict == .training)
        #expect(shape.trainingSignals == 7 && shape.inferenceSignals == 0)
        #expect(
            shape.signals.map(\.name) == [
                "co-location", "resource-turnover", "utilization", "steadiness", "interconnect", "checkpoint-writes",
                "egress",
            ])
        let utilization = try #require(shape.signals.first { $0.name == "utilization" })
        #expect(utilization.figure == 0.5 && utilization.threshold == 0.3)
        #expect(utilization.text == "utilization 0.50 ≥ 0.30 mean metered: training")
    }

    @Test("an inference fleet as large as a training run is inference-shaped")
    func inferenceFleet() throws {
        let run = try #require(Self.fleet.first)
        #expect(Self.fleet.count == 1)
        #expect(run.expectedOperations > 1e26)
        #expect(abs(run.acceleratorHours - 90 * 768_000) < 1)
        let shape = shape(run)
        #expect(shape.verdict == .inference)
        let readings = Dictionary(uniqueKeysWithValues: shape.signals.map { ($0.name, $0.reading) })
        #expect(readings["co-location"] == .training)
        for name in ["resource-turnover", "utilization", "steadiness", "interconnect", "checkpoint-writes", "egress"] {
            #expect(readings[name] == .inference, "\(name)")
        }
    }

    @Test(
        "one figure just past its threshold flips that signal only; the run stays training-shaped",
        arguments: [
            ("utilization", F.trainingRun(utilization: 0.299)),
            ("interconnect", F.trainingRun(gbps: 100)),
            ("checkpoint-writes", F.trainingRun(storage: 4.99e7)),
            ("egress", F.trainingRun(egress: 1.01e9)),
            ("co-location", F.trainingRun(days: 30, resources: 1)),
        ])
    func justUnderThreshold(signal: String, records: [UsageRecord]) throws {
        let run = try #require(F.runs(records).first)
        let shape = shape(run)
        #expect(shape.signals.first { $0.name == signal }?.reading == .inference)
        #expect(shape.inferenceSignals == 1)
        #expect(shape.verdict == .training)
    }

    @Test(
        "a figure a rounding away from its threshold is written with the digits that keep its comparison true",
        arguments: [
            ("utilization", F.trainingRun(utilization: 0.2999), "utilization 0.2999 < 0.30 mean metered: inference"),
            ("interconnect", F.trainingRun(gbps: 100.4), "interconnect 100.4 > 100 Gbit/s: training"),
            (
                "checkpoint-writes", F.trainingRun(storage: 4.9999e7),
                "checkpoint-writes 4.9999e+07 < 5e+07 storage bytes written per accelerator-hour: inference"
            ),
        ])
    func comparisonReadsTrue(signal: String, records: [UsageRecord], text: String) throws {
        let run = try #require(F.runs(records).first)
        #expect(shape(run).signals.first { $0.name == signal }?.text == text)
    }

    @Test("unmetered utilization is unknown, not inference; two missing inputs leave the shape undetermined")
    func unmetered() throws {
        let unmetered = try #require(F.runs(F.trainingRun(utilization: nil)).first)
        #expect(shape(unmetered).signals.first { $0.name == "utilization" }?.reading == .unknown)
        #expect(shape(unmetered).verdict == .training)
        let sparse = try #require(F.runs(F.trainingRun(utilization: nil, gbps: nil, egress: 2e9)).first)
        #expect(shape(sparse).trainingSignals == 4)
        #expect(shape(sparse).verdict == .undetermined)
    }

    @Test("thresholds come from the pipeline file")
    func parameters() throws {
        let run = try #require(Self.training.first)
        let strict: [String: [String: ParameterValue]] = [
            "TRS-001": ["min_utilization": .number(0.6), "min_interconnect_gbps": .number(3200)]
        ]
        #expect(shape(run, strict).inferenceSignals == 2)
        #expect(shape(run, strict).verdict == .undetermined)
    }

    @Test("TRS-001 reports the shape of large runs with every signal, figure and threshold")
    func rule() throws {
        let account = F.evidence("f", runs: Self.fleet)
        let findings = try TrainingShapeRule().evaluate(account, in: F.context())
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .info)
        #expect(finding.evidence["verdict"] == .text("inference-shaped"))
        #expect(finding.evidence["egress"] == .text("egress 2e+10 > 1e+09 bytes per accelerator-hour: inference"))
        #expect(finding.metrics["egress_threshold"] == 1e9)
        #expect(finding.metrics["resource_turnover"].map { $0 > 50 } == true)
        let training = try TrainingShapeRule().evaluate(F.evidence("a", runs: Self.training), in: F.context())
        #expect(training.map(\.severity) == [.medium])
        #expect(training.first?.summary.contains("training-shaped (7 of 7 signals training, 0 inference)") == true)
        let small = F.runs(F.trainingRun(days: 10, resources: 4))
        #expect(try TrainingShapeRule().evaluate(F.evidence("s", runs: small), in: F.context()).isEmpty)
    }

    @Test("LMT-001 names the shape and reports an inference-shaped run at medium, over the threshold or under it")
    func computeRule() throws {
        let fleet = try TrainingComputeRule().evaluate(F.evidence("f", runs: Self.fleet), in: F.context())
        #expect(fleet.map(\.severity) == [.medium])
        // The same fleet between the warning and a threshold set above it.
        let operations = try #require(Self.fleet.first).expectedOperations
        let under = try TrainingComputeRule().evaluate(
            F.evidence("f", runs: Self.fleet),
            in: F.context(["LMT-001": ["threshold_operations": .number(operations * 1.5)]]))
        #expect(under.map(\.severity) == [.medium])
        #expect(under.first?.summary.hasPrefix("Large compute of inference shape (inference-shaped)") == true)
        #expect(fleet.first?.summary.hasPrefix("Large compute of inference shape (inference-shaped)") == true)
        let training = try TrainingComputeRule().evaluate(F.evidence("a", runs: Self.training), in: F.context())
        #expect(training.map(\.severity) == [.critical])
        #expect(training.first?.summary.hasPrefix("Likely training run (training-shaped)") == true)
    }

    @Test("a foreign inference fleet as large as a training run is not a covered transaction; the training run is")
    func coveredTransaction() throws {
        let context = F.context()
        let fleet = F.evidence("f", country: "CN", runs: Self.fleet)
        #expect(try CoveredTransactionRule().evaluate(fleet, in: context).isEmpty)
        let training = F.evidence("a", country: "CN", runs: Self.training)
        let covered = try CoveredTransactionRule().evaluate(training, in: context)
        #expect(covered.count == 1)
        #expect(
            covered.first?.evidence["training_shape"] == .text("training-shaped (7 of 7 signals training, 0 inference)")
        )
    }

    @Test("a training run just under the compute threshold is a warning, not a covered transaction")
    func justUnderComputeThreshold() throws {
        // 120 days at 0.5 is 1.91e26; 62 days is 0.987e26.
        let run = try #require(F.runs(F.trainingRun(days: 62)).first)
        #expect(run.expectedOperations < 1e26 && run.expectedOperations > 0.98e26)
        let account = F.evidence("a", country: "CN", runs: [run])
        #expect(try TrainingComputeRule().evaluate(account, in: F.context()).map(\.severity) == [.medium])
        #expect(try CoveredTransactionRule().evaluate(account, in: F.context()).isEmpty)
    }
}
