import Foundation

/// Writing the world: the three exports in time or id order with the dirty rows slipped in, the
/// synthetic IP reference files, and the ground truth.
extension SampleWorldBuilder {
    typealias DirtyRow = SampleGroundTruth.DirtyRow

    /// Reject reasons of the normalize stage.
    enum Reason {
        static let missingField = "missing-field"
        static let unparseableValue = "unparseable-value"
        static let endBeforeStart = "end-before-start"
        static let negativeQuantity = "negative-quantity"
        static let utilizationOutOfRange = "utilization-out-of-range"
        static let unknownAccelerator = "unknown-accelerator"
        static let duplicateRecord = "duplicate-record"
        static let malformedCSV = "malformed-csv"
        static let raggedRow = "ragged-row"
        static let unknownAccount = "unknown-account"
    }

    static let accountsFile = "accounts.csv.zst"
    static let usageFile = "usage.csv.zst"
    static let accessFile = "access.csv.zst"
    static let ipRangesFile = "reference/ip-ranges.csv"
    static let anonymizersFile = "reference/anonymizers.csv"

    /// Writes every file into `folder` and returns the ground truth (also written there).
    func write(to folder: String, zstdLevel: Int32) throws(KYCWatchError) -> SampleGroundTruth {
        try Self.makeFolder(folder)
        try Self.makeFolder(folder + "/reference")
        var random = random("dirty")
        var dirty: [DirtyRow] = []
        let accountsWriter = try writeAccounts(folder, zstdLevel, &dirty, &random)
        let usageWriter = try writeUsage(folder, zstdLevel, &dirty, &random)
        let accessWriter = try writeAccess(folder, zstdLevel, &dirty, &random)
        let rangesWriter = try SampleExportWriter(
            folder: folder, name: Self.ipRangesFile, columns: ["start", "end", "country"], zstdLevel: 0)
        for row in network.rangeRows() {
            try rangesWriter.write(row)
        }
        try rangesWriter.finish()
        let anonymizersWriter = try SampleExportWriter(
            folder: folder, name: Self.anonymizersFile, columns: ["network", "kind"], zstdLevel: 0)
        for row in network.anonymizerRows() {
            try anonymizersWriter.write(row)
        }
        try anonymizersWriter.finish()

        var dataQuality = Set<String>()
        for row in dirty where row.reason != Reason.unknownAccount && row.file != Self.accountsFile {
            if let account = row.account { dataQuality.insert(account) }
        }
        situations.append(
            Situation(
                name: "dirty-rows",
                description:
                    "Rows written wrong on purpose, one or more for every reject reason, scattered through the "
                    + "three exports (see dirty_rows for file, line and reason). Each is an extra row: the "
                    + "planted figures do not depend on it. The accounts listed are the real accounts that usage "
                    + "and access dirty rows name; the dirty accounts rows describe accounts that exist nowhere else.",
                accounts: dataQuality.sorted(), subject: SampleGroundTruth.Subject(kind: "account", accounts: []),
                expect: [Category.dataQuality], mustNot: []))

        let truth = SampleGroundTruth(
            generator: SampleGroundTruth.Generator(
                seed: seed, ordinaryAccounts: scale.ordinaryAccounts, trainingMeteringDays: scale.trainingMeteringDays,
                version: KYCWatchVersion.current),
            asOf: SampleTime.iso(SampleTime.asOf), windowStart: SampleTime.iso(SampleTime.windowStart),
            thresholds: SampleGroundTruth.Thresholds(
                trainingOperations: 1e26, clusterOpsPerSecond: 1e20, clusterInterconnectGbps: 100,
                defaultUtilization: Self.defaultUtilization),
            files: [accountsWriter, usageWriter, accessWriter, rangesWriter, anonymizersWriter].map {
                SampleGroundTruth.File(name: $0.name, rows: $0.rows, columns: $0.columns)
            },
            population: population(accountRows: accountsWriter.rows),
            situations: situations,
            dirtyRows: dirty.sorted { ($0.file, $0.line) < ($1.file, $1.line) },
            referenceFiles: [Self.ipRangesFile, Self.anonymizersFile])
        try Self.writeJSON(truth, to: folder + "/" + SampleWorld.groundTruthFile)
        return truth
    }

    static func makeFolder(_ path: String) throws(KYCWatchError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw KYCWatchError(
                .writeFailed, "cannot create the folder \(path): \(error.localizedDescription)",
                at: SourceLocation(file: path))
        }
    }

    static func writeJSON(_ truth: SampleGroundTruth, to path: String) throws(KYCWatchError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(truth)
        } catch {
            throw KYCWatchError(.internalError, "cannot encode the ground truth: \(error)")
        }
        let output = try OutputFile.create(path)
        try output.write(Array(data) + [0x0A])
        try output.finish()
    }

    func population(accountRows: Int) -> SampleGroundTruth.Population {
        let exported = accounts.filter(\.exported)
        var byCountry: [String: Int] = [:]
        for account in exported {
            byCountry[account.country, default: 0] += 1
        }
        let adversaries: Set<String> = ["CN", "HK", "MO", "CU", "IR", "KP", "RU", "VE"]
        return SampleGroundTruth.Population(
            accountRows: accountRows, accounts: exported.count,
            individuals: exported.filter { !$0.isOrganization }.count,
            organizations: exported.filter(\.isOrganization).count, byCountry: byCountry,
            foreignDeclared: exported.filter { $0.country != SampleCountry.unitedStates }.count,
            foreignAdversaryDeclared: exported.filter { adversaries.contains($0.country) }.count,
            gmailAccounts: exported.filter { $0.email.hasSuffix("@gmail.com") }.count)
    }

    // MARK: - Accounts

    func writeAccounts(
        _ folder: String, _ level: Int32, _ dirty: inout [DirtyRow], _ random: inout SampleRandom
    ) throws(KYCWatchError) -> SampleExportWriter {
        let writer = try SampleExportWriter(
            folder: folder, name: Self.accountsFile, columns: SampleAccount.columns, zstdLevel: level)
        let ordered = accounts.filter(\.exported).sorted { $0.id < $1.id }
        let ordinary = ordered.indices.filter { !ordered[$0].planted }
        // Extra accounts that exist only as dirty rows, so rejecting them touches nothing else.
        var defects: [(position: Int, account: SampleAccount, defect: Int)] = []
        for defect in 0..<6 {
            let country = SampleCountry.all[random.below(20)]
            var account = makeAccount(
                in: country, organization: defect % 2 == 1, createdBetween: Self.creationRange, &random)
            account.exported = false
            defects.append((random.below(ordered.count), account, defect))
        }
        let duplicateSource = random.element(ordinary.filter { $0 < ordered.count / 2 })
        let duplicatePosition = random.int((duplicateSource + 1)...(ordered.count - 1))
        defects.sort { $0.position < $1.position }
        var next = 0
        var sourceLine = 0
        for (position, account) in ordered.enumerated() {
            while next < defects.count, defects[next].position == position {
                dirty.append(try writeDefectiveAccount(defects[next].account, defect: defects[next].defect, writer))
                next += 1
            }
            if position == duplicatePosition {
                let copy = ordered[duplicateSource]
                let line = try writer.write(copy.fields)
                dirty.append(
                    DirtyRow(
                        file: Self.accountsFile, line: line, reason: Reason.duplicateRecord, column: "account_id",
                        id: copy.id, account: copy.id, duplicateOf: sourceLine,
                        note: "the same account row delivered twice"))
            }
            let line = try writer.write(account.fields)
            if position == duplicateSource { sourceLine = line }
        }
        try writer.finish()
        return writer
    }

    func writeDefectiveAccount(
        _ account: SampleAccount, defect: Int, _ writer: SampleExportWriter
    ) throws(KYCWatchError) -> DirtyRow {
        var fields = account.fields
        let column: String
        let reason: String
        let note: String
        var line = 0
        switch defect {
        case 0:
            fields[9] = ""
            (column, reason, note) = ("country", Reason.missingField, "no declared country")
        case 1:
            fields[11] = ""
            (column, reason, note) = ("email", Reason.missingField, "no email")
        case 2:
            fields[2] = "last tuesday"
            (column, reason, note) = ("created_at", Reason.unparseableValue, "created_at is not a timestamp")
        case 3:
            fields[3] = "partnership"
            (column, reason, note) = (
                "customer_type", Reason.unparseableValue, "customer_type is not individual or organization"
            )
        case 4:
            fields[4] = "Quantum \"Q\" Labs LLC"
            line = try writer.writeRaw(Self.csvLine(fields, unquoted: 4))
            (column, reason, note) = ("legal_name", Reason.malformedCSV, "a quote inside an unquoted field")
        default:
            fields = Array(fields.prefix(15))
            (column, reason, note) = ("", Reason.raggedRow, "15 fields where the header has 21")
        }
        if line == 0 {
            line = try writer.write(fields)
        }
        return DirtyRow(
            file: Self.accountsFile, line: line, reason: reason, column: column.isEmpty ? nil : column,
            id: account.id, account: account.id, duplicateOf: nil, note: note)
    }

    /// A CSV line with RFC 4180 quoting, except field `unquoted`, which is written as it is.
    static func csvLine(_ fields: [String], unquoted: Int) -> String {
        fields.enumerated().map { index, field in
            guard index != unquoted, field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else {
                return field
            }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    // MARK: - Usage

    /// A usage row's fields with record id `record`.
    func usageFields(_ row: SampleUsageRow, record: String) -> [String] {
        let resource = resources[Int(row.resource)]
        return [
            record, accounts[resource.account].id, resource.resourceID, resource.jobID, resource.clusterID,
            resource.region, resource.zone, resource.instanceType.name, resource.acceleratorModelField,
            resource.acceleratorCountField, resource.time(row.start), resource.time(row.end),
            SampleUsageRow.utilizationText(Int(row.utilizationPerMille)), resource.interconnectField,
            String(row.egressBytes), String(row.storageWriteBytes),
        ]
    }

    static func recordID(_ sequence: Int) -> String { "ur-" + SampleTime.pad(sequence, 9) }

    func writeUsage(
        _ folder: String, _ level: Int32, _ dirty: inout [DirtyRow], _ random: inout SampleRandom
    ) throws(KYCWatchError) -> SampleExportWriter {
        let writer = try SampleExportWriter(
            folder: folder, name: Self.usageFile, columns: SampleUsageRow.columns, zstdLevel: level)
        // Time order; a packed key sorts fast and keeps rows that start together in creation order.
        let order = usage.indices.map { index in
            UInt64(usage[index].start - SampleTime.windowStart) << 23 | UInt64(index)
        }.sorted().map { Int($0 & 0x7f_ffff) }
        var position = [Int](repeating: 0, count: usage.count)
        for (sorted, index) in order.enumerated() {
            position[index] = sorted
        }
        let defects = UsageDefect.allCases
        var planned: [Int: [UsageDefect]] = [:]
        for defect in defects {
            var at = random.below(order.count)
            while !isOrdinary(order[at], needsAccelerators: defect.needsAccelerators) {
                at = (at + 1) % order.count
            }
            planned[at, default: []].append(defect)
        }
        // Re-deliveries: the chosen rows again, later in the file.
        var redeliveries: [Int: [Int]] = [:]
        var copies = redeliveredUsage
        while copies.count < redeliveredUsage.count + 17 {
            let candidate = order[random.below(order.count * 9 / 10)]
            if isOrdinary(candidate, needsAccelerators: false) { copies.append(candidate) }
        }
        for original in copies where position[original] + 1 < order.count {
            let at = random.int((position[original] + 1)...(order.count - 1))
            redeliveries[at, default: []].append(original)
        }
        var lineOf = [Int32](repeating: 0, count: usage.count)
        var recordOf = [Int32](repeating: 0, count: usage.count)
        var sequence = 0
        for (at, index) in order.enumerated() {
            for defect in planned[at] ?? [] {
                sequence += 1
                dirty.append(
                    try writeDefectiveUsage(usage[index], defect: defect, record: Self.recordID(sequence), writer))
            }
            for original in redeliveries[at] ?? [] {
                let record = Self.recordID(Int(recordOf[original]))
                let line = try writer.write(usageFields(usage[original], record: record))
                dirty.append(
                    DirtyRow(
                        file: Self.usageFile, line: line, reason: Reason.duplicateRecord, column: "record_id",
                        id: record, account: accountID(ofUsage: original), duplicateOf: Int(lineOf[original]),
                        note: "a re-delivery of an earlier row, identical; count it once"))
            }
            sequence += 1
            let record = Self.recordID(sequence)
            let line = try writer.write(usageFields(usage[index], record: record))
            lineOf[index] = Int32(line)
            recordOf[index] = Int32(sequence)
            let resource = resources[Int(usage[index].resource)]
            if !accounts[resource.account].exported {
                dirty.append(
                    DirtyRow(
                        file: Self.usageFile, line: line, reason: Reason.unknownAccount, column: "account_id",
                        id: record, account: accounts[resource.account].id, duplicateOf: nil,
                        note: "usage for an account the accounts export lacks: keep it and flag it"))
            }
        }
        try writer.finish()
        return writer
    }

    func accountID(ofUsage index: Int) -> String {
        accounts[resources[Int(usage[index].resource)].account].id
    }

    /// Whether usage row `index` belongs to an ordinary exported account (and, if asked, to an
    /// accelerated instance) and lasts at least two hours.
    func isOrdinary(_ index: Int, needsAccelerators: Bool) -> Bool {
        let row = usage[index]
        let resource = resources[Int(row.resource)]
        let account = accounts[resource.account]
        return !account.planted && account.exported && row.end - row.start >= 2 * SampleTime.hour
            && (!needsAccelerators || resource.instanceType.hasAccelerators) && resource.timeStyle == .utc
    }

    /// The ways a usage row is written wrong on purpose.
    enum UsageDefect: CaseIterable {
        case missingAccount, missingEnd, impossibleDate, dayFirstDate, unitInQuantity, endBeforeStart
        case negativeEgress, negativeCount, utilizationAboveOne, utilizationAsPercent
        case unknownAccelerator, unknownAcceleratorWithoutType, strayQuote, tooFewFields, tooManyFields

        var needsAccelerators: Bool {
            switch self {
            case .negativeCount, .utilizationAboveOne, .utilizationAsPercent: true
            default: false
            }
        }
    }

    func writeDefectiveUsage(
        _ row: SampleUsageRow, defect: UsageDefect, record: String, _ writer: SampleExportWriter
    ) throws(KYCWatchError) -> DirtyRow {
        var fields = usageFields(row, record: record)
        let account = fields[1]
        let resource = resources[Int(row.resource)]
        let column: String
        let reason: String
        let note: String
        var line = 0
        switch defect {
        case .missingAccount:
            fields[1] = ""
            (column, reason, note) = ("account_id", Reason.missingField, "no account id")
        case .missingEnd:
            fields[11] = ""
            (column, reason, note) = ("end_time", Reason.missingField, "no end time")
        case .impossibleDate:
            fields[10] = "2026-09-31T08:00:00Z"
            fields[11] = "2026-10-01T08:00:00Z"
            (column, reason, note) = ("start_time", Reason.unparseableValue, "September has no 31st")
        case .dayFirstDate:
            let end = SampleTime.fields(row.end)
            fields[11] =
                "\(SampleTime.pad(end.day))/\(SampleTime.pad(end.month))/\(end.year) "
                + "\(SampleTime.pad(end.hour)):\(SampleTime.pad(end.minute))"
            (column, reason, note) = ("end_time", Reason.unparseableValue, "a day-first local date, not ISO 8601")
        case .unitInQuantity:
            fields[14] = "12.5 GB"
            (column, reason, note) = ("egress_bytes", Reason.unparseableValue, "a unit inside a byte count")
        case .endBeforeStart:
            fields[10] = resource.time(row.end)
            fields[11] = resource.time(row.start)
            (column, reason, note) = ("end_time", Reason.endBeforeStart, "start and end swapped")
        case .negativeEgress:
            fields[14] = "-524288000"
            (column, reason, note) = ("egress_bytes", Reason.negativeQuantity, "negative egress")
        case .negativeCount:
            fields[8] = resource.instanceType.acceleratorModel
            fields[9] = "-\(resource.instanceType.acceleratorCount)"
            (column, reason, note) = ("accelerator_count", Reason.negativeQuantity, "negative accelerator count")
        case .utilizationAboveOne:
            fields[12] = "1.35"
            (column, reason, note) = ("accelerator_utilization", Reason.utilizationOutOfRange, "utilization above 1")
        case .utilizationAsPercent:
            fields[12] = "87"
            (column, reason, note) = (
                "accelerator_utilization", Reason.utilizationOutOfRange, "utilization written as a percentage"
            )
        case .unknownAccelerator:
            fields[7] = "x9n.48xlarge"
            fields[8] = "Zephyr-X9"
            fields[9] = "8"
            fields[13] = ""
            (column, reason, note) = (
                "accelerator_model", Reason.unknownAccelerator,
                "an accelerator and instance type in no catalogue, with a count"
            )
        case .unknownAcceleratorWithoutType:
            fields[7] = ""
            fields[8] = "NVIDIA Z100 Hyper"
            fields[9] = "4"
            fields[13] = ""
            (column, reason, note) = (
                "accelerator_model", Reason.unknownAccelerator, "an accelerator in no catalogue, with a count"
            )
        case .strayQuote:
            fields[3] = "eval \"nightly\" run"
            line = try writer.writeRaw(Self.csvLine(fields, unquoted: 3))
            (column, reason, note) = ("job_id", Reason.malformedCSV, "a quote inside an unquoted field")
        case .tooFewFields:
            fields = Array(fields.prefix(12))
            (column, reason, note) = ("", Reason.raggedRow, "12 fields where the header has 16")
        case .tooManyFields:
            fields.append("spot")
            (column, reason, note) = ("", Reason.raggedRow, "17 fields where the header has 16")
        }
        if line == 0 {
            line = try writer.write(fields)
        }
        return DirtyRow(
            file: Self.usageFile, line: line, reason: reason, column: column.isEmpty ? nil : column, id: record,
            account: account, duplicateOf: nil, note: note)
    }

    // MARK: - Access

    func accessFields(_ row: SampleAccessRow, event: String) -> [String] {
        let account = accounts[Int(row.account)]
        let time: String =
            switch row.timeStyle {
            case 1: SampleTime.iso(row.timestamp, milliseconds: Int(row.timestamp % 997))
            case 2:
                SampleTime.iso(
                    row.timestamp, offsetMinutes: SampleCountry.named(account.accessCountry).utcOffsetHours * 60)
            default: SampleTime.iso(row.timestamp)
            }
        return [event, account.id, time, row.address, row.action.rawValue, String(row.count)]
    }

    static func eventID(_ sequence: Int) -> String { "ev-" + SampleTime.pad(sequence, 8) }

    func writeAccess(
        _ folder: String, _ level: Int32, _ dirty: inout [DirtyRow], _ random: inout SampleRandom
    ) throws(KYCWatchError) -> SampleExportWriter {
        let writer = try SampleExportWriter(
            folder: folder, name: Self.accessFile, columns: SampleAccessRow.columns, zstdLevel: level)
        let order = access.indices.map { index in
            UInt64(access[index].timestamp - SampleTime.windowStart + SampleTime.day) << 23 | UInt64(index)
        }.sorted().map { Int($0 & 0x7f_ffff) }
        func ordinary(_ at: Int) -> Bool {
            let account = accounts[Int(access[order[at]].account)]
            return !account.planted && account.exported && access[order[at]].timeStyle == 0
        }
        var planned: [Int: [Int]] = [:]
        for defect in 0..<6 {
            var at = random.below(order.count)
            while !ordinary(at) { at = (at + 1) % order.count }
            planned[at, default: []].append(defect)
        }
        var redeliveries: [Int: [Int]] = [:]
        while redeliveries.values.map(\.count).reduce(0, +) < 3 {
            let original = random.below(order.count * 9 / 10)
            guard ordinary(original) else { continue }
            redeliveries[random.int((original + 1)...(order.count - 1)), default: []].append(original)
        }
        var lineAt = [Int32](repeating: 0, count: order.count)
        var eventAt = [Int32](repeating: 0, count: order.count)
        var sequence = 0
        for (at, index) in order.enumerated() {
            for defect in planned[at] ?? [] {
                sequence += 1
                dirty.append(
                    try writeDefectiveAccess(access[index], defect: defect, event: Self.eventID(sequence), writer))
            }
            for original in redeliveries[at] ?? [] {
                let event = Self.eventID(Int(eventAt[original]))
                let line = try writer.write(accessFields(access[order[original]], event: event))
                dirty.append(
                    DirtyRow(
                        file: Self.accessFile, line: line, reason: Reason.duplicateRecord, column: "event_id",
                        id: event, account: accounts[Int(access[order[original]].account)].id,
                        duplicateOf: Int(lineAt[original]), note: "a re-delivery of an earlier event, identical"))
            }
            sequence += 1
            let event = Self.eventID(sequence)
            let line = try writer.write(accessFields(access[index], event: event))
            lineAt[at] = Int32(line)
            eventAt[at] = Int32(sequence)
            let account = accounts[Int(access[index].account)]
            if !account.exported {
                dirty.append(
                    DirtyRow(
                        file: Self.accessFile, line: line, reason: Reason.unknownAccount, column: "account_id",
                        id: event, account: account.id, duplicateOf: nil,
                        note: "access by an account the accounts export lacks: keep it and flag it"))
            }
        }
        try writer.finish()
        return writer
    }

    func writeDefectiveAccess(
        _ row: SampleAccessRow, defect: Int, event: String, _ writer: SampleExportWriter
    ) throws(KYCWatchError) -> DirtyRow {
        var fields = accessFields(row, event: event)
        let column: String
        let reason: String
        let note: String
        var line = 0
        switch defect {
        case 0:
            fields[3] = ""
            (column, reason, note) = ("source_ip", Reason.missingField, "no source address")
        case 1:
            fields[2] = "2026-10-05 25:61"
            (column, reason, note) = ("timestamp", Reason.unparseableValue, "hour 25, minute 61")
        case 2:
            fields[3] = "300.12.5.1"
            (column, reason, note) = ("source_ip", Reason.unparseableValue, "300 is not an IPv4 octet")
        case 3:
            fields[5] = "-3"
            (column, reason, note) = ("count", Reason.negativeQuantity, "a negative event count")
        case 4:
            fields[4] = "api \"batch\""
            line = try writer.writeRaw(Self.csvLine(fields, unquoted: 4))
            (column, reason, note) = ("action", Reason.malformedCSV, "a quote inside an unquoted field")
        default:
            fields = Array(fields.prefix(5))
            (column, reason, note) = ("", Reason.raggedRow, "5 fields where the header has 6")
        }
        if line == 0 {
            line = try writer.write(fields)
        }
        return DirtyRow(
            file: Self.accessFile, line: line, reason: reason, column: column.isEmpty ? nil : column, id: event,
            account: accounts[Int(row.account)].id, duplicateOf: nil, note: note)
    }
}
