import Testing

@testable import KYCWatch

@Suite("Pipeline files")
struct PipelineConfigurationTests {
    @Test("reads inputs, mappings, reference and output, resolving paths against the file's folder")
    func parses() throws {
        let yaml = """
            version: 1
            inputs:
              - kind: usage
                path: exports/usage.csv.zst
                format: focus-1.0
                time_zone: America/New_York
                max_reject_share: 0.2
                columns:
                  job_id: { column: JobName }
                  region: { constant: us-east-1 }
                  start_time: { column: StartEpoch, format: epoch-seconds }
            output:
              folder: /tmp/night
              zstd_level: 9
            rules:
              LMT-001: { threshold: 1e26 }
            """
        let configuration = try PipelineConfiguration.parse(yaml: yaml, file: "/etc/kyc/nightly.yaml")
        let input = try #require(configuration.inputs.first)
        #expect(input.paths == ["/etc/kyc/exports/usage.csv.zst"])
        #expect(input.layout == .focus)
        #expect(input.timeZone == "America/New_York")
        #expect(input.maxRejectShare == 0.2)
        #expect(input.columns["region"] == .constant("us-east-1"))
        #expect(input.columns["start_time"] == .column("StartEpoch", format: .epochSeconds))
        #expect(configuration.outputFolder == "/tmp/night")
        #expect(configuration.zstdLevel == 9)
        #expect(configuration.reference.countries == "/etc/kyc/reference/countries.csv")
        #expect(configuration.ruleParameters["LMT-001"]?["threshold"] == .number(1e26))
    }

    @Test(
        "errors name the key and the line, and say what was expected",
        arguments: [
            ("inputs:\n  - kind: usage\n    path: u.csv\n    time_zon: UTC\n", 4, "unknown key 'time_zon'"),
            ("inputs:\n  - kind: usages\n    path: u.csv\n", 2, "unknown kind 'usages'"),
            ("inputs:\n  - kind: accounts\n    path: a.csv\n    format: focus-1.0\n", 4, "describes usage exports"),
            ("inputs:\n  - kind: usage\n    path: u.csv\n    columns:\n      gpu_count: N\n", 5, "not a usage column"),
            ("output:\n  folder: x\n", 1, "`inputs` is required"),
            ("inputs: [\n", 2, "not valid YAML"),
            ("inputs:\n  - kind: usage\n    path: u.csv\nrejects:\n  max_share: 5\n", 5, "share from 0 to 1"),
        ])
    func errors(yaml: String, line: Int, words: String) {
        let error = kycError { _ = try PipelineConfiguration.parse(yaml: yaml, file: "p.yaml") }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.location?.file == "p.yaml")
        #expect(error?.location?.line == line, "\(String(describing: error))")
        #expect(error?.message.contains(words) == true, "\(String(describing: error))")
    }
}
