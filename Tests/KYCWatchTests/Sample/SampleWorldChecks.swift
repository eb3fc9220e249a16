import Testing

@testable import KYCWatch

/// The checks every generated world must pass: planted accounts exist, planted compute can be
/// recomputed from the usage rows with the catalogue's figures, dirty rows are where the ground
/// truth says, and nothing dirty is left unlisted.
struct SampleWorldChecks {
    let world: SampleWorldReading
    let catalogue: SampleReferenceCatalogue

    init(_ world: SampleWorldReading) throws {
        self.world = world
        catalogue = try SampleReferenceCatalogue()
    }

    func checkAll() throws {
        checkFiles()
        checkAccounts()
        checkCompute()
        checkThresholds()
        checkDirtyRows()
        checkLinks()
    }

    func checkFiles() {
        let tables = [world.accounts, world.usage, world.access]
        for (file, table) in zip(world.truth.files.prefix(3), tables) {
            #expect(file.columns == table.header)
            #expect(file.rows == table.rows.count + table.malformed.count, "\(file.name) row count")
        }
        #expect(world.truth.asOf == SampleWorld.asOf)
    }

    var accountIDs: Set<String> {
        Set(world.accounts.rows.map { $0[0] })
    }

    func checkAccounts() {
        let ids = accountIDs
        for situation in world.truth.situations where situation.name != "unknown-account" {
            let missing = situation.accounts.filter { !ids.contains($0) }
            #expect(missing.isEmpty, "\(situation.name): accounts not in accounts.csv: \(missing)")
        }
        let unknown = world.truth.situation("unknown-account")!.accounts[0]
        let unknownIsListed = ids.contains(unknown)
        #expect(!unknownIsListed, "the unknown account \(unknown) is in accounts.csv")
        #expect(world.usage.rows.contains { $0.count > 1 && $0[1] == unknown })
        #expect(world.access.rows.contains { $0.count > 1 && $0[1] == unknown })
        let declared = world.truth.situation("indicator-declared-country")!.accounts[0]
        #expect(world.accounts.rows.first { $0[0] == declared }?[9] == "VE")
    }

    /// Per account: accelerator-seconds, expected utilized accelerator-seconds × peak, and peak ops.
    func recomputedCompute() -> [String: (hours: Double, expected: Double, upper: Double)] {
        let planted = Set(
            world.truth.situations.flatMap { situation in
                situation.compute == nil ? [] : situation.accounts
            })
        let usage = world.usage
        let columns = (
            record: usage.column("record_id"), account: usage.column("account_id"),
            type: usage.column("instance_type"), model: usage.column("accelerator_model"),
            count: usage.column("accelerator_count"), start: usage.column("start_time"),
            end: usage.column("end_time"), utilization: usage.column("accelerator_utilization")
        )
        let fallback = world.truth.thresholds.defaultUtilization
        var parser = SampleInstantParser()
        var seen = Set<String>()
        var totals: [String: (hours: Double, expected: Double, upper: Double)] = [:]
        for row in usage.rows where row.count == usage.header.count && planted.contains(row[columns.account]) {
            guard seen.insert(row[columns.record]).inserted else { continue }
            guard
                let accelerators = catalogue.accelerators(
                    instanceType: row[columns.type], model: row[columns.model], count: row[columns.count]),
                let peak = catalogue.bf16[accelerators.model].flatMap(Double.init),
                let start = parser.seconds(row[columns.start]), let end = parser.seconds(row[columns.end])
            else {
                Issue.record("a planted usage row does not resolve: \(row)")
                continue
            }
            let acceleratorSeconds = accelerators.count * Double(end - start)
            let utilization = Double(row[columns.utilization]) ?? fallback
            var total = totals[row[columns.account], default: (0, 0, 0)]
            total.hours += acceleratorSeconds / 3600
            total.expected += acceleratorSeconds * utilization * peak * 1e12
            total.upper += acceleratorSeconds * peak * 1e12
            totals[row[columns.account]] = total
        }
        return totals
    }

    func checkCompute() {
        let totals = recomputedCompute()
        func within(_ actual: Double, _ expected: Double) -> Bool {
            abs(actual - expected) <= 0.01 * expected
        }
        for situation in world.truth.situations {
            guard let compute = situation.compute else { continue }
            let sum = situation.accounts.compactMap { totals[$0] }.reduce((0.0, 0.0, 0.0)) {
                ($0.0 + $1.hours, $0.1 + $1.expected, $0.2 + $1.upper)
            }
            #expect(within(sum.0, compute.acceleratorHours), "\(situation.name): accelerator-hours \(sum.0)")
            #expect(within(sum.1, compute.expectedOperations), "\(situation.name): expected operations \(sum.1)")
            #expect(within(sum.2, compute.upperBoundOperations), "\(situation.name): upper bound \(sum.2)")
            for member in situation.members ?? [] {
                guard let memberCompute = member.compute, let total = totals[member.account] else { continue }
                #expect(
                    within(total.expected, memberCompute.expectedOperations), "\(member.account) expected operations")
            }
        }
    }

    func checkThresholds() {
        let truth = world.truth
        let threshold = truth.thresholds.trainingOperations
        let foreign = truth.situation("foreign-large-training")!.compute!
        #expect(foreign.expectedOperations > threshold)
        #expect(foreign.concurrentAccelerators == 16_384)
        let domestic = truth.situation("domestic-large-training")!.compute!
        #expect(domestic.meteredUtilization == nil)
        #expect(domestic.expectedOperations > threshold)
        #expect(domestic.peakClusterOpsPerSecond >= truth.thresholds.clusterOpsPerSecond)
        #expect(domestic.interconnectGbps > truth.thresholds.clusterInterconnectGbps)
        let nearMiss = truth.situation("foreign-near-miss")!.compute!
        #expect(nearMiss.expectedOperations < threshold && nearMiss.expectedOperations > 0.7 * threshold)
        #expect(nearMiss.upperBoundOperations < threshold)
        let split = truth.situation("split-run-linked-accounts")!
        #expect(split.compute!.expectedOperations > threshold)
        #expect(split.members!.count == 4)
        for member in split.members! {
            #expect(member.compute!.upperBoundOperations < threshold)
        }
        let fleet = truth.situation("inference-fleet")!.compute!
        #expect(abs(fleet.acceleratorHours - nearMiss.acceleratorHours) < 0.05 * nearMiss.acceleratorHours)
        #expect(fleet.clusterIDs.isEmpty && fleet.jobs > 100 && fleet.regions.count >= 4)
        #expect(fleet.meteredUtilization! < 0.3 && fleet.expectedOperations < 0.5 * threshold)
    }

    func checkDirtyRows() {
        let tables = ["accounts.csv.zst": world.accounts, "usage.csv.zst": world.usage, "access.csv.zst": world.access]
        let ids = accountIDs
        var listed: [String: Set<Int>] = [:]
        for dirty in world.truth.dirtyRows {
            guard let table = tables[dirty.file] else {
                Issue.record("dirty row in an unknown file \(dirty.file)")
                continue
            }
            listed[dirty.file, default: []].insert(dirty.line)
            let row = table.byLine[dirty.line]
            switch dirty.reason {
            case "malformed-csv":
                #expect(
                    table.malformed.contains { $0.line == dirty.line }, "\(dirty.file):\(dirty.line) is not malformed")
            case "ragged-row":
                #expect(row != nil && row!.count != table.header.count, "\(dirty.file):\(dirty.line) is not ragged")
            case "duplicate-record":
                #expect(row != nil && row == table.byLine[dirty.duplicateOf ?? 0], "\(dirty.file):\(dirty.line)")
            case "missing-field":
                #expect(row?[table.column(dirty.column!)] == "", "\(dirty.file):\(dirty.line) has its field")
            case "unknown-account":
                let namesUnknown = row.map { !ids.contains($0[1]) } ?? false
                #expect(namesUnknown, "\(dirty.file):\(dirty.line) names a known account")
            default:
                #expect(row?[0] == dirty.id, "\(dirty.file):\(dirty.line) is not \(dirty.id ?? "")")
            }
        }
        let reasons = Set(world.truth.dirtyRows.map(\.reason))
        #expect(
            reasons == [
                "missing-field", "unparseable-value", "end-before-start", "negative-quantity",
                "utilization-out-of-range", "unknown-accelerator", "duplicate-record", "malformed-csv", "ragged-row",
                "unknown-account",
            ])
        // Nothing dirty goes unlisted: every ragged or malformed row and every repeated id is listed.
        for (name, table) in tables {
            for (line, row) in zip(table.lines, table.rows) where row.count != table.header.count {
                #expect(listed[name, default: []].contains(line), "\(name):\(line) is ragged but not listed")
            }
            for malformed in table.malformed {
                #expect(listed[name, default: []].contains(malformed.line), "\(name):\(malformed.line) not listed")
            }
            var seen = Set<String>()
            for (line, row) in zip(table.lines, table.rows) where !seen.insert(row[0]).inserted {
                #expect(listed[name, default: []].contains(line), "\(name):\(line) repeats an id but is not listed")
            }
        }
    }

    func checkLinks() {
        let rows = world.accounts.rows.filter { $0.count == world.accounts.header.count }
        let byID = Dictionary(rows.map { ($0[0], $0) }, uniquingKeysWith: { first, _ in first })
        let split = world.truth.situation("split-run-linked-accounts")!
        for link in split.links! {
            let column =
                switch link.kind {
                case "payment_fingerprint": 14
                case "phone": 12
                case "beneficial_owner": 18
                default: -1
                }
            guard column >= 0 else { continue }
            for account in link.accounts {
                #expect(byID[account]?[column].contains(link.value) == true, "\(account) lacks \(link.kind)")
            }
        }
        // Outside planted links and organizations' own member accounts, no two accounts share a
        // payment instrument, phone, beneficial owner or access address.
        let plantedValues = Set(world.truth.situations.flatMap { $0.links ?? [] }.map(\.value))
        var shared: [String: Set<String>] = [:]
        for row in rows {
            var values = [row[14], row[12]]
            values += row[18].split(separator: ";").map(String.init)
            for value in values where !value.isEmpty {
                shared[value, default: []].insert(row[0])
            }
        }
        for row in world.access.rows where row.count == world.access.header.count {
            shared[row[3], default: []].insert(row[1])
        }
        for (value, holders) in shared where holders.count > 1 && !plantedValues.contains(value) {
            let families = Set(holders.map { byID[$0].map { $0[1].isEmpty ? $0[0] : $0[1] } ?? $0 })
            #expect(families.count == 1, "unrelated accounts share \(value): \(holders.sorted())")
        }
    }
}
