import Foundation
import Testing

@Suite("kycwatch normalize and validate, end to end")
struct NormalizeCommandTests {
    /// Removed when the test ends, however it ends.
    let scratch = ScratchFolder()
    var folder: URL { scratch.url }

    /// The bundled pipeline with every path made absolute, written to `p.yaml` in the test's folder
    /// after `edit`, so that no test writes into the repository.
    func nightlyCopy(_ edit: (String) -> String = { $0 }) throws -> String {
        let root = KYCWatchBinary.repositoryRoot.path
        let yaml = try String(
            contentsOf: KYCWatchBinary.repositoryRoot.appendingPathComponent("Pipelines/nightly.yaml"), encoding: .utf8
        )
        .replacingOccurrences(of: " ../", with: " \(root)/")
        .replacingOccurrences(of: " reference/", with: " \(root)/Pipelines/reference/")
        let copy = folder.appendingPathComponent("p.yaml").path
        try Data(edit(yaml).utf8).write(to: URL(fileURLWithPath: copy))
        return copy
    }

    @Test("normalizes SampleData; the manifest reconciles; a second run gives byte-identical outputs")
    func sampleDataTwice() throws {
        var digests: [[String]] = []
        for run in 0..<2 {
            let out = folder.appendingPathComponent("night\(run)").path
            let result = try KYCWatchBinary.run(["normalize", "Pipelines/nightly.yaml", "--out", out])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("accepted"))
            let manifest =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as? [String: Any]
            let inputs = try #require(manifest?["inputs"] as? [[String: Any]])
            #expect(inputs.count == 3)
            for input in inputs {
                func count(_ key: String) throws -> Int {
                    try #require(input[key] as? Int, "\(key) of \(input["path"] ?? "")")
                }
                let sum =
                    try count("rows_accepted") + count("rows_rejected") + count("rows_deduplicated")
                    + count("rows_skipped")
                #expect(try count("rows_in") == sum, "\(input["path"] ?? "")")
                #expect((input["sha256"] as? String)?.count == 64)
            }
            let outputs = try #require(manifest?["outputs"] as? [[String: Any]])
            digests.append(outputs.compactMap { $0["sha256"] as? String })
            #expect(digests.last?.count == 4)
        }
        #expect(digests[0] == digests[1])
    }

    @Test("validate checks the pipeline and its inputs without writing anything")
    func validate() throws {
        let result = try KYCWatchBinary.run(["validate", "Pipelines/nightly.yaml", "--sample", "2000"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("pipeline ok"))
        #expect(
            result.stdout.contains("usage.csv.zst [usage, kycwatch]: header ok, 2,000 rows tried"), "\(result.stdout)")
        #expect(result.stdout.contains("screening ok: "), "\(result.stdout)")
    }

    @Test(
        "validate checks the folders a run writes and compares with",
        arguments: [
            ("--out", "file", Int32(73), "is a file, not a folder"),
            ("--out", "under-file", 73, "is a file, not a folder"),
            ("--previous", "empty", 66, "no readable manifest.json"),
            ("--previous", "same", 78, "tonight's output folder"),
        ])
    func validateFolders(option: String, situation: String, status: Int32, words: String) throws {
        let file = folder.appendingPathComponent("afile").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
        // The bundled pipeline, with a previous night's folder named.
        let root = KYCWatchBinary.repositoryRoot.path
        var previous = ""
        var arguments = ["--sample", "100"]
        switch situation {
        case "file": arguments += ["--out", file]
        case "under-file": arguments += ["--out", file + "/night"]
        case "empty": previous = "\nprevious: \(folder.appendingPathComponent("empty").path)\n"
        default: previous = "\nprevious: \(root)/out/nightly\n"  // the pipeline's own output folder
        }
        let copy = try nightlyCopy { $0 + previous }
        let result = try KYCWatchBinary.run(["validate", copy] + arguments)
        #expect(result.status == status, "\(option) \(situation): \(result.stderr)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
        #expect(!result.stdout.contains("pipeline ok"))
    }

    @Test("a folder used again keeps only what the new stage wrote, unless an earlier stage of another kind wrote it")
    func earlierOutputs() throws {
        let out = folder.appendingPathComponent("out").path
        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: out + "/" + name) }
        let both = try KYCWatchBinary.run(
            [
                "normalize", "--accounts", "SampleData/accounts.csv.zst", "--access", "SampleData/access.csv.zst",
                "--out", out,
            ])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(exists("accounts.csv.zst") && exists("access.csv.zst"))
        // The same stage again without the access export: last night's access file goes.
        let one = try KYCWatchBinary.run(["normalize", "--accounts", "SampleData/accounts.csv.zst", "--out", out])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(exists("accounts.csv.zst") && !exists("access.csv.zst"))
        // detect into the folder it reads would replace normalize's manifest: refused, nothing written.
        let detect = try KYCWatchBinary.run(["detect", "--in", out, "--out", out + "/", "--run-date", "2026-11-28"])
        #expect(detect.status == 78, "\(detect.stderr)")
        #expect(detect.stderr.contains("is both --in and --out"), "\(detect.stderr)")
        #expect(exists("accounts.csv.zst") && !exists("findings.jsonl.zst"))
        // A run into a normalize stage's folder keeps that stage's files, and names them.
        let run = try KYCWatchBinary.run(
            ["run", "--accounts", "SampleData/accounts.csv.zst", "--out", out, "--run-date", "2026-11-28"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(exists("accounts.csv.zst") && exists("findings.jsonl.zst"))
        #expect(run.stderr.contains("holds outputs of an earlier normalize stage, kept"), "\(run.stderr)")
        // And normalize into a night's folder would leave its findings under a manifest of normalize's.
        let back = try KYCWatchBinary.run(["normalize", "--accounts", "SampleData/accounts.csv.zst", "--out", out])
        #expect(back.status == 78, "\(back.stderr)")
        #expect(back.stderr.contains("holds the outputs of a run stage"), "\(back.stderr)")
    }

    @Test(
        "normalize --out - refuses to write its binary stream to a terminal",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func streamToTerminal() throws {
        // script(1) gives the command a terminal for its standard output.
        let result = try StageChainingTests.bash(
            "script -qc \"'\(KYCWatchBinary.path)' normalize --accounts SampleData/accounts.csv.zst --out -\" /dev/null"
        )
        #expect(result.stdout.contains("standard output is a terminal"), "\(result.stdout)")
        #expect(result.stdout.utf8.count < 2000, "the stream went to the terminal")
    }

    @Test("normalize refuses an output folder where it would replace its own input")
    func outputOverInput() throws {
        let input = folder.appendingPathComponent("accounts.csv.zst")
        try FileManager.default.copyItem(
            at: KYCWatchBinary.repositoryRoot.appendingPathComponent("SampleData/accounts.csv.zst"), to: input)
        let before = try Data(contentsOf: input)
        let result = try KYCWatchBinary.run(["normalize", "--accounts", input.path, "--out", folder.path])
        #expect(result.status == 78, "\(result.stderr)")
        #expect(result.stderr.contains("would replace it"), "\(result.stderr)")
        #expect(try Data(contentsOf: input) == before)
    }

    @Test("validate with flags alone tries exactly the sample asked for, and needs no output folder")
    func validateFlagsSample() throws {
        let result = try KYCWatchBinary.run(["validate", "--usage", "SampleData/usage.csv.zst", "--sample", "10"])
        #expect(result.status == 0, "\(result.stderr)")
        // A quote left open swallows the lines after it, but a sample stops at its own size.
        let header =
            "record_id,account_id,resource_id,start_time,end_time\n"
            + "u1,a1,r1,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z\n"
        let usage =
            header + "u2,\"a2,r2,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z\n"
            + String(repeating: "u3,a3,r3,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z\n", count: 8)
        let open = folder.appendingPathComponent("open.csv").path
        try Data(usage.utf8).write(to: URL(fileURLWithPath: open))
        let sample = try KYCWatchBinary.run(["validate", "--usage", open, "--sample", "3"])
        #expect(sample.stdout.contains("3 rows tried"), "\(sample.stdout)")
        // The accounts export's malformed row is at line 1560, outside a sample of 10.
        let accounts = try KYCWatchBinary.run([
            "validate", "--accounts", "SampleData/accounts.csv.zst", "--sample", "10",
        ])
        #expect(accounts.stdout.contains("10 rows tried, 0 would be rejected"), "\(accounts.stdout)")
        #expect(result.stdout.contains("usage.csv.zst [usage, kycwatch]: header ok, 10 rows tried"), "\(result.stdout)")
        #expect(
            result.stdout.contains("the rows after them not tried (--sample 0 tries every row)"), "\(result.stdout)")
        let negative = try KYCWatchBinary.run(["validate", "--usage", "SampleData/usage.csv.zst", "--sample=-1"])
        #expect(negative.status == 64, "\(negative.stderr)")
        #expect(negative.stderr.contains("--sample -1 is not a number of rows"), "\(negative.stderr)")
    }

    @Test(
        "validate says whether a sample left rows untried, and --sample 0 tries every row",
        arguments: [
            ("3", "3 rows tried, 0 would be rejected; the rows after them not tried"),
            ("4", "4 rows tried, 1 would be rejected (every row of the file)"),
            ("5", "4 rows tried, 1 would be rejected (every row of the file)"),
            ("0", "4 rows tried, 1 would be rejected (every row of the file)"),
        ])
    func validateSampleExtent(sample: String, expected: String) throws {
        let rows = [
            "record_id,account_id,resource_id,start_time,end_time",
            "u1,a1,r1,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z",
            "u2,a1,r1,2026-06-01T01:00:00Z,2026-06-01T02:00:00Z",
            "u3,a1,r1,2026-06-01T02:00:00Z,2026-06-01T03:00:00Z",
            "u4,a1,r1,2026-06-01T04:00:00Z,not a time",
        ]
        let path = folder.appendingPathComponent("four.csv").path
        try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let result = try KYCWatchBinary.run(["validate", "--usage", path, "--sample", sample])
        #expect(result.stdout.contains("header ok, \(expected)"), "\(result.stdout)")
    }

    @Test("validate loads the screening lists as a run does: a missing one fails it, naming the file")
    func validateScreening() throws {
        // The bundled pipeline with its OFAC list moved away.
        let copy = try nightlyCopy {
            $0.replacingOccurrences(
                of: "ofac_sdn: \(KYCWatchBinary.repositoryRoot.path)/Pipelines/reference/screening/sdn.csv.zst",
                with: "ofac_sdn: absent/sdn.csv.zst")
        }
        let result = try KYCWatchBinary.run(["validate", copy, "--sample", "10"])
        #expect(result.status == 66, "\(result.stderr)")
        #expect(result.stderr.contains("absent/sdn.csv.zst"), "\(result.stderr)")
        #expect(!result.stdout.contains("pipeline ok"))
    }

    @Test("a bad pipeline file exits 78 naming the file and line")
    func badPipeline() throws {
        let path = folder.appendingPathComponent("bad.yaml").path
        try Data("inputs:\n  - kind: usage\n    pth: u.csv\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try KYCWatchBinary.run(["normalize", path])
        #expect(result.status == 78)
        #expect(result.stderr.contains("bad.yaml:3:"), "\(result.stderr)")
        #expect(result.stderr.contains("unknown key 'pth'"))
    }

    @Test(
        "a column mapping no row could use exits 78 naming the file and line; an epoch constant is read in its format",
        arguments: [
            ("account_id: { column: Acct, constant: x }", Int32(78), "not both"),
            ("start_time: { constant: '1780272000', format: epoch-seconds }", 0, ""),
            ("start_time: { constant: 'noon' }", 78, "constant 'noon' is not an ISO 8601 timestamp"),
            ("record_id: { column: record_id, format: epoch-seconds }", 78, "record_id is not one"),
        ])
    func columnMappingChecked(mapping: String, status: Int32, words: String) throws {
        try Data(
            ("record_id,account_id,Acct,resource_id,end_time\nr1,a1,b1,n1,2026-06-01T01:00:00Z\n"
                + "r2,a2,b2,n2,2026-06-01T01:00:00Z\n").utf8
        ).write(to: folder.appendingPathComponent("u.csv"))
        let pipeline = folder.appendingPathComponent("p.yaml").path
        try Data(
            """
            version: 1
            inputs:
              - kind: usage
                path: u.csv
                columns:
                  resource_id: resource_id
                  \(mapping)
            """.utf8
        ).write(to: URL(fileURLWithPath: pipeline))
        let out = folder.appendingPathComponent("out").path
        let reference = KYCWatchBinary.repositoryRoot.appendingPathComponent("Pipelines/reference").path
        let result = try KYCWatchBinary.run(["normalize", pipeline, "--out", out, "--reference", reference])
        #expect(result.status == status, "\(result.stderr)")
        if status == 0 {
            #expect(result.stdout.contains("2 accepted, 0 rejected"), "\(result.stdout)")
            let rows = try StageChainingTests.bash("zstd -dc '\(out)/usage.csv.zst' | cut -d, -f1,2,11")
            #expect(
                rows.stdout
                    == "record_id,account_id,start_time\nr1,a1,2026-06-01T00:00:00Z\nr2,a2,2026-06-01T00:00:00Z\n")
        } else {
            // The mapping is on line 7 of the pipeline file.
            #expect(result.stderr.contains("kycwatch: error: \(pipeline):7:"), "\(result.stderr)")
            #expect(result.stderr.contains(words), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out + "/usage.csv.zst"))
        }
    }

    @Test(
        "a constant its column cannot hold stops validate and run with exit 78 at the constant, before any row",
        arguments: [
            ("usage", "accelerator_utilization: { constant: \"90\" }", "accelerator_utilization 90 is outside 0–1"),
            ("usage", "accelerator_utilization: { constant: nan }", "accelerator_utilization 'nan' is not a number"),
            ("accounts", "customer_type: { constant: partnership }", "neither individual nor organization"),
            ("accounts", "identity_verified: { constant: maybe }", "'maybe' is not true or false"),
            ("accounts", "email: { constant: \"\" }", "email is required but empty"),
            // Checked once the catalogue --reference names is loaded, and reported at the constant all the same.
            ("accounts", "country: { constant: Narnia }", "country 'Narnia' is not a known country code or name"),
        ])
    func constantOutsideItsColumn(kind: String, mapping: String, words: String) throws {
        try Data(
            ("account_id,created_at,customer_type,legal_name,country,email,identity_verified\n"
                + "acct-1,2025-01-02T03:04:05Z,organization,Acme,US,ops@acme.example,true\n").utf8
        ).write(to: folder.appendingPathComponent("accounts.csv"))
        try Data(
            ("record_id,account_id,resource_id,instance_type,start_time,end_time,accelerator_utilization\n"
                + "u1,acct-1,i-0,p5.48xlarge,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.9\n").utf8
        ).write(to: folder.appendingPathComponent("usage.csv"))
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let columns = "    columns:\n      \(mapping)\n"
        try Data(
            ("version: 1\ninputs:\n  - kind: accounts\n    path: accounts.csv\n" + (kind == "accounts" ? columns : "")
                + "  - kind: usage\n    path: usage.csv\n" + (kind == "usage" ? columns : "")).utf8
        ).write(to: URL(fileURLWithPath: pipeline))
        // The constant is on line 6 (accounts) or 8 (usage), after `      ` and its column's `: { constant: `.
        let line = kind == "accounts" ? 6 : 8
        let column =
            6 + mapping.distance(from: mapping.startIndex, to: mapping.firstRange(of: "constant: ")!.upperBound) + 1
        let out = folder.appendingPathComponent("night").path
        let reference = KYCWatchBinary.repositoryRoot.appendingPathComponent("Pipelines/reference").path
        for command in [["validate", pipeline], ["run", pipeline, "--out", out, "--run-date", "2026-06-02"]] {
            let result = try KYCWatchBinary.run(command + ["--reference", reference])
            #expect(result.status == 78, "\(command[0]): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("kycwatch: error: \(pipeline):\(line):\(column): "), "\(result.stderr)")
            #expect(result.stderr.contains("can hold (") && result.stderr.contains(words), "\(result.stderr)")
            #expect(!result.stdout.contains("would be rejected"), "\(result.stdout)")
            #expect(!FileManager.default.fileExists(atPath: out + "/manifest.json"))
        }
    }

    @Test("an error quoting a binary header sends no control characters to the terminal")
    func binaryHeader() throws {
        let path = folder.appendingPathComponent("accounts.csv").path
        try Data([0x1B, 0x5B, 0x32, 0x4A, 0x07, 0x61, 0x2C, 0x08, 0x62, 0x0A, 0x31, 0x2C, 0x32, 0x0A])
            .write(to: URL(fileURLWithPath: path))
        let result = try KYCWatchBinary.run([
            "normalize", "--accounts", path, "--out", folder.appendingPathComponent("out").path,
        ])
        #expect(result.status == 65, "\(result.stderr)")
        let error = try #require(result.stderr.split(separator: "\n").last)
        #expect(error.hasPrefix("kycwatch: error: \(path):1: the header lacks"), "\(error)")
        #expect(!error.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(error)")
    }

    @Test("a reject share over the policy exits 3 after writing the rejects")
    func rejectPolicyExit() throws {
        let accounts = folder.appendingPathComponent("accounts.csv").path
        try Data(
            ("account_id,created_at,customer_type,legal_name,country,email\n"
                + "a1,2025-01-01T00:00:00Z,individual,Ann,US,ann@example.com\n"
                + "a2,someday,individual,Bob,US,bob@example.com\n").utf8
        ).write(to: URL(fileURLWithPath: accounts))
        let out = folder.appendingPathComponent("out").path
        let result = try KYCWatchBinary.run(["normalize", "--accounts", accounts, "--out", out])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("reject policy exceeded"))
        #expect(result.stdout.contains("1 accepted, 1 rejected"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: out + "/rejects.csv.zst"))
    }

    @Test("normalize --log-format json: every line on standard error is a JSON record, errors and the policy's too")
    func jsonLogs() throws {
        let out = folder.appendingPathComponent("night").path
        let result = try KYCWatchBinary.run([
            "normalize", "Pipelines/nightly.yaml", "--out", out, "--log-format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try Self.jsonRecords(result.stderr)
        let read = records.filter { $0["message"] as? String == "input read" }
        #expect(read.map { $0["kind"] as? String } == ["accounts", "usage", "access"])
        #expect(read.allSatisfy { $0["stage"] as? String == "normalize" && $0["rows"] is Int })
        let rejected = try #require(records.first { $0["message"] as? String == "rows rejected" })
        #expect((rejected["reasons"] as? [String: Int])?.isEmpty == false, "\(rejected)")
        #expect(records.filter { $0["message"] as? String == "output written" }.count == 4)
        let finished = try #require(records.last)
        #expect(finished["message"] as? String == "normalize finished")
        #expect(finished["status"] as? String == "succeeded")
        #expect(finished["accepted"] as? Int == 281_183, "\(finished)")
        #expect(result.stdout.contains("281183 accepted"), "the summary line stays on standard output")
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
                as? [String: Any])
        #expect(manifest["exit_status"] as? Int == 0)

        // A stream keeps standard error all JSON: the summary line is left to the record.
        let streamed = try StageChainingTests.bash(
            "'\(KYCWatchBinary.path)' normalize --accounts SampleData/accounts.csv.zst --out - --log-format json "
                + "2>\(folder.path)/stream.err | wc -c; cat \(folder.path)/stream.err")
        #expect(
            try Self.jsonRecords(streamed.stdout.split(separator: "\n").dropFirst().joined(separator: "\n"))
                .contains { $0["message"] as? String == "normalize finished" })

        let policy = folder.appendingPathComponent("accounts.csv").path
        try Data(
            ("account_id,created_at,customer_type,legal_name,country,email\n"
                + "a2,someday,individual,Bob,US,bob@example.com\n").utf8
        ).write(to: URL(fileURLWithPath: policy))
        let failing = try KYCWatchBinary.run(
            [
                "normalize", "--accounts", policy, "--out", folder.appendingPathComponent("p").path, "--log-format",
                "json",
            ])
        #expect(failing.status == 3)
        let failure = try #require(try Self.jsonRecords(failing.stderr).last)
        #expect(failure["code"] as? String == "rejects.policy-exceeded", "\(failure)")
        #expect(failure["exit_status"] as? Int == 3)
        // The manifest says how the stage ended, for a scheduler that reads the folder, not the log.
        let failedManifest = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.appendingPathComponent("p/manifest.json"))) as? [String: Any])
        #expect(failedManifest["status"] as? String == "rejects-exceeded")
        #expect(failedManifest["exit_status"] as? Int == 3)

        for command in ["normalize", "validate"] {
            let missing = try KYCWatchBinary.run(
                [command, "--usage", folder.appendingPathComponent("absent.csv.zst").path, "--out", out]
                    + ["--log-format", "json"])
            #expect(missing.status == 66, "\(command): \(missing.stderr)")
            let error = try #require(try Self.jsonRecords(missing.stderr).last)
            #expect(error["level"] as? String == "error")
            #expect(error["code"] as? String == "input.unreadable", "\(command): \(error)")
            #expect((error["file"] as? String)?.hasSuffix("absent.csv.zst") == true)
        }
    }

    /// A usage export of each layout whose header has no job or cluster id, but a placement group
    /// column, `x_PlacementGroup`, that the pipeline file can map.
    static let exportsWithoutRunIDs = [
        (
            "focus-1.0",
            "BillingAccountId,SubAccountId,ResourceId,RegionId,AvailabilityZone,ChargePeriodStart,ChargePeriodEnd,"
                + "ChargeCategory,ConsumedQuantity,ConsumedUnit,SkuId,ChargeDescription,ResourceType,ServiceName,"
                + "x_PlacementGroup\n"
                + "B1,111,i-1,us-east-1,us-east-1a,2026-06-04T13:00:00Z,2026-06-04T14:00:00Z,Usage,1,Hrs,SKU1,"
                + "$98.32 per On Demand Linux p5.48xlarge Instance Hour,Instance,EC2,pg-1\n"
        ),
        (
            "kycwatch",
            "record_id,account_id,resource_id,region,zone,instance_type,accelerator_model,accelerator_count,"
                + "start_time,end_time,x_PlacementGroup\n"
                + "u-1,111,i-1,us-east-1,us-east-1a,p5.48xlarge,H100-SXM,8,2026-06-04T13:00:00Z,2026-06-04T14:00:00Z,pg-1\n"
        ),
    ]

    @Test(
        "usage whose header maps no job or cluster id: validate, run and a detect after normalize say which checks that leaves unmade",
        arguments: exportsWithoutRunIDs)
    func usageWithoutRunIDs(format: String, csv: String) throws {
        let path = folder.appendingPathComponent("usage-\(format).csv").path
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
        let gap = "check not made: usage in layout \(format) (\(path)) maps no job_id or cluster_id: its accelerator "
        let validate = try KYCWatchBinary.run(["validate", "--usage", path, "--usage-format", format])
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains(gap), "\(validate.stdout)")
        let out = folder.appendingPathComponent("out-\(format)").path
        let run = try KYCWatchBinary.run(
            ["run", "--usage", path, "--usage-format", format, "--out", out, "--run-date", "2026-06-05"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains(gap), "\(run.stderr)")
        let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("maps no job_id or cluster_id"))
        // Normalized first, the files detect reads have the columns, empty: the gap is the export's.
        let normalized = folder.appendingPathComponent("normalized-\(format)").path
        let normalize = try KYCWatchBinary.run(
            ["normalize", "--usage", path, "--usage-format", format, "--out", normalized])
        #expect(normalize.status == 0, "\(normalize.stderr)")
        let detect = try KYCWatchBinary.run(
            ["detect", "--in", normalized, "--out", out + "-detect", "--run-date", "2026-06-05"])
        #expect(detect.status == 0, "\(detect.stderr)")
        #expect(detect.stderr.contains("maps no job_id or cluster_id"), "\(detect.stderr)")
        // `validate` of a pipeline file reading the export with `columns` mapped.
        func validateMapping(_ name: String, columns: [String]) throws -> KYCWatchBinary.Result {
            let pipeline = folder.appendingPathComponent("\(name)-\(format).yaml").path
            let header =
                "version: 1\ninputs:\n  - kind: usage\n    path: \(path)\n    format: \(format)\n    columns:\n"
            try Data((header + columns.map { "      \($0)\n" }.joined()).utf8).write(to: URL(fileURLWithPath: pipeline))
            return try KYCWatchBinary.run(["validate", pipeline, "--reference", "Pipelines/reference"])
        }
        // Mapped from the export's placement group, the usage makes runs: no gap.
        let mapped = try validateMapping("p", columns: ["cluster_id: { column: x_PlacementGroup }"])
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(!mapped.stdout.contains("maps no job_id"), "\(mapped.stdout)")
        // Empty constants give every row an empty id, as no column does: the gap stays.
        let emptied = try validateMapping(
            "e", columns: ["job_id: { constant: \"\" }", "cluster_id: { constant: \" \" }"])
        #expect(emptied.status == 0, "\(emptied.stderr)")
        #expect(emptied.stdout.contains("maps no job_id or cluster_id"), "\(emptied.stdout)")
    }

    @Test(
        "a FOCUS export without ChargeCategory exits 65 with one header error, in normalize and validate alike",
        arguments: ["normalize", "validate"])
    func focusWithoutChargeCategory(command: String) throws {
        let path = folder.appendingPathComponent("focus.csv").path
        try Data(
            ("BillingAccountId,SubAccountId,ResourceId,RegionId,AvailabilityZone,ChargePeriodStart,ChargePeriodEnd,"
                + "ChargeType,ConsumedQuantity,ConsumedUnit,SkuId,ChargeDescription,ResourceType,ServiceName\n"
                + "B1,111,i-1,us-east-1,us-east-1a,2026-06-04T13:00:00Z,2026-06-04T14:00:00Z,Usage,1,Hrs,SKU1,"
                + "$98.32 per On Demand Linux p5.48xlarge Instance Hour,Instance,EC2\n").utf8
        ).write(to: URL(fileURLWithPath: path))
        let out = folder.appendingPathComponent("out").path
        let result = try KYCWatchBinary.run(
            [command, "--usage", path, "--usage-format", "focus-1.0", "--out", out, "--log-format", "json"])
        #expect(result.status == 65, "\(result.stderr)")
        let error = try #require(try Self.jsonRecords(result.stderr).last)
        #expect(error["code"] as? String == "csv.header", "\(error)")
        let message = try #require(error["message"] as? String)
        #expect(message.contains("the header of \(path) lacks ChargeCategory"), "\(message)")
        #expect(message.contains("its ChargeType column is an older export's"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: out + "/rejects.csv.zst"))
    }

    @Test("validate takes the options of run, so a scheduler's line is checked as it stands")
    func validateRunOptions() throws {
        let base = [
            "validate", "Pipelines/nightly.yaml", "--sample", "10", "--out", folder.appendingPathComponent("n").path,
        ]
        let line = try KYCWatchBinary.run(
            base + [
                "--suppressions", "Pipelines/suppressions.example.yaml", "--run-date", "2026-11-29", "--fail-on",
                "critical", "--log-format", "json",
            ])
        #expect(line.status == 0, "\(line.stderr)")
        #expect(line.stdout.contains("suppressions ok: Pipelines/suppressions.example.yaml"), "\(line.stdout)")
        // The suppressions are checked against the run date given, not today's: from 2026-01-01,
        // an expiry of 2027-03-31 is too far.
        let early = try KYCWatchBinary.run(
            base + ["--suppressions", "Pipelines/suppressions.example.yaml", "--run-date", "2026-01-01"])
        #expect(early.status == 78, "\(early.stderr)")
        #expect(early.stderr.contains("more than 180 days after the run date"), "\(early.stderr)")
        let ranges = try KYCWatchBinary.run(base + ["--ip-ranges", "Pipelines/reference/countries.csv"])
        #expect(ranges.status == 65, "\(ranges.stderr)")
        #expect(ranges.stderr.contains("countries.csv:1: the IP ranges file"), "\(ranges.stderr)")
        let date = try KYCWatchBinary.run(base + ["--run-date", "yesterday"])
        #expect(date.status == 78, "\(date.stderr)")
        let lists = try KYCWatchBinary.run(
            ["validate", "--accounts", "SampleData/accounts.csv.zst", "--sample", "10"])
        #expect(lists.stdout.contains("check not made: no restricted-party lists"), "\(lists.stdout)")
    }

    @Test("--screening replaces a pipeline's lists and keeps its reviewed decisions")
    func screeningKeepsDecisions() throws {
        let root = KYCWatchBinary.repositoryRoot.path
        try Data(
            """
            - finding: 9f2c41d0
              reviewer: a.roe
              reason: common name, different country and address
              date: 2026-11-21
            """.utf8
        ).write(to: folder.appendingPathComponent("decisions.yaml"))
        try writeScreeningPipeline(decisions: "decisions.yaml")
        let lists = root + "/Pipelines/reference/screening"
        let result = try KYCWatchBinary.run(
            [
                "validate", folder.appendingPathComponent("p.yaml").path, "--screening", lists, "--sample", "5",
                "--reference", root + "/Pipelines/reference",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("restricted parties, 1 reviewed decisions"), "\(result.stdout)")
        #expect(
            result.stdout.contains("; not screened, their listing ended before "), "\(result.stdout)")
    }

    @Test(
        "a screening file that cannot be used stops the run before any input is read",
        arguments: [
            ("decisions", "absent.yaml", Int32(66), "absent.yaml"),
            ("list", "Denied persons\nnot, the, layout\n", Int32(65), "dpl.txt"),
        ])
    func screeningCheckedFirst(broken: String, content: String, status: Int32, named: String) throws {
        let root = KYCWatchBinary.repositoryRoot.path
        if broken == "list" {
            let list = folder.appendingPathComponent("dpl.txt")
            try Data(content.utf8).write(to: list)
            try writeScreeningPipeline(decisions: nil, deniedPersons: list.path)
        } else {
            try writeScreeningPipeline(decisions: content)
        }
        let out = folder.appendingPathComponent("night").path
        let result = try KYCWatchBinary.run(
            [
                "run", folder.appendingPathComponent("p.yaml").path, "--out", out, "--run-date", "2026-11-29",
                "--reference", root + "/Pipelines/reference",
            ])
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains(named), "\(result.stderr)")
        #expect(!result.stderr.contains("input read"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/rejects.csv.zst"))
    }

    /// Runs `command` (`validate` on a sample, or `run`) on SampleData's accounts with the Denied Persons
    /// List and `key` under `screening:` naming `path`, which is on line 7 of the pipeline file; returns
    /// the pipeline file, the output folder and the result.
    private func screeningNight(_ command: String, _ key: String, _ path: String) throws -> (
        pipeline: String, out: String, result: KYCWatchBinary.Result
    ) {
        try writeScreeningPipeline(decisions: nil, entry: (key, path))
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let out = folder.appendingPathComponent("night").path
        let result = try KYCWatchBinary.run(
            [
                command, pipeline, "--out", out, "--reference",
                KYCWatchBinary.repositoryRoot.path + "/Pipelines/reference",
            ]
                + (command == "validate" ? ["--sample", "5"] : ["--run-date", "2026-11-29"]))
        return (pipeline, out, result)
    }

    @Test(
        "OFAC aliases or addresses named without sdn.csv stop validate and run at their key, not ignored",
        arguments: [("validate", "ofac_alt"), ("run", "ofac_add"), ("run", "ofac_alt")])
    func ofacFileWithoutSDN(command: String, key: String) throws {
        let lists = KYCWatchBinary.repositoryRoot.path + "/Pipelines/reference/screening"
        let (pipeline, out, result) = try screeningNight(
            command, key, "\(lists)/\(key == "ofac_alt" ? "alt" : "add").csv.zst")
        #expect(result.status == 78, "\(result.stderr)")
        #expect(result.stderr.contains("\(pipeline):7:13: screening.\(key): "), "\(result.stderr)")
        #expect(result.stderr.contains("name it under ofac_sdn"), "\(result.stderr)")
        #expect(!result.stdout.contains("screening ok"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out + "/rejects.csv.zst"))
    }

    @Test(
        "a screening file that cannot be opened is named with the pipeline key and place that named it",
        arguments: [("validate", "csl"), ("run", "csl"), ("run", "ofac_sdn"), ("validate", "decisions")])
    func unreadableScreeningFileNamesItsKey(command: String, key: String) throws {
        let (pipeline, _, result) = try screeningNight(command, key, "nothere.csv")
        #expect(result.status == 66, "\(result.stderr)")
        let column = 2 + key.count + 3
        #expect(result.stderr.contains("error: \(folder.path)/nothere.csv: cannot "), "\(result.stderr)")
        #expect(
            result.stderr.contains("(named by screening.\(key) at \(pipeline):7:\(column)) [input.unreadable]"),
            "\(result.stderr)")
    }

    @Test("a list in a --screening folder that cannot be read says the option found it")
    func unreadableListInScreeningFolder() throws {
        let lists = folder.appendingPathComponent("lists")
        try FileManager.default.createDirectory(
            at: lists.appendingPathComponent("csl.csv"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: KYCWatchBinary.repositoryRoot.path + "/Pipelines/reference/screening/dpl.txt.zst",
            toPath: lists.appendingPathComponent("dpl.txt.zst").path)
        let result = try KYCWatchBinary.run(
            ["validate", "--accounts", "SampleData/accounts.csv.zst", "--screening", lists.path, "--sample", "5"])
        #expect(result.status == 66, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "\(lists.path)/csl.csv: is a directory, expected a file (found in the --screening folder)"),
            "\(result.stderr)")
    }

    @Test("alt.csv without sdn.csv in a --screening folder is a check not made, not read in silence")
    func ofacAliasesWithoutSDNInFolder() throws {
        let root = KYCWatchBinary.repositoryRoot.path
        let lists = folder.appendingPathComponent("lists")
        try FileManager.default.createDirectory(at: lists, withIntermediateDirectories: true)
        for name in ["alt.csv.zst", "dpl.txt.zst"] {
            try FileManager.default.copyItem(
                atPath: root + "/Pipelines/reference/screening/" + name, toPath: lists.appendingPathComponent(name).path
            )
        }
        let result = try KYCWatchBinary.run(
            ["validate", "--accounts", "SampleData/accounts.csv.zst", "--screening", lists.path, "--sample", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "check not made: OFAC aliases (alt.csv) without the SDN list (sdn.csv) they belong to: not read"),
            "\(result.stdout)")
    }

    @Test(
        "a screening threshold out of range stops validate and run at its line",
        arguments: [("validate", "0"), ("run", "0"), ("validate", "0.3"), ("run", "1.5")])
    func screeningThreshold(command: String, threshold: String) throws {
        let root = KYCWatchBinary.repositoryRoot.path
        try writeScreeningPipeline(decisions: nil, threshold: threshold)
        let pipeline = folder.appendingPathComponent("p.yaml").path
        let out = folder.appendingPathComponent("night").path
        let result = try KYCWatchBinary.run(
            [command, pipeline, "--out", out, "--reference", root + "/Pipelines/reference"]
                + (command == "validate" ? ["--sample", "5"] : ["--run-date", "2026-11-29"]))
        #expect(result.status == 78, "\(result.stderr)")
        #expect(result.stderr.contains("\(pipeline):7:14"), "\(result.stderr)")
        #expect(result.stderr.contains("screening.threshold"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/rejects.csv.zst"))
    }

    @Test(
        "run and validate refuse an output folder where the night would replace a file it reads",
        arguments: [
            ("run", "--usage", "rejects.csv.zst"), ("validate", "--usage", "rejects.csv.zst"),
            ("run", "--suppressions", "report.html"), ("validate", "--ip-ranges", "manifest.json"),
            ("run", "--suppressions", ".kycwatch.lock"), ("run", "--suppressions", "detect-rejects.csv.zst"),
            ("run", "--suppressions", ".report.html.tmp-Ab12Cd"),
        ])
    func runOutputOverInput(command: String, option: String, name: String) throws {
        let input = folder.appendingPathComponent(name)
        let source = [
            "--usage": "SampleData/usage.csv.zst", "--suppressions": "Pipelines/suppressions.example.yaml",
            "--ip-ranges": "SampleData/reference/ip-ranges.csv",
        ][option]!
        try FileManager.default.copyItem(at: KYCWatchBinary.repositoryRoot.appendingPathComponent(source), to: input)
        let before = try Data(contentsOf: input)
        let result = try KYCWatchBinary.run(
            [command, "--accounts", "SampleData/accounts.csv.zst", option, input.path, "--out", folder.path]
                + (command == "validate" ? ["--sample", "5"] : ["--run-date", "2026-11-29"]))
        #expect(result.status == 78, "\(result.stderr)")
        #expect(result.stderr.contains("would replace it with an output of the same name"), "\(result.stderr)")
        #expect(try Data(contentsOf: input) == before)
        #expect(!result.stderr.contains("input read"), "refused before any input is read")
    }

    @Test("two inputs cannot both be standard input")
    func twoInputsOnStandardInput() throws {
        let result = try KYCWatchBinary.run(
            ["normalize", "--usage", "-", "--access", "-", "--out", folder.path], stdin: Data("x\n".utf8))
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("only one input can be read from standard input"), "\(result.stderr)")
    }

    @Test(
        "options for inputs named by flags are refused, not ignored, when no such input is named",
        arguments: [
            (["normalize"], ["--delimiter", "|"], "--delimiter applies only to inputs named by flags"),
            (["normalize"], ["--usage-format", "slurm-sacct"], "--usage-format applies only to the usage export"),
            (["run", "--run-date", "2026-11-29"], ["--delimiter", ";"], "--delimiter applies only"),
            (["validate"], ["--usage-format", "focus-1.0"], "--usage-format applies only"),
            (
                ["normalize", "--accounts", "SampleData/accounts.csv.zst"], ["--usage-format", "focus-1.0"],
                "--usage-format applies only"
            ),
        ])
    func flagOptionsWithoutFlagInputs(command: [String], options: [String], words: String) throws {
        let pipeline = try nightlyCopy()
        let out = folder.appendingPathComponent("out").path
        let result = try KYCWatchBinary.run(
            [command[0], pipeline] + command.dropFirst() + options + ["--out", out])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/manifest.json"))
        // With an input named by a flag, --delimiter is that input's.
        let flagged = try KYCWatchBinary.run(
            ["normalize", "--accounts", "SampleData/accounts.csv.zst", "--delimiter", ",", "--out", out])
        #expect(flagged.status == 0, "\(flagged.stderr)")
    }

    /// A pipeline in `folder` (`p.yaml`) reading SampleData's accounts, screened against the Denied
    /// Persons list (the bundled copy unless `deniedPersons` names one) at `threshold` (line 7; `entry`,
    /// a key and its value under `screening:`, in its place when given) with the reviewed decisions of
    /// `decisions`, when given.
    private func writeScreeningPipeline(
        decisions: String?, deniedPersons: String? = nil, threshold: String = "0.82",
        entry: (key: String, value: String)? = nil
    ) throws {
        let root = KYCWatchBinary.repositoryRoot.path
        let list = deniedPersons ?? "\(root)/Pipelines/reference/screening/dpl.txt.zst"
        try Data(
            """
            version: 1
            inputs:
              - kind: accounts
                path: \(root)/SampleData/accounts.csv.zst
            screening:
              bis_dpl: \(list)
              \(entry.map { "\($0.key): \($0.value)" } ?? "threshold: \(threshold)")
            \(decisions.map { "  decisions: \($0)" } ?? "")
            """.utf8
        ).write(to: folder.appendingPathComponent("p.yaml"))
    }

    /// Each line of `text` as a JSON object; a line that is not one fails the test.
    static func jsonRecords(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
    }

    @Test("--time-zone reads the local times of inputs named by flags, as sacct writes them; a bad zone is refused")
    func timeZoneFlag() throws {
        let path = folder.appendingPathComponent("sacct.txt").path
        try Data(
            ("JobID|JobIDRaw|Cluster|Account|AllocTRES|Start|End|NodeList\n"
                + "1|1|c|lab|gres/gpu:h100=8|2026-06-04T08:00:00|2026-06-04T10:00:00|gpu1\n").utf8
        ).write(to: URL(fileURLWithPath: path))
        let out = folder.appendingPathComponent("out").path
        let result = try KYCWatchBinary.run(
            [
                "normalize", "--usage", path, "--usage-format", "slurm-sacct", "--time-zone", "America/Chicago",
                "--out", out,
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let usage = try StageChainingTests.bash("zstd -dc '\(out)/usage.csv.zst'").stdout
        #expect(usage.contains("2026-06-04T13:00:00Z,2026-06-04T15:00:00Z"), "\(usage)")
        let bad = try KYCWatchBinary.run(["normalize", "--usage", path, "--time-zone", "Mars/Olympus", "--out", out])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--time-zone 'Mars/Olympus'"), "\(bad.stderr)")
    }

    @Test(
        "--time-zone takes a negative offset as its value, written apart, in every command that has it",
        arguments: ["normalize", "validate", "run"])
    func negativeTimeZoneOffset(command: String) throws {
        let path = folder.appendingPathComponent("sacct.txt").path
        try Data(
            ("JobID|JobIDRaw|Cluster|Account|AllocTRES|Start|End|NodeList\n"
                + "1|1|c|lab|gres/gpu:h100=8|2026-06-04T08:00:00|2026-06-04T10:00:00|gpu1\n").utf8
        ).write(to: URL(fileURLWithPath: path))
        let out = folder.appendingPathComponent("out").path
        var arguments = [command, "--usage", path, "--usage-format", "slurm-sacct", "--time-zone", "-05:00"]
        if command != "validate" { arguments += ["--out", out] }
        if command == "run" { arguments += ["--run-date", "2026-06-05"] }
        let result = try KYCWatchBinary.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        if command == "normalize" {
            let usage = try StageChainingTests.bash("zstd -dc '\(out)/usage.csv.zst'").stdout
            #expect(usage.contains("2026-06-04T13:00:00Z,2026-06-04T15:00:00Z"), "\(usage)")
        }
    }

    @Test("--time-zone left without a value does not take the option after it for one: exit 64, saying so")
    func timeZoneWithoutValue() throws {
        let path = folder.appendingPathComponent("sacct.txt").path
        try Data("JobID|JobIDRaw|Cluster|Account|AllocTRES|Start|End|NodeList\n".utf8).write(
            to: URL(fileURLWithPath: path))
        let out = folder.appendingPathComponent("out").path
        for arguments in [
            ["--usage", path, "--time-zone", "--out", out], ["--usage", path, "--out", out, "--time-zone"],
            ["--usage", path, "--time-zone", "--usage-format", "slurm-sacct", "--out", out],
        ] {
            let result = try KYCWatchBinary.run(["normalize"] + arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("--time-zone"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(arguments)")
        }
    }

    @Test("Slurm job steps are skipped, not rejected: a night of jobs with three steps each passes the policy")
    func slurmStepsSkipped() throws {
        var lines = ["JobID|JobIDRaw|Cluster|Account|User|Partition|AllocTRES|Start|End|Elapsed|State|NodeList"]
        for job in 100..<120 {
            let times = "2026-06-04T08:00:00|2026-06-04T09:00:00|01:00:00|COMPLETED|gpu001"
            lines.append("\(job)|\(job)|c1|lab|u|gpu|cpu=8,gres/gpu:h100=8,gres/gpu=8,node=1|\(times)")
            for step in ["batch", "extern", "0"] { lines.append("\(job).\(step)|\(job).\(step)|c1|lab||||\(times)") }
        }
        let path = folder.appendingPathComponent("sacct.txt").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let out = folder.appendingPathComponent("out").path
        let result = try KYCWatchBinary.run(
            ["normalize", "--usage", path, "--usage-format", "slurm-sacct", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains("20 accepted, 0 rejected, 0 deduplicated, 60 skipped (not usage)"),
            "\(result.stdout)")
        let manifest = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
        let input = try #require(((manifest as? [String: Any])?["inputs"] as? [[String: Any]])?.first)
        #expect(input["rows_in"] as? Int == 80)
        #expect(input["rows_skipped"] as? Int == 60)
        #expect(input["rows_rejected"] as? Int == 0)
    }
}

/// A usage record id delivered twice: the same record counts once, another record under the same id
/// is set aside with a reason, by `normalize` and `run` alike.
@Suite("kycwatch normalize and run: a record id delivered twice")
struct RepeatedRecordIDTests {
    @Test("a repeat alike in every figure is a re-delivery; one with other figures is a conflicting-delivery reject")
    func conflictingDelivery() throws {
        let scratch = ScratchFolder()
        let usage = scratch.url.appendingPathComponent("usage.csv").path
        let header =
            "record_id,account_id,resource_id,job_id,cluster_id,region,zone,instance_type,accelerator_model,"
            + "accelerator_count,start_time,end_time,accelerator_utilization,interconnect_gbps,egress_bytes"
        let first = "r1,acct-a,node-1,job-1,,us-east-1,,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.5,,"
        let other = "r2,acct-a,node-2,job-1,,us-east-1,,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.5,,"
        // r2 again, for another account and a month of 4,096 H100: not the record delivered first.
        let conflicting =
            "r2,acct-b,node-9,job-9,,us-east-1,,,H100,4096,2026-06-01T00:00:00Z,2026-07-01T00:00:00Z,0.9,,"
        try Data(([header, first, other, first, conflicting].joined(separator: "\n") + "\n").utf8)
            .write(to: URL(fileURLWithPath: usage))
        for command in ["normalize", "run"] {
            let out = scratch.url.appendingPathComponent(command).path
            let result = try KYCWatchBinary.run(
                [command, "--usage", usage, "--out", out]
                    + (command == "run" ? ["--run-date", "2026-07-02"] : []))
            #expect(result.status == 3, "one reject of four rows is over the default policy: \(result.stderr)")
            let manifest = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
                    as? [String: Any])
            let input = try #require((manifest["inputs"] as? [[String: Any]])?.first)
            #expect(input["rows_in"] as? Int == 4, "\(command)")
            #expect(input["rows_accepted"] as? Int == 2, "\(command)")
            #expect(input["rows_deduplicated"] as? Int == 1, "\(command)")
            #expect(input["rows_rejected"] as? Int == 1, "\(command)")
            #expect(input["rejected_by_reason"] as? [String: Int] == ["conflicting-delivery": 1], "\(command)")
            let rejects = try #require(
                try StageChainingTests.bash("zstd -dc '\(out)/rejects.csv.zst'").stdout.split(separator: "\n").last)
            #expect(rejects.hasPrefix("\(usage),5,record_id,conflicting-delivery,"), "\(rejects)")
            #expect(rejects.contains("r2,acct-b,node-9,job-9"), "the row's values: \(rejects)")
        }
    }
}

extension RepeatedRecordIDTests {
    @Test("a repeat under another job or cluster id, of the same length, is a conflicting delivery too")
    func otherJobSameLength() throws {
        let scratch = ScratchFolder()
        let usage = scratch.url.appendingPathComponent("usage.csv").path
        let header = "record_id,account_id,resource_id,job_id,cluster_id,start_time,end_time"
        let rows = [
            "r0,acct-a,node-1,train-1,pg-1,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z",
            "r0,acct-a,node-1,train-1,pg-7,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z",
            "r0,acct-a,node-1,train-2,pg-1,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z",
        ]
        try Data(([header] + rows).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: usage))
        let out = scratch.url.appendingPathComponent("n").path
        _ = try KYCWatchBinary.run(["normalize", "--usage", usage, "--out", out])
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
                as? [String: Any])
        let input = try #require((manifest["inputs"] as? [[String: Any]])?.first)
        #expect(input["rejected_by_reason"] as? [String: Int] == ["conflicting-delivery": 2])
        #expect(input["rows_deduplicated"] as? Int == 0)
    }
}
