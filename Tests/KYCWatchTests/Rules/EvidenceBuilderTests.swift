import Testing

@testable import KYCWatch

@Suite("Evidence: one value per account, sorted by account, with its runs in order")
struct EvidenceBuilderTests {
    typealias F = RunFixtures

    @Test("accounts come sorted as Strings, each with its own runs in the accumulator's order")
    func sortedWithRuns() async throws {
        let builder = EvidenceBuilder(
            assumptions: .init(catalog: F.catalogs.accelerators, ruleParameters: [:]), locate: nil)
        // A decomposed é sorts after f as a String, before it by its bytes.
        let accounts = ["f", "e\u{301}", "b", "a"]
        for account in accounts {
            try builder.accept(try #require(F.evidence(account).account), fields: [])
        }
        var records: [UsageRecord] = []
        for account in accounts + ["unknown"] {
            records += F.trainingRun(account: account, cluster: "pg-2", days: 2, resources: 1)
            records += F.trainingRun(account: account, cluster: "pg-1", from: 10 * F.day, days: 2, resources: 1)
            records += F.trainingRun(account: account, cluster: "pg-1", days: 2, resources: 1)
        }
        for record in records.reversed() { try builder.accept(record) }
        let evidence = await builder.evidence()
        #expect(evidence.map(\.accountID) == (accounts + ["unknown"]).sorted())
        for account in evidence {
            #expect(account.runs.allSatisfy { $0.accountID == account.accountID })
            #expect(account.runs.map { "\($0.key ?? "")@\($0.first)" } == ["pg-1@0", "pg-1@\(10 * F.day)", "pg-2@0"])
        }
        #expect(evidence.filter { $0.account == nil }.map(\.accountID) == ["unknown"])
    }

    @Test("a member account gets its parents' records up to its top only when its parents end at an account with none")
    func parentsEndAtTop() async throws {
        let builder = EvidenceBuilder(
            assumptions: .init(catalog: F.catalogs.accelerators, ruleParameters: [:]), locate: nil)
        let parents = [
            // Two organizations naming each other, and an account under one of them: a cycle, no top.
            "cycle-1": "cycle-2", "cycle-2": "cycle-1", "under-cycle": "cycle-1",
            // A family of three generations under its top account.
            "top": nil, "member": "top", "member-of-member": "member",
            // Its own parent, and a parent missing from the export: no member either, but the top of
            // its members.
            "self": "self", "orphan": "missing", "member-of-orphan": "orphan",
        ]
        for (account, parent) in parents {
            try builder.accept(try #require(F.evidence(account, parent: parent).account), fields: [])
        }
        let found = Dictionary(
            uniqueKeysWithValues: await builder.evidence().map { ($0.accountID, $0.parents.map(\.accountID)) })
        #expect(
            found == [
                "cycle-1": [], "cycle-2": [], "under-cycle": [], "top": [], "member": ["top"],
                "member-of-member": ["member", "top"], "self": [], "orphan": [], "member-of-orphan": ["orphan"],
            ])
    }

    @Test("a chain of 3,000 accounts one under the other keeps each member's nearest parents and its top only")
    func deepChain() async throws {
        let builder = EvidenceBuilder(
            assumptions: .init(catalog: F.catalogs.accelerators, ruleParameters: [:]), locate: nil)
        for depth in 0..<3_000 {
            let account = F.evidence("c\(depth)", parent: depth == 0 ? nil : "c\(depth - 1)").account
            try builder.accept(try #require(account), fields: [])
        }
        let accounts = Dictionary(uniqueKeysWithValues: await builder.evidence().map { ($0.accountID, $0) })
        let evidence = accounts.mapValues(\.parents)
        let kept = EvidenceBuilder.parentsKept
        #expect(evidence["c2999"]?.map(\.accountID) == (2_984..<2_999).reversed().map { "c\($0)" } + ["c0"])
        #expect(evidence["c3"]?.map(\.accountID) == ["c2", "c1", "c0"])
        #expect(evidence.values.allSatisfy { $0.count <= kept && ($0.isEmpty || $0.last?.accountID == "c0") })
        // Findings name a kept parent by the account below it, and the top past the gap by its organization.
        let deepest = try #require(accounts["c2999"])
        #expect(deepest.parentName(at: 0) == "parent account c2998")
        #expect(deepest.parentName(at: 1) == "c2998's parent account c2997")
        #expect(deepest.parentName(at: kept - 1) == "parent account c0 at the top of c2984's organization")
        #expect(accounts["c3"]?.parentName(at: 2) == "c1's parent account c0")
    }
}
