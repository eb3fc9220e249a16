import Foundation
import KYCWatch
import Testing

/// Nights whose accounts export has rows kycwatch cannot read, or reads only with care.
@Suite("kycwatch run over accounts exports with unreadable rows, end to end")
struct AccountRowNightTests {
    /// A customer declared in China whose customer type the export writes as `partnership`: rejected.
    static let unreadable =
        "acct-cn,2025-03-04T00:00:00Z,partnership,Far Lake Ltd,2 Road,CN,ops@farlake.cn,+86 10 1234 5678,card,true,"
        + "pm-cn,Li Wei:CN"
    static let usageHeader =
        "record_id,account_id,resource_id,job_id,cluster_id,accelerator_model,accelerator_count,start_time,end_time,"
        + "accelerator_utilization,interconnect_gbps"
    /// 32,768 H100 at 50 % for 90 days: about 1.3e26 operations.
    static let largeRun =
        "u1,acct-cn,r1,j1,c1,H100-SXM5-80GB,32768,2026-04-01T00:00:00Z,2026-06-30T00:00:00Z,0.5,3200"

    @Test("an account whose row was rejected is said to be so, with the row and why, by run and by detect alike")
    func rejectedRow() throws {
        let fixture = try NightFixture()
        let accounts = try fixture.writeExport(
            "accounts.csv.zst", header: NightFixture.accountsHeader, rows: [NightFixture.domestic, Self.unreadable])
        let usage = try fixture.writeExport("usage.csv.zst", header: Self.usageHeader, rows: [Self.largeRun])
        let exports = ["--accounts", accounts, "--usage", usage]
        // One row of two rejected is over the default reject policy: every output is still written.
        let result = try fixture.run(exports, night: "run", date: "2026-07-15")
        #expect(result.status == 3, "\(result.stderr)")
        // normalize, then detect over its folder: the row is known from the normalize stage's manifest.
        let normalized = try KYCWatchBinary.run(["normalize"] + exports + ["--out", fixture.path("normalized")])
        #expect(normalized.status == 3, "\(normalized.stderr)")
        let detected = try KYCWatchBinary.run([
            "detect", "--in", fixture.path("normalized"), "--out", fixture.path("out/detect"), "--run-date",
            "2026-07-15",
        ])
        #expect(detected.status == 3, "\(detected.stderr)")
        for night in ["run", "detect"] {
            let findings = try fixture.findings(night: night)
            let quality = try #require(findings.first("DQ-001", "acct-cn"), "\(night)")
            #expect(quality.category == .dataQuality)
            #expect(
                quality.summary
                    == "Account acct-cn has 1 usage record and 0 access events, but its row in the accounts export was "
                    + "rejected (\(accounts) line 3: unparseable-value, customer_type 'partnership' is neither "
                    + "individual nor organization), so no CIP record was read: fix the row", "\(night)")
            let covered = try #require(findings.first("CVT-001", "acct-cn"), "\(night)")
            #expect(
                covered.summary.contains(
                    "by an account whose row in the accounts export was rejected (\(accounts) line 3)"),
                "\(covered.summary)")
            #expect(!findings.contains { $0.summary.contains("missing from the accounts export") }, "\(night)")
        }
        // The report's account card says so too, with the row and why.
        let report = try String(contentsOfFile: fixture.path("out/run/report.html"), encoding: .utf8)
        #expect(report.contains("its row in the accounts export was rejected"))
        #expect(report.contains("(\(accounts) line 3) was rejected: unparseable-value"))
        #expect(!report.contains("not in the accounts export"))
        // And the card the page's script builds when a finding is opened, from the page data.
        #expect(report.contains(#""rejected":"The accounts export's row for this account ("#), "\(report.suffix(2000))")
        let manifest = try fixture.manifest(night: "run")
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        let listed = try #require(inputs.first?["rejected_accounts"] as? [[String: Any]])
        #expect(listed.map { $0["account_id"] as? String } == ["acct-cn"])
        #expect(listed.first?["line"] as? Int == 3)
    }

    @Test(
        "a ragged or badly quoted row is an account's rejected row, not no record, when its account id can be read",
        arguments: [
            // Three fields short: the account id is where the header has it.
            (
                "acct-cn,2025-03-04T00:00:00Z,organization,Far Lake Ltd,2 Road,CN,ops@farlake.cn,+86 10 1234 5678,card",
                "ragged-row, 9 fields where the header has 12"
            ),
            // A quote inside an unquoted name: the fields before it were read whole.
            (
                "acct-cn,2025-03-04T00:00:00Z,organization,Far \"Lake\" Ltd,2 Road,CN,ops@farlake.cn,+86 10 1234 5678,card,"
                    + "true,pm-cn,Li Wei:CN",
                "malformed-csv, line 3, column 47: a quote inside an unquoted field"
            ),
        ])
    func unreadableRowNamesItsAccount(row: String, why: String) throws {
        let fixture = try NightFixture()
        let accounts = try fixture.writeExport(
            "accounts.csv.zst", header: NightFixture.accountsHeader, rows: [NightFixture.domestic, row])
        let usage = try fixture.writeExport("usage.csv.zst", header: Self.usageHeader, rows: [Self.largeRun])
        let result = try fixture.run(["--accounts", accounts, "--usage", usage], night: "run", date: "2026-07-15")
        #expect(result.status == 3, "\(result.stderr)")
        let findings = try fixture.findings(night: "run")
        let quality = try #require(findings.first("DQ-001", "acct-cn"))
        #expect(
            quality.summary.hasPrefix(
                "Account acct-cn has 1 usage record and 0 access events, but its row in the accounts export was "
                    + "rejected (\(accounts) line 3: \(why)"),
            "\(quality.summary)")
        #expect(quality.evidence["rejected_row"] != nil, "\(quality.evidence)")
        #expect(!findings.contains { $0.summary.contains("missing from the accounts export") })
        let inputs = try #require(try fixture.manifest(night: "run")["inputs"] as? [[String: Any]])
        let listed = try #require(inputs.first?["rejected_accounts"] as? [[String: Any]])
        #expect(listed.map { $0["account_id"] as? String } == ["acct-cn"])
        #expect(listed.first?["line"] as? Int == 3)
    }

    @Test(
        "an optional country written as a placeholder for none keeps the account's row",
        arguments: ["N/A", "n/a", "-", "none", "Unknown"])
    func placeholderCountry(written: String) throws {
        let fixture = try NightFixture()
        let accounts = try fixture.writeExport(
            "accounts.csv.zst",
            header: "account_id,created_at,customer_type,legal_name,country,headquarters_country,email,phone,"
                + "address_line,payment_method,payment_fingerprint,identity_verified",
            rows: ["a1,2025-01-01,individual,Ann,US,\(written),ann@example.com,+1 512 555 0101,1 Main St,card,pm1,true"]
        )
        let access = try fixture.writeExport(
            "access.csv.zst", header: NightFixture.accessHeader, rows: ["e1,a1,2026-07-01T10:00:00Z,23.41.0.1,login"])
        let result = try fixture.run(["--accounts", accounts, "--access", access], night: "n1", date: "2026-07-15")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try fixture.findings(night: "n1").isEmpty)
    }
}
