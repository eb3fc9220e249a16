/// Normalizes one input file: reads its batches, maps and checks each row, writes accepted records
/// and quarantined rows, and counts everything for the manifest.
struct InputProcessor {
    let specification: InputSpecification
    let path: String
    /// What the manifest, the rejects and messages call the file (``PipelineConfiguration/inputLabels``).
    var label: String
    /// The input's place among the stage's inputs (one number per input of a stage), for counts
    /// found after its rows were read.
    var ordinal = 0
    let catalogs: ReferenceCatalogs
    /// Where accepted records go; nil when only checking (validate).
    let sink: (any RecordSink)?
    /// Where quarantined rows go; nil when only checking.
    let rejects: CSVWriter?
    /// Stop after this many data rows (validate tries a sample).
    var rowLimit = Int.max
    /// Access events at or after this instant (ms), the end of the night's run date, are counted and
    /// flagged but not handed to the sink: a night rerun on later exports sees what it could have known.
    var accessCutoff: Int64?
    /// Whether rows were left untried after a sample (`rowLimit`) stopped before the file's end.
    private(set) var rowsLeftUntried = false
    /// The decompression-bomb guard for the file (``PipelineConfiguration/decompressionLimits``).
    var limits = DecompressionLimits.default
    /// Hears rows and stored bytes read so far after each batch, for a progress display.
    var onBatch: ((_ rows: Int, _ storedBytes: Int) -> Void)?
    /// The first message seen for each reject reason, for people.
    private(set) var examples: [String: String] = [:]
    /// Of an accounts export: its rows rejected by the account they name, the first per account
    /// (``StageManifest/Input/rejectedAccounts``).
    private(set) var rejectedAccounts: [RejectedAccountRow] = []
    private(set) var accountsRejected: Set<String> = []

    mutating func run(state: inout NormalizeState) throws(KYCWatchError) -> StageManifest.Input {
        if let missing = specification.missingGlobError(path: path, label: label) { throw missing }
        let layout = specification.layout
        let delimiter = specification.delimiter ?? layout.delimiter
        let options = CSVOptions(delimiter: delimiter, quote: layout.quote, mode: .lenient)
        // A whole file is read on a second thread, a few batches ahead; a sample (validate) is read
        // here, so that it stops exactly where the sample does.
        let input =
            try rowLimit == Int.max
            ? BatchInput(readingAhead: path, options: options, limits: limits) : BatchInput(path, options, limits)
        let mapping = try ColumnMapping(specification: specification, header: input.header, file: label)
        let timestamps: TimestampParser
        do {
            timestamps = try TimestampParser(naiveTimeZone: specification.timeZone)
        } catch {
            throw KYCWatchError(
                .invalidConfiguration, "time_zone '\(specification.timeZone)' is not UTC, an offset or a zone name",
                at: SourceLocation(file: label))
        }
        var counts = Counts()
        let accounts = AccountNormalizer(timestamps: timestamps, countries: catalogs.countries)
        var usage = UsageNormalizer(layout: layout, timestamps: timestamps, accelerators: catalogs.accelerators)
        let access = AccessNormalizer(timestamps: timestamps)
        let models = catalogs.accelerators.modelNames
        // Usage rows are gathered as read and checked a batch at a time (re-deliveries, unknown
        // accounts): here, or by a sink that does it itself.
        var usageRows = UsageRowBatch(reservingCapacity: 0)
        var timestampWriter = TimestampWriter()
        let lookups = LookupColumns(specification.kind)
        // A Slurm job's line may be read again for other times (``UsageRowBatch/jobsInParts``).
        let jobsInParts = layout == .slurm
        while counts.rowsIn < rowLimit, let batch = try input.nextBatch() {
            // A sample (`validate --sample`) is the first rows in line order, malformed ones included:
            // the batch is cut at the line of its last row in the sample.
            var lastLine = Int.max
            if rowLimit != Int.max {
                let lines = (batch.lines + batch.malformed.map(\.line)).sorted()
                let remaining = rowLimit - counts.rowsIn
                if remaining < lines.count { lastLine = remaining > 0 ? lines[remaining - 1] : 0 }
            }
            let records = lastLine == Int.max ? batch.count : batch.lines.prefix { $0 <= lastLine }.count
            if records < batch.count || batch.malformed.contains(where: { $0.line > lastLine }) {
                rowsLeftUntried = true
            }
            for row in batch.malformed where row.line <= lastLine {
                // In a sample, the lines a quote left open swallowed count up to the sample's end only.
                let rows =
                    rowLimit == Int.max
                    ? row.lines
                    : min(row.lines, max(1, rowLimit - counts.rowsIn - batch.lines.prefix { $0 < row.line }.count))
                let oversized = row.fault == .tooLarge
                let reason: RejectReason = oversized ? .oversizedRow : .malformedCSV
                let column = row.field.flatMap { mapping.columnName(ofField: $0, header: input.header) }
                let message = "line \(row.errorLine), column \(row.column): \(row.message)"
                // Like a row too long to keep, one the reader could not hold keeps 1 KiB of its text.
                let raw = oversized && row.raw.count > 1_024 ? row.raw.prefix(1_024) + Array("…".utf8) : row.raw
                try reject(
                    line: row.line, column: column, reason: reason, message: message,
                    raw: String(decoding: raw, as: UTF8.self), rows: rows, unread: true, counts: &counts)
                noteRejectedAccount(
                    Self.accountID(of: row, mapping: mapping), line: row.line, column: column, reason: reason,
                    message: message)
            }
            // The rows kept share the batch's bytes: their texts are not copied.
            if specification.kind == .usage {
                usageRows = UsageRowBatch(source: batch.bytes, models: models, reservingCapacity: batch.count)
                usageRows.jobsInParts = jobsInParts
            }
            let outcome: Result<Void, KYCWatchError> = batch.bytes.withUnsafeBytes { bytes in
                Result { () throws(KYCWatchError) in
                    // One row view per batch, moved along: a view per record would retain the batch's arrays.
                    var row = SourceRow(
                        bytes: bytes, batch: batch, record: 0, mapping: mapping, nullIsEmpty: layout == .focus)
                    for record in 0..<records {
                        if let lookups, record % Self.lookAhead == 0 {
                            touchLookups(
                                lookups, of: &row, records: record..<min(batch.count, record + Self.lookAhead),
                                state: &state)
                        }
                        counts.rowsIn += 1
                        row.record = record
                        // Before the ragged check: a ragged row of megabytes must not carry them either.
                        // Its text as written: the fields and the delimiters between them.
                        let written = batch.byteCount(of: record) + batch.fieldCount(of: record) - 1
                        if written > Self.longestRow {
                            // The raw text is cut too: the rejects file must not carry the megabytes.
                            try reject(
                                line: row.line, column: nil, reason: .oversizedRow,
                                message:
                                    "\(written) bytes in \(batch.fieldCount(of: record)) fields, more than any row "
                                    + "of an export (\(Self.longestRow)): binary data or a value run away",
                                raw: row.rawText(delimiter: delimiter, quote: layout.quote, limit: 1_024) + "…",
                                counts: &counts)
                            continue
                        }
                        if batch.fieldCount(of: record) != mapping.width {
                            let rejection = RowRejection(
                                .raggedRow, column: nil,
                                "\(batch.fieldCount(of: record)) fields where the header has \(mapping.width)")
                            try reject(row: row, rejection, delimiter: delimiter, counts: &counts)
                            // By the field where the header has account_id, when the row has one there.
                            noteRejectedAccount(row, rejection)
                            continue
                        }
                        if let (column, reason) = row.columnWithInvalidText() {
                            let rejection = RowRejection(
                                reason, column: column,
                                reason == .nulByte
                                    ? "\(column) holds a NUL byte, which no text export holds: binary data in the export, "
                                        + "or an export written in UTF-16 (convert it: iconv -f utf-16 -t utf-8)"
                                    : "\(column) is not valid UTF-8: convert the export to UTF-8 (e.g. iconv -f latin1 -t utf-8)"
                            )
                            try reject(row: row, rejection, delimiter: delimiter, counts: &counts)
                            if column != "account_id" { noteRejectedAccount(row, rejection) }
                            continue
                        }
                        do {
                            switch specification.kind {
                            case .accounts:
                                let account = try accounts.normalize(row)
                                let fields = CanonicalRow.fields(account)
                                let digest = NormalizeState.digest(of: fields)
                                if let seen = state.insertAccount(account.accountID, digest: digest) {
                                    guard seen == digest else {
                                        throw RowRejection(
                                            .duplicateAccount, column: "account_id",
                                            "account_id \(account.accountID) appears again with different details")
                                    }
                                    counts.deduplicated += 1
                                    continue
                                }
                                try sink?.accept(account, fields: fields)
                            case .usage:
                                // Counted as accepted until the check of its batch says otherwise
                                // (``UsageDeliveryCheck/Tally/apply(to:)``).
                                usageRows.append(try usage.normalize(row), accountKnown: false, source: bytes)
                                if usageRows.isFull {
                                    var next = UsageRowBatch(
                                        source: batch.bytes, models: models,
                                        reservingCapacity: UsageRowBatch.preferredCount)
                                    next.jobsInParts = jobsInParts
                                    try deliver(
                                        &usageRows, next: next,
                                        rowsToCome: input.rowsToCome(after: counts.rowsIn),
                                        state: &state, timestamps: &timestampWriter)
                                }
                            case .access:
                                var record = try access.normalize(row)
                                guard try isFirstDelivery(of: record, in: &state.accessEventHashes, counts: &counts)
                                else { continue }
                                if let accessCutoff, record.timestamp >= accessCutoff {
                                    counts.flagged[UsageDeliveryCheck.afterRunDateFlag, default: 0] += 1
                                    counts.accepted += 1
                                    continue
                                }
                                record.accountKnown = isKnown(.text(record.accountID), state: state, counts: &counts)
                                try sink?.accept(record)
                            }
                            counts.accepted += 1
                        } catch let rejection as RowRejection {
                            try reject(row: row, rejection, delimiter: delimiter, counts: &counts)
                            noteRejectedAccount(row, rejection)
                        } catch let error as KYCWatchError {
                            throw error
                        } catch {
                            throw KYCWatchError(.internalError, "\(error)", at: SourceLocation(file: label))
                        }
                    }
                }
            }
            try outcome.get()
            if usageRows.count > 0 {
                try deliver(
                    &usageRows, next: UsageRowBatch(reservingCapacity: 0),
                    rowsToCome: input.rowsToCome(after: counts.rowsIn),
                    state: &state, timestamps: &timestampWriter)
            }
            onBatch?(counts.rowsIn, input.storedBytesRead)
        }
        if rowLimit != Int.max, counts.rowsIn >= rowLimit, !rowsLeftUntried {
            // The sample ended with a batch: whether the file goes on is known only by reading on.
            do { rowsLeftUntried = try input.nextBatch() != nil } catch { rowsLeftUntried = true }
        }
        let read = input.summary()
        var summary = StageManifest.Input(
            path: label, kind: specification.kind.rawValue, format: layout.rawValue,
            sha256: read.storedSHA256, bytes: read.storedBytes,
            uncompressedBytes: read.uncompressedBytes, rowsIn: counts.rowsIn, rowsAccepted: counts.accepted,
            rowsRejected: counts.rejected, rowsDeduplicated: counts.deduplicated, rowsSkipped: counts.skipped,
            rejectedByReason: counts.byReason, skippedByReason: counts.skippedByReason, flagged: counts.flagged)
        // Accounts a later row of the file brought after all have their record.
        let unread = rejectedAccounts.filter { !state.knowsAccount(.text($0.accountID)) }
        if !unread.isEmpty { summary.rejectedAccounts = unread }
        if specification.kind == .usage, !mapping.maps("job_id"), !mapping.maps("cluster_id") {
            summary.noJobOrClusterId = true
        }
        // What the check of the usage rows found here; a sink's own check is applied by its caller.
        if let tally = state.usageDeliveries.tallies[ordinal] {
            tally.apply(to: &summary)
            try tally.writeConflicts(to: rejects, file: label, layout: layout.rawValue)
        }
        return summary
    }

    /// About how many rows a file of `size` stored bytes holds after the first `rows`, which took
    /// `bytes` of them; nil when the size is unknown or nothing has been read yet.
    ///
    /// Exports are rows of one kind from start to end, so the share of bytes read is close to the
    /// share of rows read once a few batches are in.
    static func rowsToCome(after rows: Int, bytes: Int, of size: Int?) -> Int? {
        guard let size, rows > 0, bytes > 0 else { return nil }
        guard size > bytes else { return 0 }
        // Capped far below Int.max: a first batch that compressed extremely well must not trap.
        return Int(min(1e15, (Double(rows) * Double(size - bytes) / Double(bytes)).rounded()))
    }

    /// Hands the gathered `rows` to a sink that checks them itself, or checks them here
    /// (re-deliveries dropped, accounts marked) and writes or hands over the rows kept; `next`
    /// takes their place; `rowsToCome` is the estimate of the input's rows after them
    /// (``UsageRowBatch/inputRowsToCome``).
    ///
    /// The rows move out rather than being copied: a check that changes rows still shared with
    /// `rows` would copy all of them first.
    private func deliver(
        _ gathered: inout UsageRowBatch, next: UsageRowBatch, rowsToCome: Int?, state: inout NormalizeState,
        timestamps: inout TimestampWriter
    ) throws(KYCWatchError) {
        var rows = next
        swap(&rows, &gathered)
        rows.inputRowsToCome = rowsToCome
        if let deliverySink = sink as? any UsageDeliverySink {
            try deliverySink.accept(deliveries: consume rows, input: ordinal, accounts: state.accounts)
            return
        }
        state.usageDeliveries.check(&rows, input: ordinal, accounts: state.accounts)
        if let usageWriter = (sink as? CanonicalFileSink)?.usageWriter {
            let written: Result<Void, KYCWatchError> = rows.withTexts { texts in
                Result { () throws(KYCWatchError) in
                    for row in rows.rows {
                        try CanonicalRow.write(
                            row, texts: texts, models: rows.models, to: usageWriter, timestamps: &timestamps)
                    }
                }
            }
            try written.get()
        } else if let sink {
            for index in 0..<rows.count { try sink.accept(rows.record(at: index)) }
        }
    }

    /// The columns whose values are looked up in tables that outgrow the cache: the id that
    /// de-duplicates a row and its account (access rows; usage rows are checked a batch at a time).
    private struct LookupColumns {
        let id: Int
        let account: Int

        init?(_ kind: ExportKind) {
            guard kind == .access, let id = kind.ordinal(of: "event_id"), let account = kind.ordinal(of: "account_id")
            else { return nil }
            self.id = id
            self.account = account
        }
    }

    /// Rows whose lookups are read ahead at a time: enough for the misses to overlap, few enough
    /// that what was read is still in cache when the rows get to it.
    private static let lookAhead = 256
    /// The longest row taken, in bytes of its fields: far past a row of any export (an account with
    /// a dozen owners is a few kilobytes).
    static let longestRow = 64 << 10

    /// Reads ahead the slots that de-duplicating and checking the account of each row will probe, so
    /// the cache misses overlap instead of costing a trip to memory one row at a time.
    private func touchLookups(
        _ columns: LookupColumns, of row: inout SourceRow, records: Range<Int>, state: inout NormalizeState
    ) {
        state.touchAccessLookups(count: records.count) { index in
            row.record = records.lowerBound + index
            return (row.field(columns.id), row.field(columns.account))
        }
    }

    /// Whether the access event `record` is seen for the first time. A repeat of its id with the same
    /// event (``AccessNormalizer/digest(of:)``) is a re-delivery, counted as deduplicated; one with
    /// another event is rejected as a conflicting delivery, the first kept.
    @inline(__always)
    private func isFirstDelivery(of record: AccessRecord, in seen: inout FingerprintSet, counts: inout Counts)
        throws(RowRejection) -> Bool
    {
        let fingerprint = FieldBytes.withBytes(of: record.eventID) { NormalizeState.fingerprint($0) }
        switch seen.insert(fingerprint, digest: AccessNormalizer.digest(of: record)) {
        case .inserted:
            return true
        case .repeated:
            counts.deduplicated += 1
            return false
        case .conflicting:
            throw RowRejection(
                .conflictingDelivery, column: "event_id",
                "event_id \(record.eventID) was delivered before as another event (account, timestamp, source_ip, "
                    + "action or count): not a re-delivery of the same event, so it is set aside and the first "
                    + "delivery kept")
        }
    }

    /// Whether the accounts export has `account`; an unknown one is kept and counted as flagged.
    @inline(__always)
    private func isKnown(_ account: FieldText, state: NormalizeState, counts: inout Counts) -> Bool {
        let known = state.knowsAccount(account)
        if !known { counts.flagged["unknown-account", default: 0] += 1 }
        return known
    }

    /// Keeps `rejection` of an accounts export's `row` by the account the row names, the first per
    /// account; a repeated account id (`duplicate-account`) has its record already.
    private mutating func noteRejectedAccount(_ row: SourceRow, _ rejection: RowRejection) {
        guard specification.kind == .accounts, rejection.reason != .duplicateAccount,
            let ordinal = ExportKind.accounts.ordinal(of: "account_id")
        else { return }
        let source = rejection.column.flatMap { row.mapping.sourceNames[$0] }
        noteRejectedAccount(
            row.text(ordinal), line: row.line, column: rejection.column, reason: rejection.reason,
            message: rejection.message + (source.map { " (column '\($0)' of the file)" } ?? ""))
    }

    /// Keeps the reject of an accounts export's row on `line` by `account`, the id the row names (nil
    /// when it names none that can be read), the first per account.
    private mutating func noteRejectedAccount(
        _ account: String?, line: Int, column: String?, reason: RejectReason, message: String
    ) {
        // The id as an accepted row's would be read: ` A2 ` is the account `A2`.
        guard specification.kind == .accounts, let account = account.map(FieldText.trimmedIdentifier),
            !FieldBytes.isBlank(account), accountsRejected.insert(account).inserted
        else { return }
        rejectedAccounts.append(
            RejectedAccountRow(
                accountID: account, file: label, line: line, column: column, reason: reason, message: message))
    }

    /// The account id a malformed accounts row names, when it can be read reliably: the field where the
    /// header has account_id, read whole before the row's quoting went wrong (``MalformedRow/leadingFields``).
    private static func accountID(of row: MalformedRow, mapping: ColumnMapping) -> String? {
        guard mapping.kind == .accounts, let ordinal = ExportKind.accounts.ordinal(of: "account_id"),
            case .field(let index, _) = mapping.sources[ordinal], index < row.leadingFields.count
        else { return nil }
        return row.leadingFields[index]
    }

    private mutating func reject(row: SourceRow, _ rejection: RowRejection, delimiter: UInt8, counts: inout Counts)
        throws(KYCWatchError)
    {
        if rejection.reason.skipsRow {
            // Not usage by design (a credit line, a job step, a line beside an instance's own): counted,
            // neither a fault nor a reject.
            counts.skipped += 1
            counts.skippedByReason[rejection.reason.code, default: 0] += 1
            return
        }
        // A column the file calls otherwise is named as the file calls it, for whoever fixes the export.
        let source = rejection.column.flatMap { row.mapping.sourceNames[$0] }
        try reject(
            line: row.line, column: rejection.column, reason: rejection.reason,
            message: rejection.message + (source.map { " (column '\($0)' of the file)" } ?? ""),
            raw: row.rawText(delimiter: delimiter, quote: specification.layout.quote), counts: &counts)
    }

    /// Writes one reject for `rows` rows: more than one only for a malformed row that took the
    /// lines after it (``MalformedRow/lines``). `unread` rows, which the reader set aside, are counted
    /// in here, the others where they were read.
    private mutating func reject(
        line: Int, column: String?, reason: RejectReason, message: String, raw: String, rows: Int = 1,
        unread: Bool = false, counts: inout Counts
    ) throws(KYCWatchError) {
        if unread { counts.rowsIn += rows }
        counts.rejected += rows
        counts.byReason[reason.code, default: 0] += rows
        // A malformed row's message already says where it is.
        if examples[reason.code] == nil {
            examples[reason.code] = message.hasPrefix("line ") ? message : "line \(line): \(message)"
        }
        try rejects?.writeRow([label, String(line), column ?? "", reason.code, message, raw])
    }

    /// Where batches come from: a reader thread running ahead, or the file read on this thread.
    private struct BatchInput {
        let header: [String]
        private let readAhead: ReadAheadCSVReader?
        private let reader: CSVReader?
        /// The file's stored size, nil when it is not a regular file.
        private let storedSize: Int?

        init(readingAhead path: String, options: CSVOptions, limits: DecompressionLimits) throws(KYCWatchError) {
            let readAhead = try ReadAheadCSVReader(path: path, options: options, limits: limits)
            header = readAhead.header
            self.readAhead = readAhead
            reader = nil
            storedSize = FileInput.size(of: path)
        }

        init(_ path: String, _ options: CSVOptions, _ limits: DecompressionLimits) throws(KYCWatchError) {
            let reader = try CSVReader(path: path, options: options, limits: limits)
            header = reader.header
            self.reader = reader
            readAhead = nil
            storedSize = FileInput.size(of: path)
        }

        func nextBatch() throws(KYCWatchError) -> RecordBatch? {
            if let readAhead { return try readAhead.nextBatch() }
            return try reader?.nextBatch()
        }

        /// Stored (compressed) bytes read so far, for progress.
        var storedBytesRead: Int { readAhead?.storedBytesRead ?? reader?.source.storedBytesRead ?? 0 }

        /// About how many rows the file holds after the first `rows`
        /// (``InputProcessor/rowsToCome(after:bytes:of:)``).
        func rowsToCome(after rows: Int) -> Int? {
            InputProcessor.rowsToCome(after: rows, bytes: storedBytesRead, of: storedSize)
        }

        /// The digest and sizes of what was read: the whole file, or up to where a sample stopped.
        func summary() -> ReadAheadCSVReader.Summary {
            if let summary = readAhead?.summary { return summary }
            guard let source = reader?.source else {
                return ReadAheadCSVReader.Summary(storedSHA256: "", storedBytes: 0, uncompressedBytes: 0)
            }
            return ReadAheadCSVReader.Summary(
                storedSHA256: source.storedSHA256(), storedBytes: source.storedBytesRead,
                uncompressedBytes: source.bytesProduced)
        }
    }

    struct Counts {
        var rowsIn = 0
        var accepted = 0
        var rejected = 0
        var deduplicated = 0
        var skipped = 0
        var byReason: [String: Int] = [:]
        var skippedByReason: [String: Int] = [:]
        var flagged: [String: Int] = [:]
    }
}
