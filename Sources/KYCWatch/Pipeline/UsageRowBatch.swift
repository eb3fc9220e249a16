/// Usage rows that passed the normalizer's checks, as plain values over text the batch holds: how
/// usage crosses to the detection-state thread with no `String`, reference or allocation per row.
///
/// A row is ``UsageFields`` with each text as a span. Texts that are fields of the source rows stay
/// where they are: the batch shares the bytes of the ``RecordBatch`` the rows were read from, so no
/// row is copied. Texts from elsewhere (a layout's fallback) are copied into a small buffer of their
/// own, and the accelerator model is a number, its place among the catalogue's models. Copying a row
/// copies a few dozen words and touches no reference count.
struct UsageRowBatch: Sendable {
    /// Where a text is: a span of the source bytes, or of the batch's own texts; a `count` of -1 is
    /// no text.
    struct Span: Sendable {
        /// The offset in the source bytes, or, when negative, `~offset` in the batch's own texts.
        var start: Int32
        var count: Int32

        static let none = Span(start: 0, count: -1)

        /// The span's bytes within `texts`, nil when there is no text.
        @inline(__always)
        func bytes(in texts: Texts) -> UnsafeRawBufferPointer? {
            guard count >= 0 else { return nil }
            let (buffer, offset) = start >= 0 ? (texts.source, Int(start)) : (texts.own, Int(~start))
            return UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + Int(count))])
        }
    }

    /// The bytes that spans point into, for the time of a ``withTexts(_:)`` call.
    struct Texts {
        /// The source rows' bytes.
        let source: UnsafeRawBufferPointer
        /// Texts copied in from elsewhere.
        let own: UnsafeRawBufferPointer
    }

    /// One usage row that passed the normalizer's checks.
    struct Row: Sendable {
        var recordID: Span
        var accountID: Span
        var resourceID: Span
        var jobID: Span
        var clusterID: Span
        var region: Span
        var zone: Span
        var instanceType: Span
        /// The accelerator model's place in the batch's ``UsageRowBatch/models``, -1 when the
        /// resource has no accelerators.
        var accelerator: Int32
        /// The account's place in the accounts export (``AccountIDSet``), as ``UsageDeliveryCheck``
        /// found it: -1 when the export does not have it, or before the check.
        var account: Int32
        var acceleratorCount: Double
        var start: Int64
        var end: Int64
        var utilization: Double?
        var interconnectGbps: Double?
        var egressBytes: Double?
        var storageWriteBytes: Double?
        var line: Int
        /// Whether the accounts export has the row's account, as ``UsageDeliveryCheck`` found.
        var accountKnown: Bool
        /// Whether the row was taken as holding no accelerators for want of its instance type in the
        /// catalogue (``UsageFields/uncataloguedInstanceType``), for ``UsageDeliveryCheck`` to count.
        /// (Beside `accountKnown`, in the row's padding: the row is no larger for it.)
        var uncataloguedInstanceType = false
        /// Whether the row's model or count contradicts its catalogued instance type
        /// (``UsageFields/instanceTypeConflict``), for ``UsageDeliveryCheck`` to count.
        var instanceTypeConflict = false
        /// The row's accelerators by model when it holds several (a Slurm job whose AllocTRES names
        /// two GPU models): their place in the batch's ``UsageRowBatch/modelShares``, until
        /// ``UsageRowBatch/splitByModel()`` makes a row of each; -1 for a row of one model or none.
        /// (Last, where the row's padding was: the row is no larger for it.)
        var shares: Int32 = -1

        /// The accelerator model's name among `models`, its batch's ``UsageRowBatch/models``; nil
        /// when the resource has no accelerators.
        func acceleratorModel(in models: [String]) -> String? {
            accelerator >= 0 ? models[Int(accelerator)] : nil
        }
    }

    /// The accelerators of one model of a row that holds several.
    struct ModelShare: Sendable, Equatable {
        /// The model's place in the batch's ``UsageRowBatch/models``.
        var accelerator: Int32
        var count: Double
        /// The model as the export names it (`a100` of Slurm's `gres/gpu:a100=4`): what the row's
        /// record and resource ids are told apart by, so they do not change with the catalogue.
        var name: String
    }

    /// The bytes of the record batch the rows come from, shared with it, not copied. Bytes are as
    /// read; whoever makes a `String` of them decodes with repair, as ``FieldText/string`` does.
    private(set) var source: RecordBytes
    /// Texts that are not in `source`, back to back.
    private(set) var own: [UInt8] = []
    private(set) var rows: [Row] = []
    /// The accelerators by model of the rows that hold several (``Row/shares``): few, as most rows
    /// hold one model or none.
    private(set) var modelShares: [[ModelShare]] = []
    /// The accelerator models that rows name by their place (``Row/accelerator``): the catalogue's
    /// ``AcceleratorCatalog/modelNames``, shared, not copied.
    let models: [String]
    /// About how many rows the batch's input holds after it, from the share of the file read so far;
    /// nil where the input's size is not known (standard input, a pipe). It lets the re-delivery
    /// check size its set of record ids once rather than grow it step by step.
    var inputRowsToCome: Int?
    /// Whether a record id is a job that may be read again for other times: a Slurm job's line, whose
    /// `End` is the time of the export while the job runs, and which `sacct --truncate` cuts at the
    /// export's window. ``UsageDeliveryCheck`` then keeps the times not read before.
    var jobsInParts = false

    /// Rows a producer may gather before handing a batch over, whatever the record batch's size.
    static let preferredCount = 16_384
    /// Copied text a batch may hold before it is handed over early, bounding the memory in flight.
    static let textLimit = 16 << 20

    /// Whether the batch has reached ``preferredCount`` rows or ``textLimit`` bytes of its own text.
    var isFull: Bool { rows.count >= Self.preferredCount || own.count >= Self.textLimit }

    /// Creates an empty batch of rows whose texts lie in `source` (a record batch's bytes) and
    /// whose accelerator indexes are places in `models`, with room for `rows` rows.
    init(source: RecordBytes = .empty, models: [String] = [], reservingCapacity rows: Int) {
        self.source = source
        self.models = models
        self.rows.reserveCapacity(rows)
    }

    /// The number of rows.
    var count: Int { rows.count }

    /// Adds `fields`. `source` is the batch's source bytes as the caller sees them: a text viewing
    /// them becomes a span of them, any other text is copied.
    mutating func append(_ fields: UsageFields, accountKnown: Bool, source: UnsafeRawBufferPointer) {
        assert(fields.acceleratorIndex.map(models.indices.contains) ?? true, "accelerator index outside the models")
        var shares: Int32 = -1
        if let split = fields.acceleratorShares, split.count > 1 {
            assert(split.allSatisfy { models.indices.contains(Int($0.accelerator)) }, "share outside the models")
            shares = Int32(modelShares.count)
            modelShares.append(split)
        }
        func keep(_ field: FieldText?) -> Span {
            if case .bytes(let bytes) = field, let start = bytes.baseAddress, let base = source.baseAddress,
                start >= base, start + bytes.count <= base + source.count
            {
                return Span(start: Int32(start - base), count: Int32(bytes.count))
            }
            return copy(field)
        }
        rows.append(
            Row(
                recordID: keep(fields.recordID), accountID: keep(fields.accountID),
                resourceID: keep(fields.resourceID), jobID: keep(fields.jobID), clusterID: keep(fields.clusterID),
                region: keep(fields.region), zone: keep(fields.zone), instanceType: keep(fields.instanceType),
                accelerator: fields.acceleratorIndex.map { Int32(truncatingIfNeeded: $0) } ?? -1, account: -1,
                acceleratorCount: fields.acceleratorCount, start: fields.start, end: fields.end,
                utilization: fields.utilization, interconnectGbps: fields.interconnectGbps,
                egressBytes: fields.egressBytes, storageWriteBytes: fields.storageWriteBytes, line: fields.line,
                accountKnown: accountKnown, uncataloguedInstanceType: fields.uncataloguedInstanceType,
                instanceTypeConflict: fields.instanceTypeConflict, shares: shares))
    }

    /// Adds `fields`, copying every text: for rows that are not views of the source bytes.
    mutating func append(_ fields: UsageFields, accountKnown: Bool) {
        append(fields, accountKnown: accountKnown, source: UnsafeRawBufferPointer(start: nil, count: 0))
    }

    /// Runs `body` with the bytes the rows' spans point into.
    func withTexts<Result>(_ body: (Texts) -> Result) -> Result {
        source.withUnsafeBytes { source in
            own.withUnsafeBytes { own in body(Texts(source: source, own: own)) }
        }
    }

    /// Runs `body` on the rows, which it may change, and the texts their spans point into; `body`
    /// returns how many rows to keep, from the first, and the rest are dropped.
    mutating func updateRows(_ body: (UnsafeMutableBufferPointer<Row>, Texts) -> Int) {
        let kept = source.withUnsafeBytes { source in
            own.withUnsafeBytes { own in
                rows.withUnsafeMutableBufferPointer { rows in body(rows, Texts(source: source, own: own)) }
            }
        }
        rows.removeLast(rows.count - kept)
    }

    /// Row `index` as a record of `String`s, for sinks that keep records.
    func record(at index: Int) -> UsageRecord {
        let row = rows[index]
        return withTexts { texts in Self.record(row, texts: texts, models: models) }
    }

    /// `row` as a ``UsageRecord``, its texts read from `texts` and its model from `models`.
    static func record(_ row: Row, texts: Texts, models: [String]) -> UsageRecord {
        func string(_ span: Span) -> String? { span.bytes(in: texts).map { String(decoding: $0, as: UTF8.self) } }
        return UsageRecord(
            recordID: string(row.recordID) ?? "", accountID: string(row.accountID) ?? "",
            resourceID: string(row.resourceID) ?? "", jobID: string(row.jobID), clusterID: string(row.clusterID),
            region: string(row.region), zone: string(row.zone), instanceType: string(row.instanceType),
            acceleratorModel: row.acceleratorModel(in: models), acceleratorCount: row.acceleratorCount,
            start: row.start, end: row.end, utilization: row.utilization, interconnectGbps: row.interconnectGbps,
            egressBytes: row.egressBytes, storageWriteBytes: row.storageWriteBytes,
            accountKnown: row.accountKnown, line: row.line)
    }

    /// Appends a copy of row `index` for the times `start` to `end`, under the record id `recordID`.
    mutating func appendCopy(of index: Int, from start: Int64, to end: Int64, recordID: String) {
        var row = rows[index]
        row.start = start
        row.end = end
        rows.append(row)
        setRecordID(of: rows.count - 1, to: recordID)
    }

    /// Makes each row that holds several accelerator models (``Row/shares``) a row per model, each
    /// with its model and count: the first in the row's place, the others after the batch's rows. Each
    /// is record `ID#MODEL` on resource `RESOURCE#MODEL` (`east:4412#a100` on `gpu[1-2]#a100`), the
    /// model as the export names it: the ids stay the same from night to night, no two rows share
    /// one, and no resource is read as metered twice for holding both models at once. The row's
    /// egress and storage writes go with its first model only, so that they are counted once.
    mutating func splitByModel() {
        guard !modelShares.isEmpty else { return }
        for index in rows.indices where rows[index].shares >= 0 {
            let base = rows[index]
            let (recordID, resourceID) = withTexts { texts in
                (
                    FieldBytes.string(base.recordID.bytes(in: texts) ?? .init(start: nil, count: 0)),
                    FieldBytes.string(base.resourceID.bytes(in: texts) ?? .init(start: nil, count: 0))
                )
            }
            for (offset, share) in modelShares[Int(base.shares)].enumerated() {
                var row = base
                row.shares = -1
                row.accelerator = share.accelerator
                row.acceleratorCount = share.count
                if offset > 0 {
                    row.egressBytes = nil
                    row.storageWriteBytes = nil
                }
                row.recordID = copy(.text(recordID + "#" + share.name))
                row.resourceID = copy(.text(resourceID + "#" + share.name))
                if offset == 0 { rows[index] = row } else { rows.append(row) }
            }
        }
        modelShares.removeAll()
    }

    /// Keeps the rows' usage before `cutoff` (ms since the epoch): a row ending after it ends at it,
    /// its egress and storage writes cut in the same proportion, and a row starting at or after it is
    /// dropped; returns how many rows were cut or dropped.
    mutating func cut(at cutoff: Int64) -> Int {
        // Most batches hold no row past the cutoff: they are only read.
        guard rows.contains(where: { $0.end > cutoff }) else { return 0 }
        var affected = 0
        updateRows { rows, _ in
            var kept = 0
            for index in rows.indices {
                var row = rows[index]
                if row.end > cutoff {
                    affected += 1
                    guard row.start < cutoff else { continue }
                    let share = Double(cutoff - row.start) / Double(row.end - row.start)
                    row.end = cutoff
                    row.egressBytes = row.egressBytes.map { $0 * share }
                    row.storageWriteBytes = row.storageWriteBytes.map { $0 * share }
                }
                rows[kept] = row
                kept += 1
            }
            return kept
        }
        return affected
    }

    /// Gives row `index` the record id `text`, copied into the batch's own texts.
    mutating func setRecordID(of index: Int, to text: String) {
        rows[index].recordID = copy(.text(text))
    }

    /// The span of `field`'s text, copied in (as ``FieldText/string`` would hold it).
    private mutating func copy(_ field: FieldText?) -> Span {
        guard let field else { return .none }
        return field.withBytes { bytes in
            let start = own.count
            own.append(contentsOf: bytes)
            return Span(start: ~Int32(start), count: Int32(bytes.count))
        }
    }
}
