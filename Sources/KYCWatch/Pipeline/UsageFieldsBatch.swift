/// Checked usage rows with their text copied into one byte buffer: how ``UsageFields`` cross to
/// another thread without a `String` per field.
struct UsageFieldsBatch: Sendable {
    /// Where a text is in `text`; a negative count is a missing (nil) value.
    private struct Span: Sendable {
        var start: Int32
        var count: Int32
    }

    /// One row: its spans and figures.
    private struct Row: Sendable {
        var recordID: Span
        var accountID: Span
        var resourceID: Span
        var jobID: Span
        var clusterID: Span
        var region: Span
        var zone: Span
        var instanceType: Span
        var acceleratorModel: String?
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

    private var text: [UInt8] = []
    private var rows: [Row] = []

    /// Creates an empty batch with room for `rows` rows.
    init(reservingCapacity rows: Int) {
        self.rows.reserveCapacity(rows)
        text.reserveCapacity(rows * 64)
    }

    /// The number of rows.
    var count: Int { rows.count }

    /// Bytes of text held.
    var textBytes: Int { text.count }

    /// Copies `fields` in.
    mutating func append(_ fields: UsageFields, accountKnown: Bool) {
        rows.append(
            Row(
                recordID: copy(fields.recordID), accountID: copy(fields.accountID),
                resourceID: copy(fields.resourceID), jobID: copy(fields.jobID), clusterID: copy(fields.clusterID),
                region: copy(fields.region), zone: copy(fields.zone), instanceType: copy(fields.instanceType),
                acceleratorModel: fields.acceleratorModel, acceleratorCount: fields.acceleratorCount,
                start: fields.start, end: fields.end, utilization: fields.utilization,
                interconnectGbps: fields.interconnectGbps, egressBytes: fields.egressBytes,
                storageWriteBytes: fields.storageWriteBytes, line: fields.line, accountKnown: accountKnown))
    }

    /// Calls `body` with every row in order, its text borrowed from the batch for the call.
    func forEach<Failure: Error>(_ body: (UsageFields, _ accountKnown: Bool) throws(Failure) -> Void)
        throws(Failure)
    {
        let outcome: Result<Void, Failure> = text.withUnsafeBytes { text in
            func view(_ span: Span) -> FieldText? {
                span.count < 0
                    ? nil
                    : .bytes(UnsafeRawBufferPointer(rebasing: text[Int(span.start)..<Int(span.start + span.count)]))
            }
            for row in rows {
                let fields = UsageFields(
                    recordID: view(row.recordID)!, accountID: view(row.accountID)!, resourceID: view(row.resourceID)!,
                    jobID: view(row.jobID), clusterID: view(row.clusterID), region: view(row.region),
                    zone: view(row.zone), instanceType: view(row.instanceType), acceleratorModel: row.acceleratorModel,
                    acceleratorCount: row.acceleratorCount, start: row.start, end: row.end,
                    utilization: row.utilization, interconnectGbps: row.interconnectGbps, egressBytes: row.egressBytes,
                    storageWriteBytes: row.storageWriteBytes, line: row.line)
                do throws(Failure) {
                    try body(fields, row.accountKnown)
                } catch {
                    return .failure(error)
                }
            }
            return .success(())
        }
        try outcome.get()
    }

    private mutating func copy(_ field: FieldText?) -> Span {
        guard let field else { return Span(start: 0, count: -1) }
        let start = text.count
        switch field {
        case .bytes(let bytes): text.append(contentsOf: bytes)
        case .text(let string): text.append(contentsOf: string.utf8)
        }
        return Span(start: Int32(start), count: Int32(text.count - start))
    }

    private mutating func copy(_ field: FieldText) -> Span {
        copy(Optional(field))
    }
}
