import Testing

@testable import KYCWatch

@Suite("CVT-001: likely covered transactions of one account")
struct CoveredTransactionRuleTests {
    typealias F = RunFixtures

    /// 16,384 B200 at 50 % for 120 days: 1.91e26 operations, one run.
    static let training = F.runs(F.trainingRun())

    private func findings(
        _ evidence: AccountEvidence, _ parameters: [String: [String: ParameterValue]] = [:]
    ) throws -> [Finding] {
        try CoveredTransactionRule().evaluate(evidence, in: F.context(parameters))
    }

    @Test("a US company with one foreign beneficial owner is treated as foreign; with US owners only it is not")
    func foreignOwner() throws {
        let german = F.evidence(
            "us-llc", runs: Self.training, owners: [BeneficialOwner(name: "Hans Meier", country: "DE")])
        let finding = try #require(try findings(german).first)
        #expect(finding.metrics["foreign_score"] == 1.0)
        #expect(finding.knowledgeDate == "2026-11-28" && finding.reportDue == "2026-12-13")
        let american = F.evidence(
            "us-llc", runs: Self.training, owners: [BeneficialOwner(name: "Ann Smith", country: "US")])
        #expect(try findings(american).isEmpty)
    }

    @Test("with no record, or an owner without a country, nothing shows a US person: presumed foreign")
    func presumedForeign() throws {
        var unknown = AccountEvidence(accountID: "ghost")
        unknown.runs = Self.training
        let ghost = try #require(try findings(unknown).first)
        #expect(ghost.metrics["foreign_score"] == 1.0)
        #expect(ghost.summary.contains("by an account missing from the accounts export"), "\(ghost.summary)")
        // DQ-001 reports the missing record; FPI-001 adds nothing for the presumption alone.
        #expect(try ForeignIndicatorsRule().evaluate(unknown, in: F.context()).isEmpty)
        let unplaced = F.evidence("us-llc", runs: Self.training, owners: [BeneficialOwner(name: "Sam Roe")])
        let owned = try #require(try findings(unplaced).first)
        #expect(
            owned.evidence["foreign_signals"]
                == .list([
                    "beneficial-owner-unplaced: beneficial owner Sam Roe without a country, so not shown to be a US person"
                ]))
    }

    @Test(
        "an owner named by a placeholder weighs by its country as a named owner does: an adversary's more",
        arguments: [
            ("Unknown:CN", "Li Wei:CN"), ("N/A:RU", "Ivan Petrov:RU"), ("Ann Lee:US;-:IR", "Ann Lee:US;Ali Reza:IR"),
        ]
    )
    func unnamedOwner(unnamed: String, named: String) throws {
        let countries = F.catalogs.countries
        func owned(_ owners: String) throws -> AccountEvidence {
            F.evidence(
                "us-llc", runs: Self.training, owners: try BeneficialOwnerList.parse(owners, countries: countries))
        }
        let assessment = ForeignAssessment(account: try owned(unnamed), in: F.context())
        let reference = ForeignAssessment(account: try owned(named), in: F.context())
        #expect(assessment.score == reference.score)
        #expect(assessment.score == 1.5)
        #expect(assessment.involvesAdversary)
        #expect(assessment.signals.map(\.kind) == ["beneficial-owner"])
        #expect(assessment.signals.map(\.country) == reference.signals.map(\.country))
        #expect(assessment.signals.first?.detail.contains("whose name is not given") == true, "\(assessment.signals)")
        let fpi = try #require(try ForeignIndicatorsRule().evaluate(try owned(unnamed), in: F.context()).first)
        #expect(fpi.severity == .high)
        #expect(fpi.metrics["score"] == 1.5)
        #expect(try findings(try owned(unnamed)).first?.metrics["foreign_score"] == 1.5)
    }

    @Test(
        "an owner in the US named by a placeholder is an owner listed, weighed as a named one: no organization without owners"
    )
    func unnamedDomesticOwner() throws {
        let owners = try BeneficialOwnerList.parse("Unknown:US", countries: F.catalogs.countries)
        let owned = F.evidence("us-llc", runs: Self.training, owners: owners)
        let assessment = ForeignAssessment(account: owned, in: F.context())
        #expect(assessment.signals.isEmpty, "\(assessment.signals)")
        #expect(try findings(owned).isEmpty)
    }

    @Test(
        "a member account is weighed with its parent's declaration and owners; an organization listing none is presumed foreign"
    )
    func parentsAndMissingOwners() throws {
        var member = F.evidence("m-cn", runs: Self.training, owners: [])
        member.account?.parentAccountID = "p-cn"
        member.parents = F.records(F.evidence("p-cn", owners: [BeneficialOwner(name: "Li Wei", country: "CN")]))
        let found = try #require(try findings(member).first)
        #expect(found.metrics["foreign_score"] == 1.5)
        #expect(
            found.evidence["foreign_signals"]
                == .list(["parent-beneficial-owner: parent account p-cn's beneficial owner Li Wei (CN)"]))
        // A US parent with US owners leaves a member with no owners of its own domestic.
        member.parents = F.records(F.evidence("p-us", owners: [BeneficialOwner(name: "Ann Lee", country: "US")]))
        #expect(try findings(member).isEmpty)
        // An organization with no owners and no parent: presumed foreign for CVT-001, no FPI-001 of its own.
        let ownerless = F.evidence("org", runs: Self.training, owners: [])
        #expect(try findings(ownerless).first?.metrics["foreign_score"] == 1.0)
        #expect(try ForeignIndicatorsRule().evaluate(ownerless, in: F.context()).isEmpty)
    }

    @Test(
        "a customer presumed foreign for a gap alone is named for the gap, as the group rules name it, not by a score",
        arguments: [
            ("org", nil, "presumed foreign for a gap in the data (an organization listing no beneficial owners)"),
            (
                "member", "org",
                "presumed foreign for a gap in the data (a member of parent account org, an organization listing no "
                    + "beneficial owners)"
            ),
            ("cn", nil, "foreign-person score 1.50; declared or headquartered in EAR Country Group D:5"),
        ] as [(String, String?, String)])
    func presumedForAGap(account: String, parent: String?, basis: String) throws {
        let split = F.runs(
            F.trainingRun(cluster: "pg-1", days: 60) + F.trainingRun(cluster: "pg-2", from: 60 * F.day, days: 60))
        for runs in [Self.training, split] {
            var evidence = F.evidence(account, country: account == "cn" ? "CN" : "US", runs: runs, owners: [])
            if let parent { evidence.parents = F.records(F.evidence(parent, owners: [])) }
            if account == "cn" {
                evidence.account?.beneficialOwners = [BeneficialOwner(name: "Ann Lee", country: "US")]
            }
            let found = try #require(try findings(evidence).first)
            #expect(found.summary.contains("by a customer declared in "), "\(found.summary)")
            #expect(found.summary.contains("; " + basis), "\(found.summary)")
            #expect(found.summary.contains("foreign-person score") == (account == "cn"), "\(found.summary)")
            #expect(found.metrics["foreign_score"] == (account == "cn" ? 1.5 : 1.0))
        }
    }

    @Test(
        "FPI-001's adversary factor weighs the signals of CVT-001 too",
        arguments: [(nil, 1.5), (1.0, 1.0), (4.0, 4.0)] as [(Double?, Double)])
    func adversaryFactor(factor: Double?, score: Double) throws {
        let owned = F.evidence(
            "us-llc", runs: Self.training, owners: [BeneficialOwner(name: "Li Wei", country: "CN")])
        let parameters = factor.map { ["FPI-001": ["adversary_factor": ParameterValue.number($0)]] } ?? [:]
        let finding = try #require(try findings(owned, parameters).first)
        #expect(finding.metrics["foreign_score"] == score)
        let fpi = try #require(try ForeignIndicatorsRule().evaluate(owned, in: F.context(parameters)).first)
        #expect(fpi.metrics["score"] == score, "FPI-001 and CVT-001 give one score")
    }

    @Test("an account whose row of the accounts export was rejected is said to be so, not missing, in every rule")
    func rejectedRecord() throws {
        var account = AccountEvidence(accountID: "a2")
        account.runs = Self.training
        account.unknownUsageRecords = 3
        account.rejectedRecord = RejectedAccountRow(
            accountID: "a2", file: "accounts.csv", line: 2, column: "headquarters_country",
            reason: .unparseableValue, message: "headquarters_country 'N/A' is not a known country code or name")
        let covered = try #require(try findings(account).first)
        #expect(
            covered.summary.contains(
                "by an account whose row in the accounts export was rejected (accounts.csv line 2)"))
        #expect(!covered.summary.contains("missing"))
        let signal = try #require(ForeignAssessment(account: account, in: F.context()).signals.first)
        #expect(signal.kind == ForeignAssessment.noRecord)
        #expect(signal.detail.hasPrefix("its row in the accounts export was rejected (accounts.csv line 2)"))
        let training = try #require(try TrainingComputeRule().evaluate(account, in: F.context()).first)
        #expect(
            training.summary.hasSuffix(
                "by an account whose row in the accounts export was rejected (accounts.csv line 2)"))
        // DQ-001 stays a data-quality finding, naming the row and why it was rejected.
        let quality = try #require(try UnknownAccountRule().evaluate(account, in: F.context()).first)
        #expect(quality.category == .dataQuality)
        #expect(
            quality.summary
                == "Account a2 has 3 usage records and 0 access events, but its row in the accounts export was rejected "
                + "(accounts.csv line 2: unparseable-value, headquarters_country 'N/A' is not a known country code or "
                + "name), so no CIP record was read: fix the row")
        #expect(quality.evidence["rejected_row"] == .text("accounts.csv line 2"))
        #expect(quality.evidence["reject_reason"] == .text("unparseable-value"))
        #expect(quality.evidence["reject_column"] == .text("headquarters_country"))
        account.rejectedRecord = nil
        let missing = try #require(try UnknownAccountRule().evaluate(account, in: F.context()).first)
        #expect(
            missing.summary == "Account a2 has 3 usage records and 0 access events but no record in the accounts export"
        )
        #expect(missing.evidence["rejected_row"] == nil)
    }

    @Test("a run of undetermined shape (no utilization metered) counts; one of inference shape does not")
    func shapes() throws {
        // Unmetered, on a slow network with heavy egress: two signals read inference, four training.
        let unmetered = F.runs(F.trainingRun(days: 300, utilization: nil, gbps: 50, egress: 2e10))
        let undetermined = try #require(unmetered.first)
        #expect(TrainingShape(run: undetermined, thresholds: .init([:])).verdict == .undetermined)
        #expect(try findings(F.evidence("cn", country: "CN", runs: unmetered)).count == 1)
        let fleet = F.runs(F.inferenceFleet(account: "cn"))
        #expect(try findings(F.evidence("cn", country: "CN", runs: fleet)).isEmpty)
    }

    @Test("runs of one account that pass the threshold together, none alone, are one covered transaction")
    func splitAcrossRuns() throws {
        // Two clusters, 60 days each, one after the other: 9.6e25 operations each, 1.91e26 together.
        let runs = F.runs(
            F.trainingRun(cluster: "pg-1", days: 60) + F.trainingRun(cluster: "pg-2", from: 60 * F.day, days: 60))
        #expect(runs.count == 2 && runs.allSatisfy { $0.expectedOperations < 1e26 })
        let found = try findings(F.evidence("cn", country: "CN", runs: runs))
        let split = try #require(found.first)
        #expect(found.count == 1)
        #expect(split.summary.hasPrefix("Likely covered transaction split across 2 runs of one account: ~1.9e26"))
        #expect(
            split.evidence["runs"]
                == .list(runs.map { "\($0.label), \(FigureFormat.scientific($0.expectedOperations))" }))
        // Each run's own window, by which a later night tells a run of the same label from another.
        #expect(
            split.evidence["run_windows"]
                == .list([
                    "cluster pg-1: 1970-01-01T00:00:00Z to 1970-03-02T00:00:00Z",
                    "cluster pg-2: 1970-03-02T00:00:00Z to 1970-05-01T00:00:00Z",
                ]))
        #expect(abs((split.metrics["expected_operations"] ?? 0) / 1.911e26 - 1) < 0.01)
        #expect(split.knowledgeDate == "2026-11-28")
        // The runs together crossed the threshold as one even run of their 120 days would have.
        let hours = (1e26 / (split.metrics["expected_operations"] ?? 1) * 120 * 24).rounded(.up)
        #expect(split.evidence["threshold_reached_about"] == .text(FigureFormat.day(Int64(hours - 1) * F.hour)))
        #expect(split.evidence["threshold_reached_about"] == .text("1970-03-04"))
        // The id does not move with the window, so the next night's longer runs continue it.
        let longer = F.runs(
            F.trainingRun(cluster: "pg-1", days: 61) + F.trainingRun(cluster: "pg-2", from: 61 * F.day, days: 61))
        #expect(try findings(F.evidence("cn", country: "CN", runs: longer)).first?.id == split.id)
        // A US customer's, or runs under the threshold together, are not.
        #expect(try findings(F.evidence("us", runs: runs)).isEmpty)
        // 25 days each: 4.0e25 operations, 8.0e25 together.
        let short = F.runs(
            F.trainingRun(cluster: "pg-1", days: 25) + F.trainingRun(cluster: "pg-2", from: 60 * F.day, days: 25))
        #expect(try findings(F.evidence("cn", country: "CN", runs: short)).isEmpty)
        // An inference fleet is not part of a training run.
        let withFleet = F.runs(F.trainingRun(account: "cn", days: 60) + F.inferenceFleet(account: "cn"))
        #expect(try findings(F.evidence("cn", country: "CN", runs: withFleet)).isEmpty)
        // Nor does a fleet over the threshold, or another run over it alone, hide the split beside it.
        let beside = F.runs(
            F.trainingRun(account: "cn", cluster: "pg-1", days: 60)
                + F.trainingRun(account: "cn", cluster: "pg-2", from: 60 * F.day, days: 60)
                + F.inferenceFleet(account: "cn") + F.trainingRun(account: "cn", cluster: "pg-3", days: 120))
        let found2 = try findings(F.evidence("cn", country: "CN", runs: beside))
        #expect(found2.count == 2, "\(found2.map(\.summary))")
        #expect(found2.contains { $0.evidence["run"] == .text("cluster pg-3") })
        let split2 = try #require(found2.first { $0.summary.contains("split across 2 runs") })
        #expect(split2.id == split.id)
    }

    @Test("an account's own split is one covered transaction, not a second one for the group it is linked in")
    func splitInGroup() async throws {
        let runs = F.runs(
            F.trainingRun(account: "solo", cluster: "pg-1", days: 60)
                + F.trainingRun(account: "solo", cluster: "pg-2", from: 60 * F.day, days: 60))
        let accounts = [
            F.evidence(
                "side", country: "CN", runs: F.runs(F.trainingRun(account: "side", days: 1, resources: 1)), card: "pm-1"
            ),
            F.evidence("solo", country: "CN", runs: runs, card: "pm-1"),
        ]
        let findings = await RuleEngine().evaluate(accounts, context: F.context(), shards: 2)
        #expect(findings.filter { $0.category == .coveredTransaction }.map(\.rule) == ["CVT-001"])
        #expect(findings.contains { $0.rule == "LNK-001" })
    }

    @Test("the threshold is passed by more than 1e26 operations, not by 1e26 exactly")
    func thresholdIsStrict() throws {
        let run = try #require(Self.training.first)
        let exactly: [String: [String: ParameterValue]] = [
            "CVT-001": ["threshold_operations": .number(run.expectedOperations)],
            "LMT-001": ["threshold_operations": .number(run.expectedOperations)],
        ]
        let cn = F.evidence("cn", country: "CN", runs: Self.training)
        #expect(try findings(cn, exactly).isEmpty)
        let lmt = try #require(try TrainingComputeRule().evaluate(cn, in: F.context(exactly)).first)
        #expect(lmt.severity == .medium, "at the threshold, not over it: \(lmt.summary)")
        let below: [String: [String: ParameterValue]] = [
            "CVT-001": ["threshold_operations": .number(run.expectedOperations.nextDown)]
        ]
        #expect(try findings(cn, below).count == 1)
    }
}
