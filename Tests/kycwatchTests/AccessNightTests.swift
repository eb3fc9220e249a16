import Foundation
import KYCWatch
import Testing

/// Nights over access exports as real logs and proxies write them.
@Suite("kycwatch run over access exports, end to end")
struct AccessNightTests {
    static let accessHeader = "event_id,account_id,timestamp,source_ip,action,count"
    /// A plain IP ranges file: the documentation block 203.0.113.0/24 stands for an address block in China.
    static let ipRanges = "start,end,country\n203.0.113.0,203.0.113.255,CN\n23.41.0.0,23.41.255.255,US\n"

    /// The rows of `out/<night>/rejects.csv.zst`, header left out.
    static func rejects(_ fixture: NightFixture, night: String) throws -> [String] {
        let text = try StageChainingTests.bash("zstd -dcq '\(fixture.path("out/\(night)/rejects.csv.zst"))'").stdout
        return text.split(separator: "\n").dropFirst().map(String.init)
    }

    /// Writes the IP ranges file into the fixture and returns the `--ip-ranges` arguments naming it.
    static func ranges(_ fixture: NightFixture) throws -> [String] {
        try Data(ipRanges.utf8).write(to: URL(fileURLWithPath: fixture.path("ip-ranges.csv")))
        return ["--ip-ranges", fixture.path("ip-ranges.csv")]
    }

    @Test("source addresses with a port, brackets, a zone, spaces or a forwarding list are read, not rejected")
    func loggedAddresses() throws {
        let fixture = try NightFixture()
        let accounts = try fixture.writeExport(
            "accounts.csv.zst", header: NightFixture.accountsHeader, rows: [NightFixture.domestic])
        let access = try fixture.writeExport(
            "access.csv.zst", header: Self.accessHeader,
            rows: [
                "e1,acct-us,2026-11-27T09:00:00Z,203.0.113.5:443,login,4",
                "e2,acct-us,2026-11-27T09:01:00Z,\"203.0.113.6, 10.0.0.1\",api,4",
                "e3,acct-us,2026-11-27T09:02:00Z, 203.0.113.7 ,api,4",
                "e4,acct-us,2026-11-27T09:03:00Z,[2001:db8::1]:443,login,1",
                "e5,acct-us,2026-11-27T09:04:00Z,[2001:db8::2],login,1",
                "e6,acct-us,2026-11-27T09:05:00Z,fe80::1%eth0,login,1",
                "e7,acct-us,2026-11-27T09:06:00Z,300.12.5.1:443,login,1",
            ])
        let result = try fixture.run(
            ["--accounts", accounts, "--access", access], night: "n1", date: "2026-11-28", try Self.ranges(fixture))
        // One row in seven is over the default policy, but that row is the only one rejected.
        #expect(result.status == 3, "\(result.stderr)")
        let rejects = try Self.rejects(fixture, night: "n1")
        #expect(rejects.count == 1)
        #expect(rejects.first?.contains("source_ip '300.12.5.1:443' is not an IP address: read are") == true)
        // The twelve events from China read through their ports, list and spaces make the signal.
        let signal = try #require(try fixture.findings(night: "n1").first("FPI-001", "acct-us"))
        #expect(signal.summary.contains("12 of 12 access events from abroad, all from CN"), "\(signal.summary)")
    }

    @Test("access after the run date is left out, flagged and named, by run and by detect alike, and by case drafts")
    func accessAfterRunDate() throws {
        let fixture = try NightFixture()
        let accounts = try fixture.writeExport(
            "accounts.csv.zst", header: NightFixture.accountsHeader, rows: [NightFixture.domestic])
        // A training run over the threshold by a US customer, whose logins from China begin on December 1.
        let usage = try fixture.writeExport(
            "usage.csv.zst", header: AccountRowNightTests.usageHeader,
            rows: ["u1,acct-us,r1,j1,c1,H100-SXM5-80GB,32768,2026-09-01T00:00:00Z,2026-11-30T00:00:00Z,0.5,3200"])
        let access = try fixture.writeExport(
            "access.csv.zst", header: Self.accessHeader,
            rows: (1...12).map { "e\($0),acct-us,2026-12-\(String(format: "%02d", $0))T10:00:00Z,203.0.113.5,login,1" }
                + ["e0,acct-us,2026-11-30T23:59:59Z,23.41.0.1,login,1"])
        let exports = ["--accounts", accounts, "--usage", usage, "--access", access]
        let ranges = try Self.ranges(fixture)
        // As of December 11: eleven of the twelve, which the case draft lists with the one from the US.
        let late = try fixture.run(exports, night: "late", date: "2026-12-11", ranges)
        #expect(late.status == 0, "\(late.stderr)")
        #expect(try fixture.findings(night: "late").first("FPI-001", "acct-us") != nil)
        let covered = try #require(try fixture.findings(night: "late").first("CVT-001", "acct-us"))
        let log = try String(
            contentsOfFile: fixture.path("out/late/cases/\(covered.id).access.csv"), encoding: .utf8)
        #expect(log.split(separator: "\n").count == 1 + 12, "\(log)")
        #expect(!log.contains("2026-12-12"), "\(log)")
        // Rerun as of November 30: the night could not have seen December's logins.
        let early = try fixture.run(exports, night: "early", date: "2026-11-30", ranges)
        #expect(early.status == 0, "\(early.stderr)")
        #expect(early.stderr.contains("usage or access after the run date cut or left out"), "\(early.stderr)")
        let normalized = try KYCWatchBinary.run(["normalize"] + exports + ["--out", fixture.path("normalized")])
        #expect(normalized.status == 0, "\(normalized.stderr)")
        let detected = try KYCWatchBinary.run(
            [
                "detect", "--in", fixture.path("normalized"), "--out", fixture.path("out/detect"), "--run-date",
                "2026-11-30",
            ]
                + ranges)
        #expect(detected.status == 0, "\(detected.stderr)")
        for night in ["early", "detect"] {
            let findings = try fixture.findings(night: night)
            #expect(findings.first("FPI-001", "acct-us") == nil, "\(night): \(findings.map(\.summary))")
            #expect(findings.first("CVT-001", "acct-us") == nil, "\(night)")
            #expect(findings.first("LMT-001", "acct-us") != nil, "\(night)")
            let inputs = try #require(try fixture.manifest(night: night)["inputs"] as? [[String: Any]])
            let accessInput = try #require(inputs.first { ($0["kind"] as? String) == "access" })
            #expect((accessInput["flagged"] as? [String: Int])?["after-run-date"] == 12, "\(accessInput)")
            #expect(accessInput["rows_accepted"] as? Int == 13, "\(accessInput)")
        }
    }

    @Test(
        "accounts logging in from a private, loopback, link-local or shared address, or an anonymizer's, are not linked",
        arguments: ["10.0.0.1", "127.0.0.1", "fe80::1", "100.64.0.1", "192.168.0.10", "23.41.7.7"])
    func sharedByStrangers(address: String) throws {
        let fixture = try NightFixture()
        let accounts = try fixture.writeExport(
            "accounts.csv.zst", header: NightFixture.accountsHeader,
            rows: [
                NightFixture.domestic,
                "acct-cn,2025-03-04T00:00:00Z,organization,Far Lake Ltd,2 Road,CN,ops@farlake.cn,+86 10 1234 5678,card,"
                    + "true,pm-cn,Li Wei:CN",
            ])
        // Each account's run stays under 1e26; together they pass it.
        let usage = try fixture.writeExport(
            "usage.csv.zst",
            header: "record_id,account_id,resource_id,job_id,cluster_id,accelerator_model,accelerator_count,"
                + "start_time,end_time,accelerator_utilization,interconnect_gbps",
            rows: ["acct-us", "acct-cn"].enumerated().map { index, account in
                "u\(index),\(account),r\(index),j\(index),c\(index),H100-SXM5-80GB,16384,2026-04-01T00:00:00Z,"
                    + "2026-06-30T00:00:00Z,0.5,3200"
            })
        let access = try fixture.writeExport(
            "access.csv.zst", header: Self.accessHeader,
            rows: [
                "e1,acct-us,2026-07-01T10:00:00Z,\(address),login,1",
                "e2,acct-cn,2026-07-01T11:00:00Z,\(address),login,1",
            ])
        try Data("network,kind\n23.41.7.0/24,vpn\n".utf8).write(
            to: URL(fileURLWithPath: fixture.path("anonymizers.csv")))
        let result = try fixture.run(
            ["--accounts", accounts, "--usage", usage, "--access", access], night: "n1", date: "2026-07-15",
            ["--anonymizers", fixture.path("anonymizers.csv")])
        #expect(result.status == 0, "\(result.stderr)")
        let findings = try fixture.findings(night: "n1")
        #expect(!findings.contains { $0.rule == "LNK-001" || $0.rule == "CVT-002" }, "\(findings.map(\.summary))")
        // A public address the two share links them, and their runs make one covered transaction.
        let linked = try fixture.writeExport(
            "linked.csv.zst", header: Self.accessHeader,
            rows: [
                "e1,acct-us,2026-07-01T10:00:00Z,23.41.0.1,login,1",
                "e2,acct-cn,2026-07-01T11:00:00Z,23.41.0.1,login,1",
            ])
        _ = try fixture.run(
            ["--accounts", accounts, "--usage", usage, "--access", linked], night: "n2", date: "2026-07-15",
            ["--anonymizers", fixture.path("anonymizers.csv")])
        let joined = try fixture.findings(night: "n2")
        #expect(joined.contains { $0.rule == "LNK-001" && $0.subject.accounts == ["acct-cn", "acct-us"] })
        #expect(joined.contains { $0.rule == "CVT-002" })
    }

    @Test("events from addresses no range places do not hide access from abroad, and the finding counts them")
    func unlocatedEvents() throws {
        let fixture = try NightFixture()
        let accounts = try fixture.writeExport(
            "accounts.csv.zst", header: NightFixture.accountsHeader, rows: [NightFixture.domestic])
        let access = try fixture.writeExport(
            "access.csv.zst", header: Self.accessHeader,
            rows: [
                "e1,acct-us,2026-07-01T10:00:00Z,203.0.113.7,login,12",
                "e2,acct-us,2026-07-01T11:00:00Z,10.0.0.1,login,20",
            ])
        let result = try fixture.run(
            ["--accounts", accounts, "--access", access], night: "n1", date: "2026-07-15", try Self.ranges(fixture))
        #expect(result.status == 0, "\(result.stderr)")
        let signal = try #require(try fixture.findings(night: "n1").first("FPI-001", "acct-us"))
        #expect(
            signal.summary.contains(
                "12 of 12 access events from abroad, all from CN (20 more from addresses that could not be located, "
                    + "not counted)"), "\(signal.summary)")
        #expect(signal.evidence["access_events_not_located"] == .number(20))
    }

    @Test("an event id repeated for another event is a conflicting delivery in the rejects, not dropped unseen")
    func conflictingEventID() throws {
        let fixture = try NightFixture()
        let accounts = try fixture.writeExport(
            "accounts.csv.zst", header: NightFixture.accountsHeader,
            rows: [NightFixture.domestic, NightFixture.domestic.replacingOccurrences(of: "acct-us", with: "acct-us2")])
        let access = try fixture.writeExport(
            "access.csv.zst", header: Self.accessHeader,
            rows: [
                "1,acct-us,2026-07-01T10:00:00Z,23.41.0.1,login,1",
                "1,acct-us2,2026-07-02T09:00:00Z,203.0.113.9,login,50",
                "2,acct-us,2026-07-01T10:00:00Z,23.41.0.1,login,1",
                "2,acct-us,2026-07-01T10:00:00Z,23.41.0.1,login,1",
            ])
        let result = try fixture.run(
            ["--accounts", accounts, "--access", access], night: "n1", date: "2026-07-15",
            try Self.ranges(fixture) + ["--log-format", "json"])
        // One row in four rejected passes the default reject policy: the night says so.
        #expect(result.status == 3, "\(result.stderr)")
        let rejects = try Self.rejects(fixture, night: "n1")
        #expect(rejects.count == 1)
        #expect(
            rejects.first?.contains(
                ",3,event_id,conflicting-delivery,\"event_id 1 was delivered before as another event") == true)
        #expect(rejects.first?.hasSuffix(",\"1,acct-us2,2026-07-02T09:00:00Z,203.0.113.9,login,50\"") == true)
        let inputs = try #require(try fixture.manifest(night: "n1")["inputs"] as? [[String: Any]])
        let read = try #require(inputs.first { $0["kind"] as? String == "access" })
        #expect(read["rows_accepted"] as? Int == 2)
        #expect(read["rows_deduplicated"] as? Int == 1)
        #expect((read["rejected_by_reason"] as? [String: Int]) == ["conflicting-delivery": 1])
    }
}
