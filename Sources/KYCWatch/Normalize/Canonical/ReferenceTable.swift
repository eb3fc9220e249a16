/// A reference catalogue read whole: its header and every row as strings with the line it starts on.
///
/// Catalogues are a few hundred rows, read once per run, so strings are fine here.
struct ReferenceTable {
    /// One data row.
    struct Row {
        /// The fields, in header order.
        var fields: [String]
        /// The 1-based line the row starts on.
        var line: Int
    }

    /// The path as given.
    let path: String
    /// The column names.
    let header: [String]
    /// The data rows in file order.
    let rows: [Row]

    /// Reads `path` (plain or zstd) and checks that every column in `required` is present and every row
    /// has as many fields as the header.
    static func read(path: String, describing kind: String, required: [String]) throws(KYCWatchError)
        -> ReferenceTable
    {
        let reader = try CSVReader(path: path)
        let header = reader.header.map { FieldBytes.withBytes(of: $0) { FieldBytes.string(FieldBytes.trimmed($0)) } }
        let missing = required.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw KYCWatchError(
                .csvHeader,
                "the \(kind) has no column \(missing.map { "'\($0)'" }.joined(separator: ", ")): expected "
                    + required.joined(separator: ", "),
                at: SourceLocation(file: path, line: 1))
        }
        var rows: [Row] = []
        while let batch = try reader.nextBatch() {
            for record in 0..<batch.count {
                let line = batch.lines[record]
                guard batch.fieldCount(of: record) == header.count else {
                    // At the first field too many, or where the row ends a field short.
                    throw KYCWatchError(
                        .referenceCatalogInvalid,
                        "the \(kind) row has \(batch.fieldCount(of: record)) fields where the header has "
                            + "\(header.count)",
                        at: WrittenRecord.place(
                            ofField: min(batch.fieldCount(of: record), header.count),
                            at: SourceLocation(file: path, line: line)))
                }
                rows.append(Row(fields: batch.strings(record: record), line: line))
            }
        }
        return ReferenceTable(path: path, header: header, rows: rows)
    }

    /// The index of a column that ``read(path:describing:required:)`` checked is present.
    func column(_ name: String) -> Int {
        header.firstIndex(of: name)!
    }

    /// The index of an optional column.
    func optionalColumn(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }

    /// The place of a row, for errors.
    func location(of row: Row) -> SourceLocation {
        SourceLocation(file: path, line: row.line)
    }

    /// A reader of the cells of `row`.
    func cells(of row: Row) -> Cells {
        Cells(location: location(of: row), fields: row.fields)
    }

    /// Reads the cells of one row, with errors that name the file, line and column.
    struct Cells {
        /// Where the row is.
        let location: SourceLocation
        /// The row's fields.
        let fields: [String]

        /// Where the cell starts in the file, for errors (read again: only an error needs it).
        func place(_ column: Int) -> SourceLocation {
            WrittenRecord.place(ofField: column, at: location)
        }

        /// The cell, trimmed.
        func text(_ column: Int) -> String {
            FieldBytes.withBytes(of: fields[column]) { FieldBytes.string(FieldBytes.trimmed($0)) }
        }

        /// The cell split at `|`, each part trimmed, empty parts dropped.
        func list(_ column: Int) -> [String] {
            text(column).split(separator: "|").map {
                FieldBytes.withBytes(of: String($0)) { FieldBytes.string(FieldBytes.trimmed($0)) }
            }.filter { !$0.isEmpty }
        }

        /// The cell, which must not be empty.
        func required(_ column: Int, named name: String) throws(KYCWatchError) -> String {
            let value = text(column)
            guard !value.isEmpty else {
                throw KYCWatchError(.referenceCatalogInvalid, "\(name) is empty", at: place(column))
            }
            return value
        }

        /// The cell as a number from 0 to 1e12, or `nil` when it is empty.
        ///
        /// No figure of a catalogue comes near 1e12 (peak TFLOPS, memory, counts, Gbit/s, geoname ids);
        /// a larger one is a mistake, and multiplied by a night's accelerator-seconds it could pass the
        /// largest number a figure can hold.
        func number(_ column: Int, named name: String) throws(KYCWatchError) -> Double? {
            let value = text(column)
            if value.isEmpty { return nil }
            guard let number = DecimalField.parseDouble(value), number >= 0, number <= 1e12 else {
                throw KYCWatchError(
                    .referenceCatalogInvalid, "\(name) is '\(value)', expected a number from 0 to 1e12",
                    at: place(column))
            }
            return number
        }

        /// The cell as `true` or `false` (or another spelling ``BooleanValue`` reads).
        func flag(_ column: Int, named name: String) throws(KYCWatchError) -> Bool {
            let value = text(column)
            guard let flag = BooleanValue.parse(value) else {
                throw KYCWatchError(
                    .referenceCatalogInvalid, "\(name) is '\(value)', expected true or false", at: place(column))
            }
            return flag
        }
    }
}
