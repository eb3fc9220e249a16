import Foundation
import KYCWatch
import Testing

/// Account exports as customers and providers fill them in, through `kycwatch run`: how their
/// values link accounts and make gaps in the customers' records.
@Suite("kycwatch run: account records as exports write them")
struct AccountRecordRunTests {
    static let header =
        "account_id,parent_account_id,created_at,customer_type,legal_name,address_line,country,email,phone,"
        + "payment_method,payment_fingerprint,beneficial_owners,identity_verified"

    /// A complete, verified organization's row; a value not given is one no other account has (the
    /// id ends in two digits, which make its phone).
    static func row(
        _ id: String, parent: String = "", country: String = "US", address: String = "1 Main St",
        email: String? = nil, phone: String? = nil, method: String = "card", card: String? = nil,
        owners: String? = nil
    ) -> String {
        [
            id, parent, "2025-01-01T00:00:00Z", "organization", "Org \(id)", address, country,
            email ?? "ops@\(id)-corp.com", phone ?? "+1 202 555 01\(id.suffix(2))", method, card ?? "pm-\(id)",
            owners ?? "Owner of \(id):US", "true",
        ].joined(separator: ",")
    }

    /// Runs one night over `accounts` and `usage` rows and returns its findings.
    static func night(accounts: [String], usage: [String] = []) throws -> [Finding] {
        let fixture = try NightFixture()
        var arguments = [
            "run", "--accounts", try fixture.writeExport("accounts.csv.zst", header: header, rows: accounts),
        ]
        if !usage.isEmpty {
            arguments += [
                "--usage",
                try fixture.writeExport(
                    "usage.csv.zst",
                    header: "record_id,account_id,resource_id,job_id,cluster_id,accelerator_model,accelerator_count,"
                        + "start_time,end_time,accelerator_utilization,interconnect_gbps", rows: usage),
            ]
        }
        let result = try KYCWatchBinary.run(
            arguments + ["--out", fixture.path("out/night"), "--run-date", "2026-07-15"])
        #expect(result.status == 0, "\(result.stderr)")
        return try fixture.findings(night: "night")
    }

    /// The groups LNK-001 found, each as its members and its links.
    static func groups(_ findings: [Finding]) -> [[String]: EvidenceValue?] {
        Dictionary(
            uniqueKeysWithValues: findings.filter { $0.rule == "LNK-001" }.map {
                ($0.subject.accounts, $0.evidence["links"])
            })
    }

    @Test(
        "a placeholder two accounts give links neither, and each lacks that field",
        arguments: [
            ("payment_fingerprint", "N/A", "payment instrument identifier"),
            ("payment_fingerprint", "none", "payment instrument identifier"),
            ("payment_fingerprint", "-", "payment instrument identifier"),
            ("payment_fingerprint", "0000", "payment instrument identifier"),
            ("payment_fingerprint", "unknown", "payment instrument identifier"),
            ("payment_fingerprint", "null", "payment instrument identifier"),
            ("payment_fingerprint", "n.a.", "payment instrument identifier"),
            ("payment_fingerprint", "  ", "payment instrument identifier"), ("phone", "0000000000", "phone"),
            ("phone", "+1 555-555-5555", "phone"), ("beneficial_owners", "Unknown", "beneficial owners"),
            ("beneficial_owners", "None", "beneficial owners"), ("beneficial_owners", "-", "beneficial owners"),
            ("beneficial_owners", "N/A:US", "name of a beneficial owner in US"),
            ("beneficial_owners", "Unknown:CN", "name of a beneficial owner in CN"), ("address_line", " ", "address"),
            ("email", "noreply@platform.example", nil), ("email", "No-Reply <no-reply@platform.example>", nil),
        ] as [(String, String, String?)])
    func placeholderLinksNobody(column: String, value: String, missing: String?) throws {
        func row(_ id: String, country: String) -> String {
            switch column {
            case "payment_fingerprint": Self.row(id, country: country, card: value)
            case "phone": Self.row(id, country: country, phone: value)
            case "beneficial_owners": Self.row(id, country: country, owners: value)
            case "address_line": Self.row(id, country: country, address: value)
            default: Self.row(id, country: country, email: "\"\(value)\"")
            }
        }
        // Together over 1e26 operations, neither alone: linked, a split training run of a foreign person.
        let usage = ["u1,a01,r1,j1,c1", "u2,a02,r2,j2,c2"].map {
            $0 + ",H100-SXM5-80GB,16384,2026-04-01T00:00:00Z,2026-06-30T00:00:00Z,0.5,3200"
        }
        let findings = try Self.night(accounts: [row("a01", country: "US"), row("a02", country: "CN")], usage: usage)
        #expect(Self.groups(findings).isEmpty)
        #expect(!findings.contains { $0.rule == "CVT-002" })
        for account in ["a01", "a02"] {
            let gap = findings.first("CIP-001", account)
            if let missing {
                #expect(gap?.evidence["missing_fields"] == .list([missing]), "\(account)")
            } else {
                #expect(gap == nil, "\(account)")
            }
        }
    }

    @Test("an email domain written in Punycode and one written in Unicode are one mailbox: LNK-001 links them")
    func punycodeDomainLinks() throws {
        let findings = try Self.night(accounts: [
            Self.row("a01", email: "ops@xn--bro-hoa.de"), Self.row("a02", email: "Ops@BÜRO.de"),
            Self.row("a03", email: "ops@xn--a-b.de"),
        ])
        let groups = Self.groups(findings)
        #expect(groups.keys.sorted { $0.lexicographicallyPrecedes($1) } == [["a01", "a02"]], "\(groups)")
        #expect("\(groups[["a01", "a02"]] as Any)".contains("ops@büro.de"), "\(groups)")
    }

    @Test(
        "an owner named by a placeholder but given a foreign country weighs as a named one, links nobody and lacks its name, read from the export or from normalize's output"
    )
    func unnamedForeignOwner() throws {
        let accounts = [
            Self.row("a01", owners: "Unknown:CN"), Self.row("a02", owners: "Unknown:CN"),
            Self.row("a03", owners: "Li Wei:CN"), Self.row("a04", owners: "Ann Lee:US;N/A:RU"),
        ]
        let fixture = try NightFixture()
        let export = try fixture.writeExport("accounts.csv.zst", header: Self.header, rows: accounts)
        let date = ["--run-date", "2026-07-15"]
        let run = try KYCWatchBinary.run(["run", "--accounts", export, "--out", fixture.path("out/run")] + date)
        #expect(run.status == 0, "\(run.stderr)")
        let normalized = try KYCWatchBinary.run(["normalize", "--accounts", export, "--out", fixture.path("n")])
        #expect(normalized.status == 0, "\(normalized.stderr)")
        let detected = try KYCWatchBinary.run(
            ["detect", "--in", fixture.path("n"), "--out", fixture.path("out/chained")] + date)
        #expect(detected.status == 0, "\(detected.stderr)")
        let findings = try fixture.findings(night: "run")
        // The stages chained through normalize's files find what one run does.
        #expect(try fixture.findings(night: "chained") == findings)
        let named = try #require(findings.first("FPI-001", "a03"))
        for account in ["a01", "a02", "a04"] {
            let foreign = try #require(findings.first("FPI-001", account), "\(account)")
            #expect(foreign.metrics["score"] == named.metrics["score"], "\(account)")
            #expect(foreign.severity == .high, "\(account)")
        }
        #expect(findings.first("FPI-001", "a04")?.evidence["countries"] == .list(["RU"]))
        // Two organizations whose owners' names are not given share no owner.
        #expect(Self.groups(findings).isEmpty)
        #expect(
            findings.first("CIP-001", "a01")?.evidence["missing_fields"] == .list(["name of a beneficial owner in CN"]))
        #expect(
            findings.first("CIP-001", "a04")?.evidence["missing_fields"] == .list(["name of a beneficial owner in RU"]))
    }

    @Test(
        "one phone written two ways links the accounts and gives each the number's country",
        arguments: [
            ("(+86) 10 1234 5678", "+86 10 1234 5678"), ("＋86 10 1234 5678", "+86-10-1234-5678"),
            ("Tel: +86 10 1234 5678", "0086 10 1234 5678 ext. 3"),
        ])
    func phoneWrittenTwoWays(first: String, second: String) throws {
        let findings = try Self.night(accounts: [
            Self.row("a01", phone: first), Self.row("a02", phone: second), Self.row("a03"),
        ])
        #expect(Self.groups(findings) == [["a01", "a02"]: .list(["phone 861012345678: a01, a02"])])
        for account in ["a01", "a02"] {
            let foreign = try #require(findings.first("FPI-001", account), "\(account)")
            #expect(foreign.summary.contains("phone calling code +86"), "\(foreign.summary)")
        }
    }

    @Test(
        "one email address written two ways links the accounts",
        arguments: [
            ("mailto:Ops@Example.org.", "ops@example.org"), ("Ops Desk <ops@example.org>", " OPS@example.org "),
        ])
    func emailWrittenTwoWays(first: String, second: String) throws {
        let findings = try Self.night(accounts: [
            Self.row("a01", email: "\"\(first)\""), Self.row("a02", email: "\"\(second)\""), Self.row("a03"),
        ])
        #expect(Self.groups(findings) == [["a01", "a02"]: .list(["email ops@example.org: a01, a02"])])
    }

    @Test(
        "a payment fingerprint with spaces around it links the accounts, its case kept",
        arguments: [" pm_SHARED1 ", "\tpm_SHARED1", "pm_SHARED1  "])
    func paddedFingerprint(padded: String) throws {
        let findings = try Self.night(accounts: [
            Self.row("a01", card: "pm_SHARED1"), Self.row("a02", card: "\"\(padded)\""),
            Self.row("a03", card: "pm_shared1"),
        ])
        #expect(Self.groups(findings) == [["a01", "a02"]: .list(["payment instrument pm_SHARED1: a01, a02"])])
    }

    @Test(
        "an account id padded in the exports is the account: its usage counts toward its group's covered transaction",
        arguments: [(" a01 ", "a01"), ("a01", " a01"), ("a01\t", "a01  ")])
    func paddedAccountID(inAccounts: String, inUsage: String) throws {
        // a01 (CN) and a02 (US) share a card; 16,384 H100 for 45 days at 100 %, ~6.3e25 operations
        // each, 1.26e26 together.
        let usage = [("a01", inUsage), ("a02", "a02")].map { id, written in
            "u-\(id),\"\(written)\",r-\(id),j-\(id),c-\(id),H100-SXM5-80GB,16384,2026-04-01T00:00:00Z,"
                + "2026-05-16T00:00:00Z,1.0,3200"
        }
        let findings = try Self.night(
            accounts: [
                "\"\(inAccounts)\""
                    + Self.row("a01", country: "CN", card: "pm_SHARED", owners: "Zhang San:CN").dropFirst(3),
                Self.row("a02", card: "pm_SHARED"),
            ], usage: usage)
        #expect(findings.filter { $0.rule == "DQ-001" }.isEmpty, "\(findings.map(\.summary))")
        let covered = try #require(findings.first { $0.rule == "CVT-002" }, "\(findings.map(\.summary))")
        #expect(covered.subject.accounts == ["a01", "a02"])
        #expect(Set(findings.flatMap(\.subject.accounts)) == ["a01", "a02"])
    }

    @Test(
        "a parent account id with spaces around it links the member to its parent",
        arguments: [" a01 ", "\ta01", "a01  "])
    func paddedParent(padded: String) throws {
        let findings = try Self.night(accounts: [
            Self.row("a01", country: "CN", owners: "Zhang San:CN"),
            Self.row("a02", parent: "\"\(padded)\"", method: "", card: "", owners: ""), Self.row("a03"),
        ])
        // The member is one customer with its parent, and billed through it: its payment and owners are
        // the parent's, not gaps of its own, and the parent's declaration weighs on it.
        let group = try #require(findings.first { $0.rule == "LNK-001" }, "\(findings.map(\.summary))")
        #expect(group.subject.accounts == ["a01", "a02"], "\(group.summary)")
        #expect(group.summary.contains("parent account a01"), "\(group.summary)")
        #expect(findings.first("CIP-001", "a02") == nil)
        let foreign = try #require(findings.first("FPI-001", "a02"))
        #expect(foreign.summary.contains("parent account a01"), "\(foreign.summary)")
    }

    @Test(
        "a member two parents down is its organization's: no covered transaction under a US top, the top's signals under a Chinese one"
    )
    func memberOfMember() throws {
        // One run of ~1.3e26 operations each, on a03 and b06.
        let usage = ["a03", "b06"].map {
            "u-\($0),\($0),r-\($0),j-\($0),c-\($0),H100-SXM5-80GB,16384,2026-04-01T00:00:00Z,2026-06-30T00:00:00Z,1.0,3200"
        }
        let findings = try Self.night(
            accounts: [
                // A US organization with a US owner, its member and its member's member billed through it.
                Self.row("a01"), Self.row("a02", parent: "a01", method: "", card: "", owners: ""),
                Self.row("a03", parent: "a02", method: "", card: "", owners: ""),
                // The same under a Chinese organization with a Chinese owner.
                Self.row("b04", country: "CN", owners: "Zhang San:CN"),
                Self.row("b05", parent: "b04", method: "", card: "", owners: ""),
                Self.row("b06", parent: "b05", method: "", card: "", owners: ""),
            ], usage: usage)
        // Every account of a01's family is a US person's: the data shows nothing foreign, nor a gap.
        for rule in ["CVT-001", "FPI-001", "CIP-001"] {
            for account in ["a01", "a02", "a03"] { #expect(findings.first(rule, account) == nil, "\(rule) \(account)") }
        }
        let family = try #require(
            findings.first { $0.rule == "LNK-001" && $0.subject.accounts == ["a01", "a02", "a03"] })
        #expect(family.severity == .low, "\(family.summary)")
        #expect(family.summary.hasSuffix(", no likely foreign member"), "\(family.summary)")
        // b06 is b04's: its declaration, its owner and the licensing red flag weigh on it as on b05.
        let covered = try #require(findings.first("CVT-001", "b06"), "\(findings.map(\.summary))")
        #expect(
            covered.evidence["foreign_signals"]
                == .list([
                    "parent: b05's parent account b04 declared in CN",
                    "parent-beneficial-owner: b05's parent account b04's beneficial owner Zhang San (CN)",
                ]))
        #expect(covered.evidence["licensing_red_flag"] != nil)
        #expect(
            findings.first("FPI-001", "b06")?.metrics["score"] == findings.first("FPI-001", "b05")?.metrics["score"])
    }

    @Test("two organizations naming each other as parent each need their own payment and owners")
    func parentCycle() throws {
        let findings = try Self.night(accounts: [
            Self.row("a01", parent: "a02", method: "", card: "", owners: ""),
            Self.row("a02", parent: "a01", method: "", card: "", owners: ""),
            Self.row("a03", parent: "a01", method: "", card: "", owners: ""), Self.row("b01"),
            Self.row("b02", parent: "b01", method: "", card: "", owners: ""),
        ])
        for account in ["a01", "a02", "a03"] {
            let gap = try #require(findings.first("CIP-001", account), "\(account)")
            #expect(gap.evidence["missing_fields"] == .list(["payment means", "beneficial owners"]), "\(account)")
        }
        // A member of a family with a top account is billed through it.
        #expect(findings.first("CIP-001", "b02") == nil)
    }
}
