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
}
