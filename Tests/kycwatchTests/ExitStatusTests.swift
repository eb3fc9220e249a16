import Foundation
import KYCWatch
import Testing

@Suite("kycwatch run exit statuses and logs, as a scheduler sees them")
struct ExitStatusTests {
    @Test(
        "each failure class has its documented exit status",
        arguments: [
            ("success", 0), ("configuration", 78), ("unreadable", 66), ("corrupt", 65), ("rejects", 3),
            ("fail-on", 4), ("fail-on below", 0), ("decompression cap", 65), ("rejects and fail-on", 3),
        ])
    func exitStatus(situation: String, status: Int32) throws {
        let world = try NightFixture()
        var exports = try world.exports(
            night: "1", accounts: [NightFixture.domestic, NightFixture.china], access: [NightFixture.domesticLogin])
        var extra: [String] = []
        switch situation {
        case "configuration":
            try Data("suppressions:\n  - finding_id: F-1\n    reason: r\n    reviewer: j\n    expires: soon\n".utf8)
                .write(to: URL(fileURLWithPath: world.path("bad.yaml")))
            extra = ["--suppressions", world.path("bad.yaml")]
        case "unreadable":
            exports[1] = world.path("no-such-accounts.csv.zst")
        case "corrupt":
            let full = try Data(contentsOf: URL(fileURLWithPath: exports[1]))
            try full.prefix(full.count - 5).write(to: URL(fileURLWithPath: world.path("cut.csv.zst")))
            exports[1] = world.path("cut.csv.zst")
        case "rejects":
            exports[1] = try world.writeExport(
                "rejects.csv.zst", header: NightFixture.accountsHeader,
                rows: [NightFixture.domestic, "acct-x,someday,individual,X,,US,x@example.com,,,,,"])
        case "rejects and fail-on":
            // Rejects over the policy weigh more than findings over --fail-on: 3, not 4.
            exports[1] = try world.writeExport(
                "rejects.csv.zst", header: NightFixture.accountsHeader,
                rows: [NightFixture.domestic, NightFixture.china, "acct-x,someday,individual,X,,US,x@example.com,,,,,"])
            extra = ["--fail-on", "high"]
        case "fail-on":
            extra = ["--fail-on", "high"]
        case "fail-on below":
            extra = ["--fail-on", "critical"]
        case "decompression cap":
            extra = ["--max-decompressed-bytes", "100"]
        default:
            break
        }
        let result = try world.run(exports, night: "n", date: "2026-11-28", extra)
        #expect(result.status == status, "\(result.stderr)")
        switch situation {
        case "unreadable", "corrupt", "decompression cap":
            // The error names the input it could not read.
            #expect(result.stderr.contains("kycwatch: error: \(exports[1]):"), "\(result.stderr)")
        case "configuration":
            #expect(result.stderr.contains("kycwatch: error: \(world.path("bad.yaml")):"), "\(result.stderr)")
        case "rejects", "rejects and fail-on":
            #expect(result.stderr.contains("kycwatch: error: reject policy exceeded"), "\(result.stderr)")
        default:
            // Findings over --fail-on are not an error of kycwatch's.
            #expect(!result.stderr.contains("kycwatch: error:"), "\(result.stderr)")
        }
        if situation.hasPrefix("fail-on") || situation.hasPrefix("rejects") {
            // Every output is written before the exit status says what was found, and the summary line
            // says what the run did.
            for file in ["findings.jsonl.zst", "suppressed.jsonl.zst", "rejects.csv.zst", "manifest.json"] {
                #expect(FileManager.default.fileExists(atPath: world.path("out/n/\(file)")), "\(file)")
            }
            #expect(result.stdout.hasPrefix("kycwatch run: "), "\(result.stdout)")
        }
        if [0, 3, 4].contains(status) {
            // The manifest says how the night ended, for whoever reads the folder instead of the log.
            let manifest = try world.manifest(night: "n")
            #expect(manifest["exit_status"] as? Int == Int(status), "\(situation)")
            let failOn = manifest["fail_on"] as? [String: Any]
            if !situation.contains("fail-on") { #expect(failOn == nil) }
            if situation == "rejects and fail-on" {
                // The findings over --fail-on are still counted, though the rejects set the status.
                #expect(failOn?["severity"] as? String == "high")
                #expect((failOn?["findings"] as? Int ?? 0) > 0, "\(String(describing: failOn))")
            }
            if situation == "fail-on" {
                #expect(failOn?["severity"] as? String == "high")
                #expect((failOn?["findings"] as? Int ?? 0) > 0)
            }
            if situation == "fail-on below" { #expect(failOn?["findings"] as? Int == 0) }
        }
        if situation == "decompression cap" {
            #expect(result.stderr.contains("passed the cap of 100 bytes"), "\(result.stderr)")
        }
        if situation == "rejects" {
            #expect(result.stdout.contains("1 rejected"), "\(result.stdout)")
        }
        if situation == "success" {
            #expect(
                result.stdout.contains("kycwatch run: 3 rows in, 0 rejected, 2 findings (0 critical), "),
                "\(result.stdout)")
        }
    }

    @Test(
        "values past what dates can hold are refused with a message, never a crash",
        arguments: [
            ("9999-12-31", [String](), Int32(78), "outside 1970-01-01 to 9899-12-31"),
            ("1969-12-31", [], 78, "outside 1970-01-01 to 9899-12-31"),
            ("2026-11-28", ["--suppression-max-days", "9223372036854775807"], 64, "at most 3660"),
        ])
    func outOfRange(date: String, extra: [String], status: Int32, words: String) throws {
        let world = try NightFixture()
        let exports = try world.exports(night: "1", accounts: [NightFixture.domestic], access: [])
        let result = try world.run(exports, night: "n", date: date, extra)
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
    }

    @Test(
        "an error is told by the exit status when standard error cannot take its message",
        arguments: [
            ("2>/dev/full", "run --bogus", 64), ("2>&-", "run --usage not-delivered.csv --out out/x", 66),
            ("2>/dev/full", "run --usage not-delivered.csv --out out/x", 66),
            // A log pipe whose reader went away.
            (
                "2>&1 >/dev/null | (exec 0<&-; sleep 0.5)",
                "run --usage not-delivered.csv --run-date yesterday --out out/x", 78
            ),
        ])
    func unwritableStandardError(redirect: String, command: String, status: Int) throws {
        let world = try NightFixture()
        let result = try StageChainingTests.bash(
            "cd '\(world.path(""))'; '\(KYCWatchBinary.path)' \(command) --reference '\(KYCWatchBinary.repositoryRoot.path)/Pipelines/reference' "
                + "\(redirect); echo \"status=${PIPESTATUS[0]}\"")
        #expect(result.stdout.hasSuffix("status=\(status)\n"), "\(result.stdout)")
    }

    @Test("a previous night's folder that is tonight's output folder is refused before anything is written")
    func previousIsOutput() throws {
        let world = try NightFixture()
        let exports = try world.exports(night: "1", accounts: [NightFixture.domestic], access: [])
        #expect(try world.run(exports, night: "n", date: "2026-11-27").status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: world.path("out/n/findings.jsonl.zst")))
        let result = try world.run(exports, night: "n", date: "2026-11-28", ["--previous", world.path("out/n")])
        #expect(result.status == 78, "\(result.stderr)")
        #expect(result.stderr.contains("tonight's output folder"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: world.path("out/n/findings.jsonl.zst"))) == before)
    }

    @Test("--log-format json writes one JSON object per line on standard error")
    func jsonLogs() throws {
        let world = try NightFixture()
        let exports = try world.exports(
            night: "1", accounts: [NightFixture.domestic, NightFixture.china], access: [NightFixture.ghostLogin])
        let result = try world.run(
            exports, night: "n", date: "2026-11-28", ["--log-format", "json", "--previous", world.path("out/none")])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count >= 8)
        var messages: [String] = []
        for line in lines {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            #expect(object["timestamp"] is String)
            #expect(object["level"] is String)
            messages.append(try #require(object["message"] as? String))
            if object["message"] as? String == "input read" {
                #expect(object["rows"] is Int, "\(line)")
                #expect(object["stage"] as? String == "run")
                #expect((object["file"] as? String)?.hasSuffix(".csv.zst") == true)
            }
        }
        #expect(messages.contains("step started"))
        #expect(messages.contains("step finished"))
        #expect(messages.contains("output written"))
        #expect(messages.contains("run finished"))
        #expect(!result.stderr.contains("\r"), "no progress line when standard error is not a terminal")
        // Reject reasons are an object of counts, for a log query to read.
        let rejects = try world.writeExport(
            "rejects.csv.zst", header: NightFixture.accountsHeader,
            rows: [NightFixture.domestic, "acct-x,someday,individual,X,,US,x@example.com,,,,,"])
        let failing = try world.run(
            ["--accounts", rejects] + exports.dropFirst(2), night: "r", date: "2026-11-28",
            ["--log-format", "json"])
        let warning = try #require(
            failing.stderr.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }.first { $0["message"] as? String == "rows rejected" }, "\(failing.stderr)")
        #expect(warning["reasons"] as? [String: Int] == ["unparseable-value": 1], "\(warning)")
    }

    @Test("--log-format json reports errors as JSON too")
    func jsonErrors() throws {
        let world = try NightFixture()
        let exports = ["--accounts", world.path("absent.csv.zst")]
        let result = try world.run(exports, night: "n", date: "2026-11-28", ["--log-format", "json"])
        #expect(result.status == 66)
        let line = try #require(result.stderr.split(separator: "\n").last)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "error")
        #expect(object["code"] as? String == "input.unreadable")
        #expect(object["exit_status"] as? Int == 66)
        #expect(object["file"] as? String == world.path("absent.csv.zst"))
    }

    @Test(
        "--log-format json reports a command line that does not parse as one JSON line, exit 64",
        arguments: [
            ["run", "--log-format", "json", "--bogus"], ["normalize", "--log-format=json", "--usage"],
            ["detect", "--fail-on", "nope", "--log-format", "json"],
            // Found wrong only as the command runs: no input named, no --out, a delimiter of two characters.
            ["run", "--log-format", "json"], ["validate", "--log-format", "json"],
            ["run", "--accounts", "a.csv", "--log-format", "json"],
            ["run", "--accounts", "a.csv", "--out", "o", "--delimiter", "ab", "--log-format", "json"],
        ])
    func jsonUsageErrors(arguments: [String]) throws {
        let result = try KYCWatchBinary.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        let first = try #require(lines.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(object["code"] as? String == "usage")
        #expect(object["exit_status"] as? Int == 64)
        #expect((object["message"] as? String ?? "").isEmpty == false)
        // Without the flag the parser's own text, with its usage line, stays.
        let text = try KYCWatchBinary.run(arguments.filter { !$0.hasPrefix("--log-format") && $0 != "json" })
        #expect(text.status == 64)
        #expect(text.stderr.contains("Usage: kycwatch \(arguments[0])"), "\(text.stderr)")
        // Help asked for is help, whatever the log format.
        let help = try KYCWatchBinary.run([arguments[0], "--help", "--log-format", "json"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: kycwatch \(arguments[0])"), "\(help.stdout)")
    }

    @Test("a night stopped while writing over an earlier one leaves no manifest, and no later night takes it")
    func stoppedWhileWriting() throws {
        let world = try NightFixture()
        let exports = try world.exports(
            night: "1", accounts: [NightFixture.domestic, NightFixture.china], access: [NightFixture.ghostLogin])
        #expect(try world.run(exports, night: "n", date: "2026-11-27").status == 0)
        // A folder where the report's file should go: the write step fails after the findings are in place.
        try FileManager.default.removeItem(atPath: world.path("out/n/report.html"))
        try FileManager.default.createDirectory(
            atPath: world.path("out/n/report.html/blocked"), withIntermediateDirectories: true)
        let failed = try world.run(exports, night: "n", date: "2026-11-28")
        #expect(failed.status == 73, "\(failed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: world.path("out/n/manifest.json")))
        let next = try world.run(exports, night: "next", date: "2026-11-29", ["--previous", world.path("out/n")])
        #expect(next.status == 66, "\(next.stderr)")
        #expect(next.stderr.contains("did that run finish?"), "\(next.stderr)")
    }

    @Test("a previous night whose findings file is not the one its manifest records is refused")
    func previousNightMixed() throws {
        let world = try NightFixture()
        let exports = try world.exports(
            night: "1", accounts: [NightFixture.domestic, NightFixture.china], access: [NightFixture.ghostLogin])
        #expect(try world.run(exports, night: "a", date: "2026-11-27").status == 0)
        #expect(
            try world.run(exports, night: "b", date: "2026-11-28", ["--previous", world.path("out/a")]).status == 0)
        try FileManager.default.removeItem(atPath: world.path("out/b/findings.jsonl.zst"))
        try FileManager.default.copyItem(
            atPath: world.path("out/a/findings.jsonl.zst"), toPath: world.path("out/b/findings.jsonl.zst"))
        let result = try world.run(exports, night: "c", date: "2026-11-29", ["--previous", world.path("out/b")])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("changed after that night's run wrote it"), "\(result.stderr)")
    }

    @Test("a folder another kycwatch is writing is refused with 75; what a killed run left unfinished is removed")
    func folderInUse() throws {
        let world = try NightFixture()
        let exports = try world.exports(
            night: "1", accounts: [NightFixture.domestic, NightFixture.china], access: [NightFixture.ghostLogin])
        #expect(try world.run(exports, night: "n", date: "2026-11-27").status == 0)
        let leftover = world.path("out/n/.findings.jsonl.zst.tmp-AbC123")
        try Data("half a file".utf8).write(to: URL(fileURLWithPath: leftover))
        let before = try Data(contentsOf: URL(fileURLWithPath: world.path("out/n/findings.jsonl.zst")))
        // flock(1) holds the folder's lock as a running kycwatch does.
        let held = try StageChainingTests.bash(
            "flock '\(world.path("out/n/.kycwatch.lock"))' '\(KYCWatchBinary.path)' run "
                + "\(exports.map { "'\($0)'" }.joined(separator: " ")) --out '\(world.path("out/n"))' "
                + "--run-date 2026-11-28 --log-format json")
        #expect(held.status == 75, "\(held.stdout)")
        #expect(held.stdout.contains(#""code":"output.folder-busy""#), "\(held.stdout)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: world.path("out/n/findings.jsonl.zst"))) == before)
        #expect(FileManager.default.fileExists(atPath: leftover), "only the run holding the lock clears the folder")
        #expect(try world.run(exports, night: "n", date: "2026-11-28").status == 0)
        #expect(!FileManager.default.fileExists(atPath: leftover))
    }

    @Test("the summary line's fate does not change the status; standard output that cannot be written is 73")
    func standardOutput() throws {
        let world = try NightFixture()
        let exports = try world.exports(
            night: "1", accounts: [NightFixture.domestic, NightFixture.china], access: [NightFixture.ghostLogin])
        let arguments = exports.map { "'\($0)'" }.joined(separator: " ")
        let bin = KYCWatchBinary.path
        let closed = try StageChainingTests.bash(
            "'\(bin)' run \(arguments) --out '\(world.path("out/c"))' --run-date 2026-11-28 --fail-on high 2>/dev/null "
                + "| true; echo \"status=${PIPESTATUS[0]}\"")
        #expect(closed.stdout.contains("status=4"), "\(closed.stdout)")
        // A summary line that cannot be written either: the folder and its manifest are the night.
        let unwritten = try StageChainingTests.bash(
            "'\(bin)' run \(arguments) --out '\(world.path("out/f"))' --run-date 2026-11-28 2>/dev/null "
                + ">/dev/full; echo \"status=$?\"")
        #expect(unwritten.stdout.contains("status=0"), "\(unwritten.stdout)")
        for command in ["show '\(world.path("out/c"))' --json", "show '\(world.path("out/c"))'", "rules"] {
            let full = try StageChainingTests.bash("'\(bin)' \(command) >/dev/full; echo \"status=$?\"")
            #expect(full.stdout.contains("status=73"), "\(command): \(full.stdout)")
            #expect(full.stdout.contains("kycwatch: error: <stdout>: write failed"), "\(command): \(full.stdout)")
        }
        let stream = try KYCWatchBinary.run(["run"] + exports + ["--out", "-"])
        #expect(stream.status == 64, "\(stream.stderr)")
        #expect(stream.stderr.contains("name one"), "\(stream.stderr)")
    }

    @Test("a night that fails before writing in a folder an earlier night finished leaves no manifest there")
    func failedBeforeWriting() throws {
        let world = try NightFixture()
        let exports = try world.exports(night: "1", accounts: [NightFixture.domestic], access: [])
        #expect(try world.run(exports, night: "n", date: "2026-11-27").status == 0)
        // Tonight's usage export was not delivered.
        let missing = try world.run(
            ["--accounts", exports[1], "--usage", world.path("not-delivered.csv.zst")], night: "n", date: "2026-11-28")
        #expect(missing.status == 66, "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: world.path("out/n/manifest.json")))
    }

    @Test(
        "a run stopped by a scheduler's SIGTERM exits 143, says in the log that the night is unfinished, and leaves no lock"
    )
    func stoppedBySignal() throws {
        let world = try NightFixture()
        // The folder holds an earlier night, finished: tonight's unfinished one must not look like it.
        let exports = try world.exports(night: "1", accounts: [NightFixture.domestic], access: [])
        #expect(try world.run(exports, night: "s", date: "2026-11-27").status == 0)
        let fifo = world.path("accounts.csv")
        // The run reads an export that never ends, so the signal comes while it runs.
        let result = try StageChainingTests.bash(
            "mkfifo '\(fifo)'; '\(KYCWatchBinary.path)' run --accounts '\(fifo)' --out '\(world.path("out/s"))' "
                + "--run-date 2026-11-28 --log-format json 2>'\(world.path("err"))' & pid=$!; exec 3>'\(fifo)'; "
                + "printf '\(NightFixture.accountsHeader)\\n' >&3; "
                + "for i in $(seq 200); do grep -q 'step started' '\(world.path("err"))' && break; sleep 0.05; done; "
                + "kill -TERM $pid; "
                + "for i in $(seq 400); do kill -0 $pid 2>/dev/null || break; sleep 0.05; done; "
                + "kill -KILL $pid 2>/dev/null; wait $pid; echo \"status=$?\"")
        #expect(result.stdout.contains("status=143"), "\(result.stdout)")
        let log = try String(contentsOfFile: world.path("err"), encoding: .utf8)
        let last = try #require(log.split(separator: "\n").last)
        #expect(last.contains("run stopped by signal 15 before it finished"), "\(log)")
        #expect(last.contains(#""exit_status":143"#), "\(last)")
        #expect(!FileManager.default.fileExists(atPath: world.path("out/s/manifest.json")))
        // Nor does it look like a night in progress: no lock, no half-written file.
        let left = try FileManager.default.contentsOfDirectory(atPath: world.path("out/s"))
        #expect(!left.contains { $0 == ".kycwatch.lock" || $0.contains(".tmp-") }, "\(left)")
        // The earlier night's findings are still there, and show says they may be.
        let shown = try KYCWatchBinary.run(["show", world.path("out/s")])
        #expect(shown.status == 0 && shown.stderr.contains("has no manifest.json"), "\(shown.stderr)")
    }
}
