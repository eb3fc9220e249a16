/// Checked usage rows as plain values over text the batch owns: how usage crosses to the
/// detection-state thread with no `String`, reference or allocation per row.
///
/// A row is ``UsageFields`` with each text as a span of ``text``; copying a row copies a few
/// dozen words and touches no reference count.
struct UsageRowBatch: Sendable {
    /// Where a text is in the batch's ``text``; a `count` of -1 is no text.
    struct Span: Sendable {
        var start: Int32
        var count: Int32

        static let none = Span(start: 0, count: -1)

        /// The span's bytes within `text`, nil when there is no text.
        @inline(__always)
        func bytes(in text: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
            guard count >= 0 else { return nil }
            return UnsafeRawBufferPointer(rebasing: text[Int(start)..<Int(start + count)])
        }
    }

    /// One checked usage row.
    struct Row: Sendable {
        var recordID: Span
        var accountID: Span
        var resourceID: Span
        var jobID: Span
        var clusterID: Span
        var region: Span
        var zone: Span
        var instanceType: Span
        /// The catalogue's canonical accelerator model, when the resource has accelerators.
        var acceleratorModel: Span
        var acceleratorCount: Double
        var start: Int64
        var end: Int64
        var utilization: Double?
        var interconnectGbps: Double?
        var egressBytes: Double?
        var storageWriteBytes: Double?
        var line: Int
        var accountKnown: Bool
    }

    /// The rows' texts: each row's source bytes copied in one piece, and texts from elsewhere after.
    /// Bytes are as read; whoever makes a `String` of them decodes with repair, as
    /// ``FieldText/string`` does.
    private(set) var text: [UInt8] = []
    private(set) var rows: [Row] = []

    /// Rows a producer gathers before handing a batch over.
    static let preferredCount = 4_096
    /// Text a batch may hold before it is handed over early, bounding the memory in flight.
    static let textLimit = 16 << 20

    /// Whether the batch has reached ``preferredCount`` rows or ``textLimit`` bytes of text.
    var isFull: Bool { rows.count >= Self.preferredCount || text.count >= Self.textLimit }

    /// Creates an empty batch with room for `rows` rows.
    init(reservingCapacity rows: Int) {
        self.rows.reserveCapacity(rows)
        text.reserveCapacity(rows * 128)
    }

    /// The number of rows.
    var count: Int { rows.count }

    /// Bytes of text held.
    var textBytes: Int { text.count }

    /// Copies `fields` in.
    mutating func append(_ fields: UsageFields, accountKnown: Bool) {
        // The row's bytes go in one copy; a text view into them becomes a span of that copy.
        var row = UnsafeRawBufferPointer(start: nil, count: 0)
        var rowStart = 0
        if let source = fields.rowBytes {
            row = source
            rowStart = text.count
            text.append(contentsOf: source)
        }
        func keep(_ field: FieldText?) -> Span {
            if case .bytes(let bytes) = field, let start = bytes.baseAddress, let rowBase = row.baseAddress,
                start >= rowBase, start + bytes.count <= rowBase + row.count
            {
                return Span(start: Int32(rowStart + (start - rowBase)), count: Int32(bytes.count))
            }
            return copy(field)
        }
        rows.append(
            Row(
                recordID: keep(fields.recordID), accountID: keep(fields.accountID),
                resourceID: keep(fields.resourceID), jobID: keep(fields.jobID), clusterID: keep(fields.clusterID),
                region: keep(fields.region), zone: keep(fields.zone), instanceType: keep(fields.instanceType),
                acceleratorModel: fields.acceleratorModel.map { copy(.text($0)) } ?? .none,
                acceleratorCount: fields.acceleratorCount, start: fields.start, end: fields.end,
                utilization: fields.utilization, interconnectGbps: fields.interconnectGbps,
                egressBytes: fields.egressBytes, storageWriteBytes: fields.storageWriteBytes, line: fields.line,
                accountKnown: accountKnown))
    }

    /// Row `index` as a record of `String`s, for sinks that keep records.
    func record(at index: Int) -> UsageRecord {
        let row = rows[index]
        return text.withUnsafeBytes { text in
            func string(_ span: Span) -> String? { span.bytes(in: text).map { String(decoding: $0, as: UTF8.self) } }
            return UsageRecord(
                recordID: string(row.recordID) ?? "", accountID: string(row.accountID) ?? "",
                resourceID: string(row.resourceID) ?? "", jobID: string(row.jobID), clusterID: string(row.clusterID),
                region: string(row.region), zone: string(row.zone), instanceType: string(row.instanceType),
                acceleratorModel: string(row.acceleratorModel), acceleratorCount: row.acceleratorCount,
                start: row.start, end: row.end, utilization: row.utilization, interconnectGbps: row.interconnectGbps,
                egressBytes: row.egressBytes, storageWriteBytes: row.storageWriteBytes,
                accountKnown: row.accountKnown, line: row.line)
        }
    }

    /// The span of `field`'s text, copied in (as ``FieldText/string`` would hold it).
    private mutating func copy(_ field: FieldText?) -> Span {
        guard let field else { return .none }
        return field.withBytes { bytes in
            let start = text.count
            text.append(contentsOf: bytes)
            return Span(start: Int32(start), count: Int32(bytes.count))
        }
    }
}
