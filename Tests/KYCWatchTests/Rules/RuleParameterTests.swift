import Testing

@testable import KYCWatch

@Suite("Rule parameters from the pipeline file are checked")
struct RuleParameterTests {
    @Test("every catalogue parameter's default lies in its own range, and ids are unique")
    func defaults() {
        for rule in RuleEngine.catalogue {
            for parameter in rule.parameters {
                #expect(parameter.range.contains(parameter.defaultValue), "\(rule.id).\(parameter.name)")
            }
        }
        #expect(Set(RuleEngine.catalogue.map(\.id)).count == RuleEngine.catalogue.count)
        #expect(RuleEngine.catalogue.contains { $0.id == "TRS-001" })
        #expect(RuleEngine.catalogue.contains { $0.id == "LNK-001" })
    }

    @Test("known parameters with values in range pass")
    func valid() throws {
        try RuleEngine().checkParameters(
            [
                "LMT-001": ["threshold_operations": .number(5e25), "cluster_idle_gap_hours": .number(24)],
                "TRS-001": ["min_utilization": .number(0.35), "min_training_signals": .number(4)],
                "LNK-001": ["max_accounts_per_key": .number(10)],
            ], file: "nightly.yaml")
    }

    @Test(
        "an unknown rule or parameter, text, or a value out of range is a configuration error",
        arguments: [
            (["LMT-01": ["threshold_operations": ParameterValue.number(1e26)]], "rules.LMT-01: unknown rule"),
            (["LMT-001": ["threshold": .number(1e26)]], "rules.LMT-001.threshold: unknown parameter"),
            (
                ["TRS-001": ["min_utilization": .number(30)]],
                "rules.TRS-001.min_utilization: 30 is not a number from 0 to 1"
            ),
            (
                ["TRS-001": ["min_training_signals": .number(8)]],
                "rules.TRS-001.min_training_signals: 8 is not a whole number from 1 to 7"
            ),
            (
                ["LMT-001": ["cluster_idle_gap_hours": .text("a day")]],
                "rules.LMT-001.cluster_idle_gap_hours: 'a day' is not a number"
            ),
            (
                ["LNK-001": ["max_accounts_per_key": .number(1)]],
                "rules.LNK-001.max_accounts_per_key: 1 is not a whole number"
            ),
            (
                ["TRS-001": ["min_training_signals": .number(5.5)]],
                "rules.TRS-001.min_training_signals: 5.5 is not a whole number from 1 to 7"
            ),
            (
                ["CVT-001": ["report_days": .number(14.5)]],
                "rules.CVT-001.report_days: 14.5 is not a whole number from 0 to 365"
            ),
            (["DQ-001": ["anything": .flag(true)]], "DQ-001 has none"),
        ])
    func invalid(parameters: [String: [String: ParameterValue]], message: String) {
        do {
            try RuleEngine().checkParameters(parameters, file: "nightly.yaml")
            Issue.record("accepted \(parameters)")
        } catch {
            #expect(error.code == .invalidConfiguration)
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.location?.file == "nightly.yaml")
        }
    }

    @Test("the detect stage stops on a misspelt parameter rather than keep its default")
    func detectStageRefuses() async throws {
        let folder = TemporaryFolder()
        let accounts = folder.write(
            "accounts.csv",
            "account_id,created_at,customer_type,legal_name,country,email\n"
                + "a-1,2025-01-01T00:00:00Z,individual,Ada Park,US,ada@example.com\n")
        let configuration = PipelineConfiguration(
            file: "nightly.yaml", inputs: [InputSpecification(kind: .accounts, paths: [accounts])],
            reference: .bundled(in: RepositoryPaths.reference), outputFolder: folder.file("out"),
            ruleParameters: ["TRS-001": ["min_utilisation": .number(0.3)]])
        do {
            _ = try await DetectStage(configuration: configuration, runDate: "2026-11-28", shards: 1).run(stage: "run")
            Issue.record("the run went on")
        } catch {
            #expect(error.code == .invalidConfiguration)
            #expect(error.message.contains("rules.TRS-001.min_utilisation: unknown parameter"))
        }
    }
}
