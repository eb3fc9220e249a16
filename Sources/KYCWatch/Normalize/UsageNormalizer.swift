/// Turns usage rows into ``UsageRecord``s: timestamps to UTC, accelerators from the instance
/// catalogue when the row does not say, and every implausible value rejected with its reason.
struct UsageNormalizer: Sendable {
    let layout: InputLayout
    let timestamps: TimestampParser
    let accelerators: AcceleratorCatalog

    /// More accelerators than this on one metered resource is a data error, not a machine.
    static let maxAcceleratorsPerResource = 100_000.0
    /// One record spanning more than this is a data error (a year and a day).
    static let maxIntervalMilliseconds: Int64 = 366 * 86_400_000

    private static let kind = ExportKind.usage
    private let recordID = kind.ordinal(of: "record_id")!
    private let accountID = kind.ordinal(of: "account_id")!
    private let resourceID = kind.ordinal(of: "resource_id")!
    private let jobID = kind.ordinal(of: "job_id")!
    private let clusterID = kind.ordinal(of: "cluster_id")!
    private let region = kind.ordinal(of: "region")!
    private let zone = kind.ordinal(of: "zone")!
    private let instanceType = kind.ordinal(of: "instance_type")!
    private let acceleratorModel = kind.ordinal(of: "accelerator_model")!
    private let acceleratorCount = kind.ordinal(of: "accelerator_count")!
    private let startTime = kind.ordinal(of: "start_time")!
    private let endTime = kind.ordinal(of: "end_time")!
    private let utilization = kind.ordinal(of: "accelerator_utilization")!
    private let interconnect = kind.ordinal(of: "interconnect_gbps")!
    private let egress = kind.ordinal(of: "egress_bytes")!
    private let storageWrites = kind.ordinal(of: "storage_write_bytes")!
    /// What each spelling of an instance type or model met so far is in the catalogue.
    private var lookups = AcceleratorLookupCache()

    /// A normalizer for rows of `layout`, reading times with `timestamps` and accelerators from `accelerators`.
    init(layout: InputLayout, timestamps: TimestampParser, accelerators: AcceleratorCatalog) {
        self.layout = layout
        self.timestamps = timestamps
        self.accelerators = accelerators
    }

    /// FOCUS's charge categories other than usage, by their spelling folded to lower case.
    private static let billingCategories: Set<String> = ["adjustment", "credit", "purchase", "tax"]

    /// Passes a FOCUS usage line; skips (`not-usage`) a billing line of another category; rejects a
    /// line without a category or with one FOCUS does not define, which kycwatch cannot place.
    /// Categories are read without regard to case or surrounding spaces (`usage`, `Usage `).
    private static func checkChargeCategory(_ category: String?) throws(RowRejection) {
        guard let category, case let folded = category.trimmingSpaces.lowercased(), !folded.isEmpty, folded != "null"
        else {
            throw RowRejection(
                .missingField, column: "ChargeCategory",
                "ChargeCategory is empty: FOCUS requires one, and without it the line is neither usage nor billing")
        }
        guard folded != "usage" else { return }
        guard billingCategories.contains(folded) else {
            throw RowRejection(
                .unparseableValue, column: "ChargeCategory",
                "ChargeCategory '\(category)' is not one FOCUS defines (Usage, Adjustment, Credit, Purchase, Tax)")
        }
        throw RowRejection(
            .notUsage, column: nil, "ChargeCategory is \(category): a billing \(folded) line, not metered usage")
    }

    /// Passes a FOCUS line of usage metered in its charge period; skips (`not-usage`) a billing line
    /// (``checkChargeCategory(_:)``), a correction to a billing period invoiced before (`ChargeClass`
    /// `Correction`: the usage it corrects was counted from its own line, and a correction of -24 hours
    /// is no negative usage), the unused part of a commitment (`CommitmentDiscountStatus` `Unused`,
    /// whose `ConsumedQuantity` FOCUS leaves null) and the unused part of a capacity reservation (FOCUS
    /// 1.1's `CapacityReservationStatus` `Unused`: instances reserved and idle, whose quantity FOCUS
    /// keeps). Each column is optional in the file.
    private static func checkFocusCharge(_ row: SourceRow) throws(RowRejection) {
        try checkChargeCategory(row.extra("ChargeCategory"))
        if FieldBytes.isWord(row.extraBytes("ChargeClass"), "correction") {
            throw RowRejection(
                .notUsage, column: "ChargeClass",
                "ChargeClass is Correction: a correction to a charge of a billing period invoiced before, "
                    + "whose own line carried the usage")
        }
        if FieldBytes.isWord(row.extraBytes("CommitmentDiscountStatus"), "unused") {
            throw RowRejection(
                .notUsage, column: "CommitmentDiscountStatus",
                "CommitmentDiscountStatus is Unused: the unused part of a commitment, which metered no usage")
        }
        if FieldBytes.isWord(row.extraBytes("CapacityReservationStatus"), "unused") {
            throw RowRejection(
                .notUsage, column: "CapacityReservationStatus",
                "CapacityReservationStatus is Unused: the idle part of a capacity reservation, instances reserved "
                    + "and not running")
        }
    }

    /// Milliseconds of a Slurm duration, `[D-][HH:]MM:SS` (as `Elapsed` writes it), or nil when `text`
    /// is not one.
    static func slurmDuration(_ text: String) -> Int64? {
        var rest = Substring(text)
        var days: Int64 = 0
        if let dash = rest.firstIndex(of: "-") {
            guard rest[..<dash].utf8.allSatisfy(FieldBytes.isDigit), let value = Int64(rest[..<dash]) else {
                return nil
            }
            days = value
            rest = rest[rest.index(after: dash)...]
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), days <= 366 else { return nil }
        var seconds: Int64 = 0
        for (index, part) in parts.enumerated() {
            guard (1...2).contains(part.count), part.utf8.allSatisfy(FieldBytes.isDigit), let value = Int64(part),
                index == 0 || value < 60
            else { return nil }
            seconds = seconds * 60 + value
        }
        return (days * 86_400 + seconds) * 1_000
    }

    /// The checked usage fields of `row`, text still in the batch's bytes (nothing allocated for a
    /// plain row); the first problem found becomes the rejection.
    mutating func normalize(_ row: SourceRow) throws(RowRejection) -> UsageFields {
        if layout == .focus { try Self.checkFocusCharge(row) }
        if layout == .slurm, let job = row.text(recordID) ?? row.text(jobID), job.contains(".") {
            throw RowRejection(
                .notUsage, column: "job_id", "job step \(job): its allocation is counted on the job's own line")
        }
        // A job still pending (Start Unknown), or cancelled before it started (Start None), has used nothing.
        if layout == .slurm, let text = row.text(startTime), text == "Unknown" || text == "None" {
            throw RowRejection(
                .notUsage, column: "start_time",
                "job \(row.text(recordID) ?? row.text(jobID) ?? "") never started (Start is \(text)): no usage to count"
            )
        }
        let start = try row.requiredTimestamp(startTime, parser: timestamps)
        var end: Int64
        if layout == .slurm, let text = row.text(endTime), text == "Unknown" || text == "None" {
            // A job still running: its usage so far is Start plus Elapsed, as the export saw it. Left
            // out, a training run of months would stay unseen until it ended.
            guard let written = row.extraAsWritten("Elapsed") else {
                throw RowRejection(
                    .unparseableValue, column: "end_time",
                    "End is \(text) (the job is still running) and the export has no Elapsed: add Elapsed to "
                        + "sacct's --format to count a running job's usage so far")
            }
            guard let elapsed = row.extra("Elapsed").flatMap(Self.slurmDuration) else {
                throw RowRejection(
                    written.isEmpty ? .missingField : .unparseableValue, column: "Elapsed",
                    "End is \(text) (the job is still running) and Elapsed "
                        + (written.isEmpty ? "is empty" : "'\(written)' is no duration sacct writes ([D-][HH:]MM:SS)")
                        + ": its usage so far cannot be told")
            }
            end = start + elapsed
        } else {
            end = try row.requiredTimestamp(endTime, parser: timestamps)
        }
        // An end in the hour the clocks go back, read as its first occurrence, can fall before a start
        // in the same hour: its second occurrence is the one that follows the start.
        if end < start, let later = row.laterTimestamp(endTime, parser: timestamps), later >= start { end = later }
        // A Slurm job's Elapsed tells which occurrence its End is when the end is in that hour too.
        if layout == .slurm, let later = row.laterTimestamp(endTime, parser: timestamps), later != end,
            let elapsed = row.extra("Elapsed").flatMap(Self.slurmDuration), start + elapsed == later
        {
            end = later
        }
        guard end >= start else {
            throw RowRejection(
                .endBeforeStart, column: "end_time",
                "end_time \(TimestampParser.format(end)) is before start_time \(TimestampParser.format(start))")
        }
        guard end - start <= Self.maxIntervalMilliseconds else {
            throw RowRejection(.absurdQuantity, column: "end_time", "one record spans more than 366 days")
        }
        // An id of whitespace alone is none, and one padded with it is the id (` R01 ` is `R01`); looked
        // at past its first and last byte only when one of them is whitespace.
        var account = row.identifier(accountID)
        if account == nil, layout == .focus {
            account = row.extra("BillingAccountId").map(FieldText.text)?.nonBlank?.trimmedIdentifier
        }
        guard let account else {
            throw row.missing(accountID)
        }
        var resource = row.identifier(resourceID)
        if resource == nil, layout == .focus, let service = row.extra("ServiceName"), !FieldBytes.isBlank(service) {
            // FOCUS leaves ResourceId empty for account-level service charges (API requests, storage).
            resource = .text("service:" + service)
        }
        guard let resource else {
            throw row.missing(resourceID)
        }
        var record = try row.requiredIdentifier(recordID)
        var job = row.identifier(jobID)
        let cluster = row.identifier(clusterID)
        if layout == .slurm, let cluster {
            // Job numbers are a cluster's own: `sacct -M all` lists several clusters' jobs under the
            // same numbers, so a job is named with its cluster.
            record = .text(cluster.string + ":" + record.string)
            job = job.map { .text(cluster.string + ":" + $0.string) }
        }
        let egressBytes = try row.number(egress)
        let storageWriteBytes = try row.number(storageWrites)
        let type = row.fieldText(instanceType)
        let attached = try resolveAccelerators(row, instanceType: type, start: start, end: end)
        let utilization = try checkedUtilization(
            try row.number(utilization), countKnown: attached.countKnown, instanceType: type)
        // Built in one expression at the end: a `var` of the fields, filled in along the way, was
        // copied twice on its way out (a third of a microsecond a row).
        return UsageFields(
            recordID: record, accountID: account, resourceID: resource, jobID: job,
            clusterID: cluster, region: row.fieldText(region), zone: row.fieldText(zone),
            instanceType: attached.instanceType, acceleratorIndex: attached.index, acceleratorCount: attached.count,
            start: start, end: end, utilization: utilization, interconnectGbps: attached.interconnectGbps,
            egressBytes: egressBytes, storageWriteBytes: storageWriteBytes, line: row.line,
            acceleratorShares: attached.shares, uncataloguedInstanceType: attached.uncatalogued,
            instanceTypeConflict: attached.conflict)
    }

    /// What a row says of its accelerators, resolved against the catalogue.
    private struct ResolvedAccelerators {
        /// The model's place in the catalogue, nil when the resource has none.
        var index: Int?
        var count: Double
        var interconnectGbps: Double?
        /// The row's instance type, or the catalogue's name when the row gave none and its
        /// accelerators came from elsewhere.
        var instanceType: FieldText?
        /// Whether anything said how many accelerators there are (a count, or a catalogued instance
        /// type), which a row with busy accelerators needs.
        var countKnown: Bool
        /// The accelerators by model of a resource holding several (a Slurm job of two GPU models),
        /// the first of them in `index` and `count`; nil otherwise.
        var shares: [UsageRowBatch.ModelShare]? = nil
        /// Whether the row names an instance type the catalogue lacks and nothing else of its
        /// accelerators, so that it is taken as holding none (``UsageFields/uncataloguedInstanceType``).
        var uncatalogued = false
        /// Whether the row's model or count contradicts its catalogued instance type
        /// (``UsageFields/instanceTypeConflict``).
        var conflict = false
    }

    /// A row's accelerator utilization `value`, checked: within 0–1, and above 0 only where something
    /// says how many accelerators were busy (`countKnown`); `instanceType` is the row's, for the message.
    private func checkedUtilization(_ value: Double?, countKnown: Bool, instanceType: FieldText?) throws(RowRejection)
        -> Double?
    {
        guard let value else { return nil }
        try Self.checkUtilizationRange(value)
        // Accelerator utilization above 0 says accelerators were busy: a row that cannot say how
        // many is not a row without any. (A CPU instance's export often writes 0.)
        if value > 0, !countKnown {
            guard let type = instanceType, !type.withBytes({ $0.isEmpty }) else {
                throw RowRejection(
                    .missingField, column: "accelerator_count",
                    "accelerator utilization is metered, but no accelerator_count, accelerator_model or instance "
                        + "type says how many accelerators were busy")
            }
            throw RowRejection(
                .unknownAccelerator, column: "instance_type",
                "accelerator utilization is metered, but instance type \(type.string) is not in the catalogue, "
                    + "so its accelerators cannot be counted; add it to instance_types.csv, or give "
                    + "accelerator_count and accelerator_model")
        }
        return value
    }

    /// Rejects a utilization `value` above 1 (below 0 the number's own read rejects).
    @inline(__always)
    private static func checkUtilizationRange(_ value: Double) throws(RowRejection) {
        guard value <= 1 else {
            throw RowRejection(
                .utilizationOutOfRange, column: "accelerator_utilization",
                "accelerator_utilization \(value.formatted) is outside 0–1 (a percentage? divide by 100 in the export)"
            )
        }
    }

    /// Rejects more accelerators on one resource than any machine has.
    @inline(__always)
    private static func checkAttachedCount(_ attached: Double) throws(RowRejection) {
        guard attached <= maxAcceleratorsPerResource else {
            throw RowRejection(
                .absurdQuantity, column: "accelerator_count",
                "accelerator_count \(attached) on one resource is beyond any real machine")
        }
    }

    /// Checks the constant of column `ordinal`, the only value `row` holds, as ``normalize(_:)`` checks
    /// that column's value in `layout`, so a constant no row could be accepted with fails the pipeline
    /// file instead of every row. What depends on the row's other columns (a utilization above 0 with
    /// no accelerator count, a model the catalogue lacks) is left to the rows.
    static func checkConstant(_ ordinal: Int, of row: SourceRow, layout: InputLayout, timestamps: TimestampParser)
        throws(RowRejection)
    {
        switch kind.fields[ordinal].name {
        case "record_id": _ = try row.requiredFieldText(ordinal)
        case "account_id", "resource_id":
            // A FOCUS line without them is read with its BillingAccountId, or ServiceName.
            if layout != .focus { _ = try row.requiredFieldText(ordinal) }
        case "start_time", "end_time": _ = try row.requiredTimestamp(ordinal, parser: timestamps)
        case "accelerator_count":
            // A FOCUS line's count comes from its ConsumedQuantity, in place of the column's.
            if let count = try row.number(ordinal), layout != .focus { try checkAttachedCount(count) }
        case "accelerator_utilization":
            if let value = try row.number(ordinal) { try checkUtilizationRange(value) }
        case "interconnect_gbps", "egress_bytes", "storage_write_bytes": _ = try row.number(ordinal)
        default: break  // kept as written, or read against the catalogue with the row's other columns
        }
    }

    /// Model, count and interconnect from the row (whose instance type is `instanceType`, and whose
    /// interval is `start` to `end`), the instance catalogue and the layout.
    private mutating func resolveAccelerators(
        _ row: SourceRow, instanceType: FieldText?, start: Int64, end: Int64
    ) throws(RowRejection) -> ResolvedAccelerators {
        // The catalogue's entry is read in place: copying it out would retain each of its texts.
        var instance = instanceType.flatMap { name in
            name.withBytes { lookups.instanceTypeIndex(named: $0, in: accelerators) }
        }
        var instanceType = instanceType
        // A FOCUS line's instance type the catalogue lacks, found in its text (``applyFocus``).
        var uncatalogued = false
        var count = try row.number(acceleratorCount)
        var modelName = row.fieldText(acceleratorModel)
        // The model a FOCUS line names in its text when it names no instance type (a line per GPU).
        var namedModel: Int?
        // A Slurm job's GPUs of several models, each counted (`gres/gpu:a100=4,gres/gpu:v100=4`).
        var shares: [UsageRowBatch.ModelShare]?
        switch layout {
        case .focus:
            uncatalogued = try applyFocus(
                row, instanceType: &instanceType, instance: &instance, model: &namedModel, count: &count,
                hours: Double(end - start) / 3_600_000)
        case .slurm:
            let typed = try applySlurm(row, count: &count)
            if typed.count > 1 {
                // The first model in the row's own fields, beside `count`, which `applySlurm` gave its GPUs.
                shares = try modelShares(typed)
                modelName = .text(typed[0].name)
            } else if let typed = typed.first,
                modelName == nil
                    || FieldBytes.withBytes(of: typed.name, { lookups.acceleratorIndex(named: $0, in: accelerators) })
                        != nil
            {
                // The model AllocTRES names wins over a mapped one (meant for untyped `gres/gpu=8`) when the
                // catalogue knows it.
                modelName = .text(typed.name)
            }
        case .kycwatch:
            break
        }
        // An instance type the catalogue lacks, on a row that says nothing else of its accelerators, is
        // taken as one without any (most are CPU instances), and flagged when its name is of an
        // accelerator family: it may be a GPU instance the catalogue has yet to list. Looked at past the
        // first test only on such a row.
        if instance == nil, count == nil, modelName == nil, instanceType?.nonBlank != nil { uncatalogued = true }
        // Of a CPU family, it is what it looks like; only a name of an accelerator family is named.
        if uncatalogued, instanceType?.withBytes({ AcceleratorCatalog.isAcceleratorFamilyShaped($0) }) != true {
            uncatalogued = false
        }
        let figures = instance.map { accelerators.figures(ofInstanceType: $0) }
        if count == nil, figures == nil, let modelName {
            throw RowRejection(
                .missingField, column: "accelerator_count",
                "accelerator_model \(modelName.string) is given but accelerator_count is empty, and no instance type "
                    + "in the catalogue says how many")
        }
        var model = modelName.flatMap { name in
            name.withBytes { lookups.acceleratorIndex(named: $0, in: accelerators) }
        }
        if model == nil, modelName == nil { model = figures?.accelerator ?? namedModel }
        let attached = count ?? figures?.acceleratorCount ?? 0
        try Self.checkAttachedCount(attached)
        if attached > 0, model == nil, layout == .slurm, modelName == nil {
            throw RowRejection(
                .unknownAccelerator, column: "accelerator_model",
                "AllocTRES gives \(attached.formatted) GPUs without a model (gres/gpu=\(attached.formatted)): map "
                    + "accelerator_model under `columns:` to the cluster's GPU model, e.g. { constant: H100-SXM5-80GB }"
            )
        }
        if attached > 0, model == nil {
            // Named by its model, the model is what the catalogue lacks; else the instance type it is of.
            let missing =
                modelName.map { "the model \($0.string) is not in the catalogue; add it to accelerators.csv" }
                ?? instanceType.map {
                    "the instance type \($0.string) is not in the catalogue; add it to instance_types.csv"
                }
                ?? "no model or instance type says which they are"
            throw RowRejection(
                .unknownAccelerator, column: modelName == nil ? "instance_type" : "accelerator_model",
                "\(attached.formatted) accelerators but \(missing)")
        }
        // A model other than the instance type's, or more accelerators than it holds: fewer may be the
        // customer's share of it. FOCUS and Slurm lines say otherwise what they bill (an aggregated line,
        // a job's GPUs), so only rows of kycwatch's layout are held to it.
        var conflict = false
        if layout == .kycwatch, let figures, attached > 0 {
            conflict = (modelName != nil && model != figures.accelerator) || attached > figures.acceleratorCount
        }
        return ResolvedAccelerators(
            index: attached > 0 ? model : nil, count: attached,
            interconnectGbps: try row.number(interconnect) ?? figures?.interconnectGbps,
            instanceType: instanceType ?? instance.map { .text(accelerators.instanceTypes[$0].name) },
            countKnown: count != nil || figures != nil, shares: shares, uncatalogued: uncatalogued, conflict: conflict)
    }

    /// The GPUs of each of the models a Slurm job's AllocTRES names (`typed`, two or more), each
    /// model looked up in the catalogue; a model it lacks rejects the row, naming the model.
    private mutating func modelShares(_ typed: [(name: String, count: Double)]) throws(RowRejection)
        -> [UsageRowBatch.ModelShare]
    {
        var shares: [UsageRowBatch.ModelShare] = []
        for (name, count) in typed {
            guard count <= Self.maxAcceleratorsPerResource else {
                throw RowRejection(
                    .absurdQuantity, column: "accelerator_count",
                    "AllocTRES gives \(count.formatted) GPUs of \(name), beyond any real allocation")
            }
            guard let index = FieldBytes.withBytes(of: name, { lookups.acceleratorIndex(named: $0, in: accelerators) })
            else {
                throw RowRejection(
                    .unknownAccelerator, column: "accelerator_model",
                    "AllocTRES names GPU model \(name) (gres/gpu:\(name)=\(count.formatted)) beside "
                        + typed.filter { $0.name != name }.map(\.name).joined(separator: ", ")
                        + ", and the catalogue lacks it: add \(name) as an alias of its model in accelerators.csv "
                        + "(a row of its own for a model not listed)")
            }
            shares.append(
                UsageRowBatch.ModelShare(accelerator: Int32(truncatingIfNeeded: index), count: count, name: name))
        }
        return shares
    }

    /// The FOCUS columns whose text may name an instance type or an accelerator model, in the order
    /// they are searched.
    private static let focusTextColumns = ["SkuId", "ChargeDescription", "ResourceType"]

    /// FOCUS rows meter hours of an instance inside a charge period; accelerators in use on average
    /// are the instance's count times the hours consumed over the period's hours. A line that names no
    /// instance type but a model (Google Cloud meters each GPU: `Nvidia H100 80GB GPU running in
    /// Americas`) meters hours of one accelerator of that model, given back in `model`.
    ///
    /// Returns whether the line names an instance type the catalogue lacks, and nothing it knows: its
    /// own (`instanceType`, when mapped), else the word shaped like one in its text, given back in
    /// `instanceType` (`$1.14 per On Demand Linux g3.4xlarge Instance Hour`), which it is taken to have
    /// no accelerators of.
    private mutating func applyFocus(
        _ row: SourceRow, instanceType: inout FieldText?, instance: inout Int?, model: inout Int?,
        count: inout Double?, hours periodHours: Double
    ) throws(RowRejection) -> Bool {
        // A word shaped like an instance type the catalogue lacks, in the first column that has one.
        var shaped: UnsafeRawBufferPointer?
        if instance == nil {
            search: for column in Self.focusTextColumns {
                let text = row.extraBytes(column)
                guard !text.isEmpty else { continue }
                switch lookups.instanceType(inText: text, in: accelerators) {
                case .catalogued(let found):
                    instance = found
                    break search
                case .uncatalogued(let word):
                    if shaped == nil { shaped = UnsafeRawBufferPointer(rebasing: text[word]) }
                case .none:
                    continue
                }
            }
        }
        let perUnit: Double
        if let instance {
            perUnit = accelerators.figures(ofInstanceType: instance).acceleratorCount
        } else if let named = try modelInFocusText(row) {
            model = named
            perUnit = 1
        } else {
            count = 0
            if instanceType?.nonBlank == nil, let shaped { instanceType = .bytes(shaped) }
            // Flagged only on a line of the instance's own hours: one beside them (its EBS bandwidth)
            // is kept as any line without accelerators is.
            return instanceType?.nonBlank != nil && chargeBesideInstance(row) == nil
        }
        if let beside = chargeBesideInstance(row) {
            let named =
                instance.map { accelerators.instanceTypes[$0].name }
                ?? model.map { accelerators.accelerators[$0].model }
            throw RowRejection(
                .notInstanceUsage, column: beside.column,
                "\(beside.column) '\(row.extra(beside.column) ?? "")' \(beside.why): the line names \(named ?? "") but "
                    + "does not meter its hours, which its own line does")
        }
        // Rejects name the file's columns, and give values as written there: the row's accelerators
        // come from these, not from an accelerator_count of the file.
        guard let quantityText = row.extra("ConsumedQuantity"), !FieldBytes.isBlank(quantityText) else {
            throw RowRejection(
                .missingField, column: "ConsumedQuantity",
                "ConsumedQuantity is \(Self.describeEmpty(row.extraAsWritten("ConsumedQuantity"))) on a line of "
                    + "\(Self.named(instance: instance, model: model, in: accelerators)), whose accelerators in use "
                    + "are counted from it")
        }
        guard let quantity = DecimalField.parseDouble(quantityText) else {
            throw RowRejection(
                .unparseableValue, column: "ConsumedQuantity", "ConsumedQuantity '\(quantityText)' is not a number")
        }
        guard quantity <= SourceRow.largestNumber else {
            throw RowRejection(
                .absurdQuantity, column: "ConsumedQuantity",
                "ConsumedQuantity \(quantityText) is beyond any real figure (1e18)")
        }
        guard quantity >= 0 else {
            throw RowRejection(
                .negativeQuantity, column: "ConsumedQuantity", "ConsumedQuantity \(quantityText) is negative")
        }
        guard quantity > 0 else {
            count = 0
            return false
        }
        // Instance- or GPU-hours over the charge period are the accelerators in use; any other unit,
        // or a period of no length, says nothing of them, and counting none would hide the usage.
        guard let unitText = row.extra("ConsumedUnit"), !FieldBytes.isBlank(unitText) else {
            throw RowRejection(
                .missingField, column: "ConsumedUnit",
                "ConsumedUnit is \(Self.describeEmpty(row.extraAsWritten("ConsumedUnit"))) on a line of "
                    + "\(Self.named(instance: instance, model: model, in: accelerators)): whether its ConsumedQuantity "
                    + "\(quantityText) is hours or seconds, and so its accelerators in use, cannot be told")
        }
        let unit = unitText.lowercased()
        let inSeconds = Self.secondUnits.contains(unit)
        guard inSeconds || Self.hourUnits.contains(unit) else {
            throw RowRejection(
                .unparseableValue, column: "ConsumedUnit",
                "ConsumedUnit '\(unitText)' of a GPU line is not hours or seconds: its accelerators in use cannot be told"
            )
        }
        guard periodHours > 0 else {
            throw RowRejection(
                .absurdQuantity, column: "end_time",
                "\(quantity.formatted) \(instance == nil ? "GPU" : "instance")-\(inSeconds ? "seconds" : "hours") "
                    + "in a charge period of no length")
        }
        count = perUnit * (inSeconds ? quantity / 3_600 : quantity) / periodHours
        return false
    }

    /// How an empty FOCUS value was written, for messages: `NULL`, empty, or a column the file lacks.
    private static func describeEmpty(_ written: String?) -> String {
        guard let written else { return "missing (the file has no such column)" }
        return written.isEmpty ? "empty" : "'\(written)'"
    }

    /// The instance type or model a FOCUS line was found to name, for messages.
    private static func named(instance: Int?, model: Int?, in catalog: AcceleratorCatalog) -> String {
        if let instance { return catalog.instanceTypes[instance].name }
        return model.map { "GPU \(catalog.accelerators[$0].model)" } ?? "accelerators"
    }

    /// FOCUS service categories whose lines can meter a machine's own hours: virtual machines
    /// (`Compute`), the managed training and notebook machines of an ML service (`AI and Machine
    /// Learning`: SageMaker's `ml.p5.48xlarge`, Azure Machine Learning's compute), and services FOCUS
    /// has no category for (`Other`). A line of any other category that names an instance type bills
    /// that service's charge for the instance (`Storage`: AWS's EBS-optimized bandwidth; `Analytics`:
    /// EMR's fee per instance-hour), beside the instance's own line.
    private static func isInstanceCategory(_ category: UnsafeRawBufferPointer) -> Bool {
        FieldBytes.isBlank(category) || FieldBytes.isWord(category, "compute")
            || FieldBytes.isWord(category, "ai and machine learning") || FieldBytes.isWord(category, "other")
    }

    /// Whether a FOCUS `ChargeDescription` says the line bills something beside the instance it names,
    /// in the words AWS writes, which no instance's own line holds: the EBS-optimized bandwidth that
    /// comes with an instance (`$0.00 for 80000 Mbps per p5.48xlarge instance-hour (or partial hour)`) and
    /// Marketplace software run on it (`AWS Marketplace hourly software usage|us-east-1|p5.48xlarge`).
    /// These are the words of exports without a `ServiceCategory` too, and of Marketplace lines whose
    /// category is `Other`.
    static func describesChargeBesideInstance(_ text: UnsafeRawBufferPointer) -> Bool {
        for start in text.indices {
            let rest = UnsafeRawBufferPointer(rebasing: text[start...])
            switch FieldBytes.lowercased(text[start]) {
            case UInt8(ascii: "m"): if FieldBytes.hasLowercasePrefix(rest, "mbps per ") { return true }
            case UInt8(ascii: "g"): if FieldBytes.hasLowercasePrefix(rest, "gbps per ") { return true }
            case UInt8(ascii: "a"): if FieldBytes.hasLowercasePrefix(rest, "aws marketplace") { return true }
            case UInt8(ascii: "s"): if FieldBytes.hasLowercasePrefix(rest, "software usage") { return true }
            default: continue
            }
        }
        return false
    }

    /// What a FOCUS line that names an instance type or a GPU model bills beside the instance's own
    /// hours (``isInstanceCategory(_:)``, ``describesChargeBesideInstance(_:)``): the column that says
    /// so and why; nil for a line that meters the instance.
    ///
    /// `PublisherName` is not read: it differs from `ProviderName` on a Marketplace line, but also on
    /// the provider's own instances bought through a reseller, and AWS writes `Amazon Web Services, Inc.`
    /// against a provider of `AWS` on every line of its own.
    private mutating func chargeBesideInstance(_ row: SourceRow) -> (column: String, why: String)? {
        if !Self.isInstanceCategory(row.extraBytes("ServiceCategory")) {
            return ("ServiceCategory", "is a service that bills for an instance, not one that runs it")
        }
        let description = row.extraBytes("ChargeDescription")
        if !description.isEmpty,
            lookups.isChargeBesideInstance(inText: description, Self.describesChargeBesideInstance)
        {
            return ("ChargeDescription", "bills bandwidth or software that comes with an instance")
        }
        return nil
    }

    /// The model of the catalogue a FOCUS line's `SkuId`, `ChargeDescription` or `ResourceType`
    /// names (``AcceleratorCatalog/acceleratorIndex(inText:)``); nil when none does. A line whose text
    /// says GPU yet names no catalogued instance type or model is rejected: its GPUs, counted as none,
    /// would be usage lost unseen.
    private mutating func modelInFocusText(_ row: SourceRow) throws(RowRejection) -> Int? {
        var saysGPU: String?
        var named: (index: Int, column: String)?
        for column in Self.focusTextColumns {
            let text = row.extraBytes(column)
            // Google Cloud's and Azure's SKU ids are hex groups (`039F-D0DA-4055`): one may read `A100`.
            guard !text.isEmpty, column != "SkuId" || !Self.isHexIdentifier(text) else { continue }
            let found = lookups.accelerator(inText: text, in: accelerators)
            if let index = found.index, named == nil { named = (index, column) }
            if found.saysGPU, saysGPU == nil { saysGPU = column }
        }
        // A line of one GPU says so; a model named on a line of a machine not in the catalogue (an
        // `ND96isr H100 v5` VM) holds several, which one GPU an hour would undercount.
        if let named, saysGPU != nil { return named.index }
        if let named, case let model = accelerators.accelerators[named.index].model,
            FieldBytes.withBytes(of: model, { FieldBytes.hasLowercasePrefix($0, "tpu") })
        {
            throw Self.perChipRejection(column: named.column, text: row.extra(named.column) ?? "", model: model)
        }
        if let named {
            throw RowRejection(
                .unknownAccelerator, column: "instance_type",
                "\(named.column) '\(row.extra(named.column) ?? "")' names \(accelerators.accelerators[named.index].model) "
                    + "but no instance type of the catalogue, so how many it holds cannot be told; add the instance "
                    + "type to instance_types.csv")
        }
        guard let column = saysGPU else { return nil }
        throw RowRejection(
            .unknownAccelerator, column: column,
            "\(column) '\(row.extra(column) ?? "")' says GPU but names no instance type or accelerator model of the "
                + "catalogue, so its GPUs cannot be counted; add the model's name as written there as an alias in "
                + "accelerators.csv (a row of its own for a model not listed), or the instance type to "
                + "instance_types.csv")
    }

    /// The rejection of a FOCUS line whose `text` (of `column`) names TPU `model` but no instance type:
    /// a line billed per chip, as Google Cloud bills TPUs. Such lines are not read, their wording not
    /// being known for certain; the message says how the catalogue can carry them: a one-chip instance
    /// type named as the text names the chip (`TPU_v5p_chip` for `TPU v5p chip running in Americas`),
    /// which reads the line's hours as chip-hours.
    private static func perChipRejection(column: String, text: String, model: String) -> RowRejection {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        let chip = words.prefix(3).firstIndex { $0.lowercased() == "chip" }.flatMap { last in
            words[...last].contains(where: \.isEmpty) ? nil : words[...last].joined(separator: "_")
        }
        let name = chip ?? "TPU_\(model.dropFirst(4))_chip"
        return RowRejection(
            .unknownAccelerator, column: column,
            "\(column) '\(text)' names \(model) but no instance type: a line billed per TPU chip, which kycwatch does "
                + "not read as such; to count its hours as chip-hours, add the chip to instance_types.csv as an "
                + "instance type of one chip named by the words that name it, joined by _: "
                + "\(name),gcp,\(model),1,,<source>")
    }

    /// Whether `bytes` are hex digits in groups joined by `-`, as opaque SKU ids are written.
    private static func isHexIdentifier(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var dashes = 0
        for byte in bytes {
            if byte == UInt8(ascii: "-") {
                dashes += 1
            } else if !FieldBytes.isDigit(byte), FieldBytes.lowercased(byte) &- 0x61 >= 6 {
                return false
            }
        }
        return dashes > 0
    }

    /// How FOCUS exports write the unit of instance- or GPU-hours.
    private static let hourUnits: Set<String> = ["hour", "hours", "hr", "hrs", "h"]
    /// How FOCUS exports write the unit of GPU-seconds (Google Cloud meters GPUs in seconds).
    private static let secondUnits: Set<String> = ["second", "seconds", "sec", "secs", "s"]

    /// Slurm's AllocTRES names GPUs as `gres/gpu=8` or `gres/gpu:h100=8`: sets `count` from it unless
    /// the row has one, and returns the models it names with their GPUs, in the order of their names.
    ///
    /// Of one model, or none, `count` is the most any item gives (`gres/gpu:h100=8,gres/gpu=8` is 8
    /// GPUs). Of two or more (`gres/gpu:a100=4,gres/gpu:v100=4,gres/gpu=8`), each model's own are
    /// its GPUs and the untyped total is theirs, not more: a total beyond the models' sum (GPUs of no
    /// model) rejects the row.
    private func applySlurm(_ row: SourceRow, count: inout Double?) throws(RowRejection) -> [(
        name: String, count: Double
    )] {
        guard count == nil, let tres = row.extra("AllocTRES") else { return [] }
        var total: Double?
        var typed: [(name: String, count: Double)] = []
        for item in tres.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            // Only `gres/gpu` and `gres/gpu:MODEL` count GPUs: `gres/gpumem=80G` and `gres/gpuutil=100`
            // (what `AutoDetect=nvml` adds) are other resources. One without a count (`gres/gpu:h100`,
            // `gres/gpu=`) says GPUs were held but not how many: a reject, not a job of none.
            guard parts[0] == "gres/gpu" || parts[0].hasPrefix("gres/gpu:") else { continue }
            guard parts.count == 2, let value = DecimalField.parseDouble(String(parts[1])), value == value.rounded(),
                value <= SourceRow.largestNumber
            else {
                throw RowRejection(
                    .unparseableValue, column: "accelerator_count", "AllocTRES item '\(item)' has no whole count")
            }
            guard value >= 0 else {
                throw RowRejection(
                    .negativeQuantity, column: "accelerator_count", "AllocTRES item '\(item)' is negative")
            }
            // `gres/gpu=8` is the total; `gres/gpu:h100=8` the same GPUs by model, beside it or alone.
            let name = parts[0].dropFirst("gres/gpu".count)
            if name.hasPrefix(":") {
                let model = String(name.dropFirst())
                if let seen = typed.firstIndex(where: { $0.name == model }) {
                    typed[seen].count = max(typed[seen].count, value)
                } else {
                    typed.append((model, value))
                }
            } else {
                total = max(total ?? 0, value)
            }
        }
        // A model of no GPUs beside others (`gres/gpu:v100=0`) holds nothing to count.
        if typed.count > 1 { typed.removeAll { $0.count == 0 } }
        // The total beside the models is theirs counted again, unless the two disagree, with one model
        // named as with several: GPUs of no model cannot be given one, nor can more by model than in all.
        let named = typed.reduce(0) { $0 + $1.count }
        let models = typed.map { "\($0.name)=\($0.count.formatted)" }.joined(separator: ", ")
        if let total, !typed.isEmpty, total > named {
            throw RowRejection(
                .unknownAccelerator, column: "accelerator_model",
                "\((total - named).formatted) of its \(total.formatted) GPUs (gres/gpu=\(total.formatted)) have no model: "
                    + "AllocTRES names \(models) only, so the compute of the others cannot be told; check the job's "
                    + "allocation (sacct -o AllocTRES)")
        }
        if let total, total < named {
            throw RowRejection(
                .unparseableValue, column: "accelerator_count",
                "AllocTRES names \(named.formatted) GPUs by model (\(models)) but \(total.formatted) in all "
                    + "(gres/gpu=\(total.formatted)): check the job's allocation (sacct -o AllocTRES)")
        }
        guard typed.count > 1 else {
            count = total ?? typed.first?.count ?? 0
            return typed
        }
        typed.sort { $0.name < $1.name }
        count = typed[0].count
        return typed
    }
}

extension Double {
    /// The number without a trailing `.0` when it is whole, for messages.
    var formatted: String {
        // A whole number as one, however large (a byte count of 1.2e17 reads 123456789012345680).
        self == rounded() && abs(self) < 0x1p63 ? String(Int64(self)) : String(self)
    }
}
