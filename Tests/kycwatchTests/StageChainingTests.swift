import Foundation
import Testing

@Suite("Stage chaining through a pipe")
struct StageChainingTests {
    /// Runs `script` with bash (pipefail on) in the repository root.
    static func bash(_ script: String) throws -> KYCWatchBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "set -o pipefail; " + script]
        process.currentDirectoryURL = KYCWatchBinary.repositoryRoot
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kycwatch-chain-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: scratch.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: scratch) }
        process.standardOutput = try FileHandle(forWritingTo: scratch)
        process.standardError = process.standardOutput
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: try Data(contentsOf: scratch), as: UTF8.self)
        return KYCWatchBinary.Result(status: process.terminationStatus, stdout: output, stderr: output)
    }

    @Test("normalize --out - | detect --in - gives the findings of the same stages through a folder")
    func pipeMatchesFolder() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kycwatch-chain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let bin = KYCWatchBinary.path
        let inputs = "--accounts SampleData/accounts.csv.zst --access SampleData/access.csv.zst"
        let detect = "detect --pipeline Pipelines/nightly.yaml --run-date 2026-11-29"
        let piped = try Self.bash(
            "'\(bin)' normalize \(inputs) --out - | '\(bin)' \(detect) --in - --out '\(scratch.path)/piped'")
        #expect(piped.status == 0, "\(piped.stdout)")
        #expect(piped.stdout.contains("-> standard output"))
        let folder = try Self.bash(
            "'\(bin)' normalize \(inputs) --out '\(scratch.path)/n' && '\(bin)' \(detect) --in '\(scratch.path)/n' "
                + "--out '\(scratch.path)/folder'")
        #expect(folder.status == 0, "\(folder.stdout)")
        let pipedFindings = try Data(contentsOf: scratch.appendingPathComponent("piped/findings.jsonl.zst"))
        let folderFindings = try Data(contentsOf: scratch.appendingPathComponent("folder/findings.jsonl.zst"))
        #expect(!pipedFindings.isEmpty)
        #expect(pipedFindings == folderFindings)
        // The manifest names the inputs as received, not the temporary folder they were read from.
        let manifest =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: scratch.appendingPathComponent("piped/manifest.json"))) as? [String: Any]
        let named = (manifest?["inputs"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
        #expect(named == ["<stdin>/accounts.csv.zst", "<stdin>/access.csv.zst"])
    }

    @Test(
        "detect over a normalize stage's outputs accounts for the rows that stage rejected",
        arguments: ["pipe", "folder"])
    func rejectsCarriedToDetect(form: String) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kycwatch-chain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let bin = KYCWatchBinary.path
        let inputs = "--accounts SampleData/accounts.csv.zst --usage SampleData/usage.csv.zst"
        let out = "\(scratch.path)/d"
        let script =
            form == "pipe"
            ? "'\(bin)' normalize \(inputs) --out - 2>/dev/null | '\(bin)' detect --in - --out '\(out)'"
            : "'\(bin)' normalize \(inputs) --out '\(scratch.path)/n' >/dev/null && '\(bin)' detect --in '\(scratch.path)/n' --out '\(out)'"
        let result = try Self.bash(script + " --run-date 2026-11-29 --log-format json 2>/dev/null")
        #expect(result.status == 0, "\(result.stdout)")
        // SampleData's accounts and usage exports have 6 and 15 rows that cannot be trusted.
        #expect(result.stdout.contains("kycwatch detect: 235,730 rows in, 21 rejected, "), "\(result.stdout)")
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
            as? [String: Any]
        let raw = try #require(manifest?["normalize_inputs"] as? [[String: Any]])
        #expect(raw.compactMap { $0["rows_rejected"] as? Int } == [6, 15])
        #expect(
            raw.compactMap { $0["path"] as? String } == ["SampleData/accounts.csv.zst", "SampleData/usage.csv.zst"])
        // The rejected rows themselves are in the night's folder, as a run puts them.
        let outputs = (manifest?["outputs"] as? [[String: Any]])?.compactMap { $0["path"] as? String } ?? []
        #expect(outputs.contains(out + "/rejects.csv.zst"))
        let rejects = try Self.bash("zstd -dcq '\(out)/rejects.csv.zst' | wc -l")
        #expect(rejects.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(1 + 21)")
        let report = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(report.contains("The exports as <code>kycwatch normalize</code> read them"))
    }

    @Test(
        "detect refuses a normalized file changed since normalize wrote it, and a folder without its manifest")
    func normalizedFilesChecked() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kycwatch-chain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let bin = KYCWatchBinary.path
        let n = scratch.path + "/n"
        let made = try Self.bash(
            "'\(bin)' normalize --accounts SampleData/accounts.csv.zst --access SampleData/access.csv.zst --out '\(n)'")
        #expect(made.status == 0, "\(made.stdout)")
        // A file of another night put in place of the one normalize wrote.
        try FileManager.default.removeItem(atPath: n + "/access.csv.zst")
        let other = try Self.bash(
            "'\(bin)' normalize --access SampleData/access.csv.zst --out '\(scratch.path)/o' --delimiter , && "
                + "cp '\(scratch.path)/o/access.csv.zst' '\(n)/access.csv.zst' && "
                + "printf 'x' | zstd -q >> '\(n)/access.csv.zst'")
        #expect(other.status == 0, "\(other.stdout)")
        let swapped = try Self.bash("'\(bin)' detect --in '\(n)' --out '\(scratch.path)/d' --run-date 2026-11-29")
        #expect(swapped.status == 65, "\(swapped.stdout)")
        #expect(swapped.stdout.contains("is not the file the normalize stage wrote"), "\(swapped.stdout)")
        // Refused before any output is in place.
        #expect((try? FileManager.default.contentsOfDirectory(atPath: scratch.path + "/d"))?.isEmpty ?? true)
        // The rejects file, copied into the night's folder rather than read, is checked too.
        let copy = scratch.path + "/m"
        let rejects = try Self.bash(
            "'\(bin)' normalize --accounts SampleData/accounts.csv.zst --out '\(copy)' >/dev/null && "
                + "echo junk | zstd -q -f -o '\(copy)/rejects.csv.zst' && "
                + "'\(bin)' detect --in '\(copy)' --out '\(scratch.path)/f' --run-date 2026-11-29")
        #expect(rejects.status == 65, "\(rejects.stdout)")
        #expect(
            rejects.stdout.contains("rejects.csv.zst: is not the file the normalize stage wrote"), "\(rejects.stdout)")
        // A file the manifest lists that is not there at all: its rows would be missing from the night.
        for file in ["access.csv.zst", "rejects.csv.zst"] {
            let partial = scratch.path + "/p-\(file)"
            let missing = try Self.bash(
                "'\(bin)' normalize --accounts SampleData/accounts.csv.zst --access SampleData/access.csv.zst "
                    + "--out '\(partial)' >/dev/null 2>&1 && rm '\(partial)/\(file)' && "
                    + "'\(bin)' detect --in '\(partial)' --out '\(partial)-d' --run-date 2026-11-29")
            #expect(missing.status == 66, "\(file): \(missing.stdout)")
            #expect(missing.stdout.contains("\(file): is missing: the normalize stage's manifest lists it"))
        }
        // Without the manifest, written last, the folder is no finished normalize output: refused.
        try FileManager.default.removeItem(atPath: scratch.path + "/o/manifest.json")
        let bare = try Self.bash(
            "'\(bin)' detect --in '\(scratch.path)/o' --out '\(scratch.path)/e' --run-date 2026-11-29")
        #expect(bare.status == 66, "\(bare.stdout)")
        #expect(
            bare.stdout.contains("o/manifest.json: is missing: detect reads a finished normalize"), "\(bare.stdout)")
    }

    @Test("a normalize stage over its reject policy fails detect too, after it writes everything")
    func rejectPolicyCarried() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kycwatch-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(
            ("account_id,created_at,customer_type,legal_name,country,email\n"
                + "a1,2025-01-01T00:00:00Z,individual,Ann,US,ann@example.com\n"
                + "a2,someday,individual,Bob,US,bob@example.com\n").utf8
        ).write(to: scratch.appendingPathComponent("accounts.csv"))
        let bin = KYCWatchBinary.path
        let result = try Self.bash(
            "'\(bin)' normalize --accounts '\(scratch.path)/accounts.csv' --out - 2>/dev/null"
                + " | '\(bin)' detect --in - --out '\(scratch.path)/d' --run-date 2026-11-29; echo \"status=$?\"")
        #expect(result.stdout.contains("status=3"), "\(result.stdout)")
        #expect(result.stdout.contains("kycwatch detect: 2 rows in, 1 rejected, "), "\(result.stdout)")
        #expect(result.stdout.contains("1 of 2 rows rejected at the normalize stage"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/d/findings.jsonl.zst"))
    }

    @Test("rows detect itself rejects are held to the pipeline file's reject policy, as run holds the exports")
    func detectRejectPolicy() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kycwatch-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Normalized with a site catalogue that knows one more model; detected with the bundled one.
        let site = scratch.appendingPathComponent("site")
        try FileManager.default.copyItem(
            at: KYCWatchBinary.repositoryRoot.appendingPathComponent("Pipelines/reference"), to: site)
        let catalogue = site.appendingPathComponent("accelerators.csv")
        try Data(
            (try String(contentsOf: catalogue, encoding: .utf8) + "X1000,Test,x1000,1000,,,,80,site model\n").utf8
        ).write(to: catalogue)
        var usage = "record_id,account_id,resource_id,job_id,accelerator_model,accelerator_count,start_time,end_time\n"
        for row in 0..<100 {
            usage +=
                "u\(row),A1,r\(row),j1,\(row == 0 ? "X1000" : "H100"),8,2026-06-01T00:00:00Z,2026-06-01T10:00:00Z\n"
        }
        try Data(usage.utf8).write(to: scratch.appendingPathComponent("usage.csv"))
        let normalize = try KYCWatchBinary.run([
            "normalize", "--usage", scratch.path + "/usage.csv", "--reference", site.path, "--out", scratch.path + "/n",
        ])
        #expect(normalize.status == 0, "\(normalize.stderr)")
        // One row in 100 is within the default 5 %.
        let lenient = try KYCWatchBinary.run([
            "detect", "--in", scratch.path + "/n", "--out", scratch.path + "/d1", "--run-date", "2026-11-28",
        ])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("reasons=unknown-accelerator=1 rejected=1"), "\(lenient.stderr)")
        // A pipeline file allowing none fails the night on it.
        let root = KYCWatchBinary.repositoryRoot.path
        try Data(
            """
            version: 1
            inputs:
              - kind: usage
                path: usage.csv
                max_reject_share: 0
            reference:
              accelerators: \(root)/Pipelines/reference/accelerators.csv
              instance_types: \(root)/Pipelines/reference/instance_types.csv
              countries: \(root)/Pipelines/reference/countries.csv
            """.utf8
        ).write(to: scratch.appendingPathComponent("strict.yaml"))
        let strict = try KYCWatchBinary.run([
            "detect", "--in", scratch.path + "/n", "--out", scratch.path + "/d2", "--pipeline",
            scratch.path + "/strict.yaml", "--run-date", "2026-11-28",
        ])
        #expect(strict.status == 3, "\(strict.stderr)")
        #expect(strict.stderr.contains("1 of 100 rows rejected (1%, policy allows 0%)"), "\(strict.stderr)")
    }

    @Test("an error in a file of the stream names it as received")
    func errorInStreamedFile() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kycwatch-chain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        // A normalize stage's folder whose accounts file is then replaced by one of another layout.
        let made = try Self.bash(
            "'\(KYCWatchBinary.path)' normalize --accounts SampleData/accounts.csv.zst --out '\(scratch.path)/stage'")
        #expect(made.status == 0, "\(made.stdout)")
        try Data("not,an,accounts,export\n1,2,3,4\n".utf8).write(
            to: scratch.appendingPathComponent("stage/accounts.csv.zst"))
        let result = try Self.bash(
            "tar -cf - -C '\(scratch.path)/stage' accounts.csv.zst rejects.csv.zst manifest.json "
                + "| '\(KYCWatchBinary.path)' detect --in - --out '\(scratch.path)/d' --run-date 2026-11-29")
        #expect(result.status == 65, "\(result.stdout)")
        #expect(
            result.stdout.contains("kycwatch: error: <stdin>/accounts.csv.zst:1: the header lacks"), "\(result.stdout)")
    }

    @Test("a reader that goes away fails normalize with the output status, and its temporary folder is removed")
    func readerGoesAway() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kycwatch-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let result = try Self.bash(
            "TMPDIR='\(scratch.path)' '\(KYCWatchBinary.path)' normalize --accounts SampleData/accounts.csv.zst --out - "
                + "| head -c 100 >/dev/null; echo \"status=${PIPESTATUS[0]}\"")
        #expect(result.stdout.contains("status=73"), "\(result.stdout)")
        #expect(result.stdout.contains("<stdout>: write failed"), "\(result.stdout)")
        // The normalized customer data does not stay behind in the temporary folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    @Test(
        "a stage stream's temporary folder is removed when the process is stopped by a signal",
        arguments: [
            ("normalize", "INT", 130), ("normalize", "TERM", 143), ("detect", "TERM", 143), ("detect", "HUP", 129),
            ("detect, stream received", "TERM", 143),
        ]
    )
    func stoppedBySignal(command: String, name: String, status: Int) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kycwatch-chain-\(UUID().uuidString)")
        let temporary = scratch.appendingPathComponent("tmp").path
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let bin = KYCWatchBinary.path
        // The process is held on a pipe nobody reads (normalize, sending its stream) or nobody finishes
        // writing (detect, receiving one), so the signal comes while the folder of customer data exists.
        // Or, with the whole stream received, on a suppression file nobody writes.
        let start =
            switch command {
            case "normalize":
                "'\(bin)' normalize Pipelines/nightly.yaml --out - >'\(scratch.path)/pipe' 2>/dev/null & pid=$!; "
                    + "exec 3<'\(scratch.path)/pipe'; ready=manifest.json"
            case "detect":
                "'\(bin)' detect --in - --out '\(scratch.path)/d' <'\(scratch.path)/pipe' 2>'\(scratch.path)/log' & pid=$!; "
                    + "exec 3>'\(scratch.path)/pipe'; printf 'accounts.csv.zst' >&3; ready="
            default:
                "'\(bin)' normalize --accounts SampleData/accounts.csv.zst --out - >'\(scratch.path)/stream' 2>/dev/null; "
                    + "'\(bin)' detect --in - --out '\(scratch.path)/d' --suppressions '\(scratch.path)/pipe' "
                    + "<'\(scratch.path)/stream' 2>'\(scratch.path)/log' & pid=$!; ready=manifest.json"
            }
        let result = try Self.bash(
            "mkfifo '\(scratch.path)/pipe'; export TMPDIR='\(temporary)'; \(start); "
                + "for i in $(seq 400); do ls \"$TMPDIR\"/kycwatch-stage.*/$ready >/dev/null 2>&1 && break; sleep 0.05; done; "
                + "ls -d \"$TMPDIR\"/kycwatch-stage.* >/dev/null && echo held; "
                + "kill -\(name) $pid; "
                + "for i in $(seq 400); do kill -0 $pid 2>/dev/null || break; sleep 0.05; done; "
                + "kill -KILL $pid 2>/dev/null; wait $pid; echo \"status=$?\"")
        #expect(result.stdout.contains("held"), "the signal came while the folder existed: \(result.stdout)")
        #expect(result.stdout.contains("status=\(status)"), "\(result.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
        if command.hasPrefix("detect") {
            let log = try String(contentsOfFile: scratch.path + "/log", encoding: .utf8)
            let receiving = "detect stopped by signal \(status - 128) while it received its stream: nothing was written"
            // The stream's manifest shows in the folder as its last entry begins to arrive, so a signal sent
            // then may still find detect receiving it: either way nothing is left behind.
            #expect(
                command == "detect"
                    ? log.contains(receiving)
                    : log.contains("detect stopped by signal 15 before it finished") || log.contains(receiving),
                "\(log)")
        }
    }

    @Test("a stream cut short fails detect with the input exit status and says why")
    func truncatedStream() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kycwatch-chain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let temporary = scratch.appendingPathComponent("tmp").path
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let bin = KYCWatchBinary.path
        let result = try Self.bash(
            "'\(bin)' normalize --accounts SampleData/accounts.csv.zst --out - 2>/dev/null | head -c 5000 "
                + "| TMPDIR='\(temporary)' '\(bin)' detect --in - --out '\(scratch.path)/d'")
        #expect(result.status == 65)
        #expect(result.stdout.contains("the stream ends inside entry 'accounts.csv.zst'"))
        #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("d/findings.jsonl.zst").path))
        // What detect had received of the stream is not left in the temporary folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
    }
}
