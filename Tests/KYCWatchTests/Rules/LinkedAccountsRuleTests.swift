import Testing

@testable import KYCWatch

@Suite("Linking findings (LNK-001) and the group rules in the engine")
struct LinkedAccountsRuleTests {
    typealias F = RunFixtures

    /// Four foreign accounts chained by a card, a phone, an owner and an address, each with a
    /// quarter of a 1.5e26 run; a US account beside them; thirty accounts behind one NAT address.
    static let accounts: [AccountEvidence] = {
        let quarter = F.runs(F.trainingRun(days: 95, resources: 32))
        let owner = BeneficialOwner(name: "Zhou Minghui", country: "CN")
        var accounts = [
            F.evidence("g1", country: "SG", runs: quarter, card: "pm_shared"),
            F.evidence(
                "g2", country: "HK", runs: quarter, card: "pm_shared", phone: "+852 9123 4567",
                addresses: ["198.51.100.20"]),
            F.evidence("g3", country: "MY", runs: quarter, phone: "+852 9123 4567", owners: [owner]),
            F.evidence("g4", country: "MO", runs: quarter, owners: [owner], addresses: ["198.51.100.20"]),
            F.evidence("us", runs: F.runs(F.trainingRun(days: 10, resources: 8))),
        ]
        accounts += (0..<30).map { F.evidence("nat\($0 < 10 ? "0" : "")\($0)", addresses: ["198.51.100.53"]) }
        return accounts.sorted { $0.accountID < $1.accountID }
    }()

    private func findings(_ parameters: [String: [String: ParameterValue]] = [:]) async -> [Finding] {
        await RuleEngine().evaluate(Self.accounts, context: F.context(parameters), shards: 3)
    }

    @Test("a linked group lists every member and the links that joined it, with group compute and foreign status")
    func group() async throws {
        let linking = await findings().filter { $0.rule == "LNK-001" }
        let group = try #require(linking.first { $0.subject.accounts == ["g1", "g2", "g3", "g4"] })
        #expect(group.subject.kind == "group")
        #expect(group.category == .linking)
        #expect(group.severity == .high)
        #expect(
            group.evidence["links"]
                == .list([
                    "access address 198.51.100.20: g2, g4", "beneficial owner zhou minghui: g3, g4",
                    "payment instrument pm_shared: g1, g2", "phone 85291234567: g2, g3",
                ]))
        #expect(
            group.evidence["link_kinds"]
                == .list(["access address", "beneficial owner", "payment instrument", "phone"]))
        #expect(group.metrics["foreign_members"] == 4)
        let operations = try #require(group.metrics["expected_operations"])
        #expect(abs(operations - 4 * 32 * 128 * 2250e12 * 0.5 * 95 * 86400) / operations < 0.01)
        #expect(group.evidence["declared_family"] == .text("no"))
    }

    @Test("a shared corporate NAT address glues nobody and is reported as refused")
    func sharedNAT() async throws {
        let linking = await findings().filter { $0.rule == "LNK-001" }
        #expect(!linking.contains { $0.subject.accounts.contains("nat00") && $0.evidence["members"] != nil })
        let refused = try #require(linking.first { $0.evidence["value"] == .text("198.51.100.53") })
        #expect(refused.severity == .info)
        #expect(refused.subject.accounts.count == 30)
        #expect(refused.evidence["kind"] == .text("access address"))
        #expect(refused.summary.hasPrefix("Not linked: access address 198.51.100.53 is shared by 30 accounts"))
        let generous = await findings(["LNK-001": ["max_accounts_per_key": .number(40)]])
        #expect(
            generous.contains {
                $0.rule == "LNK-001" && $0.subject.accounts.count == 30 && $0.evidence["members"] != nil
            })
    }

    @Test("a group without a foreign member or large compute is info")
    func plainGroup() async throws {
        let pair = [
            F.evidence("p1", card: "pm_family"), F.evidence("p2", card: "pm_family", parent: "p1"),
        ]
        let found = await RuleEngine().evaluate(pair, context: F.context(), shards: 1)
        let group = try #require(found.first { $0.rule == "LNK-001" })
        #expect(group.severity == .info)
        #expect(group.evidence["declared_family"] == .text("yes"))
    }

    @Test(
        "a group is a declared family when its parent links alone join every member, however many generations",
        arguments: [
            // A member of a member: joined by two parents' links.
            ([("c0", nil, nil), ("c1", "c0", nil), ("c2", "c1", nil)], "yes"),
            ([("f0", nil, nil), ("f1", "f0", nil), ("f2", "f0", nil)], "yes"),
            // Members of a parent missing from the export.
            ([("m1", "ghost", nil), ("m2", "ghost", nil)], "yes"),
            // Two families, or a family and a stranger, joined by a card.
            ([("h0", nil, "pm_h"), ("h1", "h0", nil), ("j0", nil, "pm_h"), ("j1", "j0", nil)], "no"),
            ([("k0", nil, nil), ("k1", "k0", "pm_k"), ("k2", "k1", nil), ("x", nil, "pm_k")], "no"),
        ] as [([(String, String?, String?)], String)])
    func declaredFamily(accounts: [(String, String?, String?)], declared: String) async throws {
        let found = await RuleEngine().evaluate(
            accounts.map { F.evidence($0.0, card: $0.2, parent: $0.1) }, context: F.context(), shards: 1)
        let group = try #require(found.first { $0.rule == "LNK-001" })
        #expect(group.subject.accounts == accounts.map(\.0).sorted())
        #expect(group.evidence["declared_family"] == .text(declared))
    }

    @Test("an organization's member accounts are linked to it, the parent named, and none refused")
    func organizationMembers() async throws {
        let accounts = GroupCoveredTransactionRuleTests.organization(
            "fv", members: 6, resources: 16, memberCard: "pm-fv")
        let found = await RuleEngine().evaluate(accounts, context: F.context(), shards: 2).filter {
            $0.rule == "LNK-001"
        }
        #expect(found.count == 1, "\(found.map(\.summary))")
        let group = try #require(found.first)
        #expect(group.subject.accounts == accounts.map(\.accountID))
        #expect(group.severity == .high)
        #expect(
            group.summary.hasPrefix(
                "7 linked accounts joined by parent account fv0, payment instrument: ~1.2e26 training operations"),
            "\(group.summary)")
        #expect(group.evidence["link_kinds"] == .list(["parent account", "payment instrument"]))
        #expect(group.evidence["declared_family"] == .text("yes"))
    }

    @Test("an organization of thousands of member accounts is one finding whose summary names ten of them")
    func largeOrganization() async throws {
        let parent = F.evidence("org", country: "CN", card: "pm-org")
        let members = (0..<2000).map { index in
            var member = F.evidence("m\(String(10000 + index).dropFirst())", owners: [], parent: "org")
            member.parents = F.records(parent)
            return member
        }
        let found = await RuleEngine().evaluate(members + [parent], context: F.context(), shards: 2).filter {
            $0.rule == "LNK-001"
        }
        #expect(found.count == 1, "\(found.map(\.summary))")
        let group = try #require(found.first)
        #expect(group.subject.accounts.count == 2001)
        #expect(
            group.summary.hasPrefix(
                "2001 linked accounts joined by parent account org: no accelerator runs; likely foreign: m0000 (score 1.50), "
            ), "\(group.summary)")
        #expect(group.summary.hasSuffix("m0009 (score 1.50) and 1,991 more"), "\(group.summary)")
        #expect(group.metrics["foreign_members"] == 2001)
    }

    /// Two accounts with 6.0e25 each, linked, whose only foreign member is presumed so for a gap: a US
    /// organization listing no owners beside a US customer on one card (`gs`), or an account missing
    /// from the accounts export beside a US customer at one address (`gr`).
    static func presumedGroup(_ prefix: String) -> [AccountEvidence] {
        func runs(_ id: String) -> [TrainingRun] {
            F.runs(F.trainingRun(account: id, cluster: "pg-\(id)", days: 100, resources: 48))
        }
        guard prefix == "gr" else {
            return [
                F.evidence("gs1", runs: runs("gs1"), card: "pm-gs", owners: []),
                F.evidence("gs2", runs: runs("gs2"), card: "pm-gs"),
            ]
        }
        var missing = AccountEvidence(accountID: "gr2")
        missing.runs = runs("gr2")
        missing.addresses["198.51.100.77"] = AccountEvidence.AddressUse(events: 1, first: 0, last: 0, country: nil)
        return [F.evidence("gr1", runs: runs("gr1"), addresses: ["198.51.100.77"]), missing]
    }

    @Test(
        "LNK-001 and CVT-002 agree on a member presumed foreign for a gap alone, and say it is a presumption",
        arguments: [
            ("gs", "gs1", "an organization listing no beneficial owners"),
            ("gr", "gr2", "an account missing from the accounts export"),
        ])
    func presumedForeign(group: String, member: String, gap: String) async throws {
        let found = await RuleEngine().evaluate(Self.presumedGroup(group), context: F.context(), shards: 1)
        let linking = try #require(found.first { $0.rule == "LNK-001" })
        let covered = try #require(found.first { $0.rule == "CVT-002" }, "\(found.map(\.summary))")
        #expect(linking.severity == .high)
        let named = "; presumed foreign for a gap in the data: \(member) (\(gap))"
        #expect(linking.summary.hasSuffix(named), "\(linking.summary)")
        #expect(covered.summary.hasSuffix(named), "\(covered.summary)")
        #expect(!covered.summary.contains("score"), "\(covered.summary)")
        #expect(linking.evidence["foreign_members"] == .list(["\(member) (presumed foreign: \(gap))"]))
        #expect(linking.metrics["foreign_members"] == 1 && linking.metrics["presumed_foreign_members"] == 1)
    }

    @Test("a member foreign for an owner without a country is listed with that owner, not an empty list of countries")
    func unplacedOwnerListed() async throws {
        let members = [
            F.evidence("c06", card: "pm-c", owners: [BeneficialOwner(name: "Ann Lee", country: "CN")]),
            F.evidence("c07", card: "pm-c", owners: [BeneficialOwner(name: "Ann Lee")]),
        ]
        let found = await RuleEngine().evaluate(members, context: F.context(), shards: 1)
        let linking = try #require(found.first { $0.rule == "LNK-001" })
        #expect(
            linking.evidence["foreign_members"]
                == .list([
                    "c06 (score 1.50: CN)",
                    "c07 (score 1.00: beneficial owner Ann Lee without a country, so not shown to be a US person)",
                ]))
    }

    @Test(
        "a figure just beside large_operations or the reporting threshold does not read as it",
        arguments: [
            (4.97e25, 5.004e25, "4.97e25", "5.004e25", "~9.97e25"),
            (5.034e25, 4.97e25, "5.03e25", "4.97e25", "~1.0004e26"),
            (6.0e25, 4.0e25, "6.0e25", "4.0e25", "~1.0e26"),
            (2.0e25, 3.0e24, "2.0e25", "3.0e24", "~2.3e25"),
        ])
    func figuresBesideThresholds(first: Double, second: Double, runs: String, other: String, sum: String) async throws {
        func member(_ id: String, _ operations: Double) -> AccountEvidence {
            var run = F.runs(F.trainingRun(account: id, cluster: "pg-\(id)", days: 10, resources: 8))
            run[0].expectedOperations = operations
            return F.evidence(id, runs: run, card: "pm-fig")
        }
        let found = await RuleEngine().evaluate(
            [member("f1", first), member("f2", second)], context: F.context(), shards: 1)
        let group = try #require(found.first { $0.rule == "LNK-001" })
        #expect(group.summary.hasPrefix("2 linked accounts joined by payment instrument: \(sum) training operations"))
        guard case .list(let listed)? = group.evidence["runs"] else {
            Issue.record("no runs listed")
            return
        }
        #expect(listed.map { $0.split(separator: ", ")[1] } == [Substring(runs), Substring(other)], "\(listed)")
        // The figures of explain (and of the report, which writes them alike) read as the summary does.
        let explained = FindingExplanation(finding: group).render()
        let line = explained.split(separator: "\n").first { $0.hasPrefix("  Expected operations ") }
        #expect(line?.hasSuffix(" \(sum.dropFirst()) operations") == true, "\(explained)")
    }

    @Test("runs and loose usage that reach large_operations only together are summed in the summary")
    func looseUsageWithRuns() async throws {
        var runs = F.runs(F.trainingRun(account: "l1", cluster: "pg-l", days: 10, resources: 8))
        runs[0].expectedOperations = 4.5e25
        var loose = F.runs([F.record("l1-loose", account: "l1", resource: "r1", cluster: nil, start: 0, end: F.day)])
        #expect(loose.first?.basis == .loose)
        loose[0].expectedOperations = 1.0e25
        let found = await RuleEngine().evaluate(
            [F.evidence("l1", runs: runs + loose, card: "pm-l"), F.evidence("l2", card: "pm-l")], context: F.context(),
            shards: 1)
        let group = try #require(found.first { $0.rule == "LNK-001" })
        #expect(group.severity == .low)
        #expect(
            group.summary.contains("(~1.0e25 operations) with no job or cluster id, in no run (~5.5e25 with the runs)"),
            "\(group.summary)")
    }

    @Test("the summary names up to three parent accounts, and counts more")
    func parentsNamed() {
        func group(_ parents: [String]) -> EntityLinker.Group {
            EntityLinker.Group(
                accounts: [], links: parents.map { EntityLinker.Link(kind: .parent, value: $0, accounts: []) })
        }
        #expect(LinkedAccountsRule.joined(by: .parent, in: group(["p1", "p2"])) == "parent accounts p1 and p2")
        #expect(LinkedAccountsRule.joined(by: .parent, in: group(["p1", "p2", "p3", "p4"])) == "4 parent accounts")
        #expect(LinkedAccountsRule.joined(by: .phone, in: group(["p1"])) == "phone")
    }

    @Test("group findings sit in the one sorted order, the same for any number of shards")
    func order() async {
        let one = await RuleEngine().evaluate(Self.accounts, context: F.context(), shards: 1)
        let many = await RuleEngine().evaluate(Self.accounts, context: F.context(), shards: 7)
        #expect(one == many)
        let keys = one.map { ($0.rule, $0.subject.accounts.joined(separator: ","), $0.window?.start ?? "", $0.id) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(one.contains { $0.rule == "CVT-002" && $0.subject.accounts == ["g1", "g2", "g3", "g4"] })
    }
}
