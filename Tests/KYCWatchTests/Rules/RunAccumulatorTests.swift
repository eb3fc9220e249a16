import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Runs: a cluster's usage splits at long idle gaps")
struct RunAccumulatorTests {
    typealias F = RunFixtures

    @Test(
        "a placement group used twice: a gap longer than the idle limit makes two runs, a shorter one one run",
        arguments: [
            (gapHours: Int64(24 * 120), runs: 2),  // months apart
            (gapHours: 73, runs: 2),  // just over the 72 h default
            (gapHours: 72, runs: 1),  // exactly the limit: still one run
            (gapHours: 30, runs: 1),  // a pause of a day and a bit
        ])
    func clusterReused(gapHours: Int64, runs expected: Int) {
        let first = F.trainingRun(days: 20, resources: 8)
        let second = F.trainingRun(from: 20 * F.day + gapHours * F.hour, days: 10, resources: 8)
        let runs = F.runs(first + second)
        #expect(runs.count == expected)
        #expect(runs.allSatisfy { $0.basis == .cluster && $0.key == "pg-7" })
        if expected == 2 {
            #expect(runs[0].first == 0 && runs[0].last == 20 * F.day)
            #expect(runs[1].first == 20 * F.day + gapHours * F.hour)
            #expect(abs(runs[0].acceleratorHours - 8 * 128 * 20 * 24) < 1e-6)
            #expect(abs(runs[1].acceleratorHours - 8 * 128 * 10 * 24) < 1e-6)
            #expect(runs[0].records == 8 * 3 && runs[1].records == 8 * 2)
        } else {
            #expect(abs(runs[0].acceleratorHours - 8 * 128 * 30 * 24) < 1e-6)
        }
    }

    @Test(
        "runs made on two cores are the runs made on one, in the same order, no account split",
        arguments: [0, 1, 2, 5, 12])
    func twoCoresSameRuns(accounts: Int) async {
        var accumulator = RunAccumulator(assumptions: .init(catalog: F.catalogs.accelerators, ruleParameters: [:]))
        // Accounts of one to three runs each, so that the halves split between an account's runs.
        for account in 0..<accounts {
            var records = F.trainingRun(account: "acct-\(account)", cluster: "pg-1", days: 2, resources: 2)
            if account % 2 == 0 {
                records += F.trainingRun(account: "acct-\(account)", cluster: "pg-1", from: 30 * F.day, days: 1)
            }
            if account % 3 == 0 {
                records += F.trainingRun(account: "acct-\(account)", cluster: "pg-2", days: 3, resources: 1)
            }
            for record in records.reversed() { accumulator.add(record) }
        }
        let one = accumulator.runs()
        let two = await accumulator.runsOnTwoCores()
        #expect(two.flatMap { $0 } == one)
        // No account's runs are split between the parts.
        #expect(Set(two[0].map(\.accountID)).isDisjoint(with: two[1].map(\.accountID)))
        if accounts > 1 { #expect(two.allSatisfy { !$0.isEmpty }) }
        #expect(one.count == (0..<accounts).reduce(0) { $0 + 1 + ($1 % 2 == 0 ? 1 : 0) + ($1 % 3 == 0 ? 1 : 0) })
    }

    @Test(
        "models with no BF16 figure count at FP16; a model with no figure at all is named, not counted silently",
        arguments: [("T4", 65e12), ("V100-SXM2-32GB", 125e12), ("A10G", 0), ("B200", 2250e12)])
    func peakFallback(model: String, peak: Double) {
        var record = F.record("r1", resource: "n1", accelerators: 8, start: 0, end: 10 * F.hour, utilization: 0.5)
        record.acceleratorModel = model
        let run = F.runs([record])[0]
        // 8 accelerators for 10 hours at half their peak.
        #expect(abs(run.expectedOperations - 8 * 36_000 * peak * 0.5) <= 1e-9 * max(1, run.expectedOperations))
        #expect(run.unratedModels == (peak == 0 ? [model] : []))
        #expect(run.unratedAcceleratorHours == (peak == 0 ? 80 : 0))
        let sentence = run.computeSentence(customer: nil, threshold: 1e26)
        #expect(
            sentence.hasSuffix("; 80 accelerator-hours of A10G not counted (no peak figure in the catalogue)")
                == (peak == 0))
        #expect(run.metrics(threshold: nil)["accelerator_hours_without_peak"] == (peak == 0 ? 80 : nil))
        // Every hour metered: the finding says so beside the metered utilization.
        #expect(run.metrics(threshold: nil)["metered_share"] == 1)
    }

    @Test("a run at even utilization reaches the threshold on the day its share of the hours says")
    func dayReaching() {
        // 16,384 B200 for 120 days at 50 %: about 1.91e26 operations, so 1e26 about 52 % of the way.
        let run = F.runs(F.trainingRun())[0]
        let hours = (1e26 / run.expectedOperations * 120 * 24).rounded(.up)
        #expect(run.dayReaching(1e26) == FigureFormat.day(Int64(hours - 1) * F.hour))
        #expect(run.dayReaching(1e26) == "1970-03-04")
        #expect(run.dayReaching(run.expectedOperations * 1.01) == nil)
        #expect(run.evidence(threshold: 1e26)["threshold_reached_about"] == .text("1970-03-04"))
        #expect(run.evidence(threshold: 1e27)["threshold_reached_about"] == nil)
    }

    @Test(
        "a run mixing models reaches the threshold on the day its operations say, not its accelerator-hours",
        arguments: [false, true])
    func dayReachingMixedModels(weakerFirst: Bool) {
        // 100 H100 (989.5 TFLOP/s) for 10 days and 300 A100 (312 TFLOP/s) for 10 days, at 50 %:
        // 4.27464e22 and 4.04352e22 operations. 6e22 is reached 4.27 days into the A100, or, A100 first,
        // 4.58 days into the H100: on day 14 (1970-01-15) either way. By accelerator-hours it would be
        // 72 % of 96,000 hours: day 16 (1970-01-17), or, A100 first, day 9 (1970-01-10).
        let day = 24 * F.hour
        let phases = [("H100-SXM5-80GB", 100.0), ("A100-SXM4-40GB", 300.0)]
        let records = (weakerFirst ? phases.reversed() : phases).enumerated().map { index, phase in
            F.record(
                "r\(index)", resource: "n\(index)", job: "j1", accelerators: phase.1, start: Int64(index) * 10 * day,
                end: Int64(index + 1) * 10 * day, model: phase.0)
        }
        let run = F.runs(records)[0]
        #expect(abs(run.expectedOperations - 8.31816e22) <= 1e-9 * 8.31816e22)
        #expect(run.dayReaching(6e22) == "1970-01-15")
    }

    @Test(
        "a run's operations and peak are the hand calculation's however its usage is cut into records",
        arguments: [1, 7, 40, 100])
    func figuresWhateverTheRecords(count: Int64) {
        // 4,000 B200 (2,250 TFLOP/s each) on one node for 1,000,000 s at 50 %: 9e24 operations at the
        // upper bound, 4.5e24 expected, 9e18 OP/s; pieces of whole seconds.
        let records = (0..<count).map { piece in
            F.record(
                "r\(piece)", resource: "n0", job: "j1", accelerators: 4_000, start: piece * 1_000_000 / count * 1000,
                end: (piece + 1) * 1_000_000 / count * 1000)
        }
        let run = F.runs(records)[0]
        #expect(run.upperBoundOperations == 9e24 && run.expectedOperations == 4.5e24)
        #expect(run.peakOperationsPerSecond == 9e18)
        // Exactly at a threshold is not past it: no day it was passed.
        #expect(run.dayReaching(4.5e24) == nil)
        #expect(run.dayReaching(4.4e24) != nil)
    }

    @Test("an hour metered twice is counted at its resources' capacity at exactly their OP/s")
    func cappedHourExact() throws {
        // 8 nodes of 100,000 A10 (125 TFLOP/s) for a day: 1e20 OP/s every hour; node 0 metered again
        // from 10:00 to 11:00.
        var records = (0..<8).map { node in
            F.record(
                "r\(node)", resource: "n\(node)", job: "j1", accelerators: 100_000, start: 0, end: F.day, model: "A10")
        }
        records.append(
            F.record(
                "again", resource: "n0", job: "j1", accelerators: 100_000, start: 10 * F.hour, end: 11 * F.hour,
                model: "A10"))
        let run = F.runs(records)[0]
        let (hours, capped) = run.clusterHours(interconnectAbove: 100)
        #expect(capped && hours.count == 24)
        #expect(hours.allSatisfy { $0.accelerators == 800_000 && $0.operationsPerSecond == 1e20 }, "\(hours)")
    }

    @Test("a resource metered twice is seen while the run's other resources are idle; a charge split in two is not")
    func resourceMeteredTwice() {
        // Node 0 metered by daily lines for days 0 to 5 and by hourly lines for day 0 as well; node 1
        // runs days 6 to 10. Never more than 8 accelerators at once: the hours alone do not show it.
        var records = (0..<6).map { day in
            F.record("d\(day)", resource: "n0", job: "j1", accelerators: 8, start: day * F.day, end: (day + 1) * F.day)
        }
        records += (0..<24).map { hour in
            F.record(
                "h\(hour)", resource: "n0", job: "j1", accelerators: 8, start: hour * F.hour, end: (hour + 1) * F.hour)
        }
        records.append(F.record("n1", resource: "n1", job: "j1", accelerators: 8, start: 6 * F.day, end: 11 * F.day))
        let twice = F.runs(records)[0]
        #expect(twice.overlappingAcceleratorHours == 8 * 24)
        #expect(twice.hasOverlappingRecords)
        #expect(
            twice.overlapText?.contains("at least 192 accelerator-hours metered twice") == true,
            "\(twice.overlapText ?? "")")
        // One instance-hour of 8 accelerators billed as two lines of 4 (two commitments): 8 in use, as the
        // resource holds; no overlap.
        let split = F.runs([
            F.record("a", resource: "n0", job: "j2", accelerators: 4, start: 0, end: F.hour),
            F.record("b", resource: "n0", job: "j2", accelerators: 4, start: 0, end: F.hour),
        ])[0]
        #expect(split.provisionedAccelerators == 8 && split.peakConcurrentAccelerators == 8)
        #expect(!split.hasOverlappingRecords && split.overlappingAcceleratorHours == 0)
        #expect(F.runs(F.trainingRun(days: 3, resources: 4))[0].overlappingAcceleratorHours == 0)
    }

    @Test("two jobs of one account started in the same second are two findings, with their own ids")
    func sameStartTwoJobs() throws {
        // Daily metering starts every row at midnight: two jobs of one account share their window's start.
        var records: [UsageRecord] = []
        for job in ["J-GS", "J-GS2"] {
            for node in 0..<128 {
                records.append(
                    F.record(
                        "\(job)-\(node)", resource: "\(job)-n\(node)", job: job, cluster: nil, start: 0,
                        end: 120 * F.day))
            }
        }
        let runs = F.runs(records)
        #expect(runs.count == 2)
        let findings = try TrainingComputeRule().evaluate(F.evidence("a", runs: runs), in: F.context())
        #expect(findings.count == 2)
        #expect(Set(findings.map(\.id)).count == 2)
        // Several models on one run are named, not the one with most hours alone.
        var mixed = records.prefix(2).map { $0 }
        mixed[1].acceleratorModel = "H100-SXM5-80GB"
        mixed[1].jobID = "J-GS"
        #expect(
            F.runs(mixed)[0].computeSentence(customer: nil, threshold: 1e26).contains(
                " accelerators (B200, H100-SXM5-80GB) in job J-GS")
        )
    }

    @Test("two runs on one cluster get their own windows and finding ids")
    func separateFindings() throws {
        let first = F.trainingRun(days: 120)
        let second = F.trainingRun(from: 200 * F.day, days: 120)
        var account = F.evidence("a")
        account.runs = F.runs(first + second)
        let findings = try TrainingComputeRule().evaluate(account, in: F.context())
        #expect(findings.count == 2)
        #expect(Set(findings.map(\.id)).count == 2)
        #expect(findings.map { $0.window?.start } == ["1970-01-01T00:00:00Z", "1970-07-20T00:00:00Z"])
        for finding in findings {
            let operations = try #require(finding.metrics["expected_operations"])
            #expect(abs(operations - 1.91e26) / 1.91e26 < 0.01)
        }
    }

    @Test(
        "rows checked against the accounts export, loose usage found by the account's place, make the runs that records make",
        arguments: [1, 7, 42])
    func placesAgreeWithTexts(seed: UInt64) {
        let models = ["A100-SXM4-80GB", "H100-SXM5-80GB"]
        // Composed and decomposed é, and the Kelvin sign and K, are one account as Strings compare.
        let ids = ["acct-0", "acct-1", "acct-2", "caf\u{E9}", "cafe\u{301}", "\u{212A}-9", "K-9", "ghost-1", "ghost-2"]
        var accounts = AccountIDSet()
        for id in ids where !id.hasPrefix("ghost") { accounts.insert(id) }
        var random = SplitMix64(seed: seed)
        var check = UsageDeliveryCheck()
        let assumptions = RunAccumulator.Assumptions(catalog: F.catalogs.accelerators)
        var fromRows = RunAccumulator(assumptions: assumptions)
        var fromRecords = RunAccumulator(assumptions: assumptions)
        var line = 1
        for _ in 0..<4 {
            var batch = UsageRowBatch(models: models, reservingCapacity: 300)
            for _ in 0..<300 {
                line += 1
                let start = Int64.random(in: 0..<(20 * 24), using: &random) * F.hour
                let basis = Int.random(in: 0..<3, using: &random)
                let account = ids[Int.random(in: ids.indices, using: &random)]
                let resource = "i-\(Int.random(in: 0..<6, using: &random))"
                let job = "j-\(Int.random(in: 0..<2, using: &random))"
                let accelerated = Bool.random(using: &random)
                let fields = UsageFields(
                    recordID: .text("r-\(line)"), accountID: .text(account), resourceID: .text(resource),
                    jobID: basis == 0 ? .text(job) : nil, clusterID: basis == 1 ? .text("pg-1") : nil,
                    region: .text("us-east-1"), zone: nil, instanceType: nil, acceleratorIndex: accelerated ? 1 : nil,
                    acceleratorCount: 8, start: start, end: start + F.hour, utilization: nil, interconnectGbps: nil,
                    egressBytes: 5, storageWriteBytes: nil, line: line)
                batch.append(fields, accountKnown: false)
            }
            check.check(&batch, input: 0, accounts: accounts)
            fromRows.add(batch)
            for index in 0..<batch.count { fromRecords.add(batch.record(at: index)) }
        }
        let runs = fromRows.runs()
        #expect(runs == fromRecords.runs())
        // Each known account's loose usage is one run, whichever of its spellings the rows used.
        let loose = runs.filter { $0.basis == .loose }.map(\.accountID)
        #expect(loose.count == Set(loose).count)
        #expect(loose.count == 7)
    }

    @Test(
        "a record that bridges two of a cluster's three busy stretches joins those two and leaves the third",
        arguments: [(bridged: 0, seed: UInt64(1)), (1, 2), (0, 3), (1, 4)])
    func bridgeAmongThree(bridged: Int, seed: UInt64) {
        let stretches = (0..<3).map { F.trainingRun(from: Int64($0) * 30 * F.day, days: 14, resources: 2) }
        // Bridges stretch `bridged` and the next, from the end of one to the start of the other.
        let start = Int64(bridged) * 30 * F.day + 14 * F.day
        let bridge = F.record("bridge", resource: "x", start: start, end: start + 16 * F.day)
        var random = SplitMix64(seed: seed)
        // The three stretches arrive first, in any order, so the bridge finds three runs.
        let runs = F.runs(stretches.flatMap { $0 }.shuffled(using: &random) + [bridge])
        #expect(runs.count == 2)
        let joined = runs[bridged]
        let alone = runs[1 - bridged]
        // Four records a stretch: two nodes, a week each, for two weeks.
        #expect(joined.records == 4 + 4 + 1)
        let joinedStart = Int64(bridged) * 30 * F.day
        let joinedEnd = joinedStart + 30 * F.day + 14 * F.day
        #expect(joined.first == joinedStart && joined.last == joinedEnd)
        #expect(alone.records == 4 && alone.resources == 2)
        #expect(joined.resources == 3)
        // A later record in the third stretch joins that stretch's run: every record is in one of two runs.
        let lastDay = 2 * 30 * F.day + 13 * F.day
        let later = F.record("later", resource: "y", start: lastDay, end: lastDay + F.day)
        let withLater = F.runs(stretches.flatMap { $0 }.shuffled(using: &random) + [bridge, later])
        let records: Int = withLater.map(\.records).reduce(0, +)
        #expect(records == 14)
        #expect(withLater.count == 2)
    }

    @Test("records in any order, including one that bridges two runs, give the same runs")
    func orderDoesNotMatter() {
        let first = F.trainingRun(days: 14, resources: 4)
        let second = F.trainingRun(from: 30 * F.day, days: 14, resources: 4)
        let bridge = F.record("bridge", resource: "x", start: 14 * F.day, end: 30 * F.day)
        let ordered = F.runs(first + second)
        #expect(ordered.count == 2)
        #expect(F.runs(Array((second + first).reversed())).map(\.first) == ordered.map(\.first))
        let bridged = F.runs(second + first + [bridge])
        let bridgedFirst = F.runs([bridge] + first.reversed() + second)
        #expect(bridged.count == 1 && bridgedFirst.count == 1)
        #expect(bridged[0].records == bridgedFirst[0].records)
        // Sums in another order differ in the last bits only.
        let operations = bridged[0].expectedOperations
        #expect(abs(operations - bridgedFirst[0].expectedOperations) / operations < 1e-12)
        #expect(bridged[0].resources == 5)
    }

    @Test("for records in random order on a few clusters, the runs are the stretches a sweep in time order finds")
    func randomOrderAgreesWithSweep() async {
        // Each value is a record: its cluster (of three), its start in half-days over 100 days, and
        // its length in quarter-days. The 72 h idle limit is six half-days: records join, bridge and
        // stay apart, and runs joined by a bridge make room that later runs take.
        await propertyCheck(input: Gen.int(in: 0...5_999).array(of: 1...80)) { values in
            let halfDay = F.day / 2
            let records = values.enumerated().map { index, value in
                let start = Int64(value / 3 % 200) * halfDay
                return F.record(
                    "r\(index)", resource: "n\(index % 5)", cluster: "c\(value % 3)", start: start,
                    end: start + Int64(value / 600) * halfDay / 2)
            }
            // The reference: each cluster's records by start, a new run wherever the next starts more
            // than the idle limit after every record so far has ended.
            var expected: [(cluster: String, first: Int64, last: Int64, records: Int)] = []
            for cluster in ["c0", "c1", "c2"] {
                let sorted = records.filter { $0.clusterID == cluster }.sorted { $0.start < $1.start }
                for record in sorted {
                    if let last = expected.last, last.cluster == cluster, record.start <= last.last + 72 * F.hour {
                        expected[expected.count - 1].last = max(last.last, record.end)
                        expected[expected.count - 1].records += 1
                    } else {
                        expected.append((cluster, record.start, record.end, 1))
                    }
                }
            }
            let runs = F.runs(records)
            #expect(runs.map { $0.clusterIDs } == expected.map { [$0.cluster] })
            #expect(runs.map(\.first) == expected.map(\.first))
            #expect(runs.map(\.last) == expected.map(\.last))
            #expect(runs.map(\.records) == expected.map(\.records))
        }
    }

    @Test("a job id keeps a run whole whatever its gaps; the idle limit is a parameter")
    func jobsAndParameter() {
        let job = F.trainingRun(days: 5, resources: 2).map { record in
            var record = record
            record.jobID = "train-1"
            return record
        }
        let later = F.trainingRun(from: 100 * F.day, days: 5, resources: 2).map { record in
            var record = record
            record.jobID = "train-1"
            return record
        }
        #expect(F.runs(job + later).count == 1)
        let cluster = F.trainingRun(days: 5, resources: 2) + F.trainingRun(from: 7 * F.day, days: 5, resources: 2)
        #expect(F.runs(cluster).count == 1)
        #expect(F.runs(cluster, parameters: ["LMT-001": ["cluster_idle_gap_hours": .number(24)]]).count == 2)
    }

    @Test(
        "ids equal as Strings are one run whatever their bytes; different ids or bases are separate runs",
        arguments: [
            (("K-1", "job-\u{E9}"), ("\u{212A}-1", "job-e\u{301}"), 1),  // Kelvin sign, combining accent
            (("acct-1", "job-1"), ("acct-1", "job-1"), 1),
            (("acct-1", "job-1"), ("acct-1", "job-2"), 2),
            (("acct-1", "job-1"), ("acct-10", "job-1"), 2),
            (("acct-1", "0job-1"), ("acct-10", "job-1"), 2),  // same bytes once joined
        ])
    func runKeys(first: (String, String), second: (String, String), runs expected: Int) {
        let records = [
            F.record("r1", account: first.0, resource: "i-1", job: first.1, start: 0, end: F.hour),
            F.record("r2", account: second.0, resource: "i-2", job: second.1, start: F.hour, end: 2 * F.hour),
            F.record("r3", account: first.0, resource: "i-3", job: first.1, start: 0, end: F.hour),
        ]
        let runs = F.runs(records)
        #expect(runs.count == expected)
        #expect(runs.map(\.records).reduce(0, +) == 3)
        #expect(runs.first { $0.sampleRecordIDs.contains("r1") }?.sampleRecordIDs.contains("r3") == true)
        if expected == 1 {
            #expect(runs[0].accountID == first.0 && runs[0].key == first.1)
            #expect(runs[0].clusterIDs == ["pg-7"] && runs[0].jobs == 1)
        }
    }

    @Test(
        "a run counts each resource once, with its most accelerators; ids equal as Strings are one resource",
        arguments: [
            ([("i-1", 4.0), ("i-2", 8), ("i-1", 16)], 2, 24.0),
            ([("i-1", 4.0), ("i-1", 8), ("i-1", 2)], 1, 8.0),
            // One resource spelt two ways (a precomposed and a decomposed é), and another.
            ([("n\u{E9}ud-1", 4.0), ("ne\u{301}ud-1", 16), ("i-1", 8)], 2, 24.0),
            ([("n\u{E9}ud-1", 4.0), ("n\u{E9}ud-2", 8), ("ne\u{301}ud-1", 16), ("ne\u{301}ud-2", 2)], 2, 24.0),
        ] as [([(String, Double)], Int, Double)])
    func resourcesCounted(resources: [(String, Double)], distinct: Int, provisioned: Double) {
        let records = resources.enumerated().map { index, resource in
            F.record(
                "r\(index)", resource: resource.0, accelerators: resource.1, start: Int64(index) * F.hour,
                end: Int64(index + 1) * F.hour)
        }
        let runs = F.runs(records)
        #expect(runs.count == 1)
        #expect(runs.first?.resources == distinct)
        #expect(runs.first?.provisionedAccelerators == provisioned)
    }

    @Test("a cluster run names its cluster; loose usage has neither job nor cluster")
    func clusterAndLoose() {
        let runs = F.runs([
            F.record("r1", resource: "i-1", start: 0, end: F.hour),
            F.record("r2", resource: "i-2", cluster: nil, start: 0, end: F.hour),
        ])
        #expect(runs.map(\.basis) == [.cluster, .loose])
        #expect(runs[0].clusterIDs == ["pg-7"] && runs[0].jobs == 0 && runs[0].key == "pg-7")
        #expect(runs[1].clusterIDs.isEmpty && runs[1].jobs == 0 && runs[1].key == nil)
    }

    @Test("runs come in the order their accounts and keys have as Strings, which is not their bytes' order")
    func stringOrder() {
        // A decomposed é (e + U+0301) is less than f by its bytes but greater as a String.
        let accounts = ["f", "e\u{301}", "E", "a"]
        let jobs = ["k", "j\u{301}", "j", ""]
        var records: [UsageRecord] = []
        for account in accounts {
            for job in jobs {
                records.append(
                    F.record("\(account)-\(job)", account: account, resource: "r", job: job, start: 0, end: F.hour))
            }
            records.append(
                F.record("\(account)-pg", account: account, resource: "r", start: F.day, end: F.day + F.hour))
            records.append(F.record("\(account)-pg-2", account: account, resource: "r", start: 0, end: F.hour))
        }
        let expected = accounts.flatMap { account in
            jobs.map { (account, TrainingRun.Basis.job.rawValue, $0) }
                + [(account, TrainingRun.Basis.cluster.rawValue, "pg-7")]
        }.sorted { $0 < $1 }
        let runs = F.runs(records)
        #expect(
            runs.map { "\($0.accountID)|\($0.basis)|\($0.key ?? "-")" } == expected.map { "\($0.0)|\($0.1)|\($0.2)" })
    }

    @Test(
        "a run's hours on the cluster interconnect are the same whatever order its records come in, also joined",
        arguments: [[0, 1, 2], [1, 0, 2], [2, 1, 0], [1, 2, 0], [0, 2, 1], [2, 0, 1]])
    func clusterHoursInAnyOrder(order: [Int]) throws {
        typealias F = RunFixtures
        // Cluster pg-c: 8 on 3,200 Gbit/s in hour 0, 100 on 25 Gbit/s in hour 200 (two runs, 72 h
        // idle apart, until) 4 on 400 Gbit/s from hour 0 to 201 join them.
        let records = [
            F.record("x", resource: "x", cluster: "pg-c", accelerators: 8, start: 0, end: F.hour),
            F.record(
                "y", resource: "y", cluster: "pg-c", accelerators: 100, start: 200 * F.hour, end: 201 * F.hour, gbps: 25
            ),
            F.record("z", resource: "z", cluster: "pg-c", accelerators: 4, start: 0, end: 201 * F.hour, gbps: 400),
        ]
        let run = try #require(F.runs(order.map { records[$0] }).first)
        #expect(run.clusterMembership == .some)
        let clustered = Dictionary(
            uniqueKeysWithValues: run.clusterHours(interconnectAbove: 100).hours.map { ($0.hour, $0.accelerators) })
        #expect(clustered[0] == 12 && clustered[F.hour] == 4 && clustered[200 * F.hour] == 4, "\(order)")
        #expect(run.profile.first { $0.0 == 200 * F.hour }?.1 == 104)
        // A run all on one side keeps no hours apart.
        let fast = try #require(F.runs([records[0], records[2]]).first)
        #expect(fast.clusterMembership == .all && fast.clusterProfile.isEmpty)
        let slow = try #require(F.runs([records[1]]).first)
        #expect(slow.clusterMembership == .none && slow.clusterHours(interconnectAbove: 100).hours.isEmpty)
    }
}
