import Foundation
import KYCWatch
import Testing

@Suite("kycwatch run across nights, with suppressions, end to end")
struct NightlyReviewTests {
    @Test("night 2 marks findings new, ongoing and resolved with first_seen; night 3 does not carry resolved ones")
    func threeNights() throws {
        let world = try NightFixture()
        let night1 = try world.exports(
            night: "1", accounts: [NightFixture.domestic, NightFixture.china, NightFixture.germany],
            access: [NightFixture.domesticLogin])
        // The scheduler's first night: --previous names a folder that does not exist yet.
        let first = try world.run(night1, night: "1", date: "2026-11-26", ["--previous", world.path("out/0")])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("does not exist"), "\(first.stderr)")
        let one = try world.findings(night: "1")
        #expect(one.first("FPI-001", "acct-cn")?.status == .new)
        #expect(one.first("FPI-001", "acct-de")?.firstSeen == "2026-11-26")
        #expect(one.first("FPI-001", "acct-us") == nil)

        // Night 2: the German customer is gone, an unknown account logs in.
        let night2 = try world.exports(
            night: "2", accounts: [NightFixture.domestic, NightFixture.china],
            access: [NightFixture.domesticLogin, NightFixture.ghostLogin])
        let second = try world.run(night2, night: "2", date: "2026-11-27", ["--previous", world.path("out/1")])
        #expect(second.status == 0, "\(second.stderr)")
        let two = try world.findings(night: "2")
        #expect(two.first("FPI-001", "acct-cn")?.status == .ongoing)
        #expect(two.first("FPI-001", "acct-cn")?.firstSeen == "2026-11-26")
        #expect(two.first("CIP-001", "acct-cn")?.status == .ongoing)
        #expect(two.first("DQ-001", "acct-ghost")?.status == .new)
        #expect(two.first("DQ-001", "acct-ghost")?.firstSeen == "2026-11-27")
        #expect(two.first("FPI-001", "acct-de")?.status == .resolved)
        #expect(two.first("FPI-001", "acct-de")?.firstSeen == "2026-11-26")
        #expect(two.first("CIP-001", "acct-de")?.status == .resolved)
        #expect(second.stdout.contains("1 new"), "\(second.stdout)")
        #expect(second.stdout.contains("2 resolved"), "\(second.stdout)")
        let manifest = try world.manifest(night: "2")
        #expect(manifest["run_date"] as? String == "2026-11-27")
        let review = try #require(manifest["review"] as? [String: Any])
        #expect(review["new"] as? Int == 1)
        #expect(review["resolved"] as? Int == 2)
        let previous = try #require(review["previous"] as? [String: Any])
        #expect(previous["folder"] as? String == world.path("out/1"))
        #expect(previous["run_date"] as? String == "2026-11-26")
        #expect((previous["findings_sha256"] as? String)?.count == 64)

        // Night 3, same data: the resolved findings are not listed again; first_seen still carries.
        let third = try world.run(night2, night: "3", date: "2026-11-28", ["--previous", world.path("out/2")])
        #expect(third.status == 0, "\(third.stderr)")
        let three = try world.findings(night: "3")
        #expect(three.first("FPI-001", "acct-de") == nil)
        #expect(three.allSatisfy { $0.status == .ongoing })
        #expect(three.first("FPI-001", "acct-cn")?.firstSeen == "2026-11-26")
        #expect(three.first("DQ-001", "acct-ghost")?.firstSeen == "2026-11-27")
    }

    @Test("suppressions hide findings into suppressed.jsonl.zst, expire, and are reported as expiring soon")
    func suppressions() throws {
        let world = try NightFixture()
        let exports = try world.exports(
            night: "1", accounts: [NightFixture.domestic, NightFixture.china, NightFixture.germany],
            access: [NightFixture.domesticLogin, NightFixture.ghostLogin])
        let plain = try world.run(exports, night: "plain", date: "2026-11-28")
        #expect(plain.status == 0, "\(plain.stderr)")
        let ghost = try #require(try world.findings(night: "plain").first("DQ-001", "acct-ghost"))
        let suppressions = world.path("suppressions.yaml")
        try Data(
            """
            suppressions:
              - finding_id: \(ghost.id)
                reason: accounts export lags a day; checked with billing
                reviewer: j.doe
                expires: 2026-12-05
              - rule: FPI-001
                account: acct-cn
                reason: reviewed; see case 118
                reviewer: a.smith
                expires: 2027-04-30
              - rule: FPI-001
                account: acct-de
                reason: reviewed last quarter
                reviewer: a.smith
                expires: 2026-11-27
              - finding_id: F-0000000000000000
                reason: a finding long gone
                reviewer: a.smith
                expires: 2027-01-31

            """.utf8
        ).write(to: URL(fileURLWithPath: suppressions))
        let result = try world.run(exports, night: "s", date: "2026-11-28", ["--suppressions", suppressions])
        #expect(result.status == 0, "\(result.stderr)")
        let visible = try world.findings(night: "s")
        let hidden = try world.findings(night: "s", file: "suppressed.jsonl.zst")
        #expect(visible.first("DQ-001", "acct-ghost") == nil)
        #expect(visible.first("FPI-001", "acct-cn") == nil)
        #expect(visible.first("FPI-001", "acct-de") != nil, "an expired suppression hides nothing")
        #expect(visible.first("CIP-001", "acct-cn") != nil, "rule + account hides that rule only")
        #expect(Set(hidden.map(\.rule)) == ["DQ-001", "FPI-001"])
        #expect(hidden.first("DQ-001", "acct-ghost")?.suppressedBy?.reviewer == "j.doe")
        #expect(hidden.first("FPI-001", "acct-cn")?.suppressedBy?.line == 6)
        #expect(result.stderr.contains("suppression expires soon"), "\(result.stderr)")
        #expect(result.stderr.contains("suppression expired"), "\(result.stderr)")
        let review = try #require(try world.manifest(night: "s")["review"] as? [String: Any])
        #expect(review["suppressed"] as? Int == 2)
        let file = try #require(review["suppressions"] as? [String: Any])
        #expect(file["expiring_soon"] as? Int == 1)
        #expect(file["expired"] as? Int == 1)
        #expect(file["entries"] as? Int == 4)
        // An entry in force that hid nothing is named for the file's owner to tidy.
        #expect(file["matched_nothing"] as? Int == 1)
        #expect(result.stderr.contains("suppression hides nothing tonight"), "\(result.stderr)")
        #expect(result.stderr.contains("line=16"), "\(result.stderr)")
        let outputs = try #require(try world.manifest(night: "s")["outputs"] as? [[String: Any]])
        #expect(outputs.contains { ($0["path"] as? String)?.hasSuffix("suppressed.jsonl.zst") == true })
        #expect(outputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })

        // Past the first entry's expiry the finding comes back; a suppressed finding last night is ongoing.
        let later = try world.run(
            exports, night: "later", date: "2026-12-06",
            ["--suppressions", suppressions, "--previous", world.path("out/s")])
        #expect(later.status == 0, "\(later.stderr)")
        let back = try world.findings(night: "later")
        #expect(back.first("DQ-001", "acct-ghost")?.status == .ongoing)
        #expect(back.first("DQ-001", "acct-ghost")?.firstSeen == "2026-11-28")
    }

    @Test("an expiry further ahead than max_days is a configuration error naming the file and line")
    func overlongExpiry() throws {
        let world = try NightFixture()
        let exports = try world.exports(night: "1", accounts: [NightFixture.domestic], access: [])
        let suppressions = world.path("too-long.yaml")
        try Data(
            "suppressions:\n  - finding_id: F-0000000000000001\n    reason: r\n    reviewer: j\n    expires: 2027-12-31\n"
                .utf8
        ).write(to: URL(fileURLWithPath: suppressions))
        let result = try world.run(exports, night: "x", date: "2026-11-28", ["--suppressions", suppressions])
        #expect(result.status == 78)
        #expect(result.stderr.contains("too-long.yaml:5:14:"), "\(result.stderr)")
        #expect(result.stderr.contains("more than 180 days"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: world.path("out/x/findings.jsonl.zst")))
        let shorter = try world.run(
            exports, night: "y", date: "2026-11-28", ["--suppressions", suppressions, "--suppression-max-days", "400"])
        #expect(shorter.status == 0, "\(shorter.stderr)")
    }

    @Test("a previous folder without findings, or with a damaged findings file, stops the run naming the path")
    func badPrevious() throws {
        let world = try NightFixture()
        let exports = try world.exports(night: "1", accounts: [NightFixture.domestic], access: [])
        try FileManager.default.createDirectory(atPath: world.path("empty"), withIntermediateDirectories: true)
        try Data(#"{"stage": "run", "run_date": "2026-11-27"}"#.utf8)
            .write(to: URL(fileURLWithPath: world.path("empty/manifest.json")))
        let missing = try world.run(exports, night: "a", date: "2026-11-28", ["--previous", world.path("empty")])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains(world.path("empty/findings.jsonl.zst")), "\(missing.stderr)")

        try Data([0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x01]).write(
            to: URL(fileURLWithPath: world.path("empty/findings.jsonl.zst")))
        let corrupt = try world.run(exports, night: "b", date: "2026-11-28", ["--previous", world.path("empty")])
        #expect(corrupt.status == 65)
        #expect(corrupt.stderr.contains("findings.jsonl.zst"), "\(corrupt.stderr)")

        // A normalize stage's output folder has no findings: 66, saying what the folder is.
        let normalized = try KYCWatchBinary.run(
            ["normalize"] + exports + ["--out", world.path("normalized")])
        #expect(normalized.status == 0, "\(normalized.stderr)")
        let fromNormalize = try world.run(
            exports, night: "c", date: "2026-11-28", ["--previous", world.path("normalized")])
        #expect(fromNormalize.status == 66, "\(fromNormalize.stderr)")
        #expect(fromNormalize.stderr.contains("normalize stage"), "\(fromNormalize.stderr)")
    }

    @Test("a previous folder missing a file its manifest lists stops the run and validate with exit 66")
    func previousMissingListedFile() throws {
        let world = try NightFixture()
        let exports = try world.exports(night: "1", accounts: [NightFixture.china], access: [])
        #expect(try world.run(exports, night: "1", date: "2026-11-27").status == 0)
        for name in ["suppressed.jsonl.zst", PreviousNight.resolvedCoveredFile] {
            let damaged = world.path("out/1-without-\(name)")
            try FileManager.default.copyItem(atPath: world.path("out/1"), toPath: damaged)
            try FileManager.default.removeItem(atPath: "\(damaged)/\(name)")
            let night = try world.run(exports, night: "2-\(name)", date: "2026-11-28", ["--previous", damaged])
            #expect(night.status == 66, "\(name): \(night.stderr)")
            #expect(night.stderr.contains("\(damaged)/\(name)"), "\(night.stderr)")
            let validate = try KYCWatchBinary.run(
                ["validate"] + exports + [
                    "--out", world.path("out/2-validate"), "--run-date", "2026-11-28", "--previous", damaged,
                ])
            #expect(validate.status == 66, "\(name): \(validate.stderr)")
            #expect(validate.stderr.contains("\(damaged)/\(name)"), "\(validate.stderr)")
        }
        // A folder from before resolved-covered.jsonl.zst was written: neither the file nor its listing.
        let older = world.path("out/1-older")
        try FileManager.default.copyItem(atPath: world.path("out/1"), toPath: older)
        try FileManager.default.removeItem(atPath: "\(older)/\(PreviousNight.resolvedCoveredFile)")
        var manifest = try world.manifest(night: "1-older")
        let outputs = manifest["outputs"] as? [[String: Any]] ?? []
        manifest["outputs"] = outputs.filter {
            ($0["path"] as? String)?.hasSuffix(PreviousNight.resolvedCoveredFile) != true
        }
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: "\(older)/manifest.json"))
        let night = try world.run(exports, night: "2-older", date: "2026-11-28", ["--previous", older])
        #expect(night.status == 0, "\(night.stderr)")
    }

    @Test("detect takes --previous too: a second detect over the same normalized folder finds everything ongoing")
    func detectAcrossNights() throws {
        let world = try NightFixture()
        let exports = try world.exports(
            night: "1", accounts: [NightFixture.domestic, NightFixture.china], access: [NightFixture.ghostLogin])
        let normalized = world.path("normalized")
        let normalize = try KYCWatchBinary.run(["normalize"] + exports + ["--out", normalized])
        #expect(normalize.status == 0, "\(normalize.stderr)")
        for (night, date) in [("1", "2026-11-27"), ("2", "2026-11-28")] {
            let result = try KYCWatchBinary.run([
                "detect", "--in", normalized, "--out", world.path("out/\(night)"), "--run-date", date,
                "--previous", world.path("out/\(night == "1" ? "0" : "1")"),
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("kycwatch detect: "), "\(result.stdout)")
        }
        let second = try world.findings(night: "2")
        #expect(!second.isEmpty)
        #expect(second.allSatisfy { $0.status == .ongoing && $0.firstSeen == "2026-11-27" })
        #expect(try world.manifest(night: "2")["stage"] as? String == "detect")
    }

    @Test("a night that screens no names carries last night's screening matches unchecked, not resolved")
    func screeningNotMadeCarries() throws {
        let world = try NightFixture()
        let pipeline = KYCWatchBinary.repositoryRoot.path + "/Pipelines/nightly.yaml"
        let first = try KYCWatchBinary.run(
            ["run", pipeline, "--out", world.path("out/1"), "--run-date", "2026-11-27"])
        #expect(first.status == 0, "\(first.stderr)")
        let matches = try world.findings(night: "1").filter { $0.rule == "SCR-001" }
        #expect(!matches.isEmpty)
        // The chain without the pipeline file: no restricted-party lists tonight.
        let normalized = world.path("normalized")
        #expect(try KYCWatchBinary.run(["normalize", pipeline, "--out", normalized]).status == 0)
        let second = try KYCWatchBinary.run([
            "detect", "--in", normalized, "--out", world.path("out/2"), "--run-date", "2026-11-28",
            "--previous", world.path("out/1"),
        ])
        #expect(second.status == 0, "\(second.stderr)")
        let tonight = try world.findings(night: "2")
        let carried = tonight.filter { $0.rule == "SCR-001" }
        #expect(carried.map(\.id) == matches.map(\.id))
        #expect(carried.allSatisfy { $0.status == .unchecked && $0.firstSeen == "2026-11-27" })
        // Nor are the IP ranges named: a foreign-person finding that rested on access from abroad is
        // carried too. Nothing is resolved by a check not made.
        let unchecked = tonight.filter { $0.status == .unchecked }
        #expect(unchecked.contains { $0.rule == "FPI-001" })
        #expect(
            !tonight.contains { $0.status == .resolved }, "\(tonight.filter { $0.status == .resolved }.map(\.summary))")
        #expect(second.stdout.contains(", 0 resolved, \(unchecked.count) carried unchecked"), "\(second.stdout)")
        let review = try #require(try world.manifest(night: "2")["review"] as? [String: Any])
        #expect(review["unchecked"] as? Int == unchecked.count)
        // A reviewer is told what unchecked means, by explain and by the report.
        let explained = try KYCWatchBinary.run(["explain", matches[0].id, "--in", world.path("out/2")])
        #expect(explained.stdout.contains("unchecked (carried from the night before as it was"), "\(explained.stdout)")
        let page = try String(contentsOfFile: world.path("out/2/report.html"), encoding: .utf8)
        #expect(page.contains("Unchecked: carried from the night before as it was"))
        // The night after, without the lists again: what was carried stays open, and nothing else is
        // carried for want of checks the night before did not make either.
        let third = try KYCWatchBinary.run([
            "detect", "--in", normalized, "--out", world.path("out/3"), "--run-date", "2026-11-29",
            "--previous", world.path("out/2"),
        ])
        #expect(third.status == 0, "\(third.stderr)")
        let next = try world.findings(night: "3")
        #expect(Set(next.filter { $0.status == .unchecked }.map(\.id)) == Set(unchecked.map(\.id)))
        #expect(!next.contains { $0.status == .resolved })
    }
}

/// Covered transactions across nights when the evidence of one training run changes shape.
@Suite("kycwatch run: a covered transaction keeps its knowledge date across nights")
struct CoveredTransactionNightsTests {
    static let usageHeader =
        "record_id,account_id,resource_id,job_id,cluster_id,region,zone,instance_type,accelerator_model,"
        + "accelerator_count,start_time,end_time,accelerator_utilization,interconnect_gbps,egress_bytes"
    static let chinaAccount = "acct-cn,2025-03-04T00:00:00Z,organization,Far Lake Ltd,,CN,ops@farlake.cn,,,,,"

    /// One record of `nodes` p6-b200 nodes (8 B200 each, 2.25e15 OP/s) of job `job` from `start` to `end`, at 50 %.
    static func usage(_ id: String, _ account: String, job: String, nodes: Int, _ start: String, _ end: String)
        -> String
    {
        "\(id),\(account),\(id)-node,\(job),pg-1,us-east-1,,p6-b200.48xlarge,B200,\(nodes * 8),\(start),\(end),0.5,3200,0"
    }

    private func night(
        _ world: NightFixture, _ name: String, date: String, accounts: [String], usage: [String], previous: String?
    ) throws -> [Finding] {
        let accountsPath = try world.writeExport(
            "\(name)-accounts.csv.zst", header: NightFixture.accountsHeader, rows: accounts)
        let usagePath = try world.writeExport("\(name)-usage.csv.zst", header: Self.usageHeader, rows: usage)
        let result = try world.run(
            ["--accounts", accountsPath, "--usage", usagePath], night: name, date: date,
            previous.map { ["--previous", world.path("out/\($0)")] } ?? [])
        #expect(result.status == 0, "\(result.stderr)")
        return try world.findings(night: name)
    }

    @Test("a late record before the run's start moves its window, not its id or due date")
    func lateRecord() throws {
        let world = try NightFixture()
        // 2,048 nodes × 8 B200 at 50 %: 9.72e19 operations a day each, 1.47e26 by 2026-09-01.
        let first = Self.usage(
            "r1", "acct-cn", job: "train-1", nodes: 2_048, "2026-06-01T00:00:00Z", "2026-09-01T00:00:00Z")
        let one = try night(
            world, "1", date: "2026-09-01", accounts: [Self.chinaAccount], usage: [first], previous: nil)
        let before = try #require(one.first("CVT-001", "acct-cn"))
        #expect(before.knowledgeDate == "2026-09-01" && before.reportDue == "2026-09-16")

        let more = Self.usage(
            "r2", "acct-cn", job: "train-1", nodes: 2_048, "2026-09-01T00:00:00Z", "2026-09-05T00:00:00Z")
        let late = Self.usage("r0", "acct-cn", job: "train-1", nodes: 1, "2026-05-31T23:00:00Z", "2026-06-01T00:00:00Z")
        let two = try night(
            world, "2", date: "2026-09-05", accounts: [Self.chinaAccount], usage: [first, more, late], previous: "1")
        let after = try #require(two.first("CVT-001", "acct-cn"))
        #expect(after.window?.start == "2026-05-31T23:00:00Z", "the late record is in the run")
        #expect(after.id == before.id)
        #expect(after.status == .ongoing)
        #expect(after.knowledgeDate == "2026-09-01" && after.reportDue == "2026-09-16")
        #expect(!two.contains { $0.rule == "CVT-001" && $0.status == .resolved }, "\(two.map(\.summary))")
        // The run's other findings follow it too.
        #expect(two.first("LMT-001", "acct-cn")?.id == one.first("LMT-001", "acct-cn")?.id)
    }

    @Test("a covered transaction gone for a night or more comes back with the knowledge date it was first known on")
    func backAfterGap() throws {
        let world = try NightFixture()
        let run = Self.usage(
            "r1", "acct-cn", job: "train-1", nodes: 2_048, "2026-06-01T00:00:00Z", "2026-09-01T00:00:00Z")
        let one = try night(world, "a", date: "2026-09-01", accounts: [Self.chinaAccount], usage: [run], previous: nil)
        let first = try #require(one.first("CVT-001", "acct-cn"))
        #expect(first.knowledgeDate == "2026-09-01" && first.reportDue == "2026-09-16")
        // Night b's usage export came empty: the covered transaction is resolved.
        let gap = try night(world, "b", date: "2026-09-02", accounts: [Self.chinaAccount], usage: [], previous: "a")
        #expect(gap.first("CVT-001", "acct-cn")?.status == .resolved)
        // Back the next night: new again, but known since night a, and saying so.
        let back = try night(
            world, "c1", date: "2026-09-03", accounts: [Self.chinaAccount], usage: [run], previous: "b")
        let again = try #require(back.first("CVT-001", "acct-cn"))
        #expect(again.id == first.id && again.status == .new)
        #expect(again.knowledgeDate == "2026-09-01" && again.reportDue == "2026-09-16")
        let knownFrom = EvidenceValue.text("\(first.id) (CVT-001, first seen 2026-09-01, resolved since)")
        #expect(again.evidence["known_from"] == knownFrom)
        // Gone a second night instead: not listed again, but kept for the night it comes back.
        let still = try night(world, "c", date: "2026-09-03", accounts: [Self.chinaAccount], usage: [], previous: "b")
        #expect(still.first("CVT-001", "acct-cn") == nil)
        let kept = try world.findings(night: "c", file: PreviousNight.resolvedCoveredFile)
        #expect(kept.map(\.id) == [first.id])
        let outputs = try #require(try world.manifest(night: "c")["outputs"] as? [[String: Any]])
        #expect(outputs.contains { ($0["path"] as? String)?.hasSuffix(PreviousNight.resolvedCoveredFile) == true })
        let later = try night(
            world, "d", date: "2026-09-04", accounts: [Self.chinaAccount], usage: [run], previous: "c")
        let returned = try #require(later.first("CVT-001", "acct-cn"))
        #expect(returned.status == .new)
        #expect(returned.knowledgeDate == "2026-09-01" && returned.reportDue == "2026-09-16")
        #expect(returned.evidence["known_from"] == knownFrom)
        #expect(try world.findings(night: "d", file: PreviousNight.resolvedCoveredFile).isEmpty)
    }

    @Test(
        "a covered transaction gone from tonight's exports is still listed as due, its case draft kept, until its due date"
    )
    func goneStillDue() throws {
        let world = try NightFixture()
        let run = Self.usage(
            "r1", "acct-cn", job: "train-1", nodes: 2_048, "2026-06-01T00:00:00Z", "2026-09-01T00:00:00Z")
        let one = try night(world, "a", date: "2026-09-01", accounts: [Self.chinaAccount], usage: [run], previous: nil)
        let covered = try #require(one.first("CVT-001", "acct-cn"))
        func page(_ night: String) throws -> String {
            try String(contentsOfFile: world.path("out/\(night)/report.html"), encoding: .utf8)
        }
        func draftKept(_ night: String) -> Bool {
            FileManager.default.fileExists(atPath: world.path("out/\(night)/cases/\(covered.id).md"))
        }
        #expect(draftKept("a"))
        // The usage export of the next nights came short: the training is not in it.
        _ = try night(world, "b", date: "2026-09-02", accounts: [Self.chinaAccount], usage: [], previous: "a")
        let gone = try page("b")
        #expect(!gone.contains("No likely covered transaction tonight."))
        #expect(gone.contains("1 more not in tonight's exports: report still due 2026-09-16"))
        #expect(
            gone.contains(
                "<code>\(covered.id)</code> CVT-001 <strong>not in tonight's exports</strong> (known 2026-09-01)"))
        #expect(draftKept("b"))
        // Still gone on its due date: still listed, and explained from resolved-covered.jsonl.zst.
        _ = try night(world, "c", date: "2026-09-16", accounts: [Self.chinaAccount], usage: [], previous: "b")
        #expect(try page("c").contains("report still due 2026-09-16"))
        #expect(draftKept("c"))
        #expect(try world.findings(night: "c").allSatisfy { $0.id != covered.id })
        let explained = try KYCWatchBinary.run(["explain", covered.id, "--in", world.path("out/c")])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("cases/\(covered.id).md"), "\(explained.stdout)")
        // Past its due date it leaves the page; the covered transaction is still kept for the night it returns.
        _ = try night(world, "d", date: "2026-09-17", accounts: [Self.chinaAccount], usage: [], previous: "c")
        #expect(try page("d").contains("No likely covered transaction tonight."))
        #expect(!draftKept("d"))
        let removed = try KYCWatchBinary.run(["explain", covered.id, "--in", world.path("out/d")])
        #expect(
            removed.stdout.contains("removed: the draft of a covered transaction gone from the exports"),
            "\(removed.stdout)")
        #expect(try world.findings(night: "d", file: PreviousNight.resolvedCoveredFile).map(\.id) == [covered.id])
    }

    @Test("without an accounts export every account is presumed foreign, and the night says so before it starts")
    func noAccountsExport() throws {
        let world = try NightFixture()
        let run = Self.usage(
            "r1", "acct-x", job: "train-1", nodes: 2_048, "2026-06-01T00:00:00Z", "2026-09-01T00:00:00Z")
        let usage = try world.writeExport("usage.csv.zst", header: Self.usageHeader, rows: [run])
        let result = try world.run(["--usage", usage], night: "n", date: "2026-09-01")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("each is presumed foreign, so any run of theirs over the threshold"))
        let findings = try world.findings(night: "n")
        let covered = try #require(findings.first("CVT-001", "acct-x"))
        #expect(covered.summary.contains("by an account missing from the accounts export"))
        #expect(findings.first("DQ-001", "acct-x") != nil)
        #expect(findings.first("FPI-001", "acct-x") == nil)
    }

    @Test("another run of the same account crossing later is another covered transaction, known when it is seen")
    func anotherRun() throws {
        let world = try NightFixture()
        let first = Self.usage(
            "x1", "acct-cn", job: "train-x", nodes: 2_048, "2026-02-01T00:00:00Z", "2026-05-01T00:00:00Z")
        let one = try night(
            world, "1", date: "2026-05-01", accounts: [Self.chinaAccount], usage: [first], previous: nil)
        #expect(one.first("CVT-001", "acct-cn")?.knowledgeDate == "2026-05-01")
        // Job Y ran beside X from April and passes 1e26 by July.
        let other = Self.usage(
            "y1", "acct-cn", job: "train-y", nodes: 2_048, "2026-04-25T00:00:00Z", "2026-07-01T00:00:00Z")
        let two = try night(
            world, "2", date: "2026-07-01", accounts: [Self.chinaAccount], usage: [first, other], previous: "1")
        let y = try #require(two.first { $0.rule == "CVT-001" && $0.evidence["run"] == .text("job train-y") })
        #expect(y.status == .new)
        #expect(y.knowledgeDate == "2026-07-01" && y.evidence["known_from"] == nil, "\(y.evidence)")
    }

    @Test("loose usage that may be a covered transaction is known from the first night it was critical")
    func looseUsageKnowledgeDate() throws {
        let world = try NightFixture()
        // 16,384 B200 with neither a job nor a cluster id, March to July at 50 %: about 1.9e26.
        func loose(_ id: String, _ start: String, _ end: String) -> String {
            "\(id),acct-cn,\(id)-node,,,us-east-1,,p6-b200.48xlarge,B200,16384,\(start),\(end),0.5,3200,0"
        }
        let first = loose("l1", "2026-03-01T00:00:00Z", "2026-07-01T00:00:00Z")
        let one = try night(
            world, "1", date: "2026-07-01", accounts: [Self.chinaAccount], usage: [first], previous: nil)
        let known = try #require(one.first("DQ-002", "acct-cn"))
        #expect(known.severity == .critical, "\(known.summary)")
        #expect(known.knowledgeDate == "2026-07-01" && known.reportDue == "2026-07-16")
        let later = loose("l2", "2026-07-01T00:00:00Z", "2026-07-05T00:00:00Z")
        let two = try night(
            world, "2", date: "2026-07-05", accounts: [Self.chinaAccount], usage: [first, later], previous: "1")
        let again = try #require(two.first("DQ-002", "acct-cn"))
        #expect(again.status == .ongoing && again.id == known.id)
        #expect(again.knowledgeDate == "2026-07-01" && again.reportDue == "2026-07-16")
    }

    @Test("loose usage that may be a covered transaction keeps its knowledge date across nights it is gone")
    func looseUsageBackAfterGap() throws {
        let world = try NightFixture()
        // 16,384 B200 with neither a job nor a cluster id, March to July at 50 %: about 1.9e26.
        let loose =
            "l1,acct-cn,l1-node,,,us-east-1,,p6-b200.48xlarge,B200,16384,"
            + "2026-03-01T00:00:00Z,2026-07-01T00:00:00Z,0.5,3200,0"
        let one = try night(
            world, "1", date: "2026-07-01", accounts: [Self.chinaAccount], usage: [loose], previous: nil)
        let known = try #require(one.first("DQ-002", "acct-cn"))
        #expect(known.severity == .critical && known.knowledgeDate == "2026-07-01", "\(known.summary)")
        // Two nights whose usage export came empty: resolved, then kept for the night it comes back.
        let gone = try night(world, "2", date: "2026-07-02", accounts: [Self.chinaAccount], usage: [], previous: "1")
        #expect(gone.first("DQ-002", "acct-cn")?.status == .resolved)
        _ = try night(world, "3", date: "2026-07-03", accounts: [Self.chinaAccount], usage: [], previous: "2")
        let kept = try world.findings(night: "3", file: PreviousNight.resolvedCoveredFile)
        #expect(kept.map(\.id) == [known.id])
        // A DQ-002 is not a covered transaction: the page does not list it as one still due.
        let page = try String(contentsOfFile: world.path("out/3/report.html"), encoding: .utf8)
        #expect(page.contains("No likely covered transaction tonight."))
        let back = try night(
            world, "4", date: "2026-07-05", accounts: [Self.chinaAccount], usage: [loose], previous: "3")
        let again = try #require(back.first("DQ-002", "acct-cn"))
        #expect(again.id == known.id && again.status == .new)
        #expect(again.knowledgeDate == "2026-07-01" && again.reportDue == "2026-07-16")
    }

    @Test("a second training on the same cluster after the first stopped is known when it is seen")
    func secondRunOnCluster() throws {
        let world = try NightFixture()
        // Run A on placement group pg-1 (no job id) to 2026-06-01: 1.47e26. Run B from 2026-06-10, after
        // more than 72 hours idle: another run.
        let a = Self.usage("a1", "acct-cn", job: "", nodes: 2_048, "2026-03-01T00:00:00Z", "2026-06-01T00:00:00Z")
        let b1 = Self.usage("b1", "acct-cn", job: "", nodes: 2_048, "2026-06-10T00:00:00Z", "2026-07-01T00:00:00Z")
        let one = try night(
            world, "1", date: "2026-07-01", accounts: [Self.chinaAccount], usage: [a, b1], previous: nil)
        let first = try #require(one.first("CVT-001", "acct-cn"))
        #expect(first.knowledgeDate == "2026-07-01" && first.window?.end == "2026-06-01T00:00:00Z")
        let b2 = Self.usage("b2", "acct-cn", job: "", nodes: 2_048, "2026-07-01T00:00:00Z", "2026-09-15T00:00:00Z")
        let two = try night(
            world, "2", date: "2026-09-15", accounts: [Self.chinaAccount], usage: [a, b1, b2], previous: "1")
        let runs = two.filter { $0.rule == "CVT-001" && $0.status != .resolved }
        #expect(runs.count == 2, "\(two.map(\.summary))")
        let again = try #require(runs.first { $0.id == first.id })
        #expect(again.status == .ongoing && again.knowledgeDate == "2026-07-01")
        let second = try #require(runs.first { $0.id != first.id })
        #expect(second.window?.start == "2026-06-10T00:00:00Z")
        #expect(second.status == .new)
        #expect(second.knowledgeDate == "2026-09-15" && second.reportDue == "2026-09-30")
        #expect(second.evidence["known_from"] == nil, "\(second.evidence)")
    }

    @Test("a split run that one member now crosses alone keeps the date the split was first known")
    func splitBecomesSingle() throws {
        let world = try NightFixture()
        // Two accounts paying with one card: 1,200 and 1,000 nodes, neither over 1e26 alone by 2026-08-01.
        let accounts = [
            "acct-a,2025-03-04T00:00:00Z,organization,Far Lake Ltd,,SG,ops@farlake.sg,,card,,pm-shared,",
            "acct-b,2025-03-04T00:00:00Z,organization,Near Lake Ltd,,HK,ops@nearlake.hk,,card,,pm-shared,",
        ]
        func nightWithHeader(_ name: String, date: String, end: String, previous: String?) throws -> [Finding] {
            let usage = [
                Self.usage("a1", "acct-a", job: "train-a", nodes: 1_200, "2026-06-01T00:00:00Z", end),
                Self.usage("b1", "acct-b", job: "train-b", nodes: 1_000, "2026-06-01T00:00:00Z", end),
            ]
            return try night(world, name, date: date, accounts: accounts, usage: usage, previous: previous)
        }
        // 2,200 nodes for 61 days: 1.04e26 together; 1,200 alone 5.7e25.
        let one = try nightWithHeader("1", date: "2026-08-01", end: "2026-08-01T00:00:00Z", previous: nil)
        let split = try #require(one.first { $0.rule == "CVT-002" })
        #expect(split.knowledgeDate == "2026-08-01" && split.reportDue == "2026-08-16")
        #expect(one.first("CVT-001", "acct-a") == nil)
        // By 2026-10-01 acct-a's run alone is 1,200 nodes for 122 days: 1.14e26.
        let two = try nightWithHeader("2", date: "2026-10-01", end: "2026-10-01T00:00:00Z", previous: "1")
        let single = try #require(two.first("CVT-001", "acct-a"))
        #expect(single.status == .new)
        #expect(single.knowledgeDate == "2026-08-01" && single.reportDue == "2026-08-16")
        #expect(single.evidence["known_from"] == .text("\(split.id) (CVT-002, first seen 2026-08-01)"))
        // The next night it goes on, known from the same date for the same reason.
        let three = try nightWithHeader("3", date: "2026-10-02", end: "2026-10-02T00:00:00Z", previous: "2")
        let again = try #require(three.first("CVT-001", "acct-a"))
        #expect(again.status == .ongoing && again.id == single.id)
        #expect(again.knowledgeDate == "2026-08-01" && again.reportDue == "2026-08-16")
        #expect(again.evidence["known_from"] == single.evidence["known_from"])
    }

    @Test("two groups' covered transactions joined by an account linked to both are known from the earlier one")
    func groupsJoined() throws {
        let world = try NightFixture()
        func account(_ id: String, card: String, email: String) -> String {
            "\(id),2025-03-04T00:00:00Z,organization,\(id) Ltd,,CN,\(email),,card,,\(card),"
        }
        let a = [account("a1", card: "pm-a", email: "a1@a.cn"), account("a2", card: "pm-a", email: "a2@a.cn")]
        let b = [
            account("b1", card: "pm-b", email: "ops@b.cn"), account("b2", card: "pm-b", email: "b2@b.cn"),
            account("b3", card: "pm-b", email: "b3@b.cn"),
        ]
        // 1,024 nodes of 8 B200 at 50 % for 76 days: 6.05e25 each; group A 1.21e26 from the first night.
        let runsA = ["a1", "a2"].map {
            Self.usage($0, $0, job: "train-\($0)", nodes: 1_024, "2026-06-01T00:00:00Z", "2026-08-16T00:00:00Z")
        }
        // Group B: 51 days each, 4.06e25; b3 ran 12 days by the first night: 9.1e25 together, then 1.22e26.
        func runsB(b3End: String) -> [String] {
            ["b1", "b2"].map {
                Self.usage($0, $0, job: "train-\($0)", nodes: 1_024, "2026-06-01T00:00:00Z", "2026-07-22T00:00:00Z")
            } + [Self.usage("b3", "b3", job: "train-b3", nodes: 1_024, "2026-06-01T00:00:00Z", b3End)]
        }
        let one = try night(
            world, "1", date: "2026-08-16", accounts: a + b, usage: runsA + runsB(b3End: "2026-06-13T00:00:00Z"),
            previous: nil)
        let groupA = try #require(one.first { $0.rule == "CVT-002" }, "\(one.map(\.summary))")
        #expect(groupA.subject.accounts == ["a1", "a2"] && groupA.knowledgeDate == "2026-08-16")
        let full = runsB(b3End: "2026-07-22T00:00:00Z")
        let two = try night(world, "2", date: "2026-08-17", accounts: a + b, usage: runsA + full, previous: "1")
        let groupB = try #require(two.first { $0.rule == "CVT-002" && $0.subject.accounts.contains("b1") })
        #expect(groupB.knowledgeDate == "2026-08-17" && groupB.reportDue == "2026-09-01")
        // An account holding A's card and b1's email joins the two: the joined group goes on as B's (three
        // members shared against two), and A's training in it has been known since the first night.
        let joining = account("l1", card: "pm-a", email: "ops@b.cn")
        let three = try night(
            world, "3", date: "2026-08-18", accounts: a + b + [joining], usage: runsA + full, previous: "2")
        let joined = try #require(three.first { $0.rule == "CVT-002" && $0.status != .resolved })
        #expect(joined.id == groupB.id && joined.status == .ongoing, "\(three.map(\.summary))")
        #expect(joined.subject.accounts == ["a1", "a2", "b1", "b2", "b3", "l1"])
        #expect(joined.knowledgeDate == "2026-08-16" && joined.reportDue == "2026-08-31")
        #expect(joined.evidence["known_from"] == .text("\(groupA.id) (CVT-002, first seen 2026-08-16)"))
    }

    @Test(
        "a group's covered transaction goes on when a US member crosses alone, and without a foreign one's run that does"
    )
    func usMemberCrossesAlone() throws {
        let world = try NightFixture()
        // A customer in Hong Kong and a verified US customer paying with one card.
        let accounts = [
            "acct-hk,2025-03-04T00:00:00Z,organization,Harbour AI Ltd,1 Queen's Road,HK,ops@harbour.hk,+85223456789,"
                + "card,false,pm-shared,Chan Tai Man:HK",
            "acct-us,2025-01-02T00:00:00Z,organization,Liberty Compute Inc,1 Main St,US,ops@liberty.com,+12025550100,"
                + "card,true,pm-shared,Ann Lee:US",
        ]
        let hk = Self.usage("h1", "acct-hk", job: "train-h", nodes: 400, "2026-06-01T00:00:00Z", "2026-08-01T00:00:00Z")
        // Night 1: 400 and 1,800 nodes for 61 days, 1.9e25 and 8.5e25: 1.04e26 together, neither alone.
        let one = try night(
            world, "1", date: "2026-08-01", accounts: accounts,
            usage: [
                hk,
                Self.usage(
                    "u1", "acct-us", job: "train-u", nodes: 1_800, "2026-06-01T00:00:00Z", "2026-08-01T00:00:00Z"),
            ], previous: nil)
        let split = try #require(one.first { $0.rule == "CVT-002" }, "\(one.map(\.summary))")
        #expect(split.knowledgeDate == "2026-08-01" && split.reportDue == "2026-08-16")
        // Night 2: the US customer's run goes on to 2026-08-15, 1.05e26 alone; it is no foreign person's,
        // so no CVT-001 reports it, and the group's covered transaction goes on.
        let us = Self.usage(
            "u1", "acct-us", job: "train-u", nodes: 1_800, "2026-06-01T00:00:00Z", "2026-08-15T00:00:00Z")
        let two = try night(world, "2", date: "2026-08-15", accounts: accounts, usage: [hk, us], previous: "1")
        #expect(!two.contains { $0.rule == "CVT-001" }, "\(two.map(\.summary))")
        let group = try #require(two.first { $0.rule == "CVT-002" }, "\(two.map(\.summary))")
        #expect(group.id == split.id)
        #expect(group.status == .ongoing)
        #expect(group.knowledgeDate == "2026-08-01" && group.reportDue == "2026-08-16")
        #expect(group.summary.contains("in the runs of acct-us alone"), "\(group.summary)")
        // Night 3: the Hong Kong customer's run passes 1e26 alone: CVT-001 reports it, known from the group's.
        let more = Self.usage(
            "h2", "acct-hk", job: "train-h", nodes: 4_000, "2026-08-15T00:00:00Z", "2026-09-15T00:00:00Z")
        let three = try night(world, "3", date: "2026-09-15", accounts: accounts, usage: [hk, more, us], previous: "2")
        let single = try #require(three.first("CVT-001", "acct-hk"), "\(three.map(\.summary))")
        #expect(single.knowledgeDate == "2026-08-01" && single.reportDue == "2026-08-16")
        #expect(single.evidence["known_from"] == .text("\(split.id) (CVT-002, first seen 2026-08-01)"))
        // The US customer's run still passes 1e26 without it: the group's covered transaction goes on.
        let rest = try #require(three.first { $0.rule == "CVT-002" }, "\(three.map(\.summary))")
        #expect(rest.id == split.id && rest.status == .ongoing)
        #expect(rest.knowledgeDate == "2026-08-01" && rest.reportDue == "2026-08-16")
        #expect(rest.summary.contains("in the runs of acct-hk that CVT-001 reports"), "\(rest.summary)")
    }
}
