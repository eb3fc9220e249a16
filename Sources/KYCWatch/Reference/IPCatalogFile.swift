/// A CSV file of an IP catalogue, read row by row as field bytes.
///
/// GeoLite2 blocks files run to hundreds of thousands of rows, so fields are read in place from each record
/// batch instead of as strings. Every row must have as many fields as the header; errors name the file, line and
/// column.
struct IPCatalogFile {
    /// One data row, valid only inside the ``forEachRow(_:)`` call that hands it out.
    struct Row {
        /// The batch's bytes.
        let bytes: UnsafeRawBufferPointer
        /// The batch holding the row.
        let batch: RecordBatch
        /// The row's index in the batch.
        let record: Int
        /// The path of the file, for errors.
        let path: String

        /// The 1-based line the row starts on.
        var line: Int { batch.lines[record] }

        /// Where the row is, for errors.
        var location: SourceLocation { SourceLocation(file: path, line: line) }

        /// The field's bytes without surrounding whitespace.
        func field(_ column: Int) -> UnsafeRawBufferPointer {
            FieldBytes.trimmed(UnsafeRawBufferPointer(rebasing: bytes[batch.range(record: record, field: column)]))
        }

        /// The field as text, for messages.
        func text(_ column: Int) -> String {
            FieldBytes.string(field(column))
        }

        /// An invalid-catalogue error at field `column` of this row (read again to place it: only an error
        /// needs the place), or at the row when no one field is at fault.
        func error(_ message: String, at column: Int? = nil) -> KYCWatchError {
            KYCWatchError(
                .referenceCatalogInvalid, message,
                at: column.map { WrittenRecord.place(ofField: $0, at: location) } ?? location)
        }

        /// The field as a whole number of at least 0, or `nil` when it is empty.
        func number(_ column: Int, named name: String) throws(KYCWatchError) -> Int? {
            let digits = field(column)
            if digits.isEmpty { return nil }
            guard digits.count <= 18, digits.allSatisfy(FieldBytes.isDigit) else {
                throw error("\(name) is '\(text(column))', expected a whole number", at: column)
            }
            return digits.reduce(0) { $0 * 10 + Int($1 &- 0x30) }
        }
    }

    /// The path as given.
    let path: String
    /// The column names, trimmed.
    let header: [String]
    /// The reader, positioned after the header.
    private let reader: CSVReader

    /// Opens `path` (plain or zstd) and checks that its header names every column in `required`; `kind` names
    /// the file in errors ("IP ranges file").
    init(path: String, describing kind: String, required: [String]) throws(KYCWatchError) {
        self.path = path
        reader = try CSVReader(path: path)
        header = reader.header.map { FieldBytes.withBytes(of: $0) { FieldBytes.string(FieldBytes.trimmed($0)) } }
        let missing = required.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw KYCWatchError(
                .csvHeader,
                "the \(kind) has no column \(missing.map { "'\($0)'" }.joined(separator: ", ")): expected a header "
                    + "with " + required.joined(separator: ","),
                at: SourceLocation(file: path, line: 1))
        }
    }

    /// The index of a column ``init(path:describing:required:)`` checked is present.
    func column(_ name: String) -> Int {
        header.firstIndex(of: name)!
    }

    /// The index of an optional column.
    func optionalColumn(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }

    /// Calls `body` on every data row in file order; returns the number of rows.
    @discardableResult
    func forEachRow(_ body: (Row) throws(KYCWatchError) -> Void) throws(KYCWatchError) -> Int {
        var rows = 0
        while let batch = try reader.nextBatch() {
            // withUnsafeBytes rethrows untyped errors, so the row's error is carried out by hand.
            var failure: KYCWatchError?
            batch.bytes.withUnsafeBytes { bytes in
                do throws(KYCWatchError) {
                    for record in 0..<batch.count {
                        let row = Row(bytes: bytes, batch: batch, record: record, path: path)
                        guard batch.fieldCount(of: record) == header.count else {
                            // At the first field too many, or where the row ends a field short.
                            throw row.error(
                                "the row has \(batch.fieldCount(of: record)) fields where the header has \(header.count)",
                                at: min(batch.fieldCount(of: record), header.count))
                        }
                        try body(row)
                    }
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            rows += batch.count
        }
        return rows
    }
}
