/// Normalizes one input file: reads its batches, maps and checks each row, writes accepted records
/// and quarantined rows, and counts everything for the manifest.
struct InputProcessor {
    let specification: InputSpecification
    let path: String
    let catalogs: ReferenceCatalogs
    /// Where accepted records go; nil when only checking (validate).
    let sink: (any RecordSink)?
    /// Where quarantined rows go; nil when only checking.
    let rejects: CSVWriter?
    /// Stop after this many data rows (validate tries a sample).
    var rowLimit = Int.max
    /// Hears rows and stored bytes read so far after each batch, for a progress display.
    var onBatch: ((_ rows: Int, _ storedBytes: Int) -> Void)?
    /// The first message seen for each reject reason, for people.
    private(set) var examples: [String: String] = [:]

    mutating func run(state: inout NormalizeState) throws(KYCWatchError) -> StageManifest.Input {
        let layout = specification.layout
        let delimiter = specification.delimiter ?? layout.delimiter
        let reader = try CSVReader(path: path, options: CSVOptions(delimiter: delimiter, mode: .lenient))
        let mapping = try ColumnMapping(specification: specification, header: reader.header, file: path)
        let timestamps: TimestampParser
        do {
            timestamps = try TimestampParser(naiveTimeZone: specification.timeZone)
        } catch {
            throw KYCWatchError(
                .invalidConfiguration, "time_zone '\(specification.timeZone)' is not UTC, an offset or a zone name",
                at: SourceLocation(file: path))
        }
        var counts = Counts()
        let accounts = AccountNormalizer(timestamps: timestamps, countries: catalogs.countries)
        let usage = UsageNormalizer(layout: layout, timestamps: timestamps, accelerators: catalogs.accelerators)
        let access = AccessNormalizer(timestamps: timestamps)
        while counts.rowsIn < rowLimit, let batch = try reader.nextBatch() {
            for row in batch.malformed {
                try reject(
                    line: row.line, column: nil, reason: .malformedCSV,
                    message: "line \(row.errorLine), column \(row.column): \(row.message)",
                    raw: String(decoding: row.raw, as: UTF8.self), counts: &counts)
            }
            let outcome: Result<Void, KYCWatchError> = batch.bytes.withUnsafeBytes { bytes in
                Result { () throws(KYCWatchError) in
                    for record in 0..<batch.count {
                        counts.rowsIn += 1
                        let row = SourceRow(
                            bytes: bytes, batch: batch, record: record, mapping: mapping, nullIsEmpty: layout == .focus)
                        if batch.fieldCount(of: record) != mapping.width {
                            try reject(
                                row: row,
                                RowRejection(
                                    .raggedRow, column: nil,
                                    "\(batch.fieldCount(of: record)) fields where the header has \(mapping.width)"),
                                delimiter: delimiter, counts: &counts)
                            continue
                        }
                        do {
                            switch specification.kind {
                            case .accounts:
                                let account = try accounts.normalize(row)
                                let fields = CanonicalRow.fields(account)
                                let digest = NormalizeState.hash(fields.joined(separator: "\u{1F}"))
                                if let seen = state.accountRowHashes[account.accountID] {
                                    guard seen == digest else {
                                        throw RowRejection(
                                            .duplicateAccount, column: "account_id",
                                            "account_id \(account.accountID) appears again with different details")
                                    }
                                    counts.deduplicated += 1
                                    continue
                                }
                                state.accountRowHashes[account.accountID] = digest
                                state.accountIDs.insert(account.accountID)
                                try sink?.accept(account, fields: fields)
                            case .usage:
                                var record = try usage.normalize(row)
                                guard isFirstDelivery(record.recordID, in: &state.usageRecordHashes, counts: &counts)
                                else { continue }
                                record.accountKnown = isKnown(record.accountID, state: state, counts: &counts)
                                try sink?.accept(record)
                            case .access:
                                var record = try access.normalize(row)
                                guard isFirstDelivery(record.eventID, in: &state.accessEventHashes, counts: &counts)
                                else { continue }
                                record.accountKnown = isKnown(record.accountID, state: state, counts: &counts)
                                try sink?.accept(record)
                            }
                            counts.accepted += 1
                        } catch let rejection as RowRejection {
                            try reject(row: row, rejection, delimiter: delimiter, counts: &counts)
                        } catch let error as KYCWatchError {
                            throw error
                        } catch {
                            throw KYCWatchError(.internalError, "\(error)", at: SourceLocation(file: path))
                        }
                    }
                }
            }
            try outcome.get()
            onBatch?(counts.rowsIn, reader.source.storedBytesRead)
        }
        return StageManifest.Input(
            path: path, kind: specification.kind.rawValue, format: layout.rawValue,
            sha256: reader.source.storedSHA256(), bytes: reader.source.storedBytesRead,
            uncompressedBytes: reader.source.bytesProduced, rowsIn: counts.rowsIn, rowsAccepted: counts.accepted,
            rowsRejected: counts.rejected, rowsDeduplicated: counts.deduplicated, rejectedByReason: counts.byReason,
            flagged: counts.flagged)
    }

    /// Whether `id` is seen for the first time; a repeat is a re-delivery, counted as deduplicated.
    private func isFirstDelivery(_ id: String, in seen: inout Set<UInt64>, counts: inout Counts) -> Bool {
        guard seen.insert(NormalizeState.hash(id)).inserted else {
            counts.deduplicated += 1
            return false
        }
        return true
    }

    /// Whether the accounts export has `account`; an unknown one is kept and counted as flagged.
    private func isKnown(_ account: String, state: NormalizeState, counts: inout Counts) -> Bool {
        let known = state.accountIDs.contains(account)
        if !known { counts.flagged["unknown-account", default: 0] += 1 }
        return known
    }

    private mutating func reject(row: SourceRow, _ rejection: RowRejection, delimiter: UInt8, counts: inout Counts)
        throws(KYCWatchError)
    {
        try reject(
            line: row.batch.lines[row.record], column: rejection.column, reason: rejection.reason,
            message: rejection.message, raw: row.rawText(delimiter: delimiter), counts: &counts)
    }

    private mutating func reject(
        line: Int, column: String?, reason: RejectReason, message: String, raw: String, counts: inout Counts
    ) throws(KYCWatchError) {
        if reason == .malformedCSV { counts.rowsIn += 1 }
        counts.rejected += 1
        counts.byReason[reason.code, default: 0] += 1
        if examples[reason.code] == nil { examples[reason.code] = "line \(line): \(message)" }
        try rejects?.writeRow([path, String(line), column ?? "", reason.code, message, raw])
    }

    struct Counts {
        var rowsIn = 0
        var accepted = 0
        var rejected = 0
        var deduplicated = 0
        var byReason: [String: Int] = [:]
        var flagged: [String: Int] = [:]
    }
}
