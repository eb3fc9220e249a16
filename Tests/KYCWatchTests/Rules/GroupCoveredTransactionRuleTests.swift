import Testing

@testable import KYCWatch

@Suite("CVT-002: likely covered transactions split across linked accounts")
struct GroupCoveredTransactionRuleTests {
    typealias F = RunFixtures

    /// The covered-transaction findings of `accounts`.
    private func covered(_ accounts: [AccountEvidence]) async -> [Finding] {
        await RuleEngine().evaluate(accounts, context: F.context(), shards: 2).filter {
            $0.category == .coveredTransaction
        }
    }

    /// A run of `account` on `resources` B200 resources (128 each, at 50 %) for `days`: 1.24e22
    /// operations per resource-day, so 16 for 100 days is 2.0e25 and 80 for 100 days 9.95e25.
    private func run(_ account: String, _ cluster: String, resources: Int, days: Int64 = 100) -> [TrainingRun] {
        F.runs(F.trainingRun(account: account, cluster: cluster, days: days, resources: resources))
    }

    @Test("a US member's own runs passing the threshold together leave the group's covered transaction standing")
    func usMemberSplitsItsOwnRuns() async throws {
        // A customer in Hong Kong with 2.0e25, and a verified US customer paying with the same card with
        // two runs of 6.0e25: 1.39e26 together, no run over 1e26 alone.
        let usRuns = run("us", "pg-1", resources: 48) + run("us", "pg-2", resources: 48)
        let accounts = [
            F.evidence("hk", country: "HK", runs: run("hk", "pg-h", resources: 16), card: "pm-h"),
            F.evidence("us", runs: usRuns, card: "pm-h"),
        ]
        let found = await covered(accounts)
        // The US customer is no foreign person: CVT-001 reports none of it, so CVT-002 must.
        #expect(!found.contains { $0.rule == "CVT-001" })
        let group = try #require(found.first { $0.rule == "CVT-002" }, "\(found.map(\.summary))")
        #expect(group.subject.accounts == ["hk", "us"])
        #expect(abs((group.metrics["expected_operations"] ?? 0) / 1.393e26 - 1) < 0.01)
        #expect(
            group.summary.contains("over the threshold in the runs of us alone, an account not likely foreign"),
            "\(group.summary)")
        #expect(group.summary.contains("likely foreign: hk (score 1.50)"), "\(group.summary)")
        #expect(group.knowledgeDate == "2026-11-28" && group.reportDue == "2026-12-13")
        guard case .list(let listed)? = group.evidence["runs"] else {
            Issue.record("no runs listed")
            return
        }
        #expect(listed.count == 3)
        guard case .list(let windows)? = group.evidence["run_windows"] else {
            Issue.record("no run windows listed")
            return
        }
        // Each run with its member and its own window, in the order of the runs.
        #expect(windows.count == 3)
        #expect(
            zip(listed, windows).allSatisfy { run, window in
                window.hasPrefix(String(run.prefix { $0 != "," }) + ": ") && window.hasSuffix("T00:00:00Z")
            }, "\(windows)")
        // Were the member with the split likely foreign, CVT-001 would report its split, and CVT-002 stand aside.
        var foreign = accounts
        foreign[1] = F.evidence("us", country: "CN", runs: usRuns, card: "pm-h")
        #expect(await covered(foreign).map(\.rule) == ["CVT-001"])
    }

    @Test(
        "a US member's run crossing alone keeps the group's covered transaction, and its id; a foreign one's hands over"
    )
    func usMemberCrossesAlone() async throws {
        // A customer in Hong Kong with 2.5e25; a US customer paying with its card, with 9.95e25 tonight
        // and 1.09e26 (over 1e26 alone) a few days on; a second US customer linked to it by phone, no runs.
        func group(foreign: Int, us days: Int64) -> [AccountEvidence] {
            [
                F.evidence("fg", country: "HK", runs: run("fg", "pg-f", resources: foreign), card: "pm-g"),
                F.evidence(
                    "us1", runs: run("us1", "pg-u", resources: 80, days: days), card: "pm-g", phone: "+1 202 555 0100"),
                F.evidence("us3", phone: "+1 202 555 0100"),
            ]
        }
        let before = try #require(await covered(group(foreign: 20, us: 100)).first { $0.rule == "CVT-002" })
        #expect(before.summary.contains("none over the threshold alone"), "\(before.summary)")
        let crossed = await covered(group(foreign: 20, us: 110))
        #expect(!crossed.contains { $0.rule == "CVT-001" })
        let after = try #require(crossed.first { $0.rule == "CVT-002" }, "\(crossed.map(\.summary))")
        #expect(after.id == before.id, "the next night continues the same covered transaction")
        #expect(after.subject.accounts == ["fg", "us1", "us3"])
        #expect(
            after.summary.contains("over the threshold in the runs of us1 alone, an account not likely foreign"),
            "\(after.summary)")
        // When the foreign member's run crosses alone, CVT-001 reports it, and CVT-002 stands aside when
        // the rest of the group's runs do not pass the threshold without it.
        let handedOver = await covered(group(foreign: 90, us: 100))
        #expect(handedOver.map(\.rule) == ["CVT-001"], "\(handedOver.map(\.summary))")
        #expect(handedOver.first?.subject.accounts == ["fg"])
    }

    @Test("a foreign member's run over the threshold alone is left out, and the rest of the group's runs still cross")
    func restCrossesWithoutMemberAlone() async throws {
        // gp1 in China with one run, from ten days before the others; gp2 in China and gp3 in the US with
        // 6.0e25 each; all pay with one card.
        func group(gp1 days: Int64) -> [AccountEvidence] {
            let gp1 = F.runs(F.trainingRun(account: "gp1", cluster: "pg-1", from: 0, days: days, resources: 80))
            return [
                F.evidence("gp1", country: "CN", runs: gp1, card: "pm-gp"),
                F.evidence(
                    "gp2", country: "CN",
                    runs: F.runs(
                        F.trainingRun(account: "gp2", cluster: "pg-2", from: 10 * F.day, days: 100, resources: 48)),
                    card: "pm-gp"),
                F.evidence(
                    "gp3",
                    runs: F.runs(
                        F.trainingRun(account: "gp3", cluster: "pg-3", from: 10 * F.day, days: 100, resources: 48)),
                    card: "pm-gp"),
            ]
        }
        // 9.95e25 for gp1: no run over the threshold alone, all three add up.
        let before = try #require(await covered(group(gp1: 100)).first { $0.rule == "CVT-002" })
        #expect(before.evidence["runs_reported_by_cvt_001"] == nil)
        // 1.09e26 for gp1 a few days on: CVT-001's. The other two still pass 1e26 together, 1.19e26.
        let found = await covered(group(gp1: 110))
        #expect(found.map(\.rule) == ["CVT-001", "CVT-002"], "\(found.map(\.summary))")
        #expect(found.first?.subject.accounts == ["gp1"])
        let rest = try #require(found.first { $0.rule == "CVT-002" })
        #expect(abs((rest.metrics["expected_operations"] ?? 0) / 1.19e26 - 1) < 0.01)
        #expect(abs((rest.metrics["operations_reported_by_cvt_001"] ?? 0) / 1.09e26 - 1) < 0.01)
        #expect(
            rest.summary.hasPrefix(
                "Likely covered transaction split across the runs of 2 of 3 linked accounts: ~1.2e26 operations "
                    + "together (upper bound 2.4e26), besides ~1.1e26 in the runs of gp1 that CVT-001 reports as a "
                    + "covered transaction of its own, none over the threshold alone"), "\(rest.summary)")
        #expect(rest.summary.contains("likely foreign: gp1 (score 1.50), gp2 (score 1.50)"), "\(rest.summary)")
        guard case .list(let listed)? = rest.evidence["runs"] else {
            Issue.record("no runs listed")
            return
        }
        #expect(listed.allSatisfy { !$0.hasPrefix("gp1: ") }, "\(listed)")
        #expect(rest.evidence["runs_reported_by_cvt_001"] == .list(["gp1: cluster pg-1, 1.1e26"]))
        #expect(rest.window?.start == TimestampParser.format(10 * F.day))
        #expect(rest.id == before.id, "the group's covered transaction goes on under its id")
    }

    /// A parent organization in China and its `count` member accounts, billed through it (no card and
    /// no owners of their own) or holding its card, each with a run on `resources` resources.
    static func organization(
        _ prefix: String, members count: Int, resources: Int, memberCard: String? = nil
    ) -> [AccountEvidence] {
        let parent = F.evidence(
            "\(prefix)0", country: "CN", card: "pm-\(prefix)",
            owners: [BeneficialOwner(name: "Zhang San", country: "CN")])
        return [parent]
            + (1...count).map { index in
                let id = "\(prefix)\(index)"
                var member = F.evidence(
                    id, runs: F.runs(F.trainingRun(account: id, cluster: "pg-\(id)", days: 100, resources: resources)),
                    card: memberCard, owners: [], parent: parent.accountID)
                member.parents = F.records(parent)
                return member
            }
    }

    @Test(
        "a foreign organization's training split across its member accounts is one covered transaction",
        arguments: [
            // Two members billed through the parent, 6.0e25 each; six holding its card, 2.0e25 each.
            ("gt", 2, 48, nil, "parent account gt0: gt0, gt1, gt2"),
            ("fv", 6, 16, "pm-fv", "payment instrument pm-fv: fv0, fv1, fv2, fv3, fv4, fv5, fv6"),
        ] as [(String, Int, Int, String?, String)])
    func organizationMembers(prefix: String, count: Int, resources: Int, card: String?, link: String) async throws {
        let accounts = Self.organization(prefix, members: count, resources: resources, memberCard: card)
        let found = await covered(accounts)
        let group = try #require(found.first { $0.rule == "CVT-002" }, "\(found.map(\.summary))")
        #expect(found.map(\.rule) == ["CVT-002"])
        #expect(group.subject.accounts == accounts.map(\.accountID))
        #expect(abs((group.metrics["expected_operations"] ?? 0) / 1.19e26 - 1) < 0.01)
        #expect(
            group.summary.hasPrefix(
                "Likely covered transaction split across the runs of \(accounts.count - 1) of \(accounts.count) "
                    + "linked accounts: ~1.2e26"), "\(group.summary)")
        guard case .list(let links)? = group.evidence["links"] else {
            Issue.record("no links listed")
            return
        }
        #expect(
            links.contains(
                "parent account \(accounts[0].accountID): " + accounts.map(\.accountID).joined(separator: ", ")))
        #expect(links.contains(link), "\(links)")
    }

    @Test(
        "in a US organization's family only its likely foreign members' runs add up: its own training is no foreign person's"
    )
    func usOrganizationWithForeignSubsidiary() async throws {
        // A US parent with a US owner; a US member training 1.2e26; a German subsidiary (declared DE,
        // headquartered in the US).
        let parent = F.evidence("acme", owners: [BeneficialOwner(name: "Jane Doe", country: "US")])
        func member(_ id: String, country: String, runs: [TrainingRun]) -> AccountEvidence {
            var member = F.evidence(id, country: country, runs: runs, owners: [], parent: "acme")
            member.account?.headquartersCountry = country == "US" ? nil : "US"
            member.parents = F.records(parent)
            return member
        }
        let research = member("acme-research", country: "US", runs: run("acme-research", "pg-1", resources: 96))
        let idle = member("acme-gmbh", country: "DE", runs: [])
        #expect(await covered([parent, research, idle]).isEmpty)
        // The subsidiary's 6.0e25 beside the US member's 6.0e25: the foreign person's training is 6.0e25.
        let half = member("acme-gmbh", country: "DE", runs: run("acme-gmbh", "pg-2", resources: 48))
        let usHalf = member("acme-research", country: "US", runs: run("acme-research", "pg-1", resources: 48))
        #expect(await covered([parent, usHalf, half]).isEmpty)
        // Two foreign subsidiaries' 6.0e25 each are one covered transaction.
        let other = member("acme-sarl", country: "FR", runs: run("acme-sarl", "pg-3", resources: 48))
        let found = await covered([parent, usHalf, half, other])
        let group = try #require(found.first { $0.rule == "CVT-002" }, "\(found.map(\.summary))")
        #expect(abs((group.metrics["expected_operations"] ?? 0) / 1.19e26 - 1) < 0.01, "\(group.summary)")
        #expect(!group.summary.contains("acme-research alone"), "\(group.summary)")
    }

    @Test("the summary counts the accounts whose runs add up among the group's, and each link names its accounts")
    func accountsAndLinks() async throws {
        // Two accounts with runs (6.0e25 each) share a card; a third, with none, shares the second's phone.
        let accounts = [
            F.evidence("a1", country: "HK", runs: run("a1", "pg-1", resources: 48), card: "pm-shared"),
            F.evidence("a2", runs: run("a2", "pg-2", resources: 48), card: "pm-shared", phone: "+1 202 555 0100"),
            F.evidence("a3", phone: "+1 202 555 0100"),
        ]
        let group = try #require(await covered(accounts).first { $0.rule == "CVT-002" })
        #expect(
            group.summary.hasPrefix(
                "Likely covered transaction split across the runs of 2 of 3 linked accounts: ~1.2e26"),
            "\(group.summary)")
        // The filing draft lists these: the chain from the foreign account to the others.
        #expect(
            group.evidence["links"] == .list(["payment instrument pm-shared: a1, a2", "phone 12025550100: a2, a3"]))
        let draft = CaseDraft(
            finding: group, evidence: EvidenceIndex(accounts), runDate: "2026-11-28", defaultUtilization: 0.4)
        #expect(draft.markdown().contains("- payment instrument pm-shared: a1, a2\n"), "\(draft.markdown())")
        // The two runs side by side for 100 days crossed together when their sum did.
        let hours = (1e26 / (group.metrics["expected_operations"] ?? 1) * 100 * 24).rounded(.up)
        let day = FigureFormat.day(Int64(hours - 1) * F.hour)
        #expect(group.evidence["threshold_reached_about"] == .text(day))
        #expect(draft.markdown().contains("- **Threshold reached:** about \(day)"), "\(draft.markdown())")
        // With every member's runs in the sum, the count is the group's.
        let pair = Array(accounts.prefix(2))
        let both = try #require(await covered(pair).first { $0.rule == "CVT-002" })
        #expect(
            both.summary.hasPrefix("Likely covered transaction split across 2 linked accounts: "), "\(both.summary)")
    }
}
