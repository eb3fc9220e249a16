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
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
        #expect(!html.contains("<link "))
        let ids = try caseIDs()
        #expect(!ids.isEmpty)
        let covered = try KYCWatchBinary.run(["show", folder, "--category", "covered-transaction", "--json"])
        #expect(covered.stdout.split(separator: "\n").count == ids.count)
        let manifest = try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("report.html"))
        for id in ids { #expect(manifest.contains("cases/\(id).md")) }
    }

    @Test("case drafts match the golden files")
    func caseDraftsGolden() throws {
        let folder = try night()
        for id in try caseIDs() {
            for suffix in [".json", ".md"] {
                let text = try String(contentsOfFile: "\(folder)/cases/\(id)\(suffix)", encoding: .utf8)
                try Golden.check(text, against: "cases/\(id)\(suffix)")
            }
        }
        if !Golden.updating {
            let golden = try FileManager.default.contentsOfDirectory(
                atPath: Golden.folder.appendingPathComponent("cases").path)
            #expect(golden.count == (try caseIDs()).count * 2, "golden cases/ has drafts the run no longer writes")
        }
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
        let fromFile = try KYCWatchBinary.run(["explain", id, "--in", folder + "/findings.jsonl.zst"])
        #expect(fromFile.stdout == result.stdout)
        let unknown = try KYCWatchBinary.run(["explain", "F-0000000000000000", "--in", folder])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no finding F-0000000000000000"))
        #expect(unknown.stderr.contains("[findings.unknown-id]"))
        #expect(unknown.stdout.isEmpty)
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
