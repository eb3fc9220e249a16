import Foundation
import KYCWatch
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

    @Test("flags alone, from another folder: the catalogues that came with kycwatch, and the checks not made")
    func flagsFromElsewhere() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kycwatch-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = KYCWatchBinary.repositoryRoot.appendingPathComponent("SampleData").path
        let arguments = [
            "run", "--accounts", data + "/accounts.csv.zst", "--access", data + "/access.csv.zst", "--run-date",
            "2026-11-28",
        ]
        let result = try KYCWatchBinary.run(arguments + ["--out", "night"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        // No IP data and no lists were named: the run says which checks it could not make, and the
        // manifest keeps them.
        for gap in ["no IP ranges", "no anonymizer ranges", "no restricted-party lists"] {
            #expect(result.stderr.contains("check not made: \(gap)"), "\(result.stderr)")
        }
        let manifest =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.appendingPathComponent("night/manifest.json"))) as? [String: Any]
        #expect((manifest?["checks_not_made"] as? [String])?.count == 3)
        // --screening names a folder of lists, which then screen the accounts.
        let lists = KYCWatchBinary.repositoryRoot.appendingPathComponent("Pipelines/reference/screening").path
        let screened = try KYCWatchBinary.run(arguments + ["--out", "screened", "--screening", lists], in: folder)
        #expect(screened.status == 0, "\(screened.stderr)")
        #expect(!screened.stderr.contains("no restricted-party lists"), "\(screened.stderr)")
        let hits = try StageChainingTests.bash(
            "zstd -dcq '\(folder.path)/screened/findings.jsonl.zst' | grep -c SCR-001")
        #expect((Int(hits.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0, "\(hits.stdout)")
        let none = try KYCWatchBinary.run(arguments + ["--out", "none", "--screening", folder.path], in: folder)
        #expect(none.status == 66, "\(none.stderr)")
        #expect(none.stderr.contains("no restricted-party list here"), "\(none.stderr)")
        // The manifest names each list and catalogue the night read, with its digest.
        let screenedManifest =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.appendingPathComponent("screened/manifest.json"))) as? [String: Any]
        let reference = try #require(screenedManifest?["reference"] as? [String: [String: String]])
        #expect(
            Set(reference.keys)
                == [
                    "accelerators", "instance_types", "countries", "ofac_sdn", "ofac_alt", "ofac_add", "bis_dpl", "csl",
                ])
        let dpl = try #require(reference["bis_dpl"])
        #expect(dpl["path"] == lists + "/dpl.txt.zst")
        let digest = try StageChainingTests.bash("sha256sum '\(lists)/dpl.txt.zst'")
        #expect(digest.stdout.hasPrefix(dpl["sha256"] ?? "-"), "\(digest.stdout)")
        // A folder with one list screens against it, and says what the others would have screened.
        let one = folder.appendingPathComponent("one").path
        try FileManager.default.createDirectory(atPath: one, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: lists + "/dpl.txt.zst", toPath: one + "/dpl.txt.zst")
        let partial = try KYCWatchBinary.run(arguments + ["--out", "partial", "--screening", one], in: folder)
        #expect(partial.status == 0, "\(partial.stderr)")
        #expect(
            partial.stderr.contains("check not made: no Consolidated Screening List (csl.csv): the Entity List"),
            "\(partial.stderr)")
        #expect(partial.stderr.contains("check not made: no OFAC SDN list (sdn.csv)"), "\(partial.stderr)")
    }

    @Test("usage after the run date is left out, cut at its midnight, flagged and named, by run and by detect alike")
    func usageAfterRunDate() throws {
        let fixture = try NightFixture()
        let accounts = try fixture.writeExport(
            "accounts.csv.zst", header: NightFixture.accountsHeader, rows: [NightFixture.china])
        // 32,768 H100 at 50 % from April 1 for 90 days (1.26e26 operations), and a small job of June.
        let usage = try fixture.writeExport(
            "usage.csv.zst", header: AccountRowNightTests.usageHeader,
            rows: [
                AccountRowNightTests.largeRun,
                "u2,acct-cn,r2,j2,c1,H100-SXM5-80GB,8,2026-06-01T00:00:00Z,2026-06-02T00:00:00Z,0.5,3200",
            ])
        let exports = ["--accounts", accounts, "--usage", usage]
        let whole = try fixture.run(exports, night: "whole", date: "2026-07-15")
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(try fixture.findings(night: "whole").first("CVT-001", "acct-cn") != nil)
        #expect(!whole.stderr.contains("after the run date"), "\(whole.stderr)")
        // Rerun as of May 15: the run's first 45 days only, 32,768 × 989.5e12 × 0.5 × 45 days = 6.30e25
        // operations, under the threshold; the June job is left out.
        let early = try fixture.run(exports, night: "early", date: "2026-05-15")
        #expect(early.status == 0, "\(early.stderr)")
        #expect(early.stderr.contains("usage or access after the run date cut or left out"), "\(early.stderr)")
        #expect(early.stderr.contains("records=2"), "\(early.stderr)")
        let normalized = try KYCWatchBinary.run(["normalize"] + exports + ["--out", fixture.path("normalized")])
        #expect(normalized.status == 0, "\(normalized.stderr)")
        let detected = try KYCWatchBinary.run([
            "detect", "--in", fixture.path("normalized"), "--out", fixture.path("out/detect"), "--run-date",
            "2026-05-15",
        ])
        #expect(detected.status == 0, "\(detected.stderr)")
        for night in ["early", "detect"] {
            let findings = try fixture.findings(night: night)
            #expect(findings.first("CVT-001", "acct-cn") == nil, "\(night)")
            let large = try #require(findings.first("LMT-001", "acct-cn"), "\(night)")
            let expected = 32_768 * 989.5e12 * 0.5 * 45 * 86_400
            #expect(abs((large.metrics["expected_operations"] ?? 0) / expected - 1) < 1e-9, "\(large.metrics)")
            #expect(large.window?.end == "2026-05-16T00:00:00Z", "\(night)")
            #expect(findings.allSatisfy { ($0.window?.end ?? "") <= "2026-05-16T00:00:00Z" }, "\(night)")
            let inputs = try #require(try fixture.manifest(night: night)["inputs"] as? [[String: Any]])
            let usageInput = try #require(inputs.first { ($0["path"] as? String)?.hasSuffix("usage.csv.zst") == true })
            #expect((usageInput["flagged"] as? [String: Int])?["after-run-date"] == 2, "\(usageInput)")
            #expect(usageInput["rows_accepted"] as? Int == 2, "\(usageInput)")
        }
    }

    @Test("--reference names the catalogues of a pipeline file that has none beside it")
    func referenceOverridesPipeline() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kycwatch-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = KYCWatchBinary.repositoryRoot.path
        try Data(
            "version: 1\ninputs:\n  - kind: accounts\n    path: \(root)/SampleData/accounts.csv.zst\n".utf8
        ).write(to: folder.appendingPathComponent("mine.yaml"))
        let arguments = [
            "run", folder.path + "/mine.yaml", "--out", folder.path + "/night", "--run-date", "2026-11-28",
        ]
        let missing = try KYCWatchBinary.run(arguments)
        #expect(missing.status == 66, "\(missing.stderr)")
        #expect(missing.stderr.contains("reference/countries.csv"), "\(missing.stderr)")
        #expect(missing.stderr.contains("or of --reference"), "\(missing.stderr)")
        let named = try KYCWatchBinary.run(arguments + ["--reference", root + "/Pipelines/reference"])
        #expect(named.status == 0, "\(named.stderr)")
    }

    @Test(
        "a glob matching no file is an input missing, as a missing file is (66, an unfinished night); detect ignores it",
        arguments: ["exports/usage-*.csv", "exports/usage-2026-06-10.csv"])
    func exportNotDelivered(path: String) throws {
        let scratch = ScratchFolder()
        let folder = scratch.url.path
        let reference = KYCWatchBinary.repositoryRoot.path + "/Pipelines/reference"
        try Data(
            ("account_id,created_at,customer_type,legal_name,country,email\n"
                + "acct-1,2025-01-02T03:04:05Z,organization,Acme,US,ops@acme.example\n").utf8
        ).write(to: URL(fileURLWithPath: folder + "/accounts.csv"))
        try Data(
            ("record_id,account_id,resource_id,instance_type,start_time,end_time\n"
                + "u1,acct-1,i-0,p5.48xlarge,2026-06-09T00:00:00Z,2026-06-09T01:00:00Z\n").utf8
        ).write(to: URL(fileURLWithPath: folder + "/usage.csv"))
        let pipeline = folder + "/p.yaml"
        try Data(
            "version: 1\ninputs:\n  - kind: accounts\n    path: accounts.csv\n  - kind: usage\n    path: \(path)\n".utf8
        ).write(to: URL(fileURLWithPath: pipeline))
        let missing = "kycwatch: error: \(folder)/\(path): cannot open for reading: "
        let validated = try KYCWatchBinary.run(["validate", pipeline, "--reference", reference])
        #expect(validated.status == 66, "\(validated.stderr)")
        #expect(validated.stderr.contains(missing), "\(validated.stderr)")
        let night = folder + "/2026-06-10"
        let run = try KYCWatchBinary.run(
            ["run", pipeline, "--reference", reference, "--out", night, "--run-date", "2026-06-10"])
        #expect(run.status == 66, "\(run.stderr)")
        #expect(run.stderr.contains(missing), "\(run.stderr)")
        // The night's folder is there without a manifest: the next night does not take itself for the first.
        #expect(FileManager.default.fileExists(atPath: night))
        #expect(!FileManager.default.fileExists(atPath: night + "/manifest.json"))
        let next = try KYCWatchBinary.run(
            [
                "run", pipeline, "--reference", reference, "--out", folder + "/2026-06-11", "--run-date", "2026-06-11",
                "--previous", night,
            ])
        #expect(next.status == 66, "\(next.stderr)")
        #expect(next.stderr.contains(night), "\(next.stderr)")
        // detect reads a normalize folder: the pipeline file's inputs are not looked for.
        let normalized = folder + "/n"
        let normalize = try KYCWatchBinary.run(
            [
                "normalize", "--accounts", folder + "/accounts.csv", "--usage", folder + "/usage.csv", "--out",
                normalized, "--reference", reference,
            ])
        #expect(normalize.status == 0, "\(normalize.stderr)")
        let detect = try KYCWatchBinary.run(
            [
                "detect", "--in", normalized, "--pipeline", pipeline, "--reference", reference, "--out",
                folder + "/d", "--run-date", "2026-06-10",
            ])
        #expect(detect.status == 0, "\(detect.stderr)")
    }

    @Test("a suppressed covered transaction keeps its case draft, which says so, and explain finds it")
    func suppressedCoveredTransaction() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kycwatch-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let id = "F-fe0135fc798a1387"
        let suppressions = folder.appendingPathComponent("reviewed.yaml").path
        try Data(
            "suppressions:\n  - finding_id: \(id)\n    reason: filing in progress\n    reviewer: j.doe\n    expires: 2026-12-20\n"
                .utf8
        ).write(to: URL(fileURLWithPath: suppressions))
        let out = folder.appendingPathComponent("night").path
        let result = try KYCWatchBinary.run(
            ["run", "Pipelines/nightly.yaml", "--out", out, "--run-date", "2026-11-29", "--suppressions", suppressions])
        #expect(result.status == 0, "\(result.stderr)")
        let draft = try String(contentsOfFile: out + "/cases/\(id).md", encoding: .utf8)
        #expect(
            draft.contains("**Suppressed** from tonight's list until 2026-12-20 by j.doe: filing in progress"),
            "\(draft)")
        let explained = try KYCWatchBinary.run(["explain", id, "--in", out])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("until 2026-12-20 by j.doe: filing in progress"), "\(explained.stdout)")
        #expect(explained.stdout.contains("cases/\(id).md"), "\(explained.stdout)")
    }

    @Test("rules lists the catalogue with parameters")
    func rules() throws {
        let result = try KYCWatchBinary.run(["rules"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("LMT-001 v7"))
        #expect(result.stdout.contains("TRS-001 v4"))
        #expect(result.stdout.contains("LNK-001 v9"))
        #expect(result.stdout.contains("DQ-002 v5  Accelerator usage at training scale with no job or cluster id"))
        #expect(result.stdout.contains("cluster_idle_gap_hours = 72.0"))
        #expect(result.stdout.contains("(a number from 1 to 87600)"))
        #expect(
            result.stdout.contains(
                "report_days = 15  days from knowledge to the report's due date (a whole number from 0 to 365)"))
        #expect(result.stdout.contains("threshold_operations = 1e+26"))
    }
}

/// Slurm exports of one night that see a job at different times.
@Suite("kycwatch run: a Slurm job across exports")
struct SlurmExportsTests {
    @Test("a training job seen running in one export and finished in the next is counted in full, once")
    func runningThenFinished() throws {
        let fixture = try NightFixture()
        let header = "JobID|JobIDRaw|Cluster|Account|AllocTRES|Start|End|Elapsed|NodeList"
        // 32,768 H100 for 40 days by the first export, 100 days in all: over 1e26 operations only in full.
        let job = "77|77|big|lab|gres/gpu:h100=32768|2026-03-01T00:00:00"
        try fixture.writeExport("sacct-1.txt.zst", header: header, rows: [job + "|Unknown|40-00:00:00|gpu[1-4096]"])
        try fixture.writeExport(
            "sacct-2.txt.zst", header: header, rows: [job + "|2026-06-09T00:00:00|100-00:00:00|gpu[1-4096]"])
        let reference = FileManager.default.currentDirectoryPath + "/Pipelines/reference"
        let pipeline = fixture.path("pipeline.yaml")
        try Data(
            """
            version: 1
            inputs:
              - kind: usage
                path: sacct-*.txt.zst
                format: slurm-sacct
            reference:
              accelerators: \(reference)/accelerators.csv
              instance_types: \(reference)/instance_types.csv
              countries: \(reference)/countries.csv
            output:
              folder: out/night
            """.utf8
        ).write(to: URL(fileURLWithPath: pipeline))
        let result = try KYCWatchBinary.run(["run", pipeline, "--run-date", "2026-06-10"])
        #expect(result.status == 0, "\(result.stderr)")
        let training = try #require(try fixture.findings(night: "night").first { $0.rule == "LMT-001" })
        #expect(training.severity == .critical)
        let hours = try #require(training.metrics["accelerator_hours"])
        #expect(abs(hours - 32_768 * 100 * 24) < 1e-3, "\(hours)")
        let expected = try #require(training.metrics["expected_operations"])
        #expect(expected > 1e26)
        let inputs = try #require(try fixture.manifest(night: "night")["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["rows_rejected"] as? Int } == [0, 0])
        #expect((inputs.last?["flagged"] as? [String: Int])?["continued-job"] == 1)
    }

    @Test("a training job holding two GPU models counts both, in run and in normalize then detect alike")
    func twoModels() throws {
        let fixture = try NightFixture()
        // 16,384 H100 and 16,384 A100 for 160 days: the H100 alone come to 9e25 operations, both to 1.2e26.
        let export = try fixture.writeExport(
            "sacct.txt.zst", header: "JobID|JobIDRaw|Cluster|Account|AllocTRES|Start|End|Elapsed|NodeList",
            rows: [
                "88|88|big|lab|billing=1,cpu=1,gres/gpu:a100=16384,gres/gpu:h100=16384,gres/gpu=32768,node=4096|"
                    + "2026-01-01T00:00:00|2026-06-10T00:00:00|160-00:00:00|gpu[1-4096]"
            ])
        let usage = ["--usage", export, "--usage-format", "slurm-sacct"]
        let date = ["--run-date", "2026-06-10"]
        let run = try KYCWatchBinary.run(["run"] + usage + ["--out", fixture.path("out/run")] + date)
        #expect(run.status == 0, "\(run.stderr)")
        let normalized = try KYCWatchBinary.run(["normalize"] + usage + ["--out", fixture.path("n")])
        #expect(normalized.status == 0, "\(normalized.stderr)")
        let detected = try KYCWatchBinary.run(
            ["detect", "--in", fixture.path("n"), "--out", fixture.path("out/chained")] + date)
        #expect(detected.status == 0, "\(detected.stderr)")
        let findings = try fixture.findings(night: "run")
        #expect(try fixture.findings(night: "chained") == findings)
        let training = try #require(findings.first { $0.rule == "LMT-001" })
        #expect(training.severity == .critical)
        let hours = try #require(training.metrics["accelerator_hours"])
        #expect(abs(hours - 32_768 * 160 * 24) < 1e-3, "\(hours)")
        #expect(try #require(training.metrics["expected_operations"]) > 1e26)
        // Both models' accelerators run at once on the job's nodes: no overlap of one resource metered twice.
        #expect(!training.summary.contains("overlap"), "\(training.summary)")
        let inputs = try #require(try fixture.manifest(night: "run")["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["rows_accepted"] as? Int } == [1])
        #expect((inputs.first?["flagged"] as? [String: Int])?["several-gpu-models"] == 1)
    }
}
