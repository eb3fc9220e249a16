import Foundation
import Testing

@testable import KYCWatch

@Suite("Detect stage on SampleData and hand calculations")
struct DetectStageTests {
    @Test("2,048 × 8 B200 for 120 days at 50 % is ≈ 1.91e26 operations, within 1 %")
    func handCalculation() throws {
        let catalog = try AcceleratorCatalog.load(
            acceleratorsPath: RepositoryPaths.reference + "/accelerators.csv",
            instanceTypesPath: RepositoryPaths.reference + "/instance_types.csv")
        var accumulator = RunAccumulator(assumptions: .init(catalog: catalog))
        let day: Int64 = 86_400_000
        for node in 0..<2048 {
            for week in 0..<18 {
                let start = Int64(week) * 7 * day
                let end = min(start + 7 * day, 120 * day)
                guard end > start else { continue }
                accumulator.add(
                    UsageRecord(
                        recordID: "r\(node)-\(week)", accountID: "a", resourceID: "n\(node)", jobID: "train",
                        clusterID: "pg-7", region: nil, zone: nil, instanceType: "p6-b200.48xlarge",
                        acceleratorModel: "B200", acceleratorCount: 8, start: start, end: end, utilization: 0.5,
                        interconnectGbps: 3200, egressBytes: 0, storageWriteBytes: 0, accountKnown: true, line: 1))
            }
        }
        let run = try #require(accumulator.runs().first)
        let expected = 2048.0 * 8 * 2250e12 * 120 * 86400 * 0.5
        #expect(abs(run.expectedOperations - expected) / expected < 0.01)
        #expect(abs(run.expectedOperations - 1.91e26) / 1.91e26 < 0.01)
        #expect(abs(run.upperBoundOperations - 2 * expected) / expected < 0.01)
        #expect(run.peakConcurrentAccelerators == 16384)
        #expect(abs(run.peakOperationsPerSecond - 16384 * 2250e12) / 3.7e19 < 0.001)
        // The sentence a reviewer reads, its counts grouped by thousands; the run ends at midnight
        // starting May 1st, so its last day is April 30th.
        let sentence =
            "~1.9e26 operations (upper bound 3.8e26) on 16,384 B200 in job train, 1970-01-01 to 1970-04-30, "
            + "by an account missing from the accounts export"
        #expect(run.computeSentence(customer: nil, threshold: 1e26) == sentence)
    }

    @Test("every planted training situation is found; no decoy is a covered transaction")
    func sampleDataGroundTruth() async throws {
        let truth = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.sampleData + "/ground-truth.json")))
                as? [String: Any])
        let situations = try #require(truth["situations"] as? [[String: Any]])
        func accounts(_ name: String) -> [String] {
            (situations.first { $0["name"] as? String == name }?["accounts"] as? [String]) ?? []
        }
        let (_, findings) = try await Self.runSample(shards: 8)
        func has(_ rule: String, _ account: String, _ severity: Severity? = nil) -> Bool {
            findings.contains {
                $0.rule == rule && $0.subject.accounts == [account] && (severity == nil || $0.severity == severity)
            }
        }
        let foreign = try #require(accounts("foreign-large-training").first)
        let domestic = try #require(accounts("domestic-large-training").first)
        let nearMiss = try #require(accounts("foreign-near-miss").first)
        let fleet = try #require(accounts("inference-fleet").first)
        let traveller = try #require(accounts("us-traveller").first)
        #expect(has("CVT-001", foreign, .critical))
        #expect(has("LMT-001", foreign, .critical))
        #expect(has("LMT-001", domestic, .critical))
        #expect(!has("CVT-001", domestic))
        #expect(has("LMT-001", nearMiss, .medium))
        #expect(!has("CVT-001", nearMiss))
        #expect(!has("LMT-001", fleet) && !has("CVT-001", fleet))
        #expect(!has("FPI-001", traveller))
        for name in [
            "indicator-access-geography", "indicator-anonymizer", "us-declared-inconsistent",
            "foreign-subsidiary-of-us-company",
        ] {
            let account = try #require(accounts(name).first)
            #expect(has("FPI-001", account), "\(name)")
        }
        for name in ["shared-nat-address", "us-vanity-cctld"] {
            let account = try #require(accounts(name).first)
            #expect(!has("FPI-001", account), "\(name)")
        }
        // +7 is Russia's and Kazakhstan's: a Russian number is Russia's, weighed as an adversary's.
        let russian = findings.filter { $0.rule == "FPI-001" && $0.evidence["declared_country"] == .text("RU") }
        #expect(!russian.isEmpty)
        for finding in russian {
            #expect(finding.evidence["countries"] == .list(["RU"]), "\(finding.subject.accounts)")
            let signals = try #require(Self.list(finding.evidence["signals"]), "\(finding.subject.accounts)")
            #expect(signals.contains("phone: phone calling code +7 (RU) (weight 0.60)"), "\(signals)")
        }
        let split = accounts("split-run-linked-accounts").sorted()
        let groups = findings.filter { $0.rule == "CVT-002" }
        #expect(groups.map(\.subject.accounts) == [split])
        #expect(groups.first?.subject.kind == "group")
        let covered = findings.filter { $0.rule == "CVT-001" }
        #expect(covered.count == 1)
        let report = try #require(covered.first)
        #expect(report.knowledgeDate == "2026-11-28")
        #expect(report.reportDue == "2026-12-13")
        let planted = try #require(
            (situations.first { $0["name"] as? String == "foreign-large-training" }?["compute"] as? [String: Any])?[
                "expected_operations"] as? Double)
        let estimated = try #require(report.metrics["expected_operations"])
        #expect(abs(estimated - planted) / planted < 0.01)
        let unknown = try #require(
            (truth["dirty_rows"] as? [[String: Any]])?.first { $0["reason"] as? String == "unknown-account" }?[
                "account"] as? String)
        #expect(has("DQ-001", unknown))
    }

    @Test(
        "run counts every input as normalize does: re-deliveries, also from an earlier file, and unknown accounts",
        arguments: [1, 2])
    func runCountsAsNormalize(usageCopies: Int) async throws {
        let folder = TemporaryFolder()
        var configuration = try PipelineConfiguration.load(path: RepositoryPaths.root + "/Pipelines/nightly.yaml")
        // The same usage export delivered again, as a file of its own, is all re-deliveries, but for the
        // rows rejected before.
        for index in configuration.inputs.indices where configuration.inputs[index].kind == .usage {
            let export = configuration.inputs[index].paths[0]
            var paths = [export]
            for copy in 1..<usageCopies {
                paths.append(folder.file("usage-\(copy).csv.zst"))
                try FileManager.default.copyItem(atPath: export, toPath: paths[copy])
            }
            configuration.inputs[index].paths = paths
            configuration.inputs[index].maxRejectShare = 1
        }
        configuration.outputFolder = folder.file("normalize")
        let normalized = try NormalizeStage(configuration: configuration).run().inputs
        configuration.outputFolder = folder.file("run")
        let run = try await DetectStage(configuration: configuration, runDate: "2026-11-28", shards: 2)
            .run(stage: "run").manifest.inputs
        func counts(_ input: StageManifest.Input) -> [String] {
            [
                input.path, "\(input.rowsIn)", "\(input.rowsAccepted)", "\(input.rowsRejected)",
                "\(input.rowsDeduplicated)", "\(input.flagged.sorted { $0.key < $1.key })",
            ]
        }
        #expect(run.map(counts) == normalized.map(counts))
        #expect(run.allSatisfy { $0.reconciles })
        let usage = run.filter { $0.kind == "usage" }
        #expect(usage.count == usageCopies)
        // SampleData's ground truth: 20 re-delivered usage rows, 10 of unknown accounts.
        #expect(usage.first?.rowsDeduplicated == 20)
        // Its CPU instances are not in the catalogue, and are of no accelerator family: nothing to name.
        #expect(usage.first?.flagged == ["unknown-account": 10])
        #expect(usage.first?.uncataloguedInstanceTypes == nil)
        if let first = usage.first, let second = usage.last, usageCopies == 2 {
            #expect(second.rowsAccepted == 0 && second.flagged.isEmpty)
            #expect(second.rowsDeduplicated == first.rowsAccepted + first.rowsDeduplicated)
        }
    }

    /// The strings of `value` when it is a list; nil for anything else, so a test can `#require` it.
    static func list(_ value: EvidenceValue?) -> [String]? {
        if case .list(let strings)? = value { strings } else { nil }
    }

    /// Runs the nightly pipeline on SampleData: the findings file's bytes and its findings.
    static func runSample(shards: Int) async throws -> ([UInt8], [Finding]) {
        let folder = TemporaryFolder()
        var configuration = try PipelineConfiguration.load(path: RepositoryPaths.root + "/Pipelines/nightly.yaml")
        configuration.outputFolder = folder.path
        _ = try await DetectStage(configuration: configuration, runDate: "2026-11-28", shards: shards).run(stage: "run")
        let bytes = try readAll(InputFile.open(folder.file("findings.jsonl.zst")))
        let findings = try String(decoding: bytes, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(Finding.self, from: Data($0.utf8))
        }
        return (bytes, findings)
    }

    @Test("SampleData: every planted expectation holds; shapes, linked groups and the refused NAT are reported")
    func sampleDataShapesAndLinks() async throws {
        let world = try SampleWorldReading(folder: RepositoryPaths.sampleData)
        let (bytes, findings) = try await Self.runSample(shards: 3)
        let (again, _) = try await Self.runSample(shards: 1)
        #expect(bytes == again, "findings differ between 3 shards and 1")
        let keys = findings.map { ($0.rule, $0.subject.accounts.joined(separator: ","), $0.window?.start ?? "", $0.id) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 }, "findings are not in one sorted order")
        func categories(_ accounts: [String]) -> Set<String> {
            Set(findings.filter { $0.subject.accounts == accounts }.map(\.category.rawValue))
        }
        // Every account-level expectation of the ground truth, members of groups included (the
        // dirty rows are rejects in the manifest, not findings about an account).
        for situation in world.truth.situations where situation.subject.kind == "account" {
            for account in situation.subject.accounts {
                let found = categories([account])
                for category in situation.expect {
                    #expect(found.contains(category), "\(situation.name): \(account) lacks \(category)")
                }
                for category in situation.mustNot {
                    #expect(!found.contains(category), "\(situation.name): \(account) has \(category)")
                }
            }
        }
        for situation in world.truth.situations {
            for member in situation.members ?? [] {
                let found = categories([member.account])
                for category in member.expect { #expect(found.contains(category), "\(member.account) \(category)") }
                for category in member.mustNot { #expect(!found.contains(category), "\(member.account) \(category)") }
            }
        }
        func situation(_ name: String) throws -> SampleGroundTruth.Situation {
            try #require(world.truth.situation(name))
        }
        func shape(_ account: String) -> [String] {
            findings.filter { $0.rule == "TRS-001" && $0.subject.accounts == [account] }.compactMap {
                if case .text(let verdict)? = $0.evidence["verdict"] { verdict } else { nil }
            }
        }
        // The planted training runs are training-shaped; the inference fleet is neither a large
        // training-shaped run nor a covered transaction.
        for name in ["foreign-large-training", "domestic-large-training", "foreign-near-miss"] {
            #expect(try shape(situation(name).accounts[0]) == ["training-shaped"], "\(name)")
        }
        for member in try situation("split-run-linked-accounts").accounts {
            #expect(shape(member) == ["training-shaped"])
        }
        // A placement group used twice, months apart, without job ids: two runs, two windows.
        let reused = try situation("cluster-reused-after-gap").accounts[0]
        let twice = findings.filter { $0.rule == "TRS-001" && $0.subject.accounts == [reused] }
        #expect(shape(reused) == ["training-shaped", "training-shaped"])
        #expect(twice.compactMap { $0.window?.start.prefix(10) } == ["2026-06-08", "2026-09-14"])
        #expect(Set(twice.map(\.id)).count == 2)
        #expect(!findings.contains { $0.rule == "LMT-001" && $0.subject.accounts == [reused] })
        let fleet = try situation("inference-fleet").accounts[0]
        #expect(!shape(fleet).contains("training-shaped"))
        #expect(!findings.contains { $0.subject.accounts.contains(fleet) && $0.category == .coveredTransaction })
        // The split run's group: one linking finding with every member and every planted link kind
        // but the hosting address two members share, which is an anonymizer's and links nobody.
        let split = try situation("split-run-linked-accounts")
        let group = try #require(
            findings.first { $0.rule == "LNK-001" && $0.subject.accounts == split.accounts.sorted() })
        #expect(group.severity == .high)
        #expect(group.evidence["link_kinds"] == .list(["beneficial owner", "payment instrument", "phone"]))
        let plantedLinks = try #require(split.links)
        #expect(!plantedLinks.isEmpty)
        let links = try #require(Self.list(group.evidence["links"]))
        for link in plantedLinks {
            let value =
                switch link.kind {
                case "phone": link.value.filter(\.isNumber)
                case "beneficial_owner": String(link.value.split(separator: ":")[0]).lowercased()
                default: link.value.lowercased()
                }
            #expect(links.contains { $0.contains(value) } == (link.kind != "access_ip"), "\(link.kind) \(link.value)")
        }
        #expect((group.metrics["expected_operations"] ?? 0) > 1e26)
        // The shared NAT joins nobody and is reported as refused; a free-mail domain is never a key.
        let nat = try situation("shared-nat-address")
        let natAccounts = Set(nat.accounts)
        let natAddress = try #require(nat.links?.first?.value)
        let refused = try #require(findings.first { $0.rule == "LNK-001" && $0.evidence["value"] == .text(natAddress) })
        #expect(refused.severity == .info && Set(refused.subject.accounts) == natAccounts)
        let linkGroups = findings.filter { $0.rule == "LNK-001" && $0.evidence["members"] != nil }
        #expect(!linkGroups.isEmpty)
        for finding in linkGroups {
            #expect(natAccounts.intersection(finding.subject.accounts).count <= 1, "\(finding.subject.accounts)")
        }
        #expect(!findings.contains { $0.rule == "LNK-001" && $0.evidence["value"] == .text("gmail.com") })
    }
}
