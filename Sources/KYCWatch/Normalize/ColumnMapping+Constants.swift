/// A constant under `columns:` checked as the normalizers check a row's value of its column.
extension ColumnMapping {
    /// A mapping of `kind` whose column `ordinal` is the constant `text` and every other column absent:
    /// a row read through it holds the constant alone.
    init(kind: ExportKind, constant text: String, at ordinal: Int) {
        self.kind = kind
        sources = kind.fields.indices.map { $0 == ordinal ? .constant(text) : .absent }
        plainFields = Array(repeating: -1, count: kind.fields.count)
        extras = [:]
        digestFields = []
        sourceNames = [:]
        width = 0
    }

    /// What is wrong with `text` as the constant of column `name` of a `kind` export in `layout`, read as
    /// the normalizer reads that column on every row (naive times with `timestamps`); nil when a row can
    /// hold it. Without `countries` (a pipeline file is loaded before its catalogues), the columns read
    /// against the country catalogue are not checked.
    static func problem(
        withConstant text: String, column name: String, kind: ExportKind, layout: InputLayout,
        timestamps: TimestampParser, countries: CountryCatalog?
    ) -> String? {
        guard let ordinal = kind.ordinal(of: name) else { return nil }
        let mapping = ColumnMapping(kind: kind, constant: text, at: ordinal)
        // A row of no fields, read through the mapping: the constant is its one value.
        let batch = RecordBatch(file: "", bytes: .empty, fieldEnds: [], recordFieldEnds: [], lines: [])
        let row = SourceRow(
            bytes: UnsafeRawBufferPointer(start: nil, count: 0), batch: batch, record: 0, mapping: mapping,
            nullIsEmpty: false)
        do {
            switch kind {
            case .accounts:
                try AccountNormalizer.checkConstant(ordinal, of: row, timestamps: timestamps, countries: countries)
            case .usage:
                try UsageNormalizer.checkConstant(ordinal, of: row, layout: layout, timestamps: timestamps)
            case .access:
                try AccessNormalizer.checkConstant(ordinal, of: row, timestamps: timestamps)
            }
            return nil
        } catch {
            return "constant '\(text)' is not a value \(name) can hold (\(error.message)): every row would be "
                + "rejected as \(error.reason.code)"
        }
    }
}
