import Testing

@testable import KYCWatch

@Suite("Pipeline files")
struct PipelineConfigurationTests {
    @Test("the rules a night is short of are those of the checks it does not make and the night before made")
    func uncheckedRules() {
        var configuration = PipelineConfiguration(
            file: "<flags>",
            inputs: [
                InputSpecification(kind: .accounts, paths: ["a.csv"]),
                InputSpecification(kind: .access, paths: ["x.csv"]),
            ], reference: .bundled(in: "reference"), outputFolder: "out")
        let foreignScore: Set<String> = ["FPI-001", "CIP-001", "LNK-001", "CVT-001", "CVT-002"]
        // No lists, no IP ranges, no anonymizers: a night that does not say made every check.
        #expect(configuration.uncheckedRules(after: nil) == foreignScore.union(["SCR-001"]))
        #expect(configuration.uncheckedRules(after: []) == foreignScore.union(["SCR-001"]))
        // A night before without the same checks: nothing tonight is short of what it had.
        #expect(configuration.uncheckedRules(after: configuration.referenceGaps).isEmpty)
        // Only the lists missing since.
        let withoutLists = configuration.referenceGaps.filter { $0.hasPrefix("no restricted-party lists") }
        #expect(
            configuration.uncheckedRules(after: configuration.referenceGaps.filter { !withoutLists.contains($0) }) == [
                "SCR-001"
            ])
        // Without an accounts export, every account is presumed foreign on no facts of its own: the
        // foreign-person score's rules are short too, and SCR-001 screens nothing.
        configuration.inputs.removeFirst()
        #expect(
            configuration.uncheckedRules(
                after: configuration.referenceGaps.filter { $0.hasPrefix("no IP") || $0.hasPrefix("no anonymizer") })
                == foreignScore.union(["SCR-001"]))
    }

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
              LMT-001: { threshold_operations: 5e25 }
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
        #expect(configuration.ruleParameters["LMT-001"]?["threshold_operations"] == .number(5e25))
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
            ("inputs:\n  - kind: usage\n    path: u.csv\nsuppressions:\n  max_days: 30\n", 5, "`file` is required"),
            (
                "inputs:\n  - kind: usage\n    path: u.csv\nsuppressions:\n  file: s.yaml\n  max_days: 0\n", 6,
                "at least 1"
            ),
            (
                "inputs:\n  - kind: usage\n    path: u.csv\nsuppressions:\n  file: s.yaml\n  max_days: 9223372036854775807\n",
                6, "at most 3660"
            ),
            ("inputs:\n  - kind: usage\n    path: u.csv\n    delimiter: '\"'\n", 4, "other than a quote"),
            ("inputs:\n  - kind: usage\n    path: u.csv\n    time_zone: Mars/Olympus\n", 4, "unknown time zone"),
            (
                "inputs:\n  - kind: usage\n    path: u.csv\nreference:\n  ip_locations: l.csv\n", 5,
                "`ip_ranges`, which is not given"
            ),
            // Rule parameters are checked against the catalogue where they are written.
            ("inputs:\n  - kind: usage\n    path: u.csv\nrules:\n  LMT-01:\n    x: 1\n", 6, "unknown rule"),
            (
                "inputs:\n  - kind: usage\n    path: u.csv\nrules:\n  LMT-001:\n    threshold: 1\n", 6,
                "unknown parameter"
            ),
            (
                "inputs:\n  - kind: usage\n    path: u.csv\nrules:\n  LMT-001:\n    cluster_idle_gap_hours: 1e15\n", 6,
                "1.0e15 is not a number from 1 to 87600"
            ),
            (
                "inputs:\n  - kind: usage\n    path: u.csv\nrules:\n  LNK-001:\n    max_accounts_per_key: 1e300\n", 6,
                "from 2 to 1000000"
            ),
            (
                "inputs:\n  - kind: usage\n    path: u.csv\nrules:\n  FPI-001:\n    adversary_factor: nan\n", 6,
                "from 0 to 100"
            ),
            (
                "inputs:\n  - kind: usage\n    path: u.csv\nrules:\n  CVT-001:\n    report_days: 1e15\n", 6,
                "from 0 to 365"
            ),
            (
                "inputs:\n  - kind: usage\n    path: u.csv\nrules:\n  TRS-001:\n    min_operations: 1e31\n", 6,
                "from 0 to 1e+30"
            ),
            // The screening threshold: a match score from 0.5 to 1.
            ("inputs:\n  - kind: usage\n    path: u.csv\nscreening:\n  threshold: 0\n", 5, "from 0.5 to 1"),
            ("inputs:\n  - kind: usage\n    path: u.csv\nscreening:\n  threshold: 0.49\n", 5, "from 0.5 to 1"),
            ("inputs:\n  - kind: usage\n    path: u.csv\nscreening:\n  threshold: 1.01\n", 5, "from 0.5 to 1"),
        ])
    func errors(yaml: String, line: Int, words: String) {
        let error = kycError { _ = try PipelineConfiguration.parse(yaml: yaml, file: "p.yaml") }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.location?.file == "p.yaml")
        #expect(error?.location?.line == line, "\(String(describing: error))")
        #expect(error?.message.contains(words) == true, "\(String(describing: error))")
    }

    @Test(
        "a key given twice is an error at the second, with its key path and a short message",
        arguments: [
            (
                "inputs:\n  - kind: accounts\n    path: a.csv\n    columns:\n      account_id: id\n"
                    + "      legal_name: name\n      account_id: other\n", 7, 7,
                "inputs[0].columns: key 'account_id' is given twice in one mapping (first on line 5); keep one"
            ),
            // In a flow mapping, and quoted the first time.
            (
                "inputs: [{\"kind\": usage, path: u.csv, kind: access}]\n", 1, 39,
                "inputs[0]: key 'kind' is given twice in one mapping (first on line 1)"
            ),
            // Another key given twice in the same mapping does not hide where this one is.
            (
                "inputs:\n  - kind: usage\n    path: u.csv\n    path: v.csv\n    kind: access\n", 5, 5,
                "inputs[0]: key 'kind' is given twice in one mapping (first on line 2)"
            ),
            ("version: 1\nversion: 1\ninputs: []\n", 2, 1, "key 'version' is given twice in one mapping"),
        ])
    func duplicateKey(yaml: String, line: Int, column: Int, words: String) throws {
        let error = try #require(kycError { _ = try PipelineConfiguration.parse(yaml: yaml, file: "p.yaml") })
        #expect(error.code == .invalidConfiguration)
        #expect(error.location == SourceLocation(file: "p.yaml", line: line, column: column), "\(error)")
        #expect(error.message.contains(words), "\(error)")
        // Short: the file's text is not in it.
        #expect(!error.message.contains("\n") && error.message.count < 120, "\(error)")
    }

    /// A usage input of `u.csv` with one line under `columns:` (line 5 of the file).
    static func usageColumn(_ mapping: String) -> String {
        "inputs:\n  - kind: usage\n    path: u.csv\n    columns:\n      \(mapping)\n"
    }

    @Test(
        "a column mapping that no row could use is an error at its line, not a reject on every row",
        arguments: [
            ("account_id: { column: Acct, constant: x }", "give `column:` or `constant:`, not both"),
            ("start_time: { constant: 'June 1st' }", "constant 'June 1st' is not an ISO 8601 timestamp"),
            ("start_time: { constant: '2026-06-01', format: epoch-seconds }", "not a epoch-seconds value"),
            ("end_time: { constant: '1e300', format: epoch-millis }", "not a epoch-millis value"),
            (
                "record_id: { column: Id, format: epoch-seconds }",
                "record_id is not one: remove `format: epoch-seconds`"
            ),
            ("egress_bytes: { constant: 7, format: iso8601 }", "egress_bytes is not one"),
            (
                "accelerator_count: { constant: eight }",
                "constant 'eight' is not a value accelerator_count can hold (accelerator_count 'eight' is not a number)"
            ),
            ("accelerator_count: { constant: '-8' }", "accelerator_count is negative (-8)): every row would be"),
            ("start_time: { format: epoch-seconds }", "give `column: SourceName` or `constant: value`"),
            (
                "start_time: { constant: '0', format: epoch-seconds }",
                "start_time 1970-01-01T00:00:00Z is before 2000-01-01"
            ),
            ("end_time: { constant: '1999-12-31T23:00:00Z' }", "every row would be rejected as implausible-time"),
            ("job_id: { column: \"\" }", "the source column's name is empty: give the header's name of the column"),
            ("job_id: '  '", "or leave job_id out"),
        ])
    func unusableColumnMapping(mapping: String, words: String) {
        let yaml = Self.usageColumn(mapping)
        let error = kycError { _ = try PipelineConfiguration.parse(yaml: yaml, file: "p.yaml") }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.location?.file == "p.yaml")
        #expect(error?.location?.line == 5, "\(String(describing: error))")
        #expect(error?.message.contains(words) == true, "\(String(describing: error))")
    }

    /// An input of `kind` with one line under `columns:` (line 5 of the file, its value at column 7).
    static func column(_ kind: ExportKind, _ mapping: String) -> String {
        "inputs:\n  - kind: \(kind.rawValue)\n    path: x.csv\n    columns:\n      \(mapping)\n"
    }

    @Test(
        "a constant is read as the normalizer reads its column: one no row could hold is an error at the constant",
        arguments: [
            (ExportKind.usage, "accelerator_utilization: { constant: \"90\" }", "utilization-out-of-range"),
            (.usage, "accelerator_utilization: { constant: '-0.2' }", "negative-quantity"),
            (.usage, "accelerator_utilization: { constant: nan }", "accelerator_utilization 'nan' is not a number"),
            (.usage, "accelerator_count: { constant: '200000' }", "beyond any real machine"),
            (.usage, "egress_bytes: { constant: 1e19 }", "absurd-quantity"),
            (.usage, "record_id: { constant: '' }", "record_id is required but empty"),
            (.usage, "account_id: { constant: '' }", "account_id is required but empty"),
            (.accounts, "customer_type: { constant: partnership }", "neither individual nor organization"),
            (.accounts, "identity_verified: { constant: maybe }", "identity_verified 'maybe' is not true or false"),
            (.accounts, "email: { constant: '' }", "email is required but empty"),
            (.accounts, "email: { constant: ops }", "email 'ops' is not an address"),
            (.accounts, "country: { constant: '' }", "country is required but empty"),
            (.accounts, "legal_name: { constant: '' }", "missing-field"),
            (.access, "source_ip: { constant: localhost }", "source_ip 'localhost' is not an IP address"),
            (.access, "count: { constant: '0' }", "count 0 is not a whole number of events"),
            (.access, "count: { constant: '2.5' }", "count 2.5 is not a whole number of events"),
        ])
    func constantCheckedAsColumn(kind: ExportKind, mapping: String, words: String) throws {
        let error = try #require(
            kycError { _ = try PipelineConfiguration.parse(yaml: Self.column(kind, mapping), file: "p.yaml") })
        let name = String(mapping.prefix { $0 != ":" })
        let column =
            mapping.distance(from: mapping.startIndex, to: mapping.firstRange(of: "constant: ")!.upperBound) + 7
        #expect(error.code == .invalidConfiguration)
        #expect(error.location == SourceLocation(file: "p.yaml", line: 5, column: column), "\(error)")
        #expect(error.message.hasPrefix("inputs[0].columns.\(name).constant: constant '"), "\(error)")
        #expect(error.message.contains("is not a value \(name) can hold"), "\(error)")
        #expect(error.message.contains(words), "\(error)")
        #expect(error.message.contains("every row would be rejected"), "\(error)")
    }

    @Test(
        "a constant its column holds is kept as written",
        arguments: [
            (ExportKind.usage, "accelerator_utilization: { constant: '0.9' }", "0.9"),
            (.usage, "egress_bytes: { constant: '' }", ""),
            (.accounts, "customer_type: { constant: Company }", "Company"),
            (.accounts, "identity_verified: { constant: 'N/A' }", "N/A"),
            (.accounts, "email: { constant: ops@example.com }", "ops@example.com"),
            // Which countries there are is known once the catalogue is loaded.
            (.accounts, "country: { constant: Narnia }", "Narnia"),
            (.access, "source_ip: { constant: '203.0.113.5:443' }", "203.0.113.5:443"),
            (.access, "count: { constant: '12' }", "12"),
            // A customer since before 2000 is a real record, unlike usage dated then.
            (.accounts, "created_at: { constant: '1995-03-01T00:00:00Z' }", "1995-03-01T00:00:00Z"),
        ])
    func constantKept(kind: ExportKind, mapping: String, constant: String) throws {
        let configuration = try PipelineConfiguration.parse(yaml: Self.column(kind, mapping), file: "p.yaml")
        #expect(Array(try #require(configuration.inputs.first).columns.values) == [.constant(constant)])
    }

    @Test(
        "a country constant is checked against the catalogue once it is loaded, and reported at the constant",
        arguments: [
            ("country: { constant: Narnia }", "country 'Narnia' is not a known country code or name"),
            ("payment_country: { constant: Atlantis }", "payment_country 'Atlantis' is not a known country"),
            ("beneficial_owners: { constant: 'Li Wei:Narnia' }", "beneficial_owners:"),
        ])
    func countryConstant(mapping: String, words: String) throws {
        let countries = try CanonicalFixtures.countries.get()
        let configuration = try PipelineConfiguration.parse(yaml: Self.column(.accounts, mapping), file: "p.yaml")
        let input = try #require(configuration.inputs.first)
        let error = try #require(kycError { try input.checkConstants(countries: countries) })
        let column =
            mapping.distance(from: mapping.startIndex, to: mapping.firstRange(of: "constant: ")!.upperBound) + 7
        #expect(error.code == .invalidConfiguration)
        #expect(error.location == SourceLocation(file: "p.yaml", line: 5, column: column), "\(error)")
        #expect(error.message.contains(words), "\(error)")
        let fine = try PipelineConfiguration.parse(
            yaml: Self.column(.accounts, "country: { constant: Germany }"), file: "p.yaml")
        try #require(fine.inputs.first).checkConstants(countries: countries)
    }

    @Test(
        "a timestamp constant is read in its format, once, as the instant it stands for",
        arguments: [
            ("start_time: { constant: '1780272000', format: epoch-seconds }", "2026-06-01T00:00:00Z"),
            ("start_time: { constant: '1780272000500', format: epoch-millis }", "2026-06-01T00:00:00.500Z"),
            ("start_time: { constant: '2026-06-01T02:00:00+02:00' }", "2026-06-01T02:00:00+02:00"),
            ("accelerator_count: { constant: '8' }", "8"),
            ("accelerator_model: { constant: H100 }", "H100"),
        ])
    func constantInFormat(mapping: String, constant: String) throws {
        let configuration = try PipelineConfiguration.parse(yaml: Self.usageColumn(mapping), file: "p.yaml")
        let columns = try #require(configuration.inputs.first).columns
        #expect(Array(columns.values) == [.constant(constant)])
    }

    @Test("a glob is kept as written when the file is loaded: its files are looked for when the inputs are opened")
    func globLooksLater() throws {
        let folder = TemporaryFolder()
        let yaml = "inputs:\n  - kind: usage\n    path: usage-*.csv\n  - kind: access\n    path: a[1.csv\n"
        // Nothing matches yet: not an error of the pipeline file.
        let configuration = try PipelineConfiguration.parse(yaml: yaml, file: folder.file("p.yaml"))
        let usage = try #require(configuration.inputs.first)
        #expect(usage.glob == folder.file("usage-*.csv"))
        #expect(usage.paths == [folder.file("usage-*.csv")])
        #expect(usage.matchingGlob().paths == [folder.file("usage-*.csv")])
        // Delivered after the file was loaded, the exports are found, in sorted order.
        let second = folder.write("usage-2026-06-11.csv", "")
        let first = folder.write("usage-2026-06-10.csv", "")
        #expect(usage.matchingGlob().paths == [first, second])
        #expect(configuration.filesRead.contains(first))
        // A `[` left open matches itself, as POSIX glob reads it.
        let bracket = folder.write("a[1.csv", "")
        #expect(configuration.matchingGlobs().inputs.last?.paths == [bracket])
        let literal = try PipelineConfiguration.parse(
            yaml: "inputs:\n  - kind: usage\n    path: usage.csv\n", file: folder.file("p.yaml"))
        #expect(literal.inputs.first?.glob == nil)
    }

    @Test("previous: and suppressions: resolve against the pipeline file's folder")
    func reviewKeys() throws {
        let short = try PipelineConfiguration.parse(
            yaml: "inputs:\n  - kind: usage\n    path: u.csv\nprevious: ../out/yesterday\nsuppressions: s.yaml\n",
            file: "/etc/kyc/nightly.yaml")
        #expect(short.previousFolder == "/etc/out/yesterday")
        #expect(short.suppressionsFile == "/etc/kyc/s.yaml")
        #expect(short.suppressionMaxDays == 180)
        let long = try PipelineConfiguration.parse(
            yaml: "inputs:\n  - kind: usage\n    path: u.csv\nsuppressions:\n  file: /srv/s.yaml\n  max_days: 90\n",
            file: "/etc/kyc/nightly.yaml")
        #expect(long.previousFolder == nil)
        #expect(long.suppressionsFile == "/srv/s.yaml")
        #expect(long.suppressionMaxDays == 90)
    }

    @Test(
        "paths are tidied by their text: no `..` through a folder, no `.`, no doubled or trailing slash",
        arguments: [
            ("../SampleData/u.csv", "Pipelines", "SampleData/u.csv"), ("./out/", ".", "out"),
            ("night//", ".", "night"), ("../../x", "Pipelines", "../x"), ("/srv/../etc/p", "Pipelines", "/etc/p"),
            ("/../x", "a", "/x"), (".", ".", "."), ("-", ".", "-"), ("reference", "/etc/kyc", "/etc/kyc/reference"),
        ])
    func tidyPaths(path: String, base: String, expected: String) {
        #expect(PipelineConfiguration.resolve(path, against: base) == expected)
    }
}
