import Foundation
import Testing

@Suite("Reviewer outputs of kycwatch run: report.html, cases/, show and explain")
struct ReviewerOutputTests {
    func night() throws -> String { try SampleNight.folder.get() }

    func caseIDs() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: night() + "/cases").filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(5)) }.sorted()
    }

    @Test("run writes report.html and a case draft per covered transaction, listed in the manifest")
    func outputs() throws {
        let folder = try night()
        let html = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("id=\"findings-table\""))
        // The page fetches nothing: no remote script, image, style sheet, font or request.
        for fetching in [
            "src=\"http", "src='http", "href=\"http", "href='http", "url(http", "url(\"http", "url('http", "@import",
            "fetch(",
        ] {
            #expect(!html.contains(fetching), "report.html contains \(fetching)")
        }
        #expect(!html.contains("<link "))
        let ids = try caseIDs()
        #expect(!ids.isEmpty)
        let covered = try KYCWatchBinary.run(["show", folder, "--category", "covered-transaction", "--json"])
        #expect(covered.stdout.split(separator: "\n").count == ids.count)
        let manifest = try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("report.html"))
        for id in ids { #expect(manifest.contains("cases/\(id).md")) }
        // A covered transaction needs a foreign person: every draft, an account's or a group's, gives the basis.
        for id in ids {
            let draft =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/cases/\(id).json"))) as? [String: Any]
            #expect((draft?["foreign_signals"] as? [String])?.isEmpty == false, "\(id)")
        }
    }

    @Test("each draft's access log lists every access event of its accounts, as the draft's addresses count them")
    func accessLogs() throws {
        let folder = try night()
        let manifest = try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8)
        for id in try caseIDs() {
            let draft = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/cases/\(id).json"))) as? [String: Any])
            let log = try #require(draft["access_log"] as? [String: Any], "\(id)")
            #expect(log["file"] as? String == "\(id).access.csv")
            #expect(manifest.contains("cases/\(id).access.csv"))
            let lines = try String(contentsOfFile: "\(folder)/cases/\(id).access.csv", encoding: .utf8)
                .split(separator: "\n").map {
                    $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                }
            #expect(
                lines.first == [
                    "account_id", "time", "source_ip", "country", "anonymizer", "action", "events", "event_id", "file",
                    "line",
                ])
            let rows = lines.dropFirst()
            #expect(log["rows"] as? Int == rows.count)
            #expect(log["events"] as? Int == rows.reduce(0) { $0 + Int($1[6])! })
            // Each address's events, first and last access in the log are the ones the draft gives it.
            var fromLog: [String: (events: Int, first: String, last: String)] = [:]
            for row in rows {
                let key = row[0] + " " + row[2]
                let seen = fromLog[key] ?? (0, row[1], row[1])
                fromLog[key] = (seen.events + Int(row[6])!, min(seen.first, row[1]), max(seen.last, row[1]))
            }
            var fromDraft: [String: (events: Int, first: String, last: String)] = [:]
            for customer in draft["customers"] as? [[String: Any]] ?? [] {
                for use in customer["access_addresses"] as? [[String: Any]] ?? [] {
                    let key = "\(customer["account_id"]!) \(use["ip"]!)"
                    fromDraft[key] = (use["events"] as! Int, use["first_seen"] as! String, use["last_seen"] as! String)
                }
            }
            #expect(!fromDraft.isEmpty, "\(id)")
            #expect(fromLog.keys.sorted() == fromDraft.keys.sorted(), "\(id)")
            for (key, expected) in fromDraft {
                #expect(fromLog[key]?.events == expected.events, "\(id) \(key)")
                #expect(fromLog[key]?.first == expected.first && fromLog[key]?.last == expected.last, "\(id) \(key)")
            }
        }
    }

    @Test("an access export read from standard input gets no access log: the drafts and a warning say why")
    func accessLogFromStandardInput() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kycwatch-stdin-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let access = try Data(
            contentsOf: KYCWatchBinary.repositoryRoot.appendingPathComponent("SampleData/access.csv.zst"))
        let result = try KYCWatchBinary.run(
            ["run", "Pipelines/nightly.yaml", "--access", "-", "--out", out, "--run-date", SampleNight.runDate],
            stdin: access)
        #expect(result.status == 0, "\(result.stderr)")
        try expectNoAccessLogs(
            in: out, log: result.stderr,
            why: "the access export was read from standard input, which cannot be read twice")
    }

    @Test("an access export read from a named pipe gets no access log, and the night ends: the drafts say why")
    func accessLogFromNamedPipe() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kycwatch-fifo-\(UUID().uuidString)")
            .path
        let fifo = out + ".access.csv.zst"
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: fifo)
        }
        // A second read of the pipe would wait for a writer for ever: the timeout makes that a failure.
        let result = try StageChainingTests.bash(
            "mkfifo '\(fifo)'; (cat SampleData/access.csv.zst > '\(fifo)' &); "
                + "timeout 300 '\(KYCWatchBinary.path)' run Pipelines/nightly.yaml --access '\(fifo)' --out '\(out)' "
                + "--run-date \(SampleNight.runDate) 2>'\(out).log'; echo \"status=$?\"")
        let log = (try? String(contentsOfFile: out + ".log", encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: out + ".log")
        #expect(result.stdout.contains("status=0"), "\(result.stdout) \(log)")
        try expectNoAccessLogs(
            in: out, log: log, why: "\(fifo) is a pipe or device, not a file, and cannot be read twice")
    }

    /// Expects the night in `out` to have case drafts without access logs, the drafts and `log` saying `why`.
    private func expectNoAccessLogs(in out: String, log: String, why: String) throws {
        #expect(log.contains("case drafts' access logs not written reason=\"\(why)\""), "\(log)")
        let drafts = try FileManager.default.contentsOfDirectory(atPath: out + "/cases")
        #expect(drafts.contains { $0.hasSuffix(".json") })
        #expect(!drafts.contains { $0.hasSuffix(".access.csv") })
        for name in drafts where name.hasSuffix(".md") {
            let markdown = try String(contentsOfFile: "\(out)/cases/\(name)", encoding: .utf8)
            #expect(markdown.contains("Each access with its date and time: not written, \(why)."), "\(name)")
        }
    }

    @Test("case drafts match the golden files")
    func caseDraftsGolden() throws {
        let folder = try night()
        let ids = try caseIDs()
        #expect(!ids.isEmpty)
        var produced: Set<String> = []
        for id in ids {
            for suffix in [".json", ".md", ".access.csv"] {
                let text = try String(contentsOfFile: "\(folder)/cases/\(id)\(suffix)", encoding: .utf8)
                try Golden.check(text, against: "cases/\(id)\(suffix)")
                produced.insert("\(id)\(suffix)")
            }
        }
        try Golden.checkListing(of: "cases", against: produced)
    }

    @Test("show output matches the golden files")
    func showGolden() throws {
        let folder = try night()
        for (name, arguments) in [
            ("show-high.txt", ["--severity", "high"]),
            ("show-covered.txt", ["--category", "covered-transaction"]),
        ] {
            let result = try KYCWatchBinary.run(["show", folder] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            try Golden.check(result.stdout, against: name)
        }
    }

    @Test("show filters by severity, rule, category, account and status; --json gives JSON lines")
    func showFilters() throws {
        let folder = try night()
        let all = try KYCWatchBinary.run(["show", folder, "--json"])
        let findings = try all.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(findings.count > 1000)
        let ranks = ["info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4]
        func count(_ arguments: [String]) throws -> Int {
            let result = try KYCWatchBinary.run(["show", folder, "--json"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").count
        }
        #expect(try count(["--severity", "high"]) == findings.filter { ranks[$0["severity"] as! String]! >= 3 }.count)
        #expect(try count(["--rule", "CVT-001"]) == findings.filter { $0["rule"] as? String == "CVT-001" }.count)
        #expect(
            try count(["--category", "cip-gap", "--category", "screening"])
                == findings.filter { ["cip-gap", "screening"].contains($0["category"] as? String) }.count)
        let account = try #require(((findings.first?["subject"] as? [String: Any])?["accounts"] as? [String])?.first)
        #expect(
            try count(["--account", account])
                == findings.filter {
                    (($0["subject"] as? [String: Any])?["accounts"] as? [String])?.contains(account) == true
                }
                .count)
        #expect(try count(["--status", "none"]) == findings.count)
        #expect(try count(["--status", "new"]) == 0)
        // Nothing matched because the file has no such rule or status: the note says what it has.
        let none = try KYCWatchBinary.run(["show", folder, "--rule", "XYZ-001", "--status", "new"])
        #expect(none.status == 0)
        #expect(none.stderr.contains("no finding of XYZ-001 here; its rules: CIP-001, "), "\(none.stderr)")
        #expect(none.stderr.contains("(the run was given no previous night)"), "\(none.stderr)")
        let table = try KYCWatchBinary.run(["show", folder + "/findings.jsonl.zst", "--rule", "CVT-001"])
        #expect(table.stdout.hasPrefix("ID "))
        for line in table.stdout.split(separator: "\n") { #expect(line.count <= 100) }
        let bad = try KYCWatchBinary.run(["show", folder, "--severity", "urgent"])
        #expect(bad.status == 64)
        let missing = try KYCWatchBinary.run(["show", folder + "/nothing-here"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no findings file"))
    }

    @Test("explain shows one finding in full with its case draft; an unknown id exits 64")
    func explain() throws {
        let folder = try night()
        let id = try #require(try caseIDs().first)
        let result = try KYCWatchBinary.run(["explain", id, "--in", folder])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix(id))
        #expect(result.stdout.contains("Expected operations"))
        #expect(result.stdout.contains("When it is wrong:"))
        #expect(result.stdout.contains("case draft      \(folder)/cases/\(id).md"))
        #expect(result.stdout.contains("access log      \(folder)/cases/\(id).access.csv"))
        let fromFile = try KYCWatchBinary.run(["explain", id, "--in", folder + "/findings.jsonl.zst"])
        #expect(fromFile.stdout == result.stdout)
        let unknown = try KYCWatchBinary.run(["explain", "F-0000000000000000", "--in", folder])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no finding F-0000000000000000"))
        #expect(unknown.stderr.contains("[findings.unknown-id]"))
        #expect(unknown.stdout.isEmpty)
    }

    @Test("a customer named </script><script>alert(1)</script> cannot inject into report.html or the case draft")
    func hostileCustomer() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kycwatch-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let hostile = "</script><script>alert(1)</script>"
        let accounts = """
            account_id,parent_account_id,created_at,customer_type,legal_name,address_line,city,region,postal_code,\
            country,headquarters_country,email,phone,payment_method,payment_fingerprint,payment_country,reseller_id,\
            reseller_country,beneficial_owners,identity_verified,status
            000000000042,,2026-06-23T18:14:37Z,organization,"\(hostile) \u{2028} <img src=x onerror=alert(2)>",,\
            Shenzhen,,,CN,,ops@x.cn,,card,pm_1,CN,,,"Zhou \(hostile):CN",false,active

            """
        // 2,100 nodes of 8 B200 for 122 days at 50 %: about 2e26 operations, a covered transaction.
        var usage = """
            record_id,account_id,resource_id,job_id,cluster_id,region,zone,instance_type,accelerator_model,\
            accelerator_count,start_time,end_time,accelerator_utilization,interconnect_gbps,egress_bytes,\
            storage_write_bytes

            """
        for node in 1...2100 {
            usage += "r\(node),000000000042,node-\(node),job-</script>,pg-1,us-east-1,,p6-b200.48xlarge,B200,8,"
            usage += "2026-06-01T00:00:00Z,2026-10-01T00:00:00Z,0.5,3200,0,0\n"
        }
        let access =
            "event_id,account_id,timestamp,source_ip,action,count\ne1,000000000042,2026-06-02T00:00:00Z,"
            + "106.75.133.123,login,5\n"
        for (name, text) in [("a.csv", accounts), ("u.csv", usage), ("x.csv", access)] {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        let out = folder.appendingPathComponent("out").path
        let result = try KYCWatchBinary.run([
            "run", "--accounts", folder.appendingPathComponent("a.csv").path, "--usage",
            folder.appendingPathComponent("u.csv").path, "--access", folder.appendingPathComponent("x.csv").path,
            "--out", out, "--run-date", "2026-11-29",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.components(separatedBy: "<script").count - 1 == 3)
        #expect(html.components(separatedBy: "</script>").count - 1 == 3)
        #expect(!html.contains("<img"))
        let data = try #require(
            html.components(separatedBy: "id=\"findings-data\">").last?.components(separatedBy: "</script>").first)
        #expect(!data.contains("\u{2028}"))
        #expect(data.contains("\\u2028"))
        #expect(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        let drafts = try FileManager.default.contentsOfDirectory(atPath: out + "/cases").filter { $0.hasSuffix(".md") }
        #expect(drafts.count == 1)
        let markdown = try String(contentsOfFile: "\(out)/cases/\(drafts[0])", encoding: .utf8)
        #expect(markdown.contains("\\</script\\>\\<script\\>alert(1)\\</script\\>"))
        #expect(markdown.contains("\\<img src=x onerror=alert(2)\\>"))
        let scalars = Array(markdown.unicodeScalars)
        for (offset, scalar) in scalars.enumerated() where scalar == "<" {
            #expect(offset > 0 && scalars[offset - 1] == "\\")
        }
    }

    @Test("show and explain describe themselves with examples")
    func help() throws {
        for command in ["show", "explain"] {
            let result = try KYCWatchBinary.run([command, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Examples:"))
        }
    }
}
