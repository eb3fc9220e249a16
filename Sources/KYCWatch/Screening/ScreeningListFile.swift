/// Reads every record of one list file, checking its layout, for the restricted-party loaders.
///
/// List files are small (megabytes), so records are handed out as strings; the loaders are not a hot path.
struct ScreeningListFile {
    /// A record: its fields and where it starts.
    struct Record {
        var fields: [String]
        var location: SourceLocation
    }

    /// The path as given.
    let path: String
    /// What the file should be, for messages (e.g. `OFAC legacy sdn.csv`).
    let layout: String
    /// The CSV options the file is read with.
    let options: CSVOptions
    /// The column names of a layout without a header row (the OFAC legacy files), for messages.
    var columnNames: [String] = []

    /// Reads all data records; the header, when there is one, is returned separately.
    ///
    /// Every record must have `fieldCount` fields when that is given (ragged rows are malformed, not padded);
    /// a lone DOS end-of-file byte (0x1A), which the OFAC legacy files carry on their last line, is skipped.
    /// A field that is not UTF-8 is an error at its byte: the lists are published in UTF-8, and a name
    /// repaired with U+FFFD would be screened as a name the list does not have.
    func readAll(fieldCount: Int?) throws(KYCWatchError) -> (header: [String], records: [Record]) {
        let reader = try CSVReader(path: path, options: options)
        var records: [Record] = []
        while let batch = try reader.nextBatch() {
            for record in 0..<batch.count {
                let location = SourceLocation(file: path, line: batch.lines[record])
                var fields: [String] = []
                fields.reserveCapacity(batch.fieldCount(of: record))
                for field in 0..<batch.fieldCount(of: record) {
                    let range = batch.range(record: record, field: field)
                    guard
                        let text = batch.bytes.withUnsafeBufferPointer({
                            String(validating: $0[range], as: UTF8.self)
                        })
                    else {
                        let names = options.hasHeader ? reader.header : columnNames
                        throw notUTF8(field: field, names: names, at: location)
                    }
                    fields.append(text)
                }
                if fields.count == 1, fields[0] == "\u{1A}" || fields[0].isEmpty { continue }
                let expected = fieldCount ?? reader.header.count
                if expected > 0, fields.count != expected {
                    let names = options.hasHeader ? reader.header : columnNames
                    let place =
                        fields.count < expected
                        ? "the row ends where \(Self.field(fields.count, names)) should start"
                        : "\(Self.field(expected, names)) is past the last column"
                    throw invalid(
                        "expected \(expected) fields (\(layout)), found \(fields.count): \(place): is this the right file?",
                        field: min(fields.count, expected), of: Record(fields: fields, location: location))
                }
                records.append(Record(fields: fields, location: location))
            }
        }
        guard !records.isEmpty else {
            throw KYCWatchError(
                .screeningListInvalid, "no entries: the file has no data rows (\(layout))",
                at: SourceLocation(file: path))
        }
        return (reader.header, records)
    }
}

extension ScreeningListFile {
    /// A ``KYCWatchError/Code/screeningListInvalid`` error at field `field` (0-based) of `record`,
    /// at the line and column where that field starts.
    func invalid(_ message: String, field: Int, of record: Record) -> KYCWatchError {
        KYCWatchError(.screeningListInvalid, message, at: place(ofField: field, at: record.location))
    }

    /// Field `index` (0-based) for messages, by its 1-based number and its name when `names` has one:
    /// `field 2 (SDN_Name)`.
    static func field(_ index: Int, _ names: [String]) -> String {
        "field \(index + 1)" + (index < names.count ? " (\(names[index]))" : "")
    }

    /// A field with surrounding spaces removed, or `nil` when it is empty or an OFAC `-0-` placeholder.
    static func value(_ field: String) -> String? {
        var text = Substring(field)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        if text.isEmpty || text == "-0-" { return nil }
        return String(text)
    }

    /// The day field `field` of `record` names, `MM/DD/YYYY` (the Denied Persons List) or `YYYY-MM-DD`
    /// (the CSL); `nil` when the field is empty, and an error naming the column and its place for any
    /// other text.
    func day(in record: Record, field: Int, column: String) throws(KYCWatchError) -> CalendarDay? {
        guard let text = Self.value(record.fields[field]) else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let iso =
            parts.count == 3 && parts[0].count == 2 && parts[1].count == 2
            ? "\(parts[2])-\(parts[0])-\(parts[1])" : text
        guard let day = CalendarDay(iso) else {
            throw invalid(
                "\(column) '\(text)' is not a date written MM/DD/YYYY or YYYY-MM-DD", field: field, of: record)
        }
        return day
    }

    /// The last day a party is listed when it is listed by several rows: the latest, or none when a
    /// row has none (an order without an end keeps the party listed).
    static func lastListedDay(_ first: CalendarDay?, _ second: CalendarDay?) -> CalendarDay? {
        guard let first, let second else { return nil }
        return max(first, second)
    }

    /// A field split at `separator`, each part trimmed, empty parts dropped.
    static func values(_ field: String, separatedBy separator: String) -> [String] {
        field.split(separator: separator).compactMap { value(String($0)) }
    }
}
