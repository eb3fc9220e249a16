import Foundation
import Testing

@testable import KYCWatch

@Suite("Screening rule in the detect stage")
struct ScreeningRuleTests {
    let folder = TemporaryFolder()
    static let lists = RepositoryPaths.root + "/Pipelines/reference/screening"

    /// SCR-001's findings of a night over three accounts, and `rows` (`id,type,name,country,owners`).
    private func run(decisions: String? = nil, rows: [String] = []) async throws -> [Finding] {
        let accounts = folder.write(
            "accounts.csv",
            "account_id,created_at,customer_type,legal_name,country,email,beneficial_owners\n"
                + "a-cuba,2025-01-01T00:00:00Z,organization,Banco Nacional de Cuba S.A.,CU,x@bnc.example,\n"
                + "a-owner,2025-01-01T00:00:00Z,organization,Caribe Holdings Ltd,PA,y@caribe.example,Nicolas Maduro Moros:VE\n"
                + "a-plain,2025-01-01T00:00:00Z,organization,John Smith Consulting LLC,US,z@smith.example,\n"
                + rows.map { row in
                    let fields = row.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false)
                    return "\(fields[0]),2025-01-01T00:00:00Z,\(fields[1]),\(fields[2]),\(fields[3]),"
                        + "\(fields[0])@example.org,\"\(fields[4])\"\n"
                }.joined())
        var configuration = PipelineConfiguration(
            file: "<test>", inputs: [InputSpecification(kind: .accounts, paths: [accounts])],
            reference: .bundled(in: RepositoryPaths.reference), outputFolder: folder.file("out"))
        configuration.screening = ScreeningSources(
            ofacSDN: Self.lists + "/sdn.csv.zst", ofacAlternateNames: Self.lists + "/alt.csv.zst",
            ofacAddresses: Self.lists + "/add.csv.zst", deniedPersons: Self.lists + "/dpl.txt.zst",
            consolidated: Self.lists + "/csl.csv.zst", decisions: decisions)
        _ = try await DetectStage(configuration: configuration, runDate: "2026-11-28", shards: 2).run(stage: "run")
        let text = String(decoding: try readAll(InputFile.open(folder.file("out/findings.jsonl.zst"))), as: UTF8.self)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Finding.self, from: Data($0.utf8)) }
            .filter { $0.rule == "SCR-001" }
    }

    @Test("a listed customer and a listed beneficial owner are found; an ordinary name is not")
    func findsListedParties() async throws {
        let findings = try await run()
        #expect(findings.contains { $0.subject.accounts == ["a-cuba"] && $0.evidence["entry_id"] == .text("306") })
        #expect(
            findings.contains {
                $0.subject.accounts == ["a-owner"] && $0.evidence["role"] == .text("beneficial owner")
                    && $0.evidence["entry_id"] == .text("22790")
            })
        #expect(!findings.contains { $0.subject.accounts == ["a-plain"] })
        let bank = try #require(findings.first { $0.evidence["entry_id"] == .text("306") })
        #expect(bank.evidence["party_type"] == .text("organization"))
        #expect(bank.summary.contains("OFAC SDN entry 306 (organization) 'BANCO NACIONAL DE CUBA'"))
    }

    @Test("a name hidden from screening by an invisible character, or stored reversed to display as listed, is found")
    func invisibleAndReversedNames() async throws {
        let findings = try await run(rows: [
            "a-zwsp,organization,Banco Nacional de Cu\u{200B}ba S.A.,CU,",
            "a-rlo,organization,\u{202E}.A.S abuC ed lanoicaN ocnaB,CU,",
        ])
        #expect(findings.contains { $0.subject.accounts == ["a-zwsp"] && $0.evidence["entry_id"] == .text("306") })
        let reversed = try #require(findings.first { $0.subject.accounts == ["a-rlo"] }, "\(findings.map(\.summary))")
        #expect(reversed.evidence["entry_id"] == .text("306"))
        #expect(reversed.evidence["role"] == .text("customer as displayed"), "\(reversed.evidence)")
    }

    @Test("the evidence says which list within the CSL, and how the countries moved the score")
    func listAndCountryEvidence() async throws {
        let findings = try await run(rows: ["a-csl,individual,Günther Migeotte,NO,"])
        // The bank's listed countries are its foreign branches' only: a Cuban customer conflicts.
        let bank = try #require(findings.first { $0.evidence["entry_id"] == .text("306") })
        #expect(bank.evidence["country_agreement"] == .text("conflicts"))
        #expect(bank.evidence["screened_countries"] == .list(["CU"]))
        #expect(bank.evidence["entry_countries"] == .list(["CH", "ES", "JP", "PA"]))
        #expect(bank.summary.hasSuffix("(name score 1.00, lowered: the entry's countries are CH, ES, JP, PA, not CU)"))
        let migeotte = try #require(findings.first { $0.subject.accounts == ["a-csl"] })
        #expect(migeotte.evidence["source"] == .text("Entity List (EL) - Bureau of Industry and Security"))
        #expect(migeotte.evidence["country_agreement"] == .text("agrees"))
        #expect(
            migeotte.summary
                == "The customer name 'Günther Migeotte' matches CSL (Entity List) entry 'Gunther Migeotte' with "
                + "score 1.00 (name score 1.00, raised for the shared country NO)")
    }

    @Test("exact listed names with a conflicting country are all critical")
    func conflictingCountry() async throws {
        let findings = try await run(rows: [
            "a-kim,individual,Kim Jong Un,US,", "a-julio,individual,Julio Cesar Arboleda Romero,US,",
            "a-cerdos,organization,Colombiana de Cerdos Ltda.,US,",
        ])
        for (account, entry) in [("a-kim", "20157"), ("a-julio", "4281"), ("a-cerdos", "6531")] {
            let finding = try #require(
                findings.first { $0.subject.accounts == [account] && $0.evidence["entry_id"] == .text(entry) })
            #expect(finding.severity == .critical, "\(finding.summary) \(finding.metrics)")
            #expect(finding.metrics["score"] == 0.95 && finding.metrics["name_score"] == 1)
        }
    }

    @Test("a Denied Persons order that expired before the run date is not reported")
    func expiredOrder() async throws {
        // Expiration_Date 01/14/2026; the night is 2026-11-28.
        let findings = try await run(rows: ["a-villa,individual,Aaron Abraham Villa,US,"])
        #expect(!findings.contains { $0.subject.accounts == ["a-villa"] })
    }

    @Test("a company named after a listed ship is not reported against it")
    func vessels() async throws {
        let findings = try await run(rows: [
            "a-dover,organization,Dover Corporation,US,", "a-helm,organization,Helm AG,DE,",
        ])
        #expect(!findings.contains { ["a-dover", "a-helm"].contains($0.subject.accounts[0]) })
    }

    @Test("a reviewed not-the-same-party decision keeps the finding closed")
    func decisionCloses() async throws {
        let path = folder.write(
            "decisions.yaml",
            "- account: a-cuba\n  list: OFAC SDN\n  entry: \"306\"\n  reviewer: j.doe\n  reason: test\n  date: 2026-11-20\n"
        )
        let findings = try await run(decisions: path)
        #expect(!findings.contains { $0.subject.accounts == ["a-cuba"] && $0.evidence["entry_id"] == .text("306") })
        #expect(findings.contains { $0.subject.accounts == ["a-owner"] })
    }

    @Test(
        "every finding has its own id: a customer that is also its owner, an owner listed twice, a party on several CSL rows"
    )
    func uniqueIDs() async throws {
        let findings = try await run(rows: [
            "a-self,individual,Hasan Nasrallah,LB,Hasan Nasrallah:LB",
            "a-twice,organization,Harbor Widgets Inc.,US,Hasan Nasrallah:LB;Hasan Nasrallah:LB",
            "a-csl,individual,Günther Migeotte,NO,",
        ])
        #expect(Set(findings.map(\.id)).count == findings.count)
        let nasrallah = { (account: String) in
            findings.filter { $0.subject.accounts == [account] && $0.evidence["entry_id"] == .text("2686") }
        }
        #expect(nasrallah("a-self").map(\.evidence["role"]) == [.text("customer and beneficial owner")])
        #expect(nasrallah("a-twice").map(\.evidence["role"]) == [.text("beneficial owner")])
        let migeotte = findings.filter { $0.subject.accounts == ["a-csl"] }
        #expect(migeotte.count == 1)
        #expect(migeotte.first?.severity == .critical)
    }

    @Test("a finding's id is kept from the version before: the listed party and the screened name")
    func idsKept() async throws {
        let findings = try await run()
        let owner = try #require(findings.first { $0.subject.accounts == ["a-owner"] })
        #expect(
            owner.id
                == Finding.stableID(
                    rule: "SCR-001", subject: .account("a-owner"), windowStart: "OFAC SDN/22790/Nicolas Maduro Moros"))
    }

    @Test("owners joined by a comma or a bar, or written with their country and share, are each screened")
    func joinedOwners() async throws {
        let findings = try await run(rows: [
            "a-comma,organization,Harbor Widgets Inc.,US,Kim Jong Un, Nicolas Maduro Moros",
            "a-bar,organization,Harbor Gadgets Inc.,US,Kim Jong Un | Hasan Nasrallah",
            "a-share,organization,Harbor Tools Inc.,US,Kim Jong Un (KP) 60%",
        ])
        func entries(_ account: String) -> Set<String> {
            Set(
                findings.filter { $0.subject.accounts == [account] }.compactMap {
                    if case .text(let id)? = $0.evidence["entry_id"] { id } else { nil }
                })
        }
        #expect(entries("a-comma").isSuperset(of: ["20157", "22790"]))
        #expect(entries("a-bar").isSuperset(of: ["20157", "2686"]))
        #expect(entries("a-share").contains("20157"))
        let kim = try #require(
            findings.first { $0.subject.accounts == ["a-comma"] && $0.evidence["entry_id"] == .text("20157") })
        #expect(kim.evidence["queried_name"] == .text("Kim Jong Un"))
        #expect(kim.evidence["owners_as_written"] == .text("Kim Jong Un, Nicolas Maduro Moros"))
        #expect(kim.summary.hasPrefix("The beneficial owner name 'Kim Jong Un' (one of the owners in 'Kim Jong Un, "))
        #expect(Set(findings.map(\.id)).count == findings.count)
    }

    @Test(
        "the owners an owner's name holds",
        arguments: [
            ("Kim Jong Un, Nicolas Maduro Moros", [], ["Kim Jong Un", "Nicolas Maduro Moros"], [[], []]),
            ("Kim Jong Un | Hasan Nasrallah", ["LB"], ["Kim Jong Un", "Hasan Nasrallah"], [[], []]),
            ("Kim Jong Un (KP) 60%", [], ["Kim Jong Un"], [["KP"]]),
            ("Kim Jong Un 60% [KP]", [], ["Kim Jong Un"], [["KP"]]),
            ("Kim Jong Un 60%", ["KP"], ["Kim Jong Un"], [["KP"]]),
            ("Ann Lee (US, 25%) / Kim Jong Un (KP, 75%)", [], ["Ann Lee", "Kim Jong Un"], [["US"], ["KP"]]),
            ("KIM, Jong Un", [], [], []),
            ("MADURO MOROS, Nicolas", [], [], []),
            ("Maersk A/S", [], [], []),
            ("Acme (Holdings) Ltd", [], [], []),
            ("Acme Holdings, Inc.", [], [], []),
            ("John Smith", ["US"], [], []),
        ] as [(String, [String], [String], [[String]])])
    func ownerParts(name: String, countries: [String], parts: [String], partCountries: [[String]]) {
        let resolver = ScreeningCountryResolver(codesByName: ["North Korea": "KP", "United States": "US"])
        let found = ScreeningRule.ownerParts(of: name, countries: countries, resolver: resolver)
        #expect(found.map(\.name) == parts)
        #expect(found.map(\.countries) == partCountries)
    }
}
