/// One input row seen through its column mapping: canonical columns as bytes or text.
///
/// It borrows the batch's byte buffer for the duration of a row; nothing is copied until a value
/// is kept, so a row costs no allocation for the fields a rule never reads.
struct SourceRow {
    let bytes: UnsafeRawBufferPointer
    let batch: RecordBatch
    var record: Int {
        didSet { locate() }
    }
    /// Where `record`'s fields start in the batch's field ends, and how many it has.
    private var firstField = 0
    private var fieldCount = 0
    let mapping: ColumnMapping
    /// Whether the literal `NULL` means empty (FOCUS exports write it).
    let nullIsEmpty: Bool

    init(bytes: UnsafeRawBufferPointer, batch: RecordBatch, record: Int, mapping: ColumnMapping, nullIsEmpty: Bool) {
        self.bytes = bytes
        self.batch = batch
        self.record = record
        self.mapping = mapping
        self.nullIsEmpty = nullIsEmpty
        locate()
    }

    /// The line the row starts on.
    var line: Int { batch.lines[record] }

    /// Finds `record`'s fields once, for the many field reads of a row.
    private mutating func locate() {
        guard record < batch.count else {
            fieldCount = 0
            return
        }
        firstField = batch.firstField(of: record)
        fieldCount = batch.fieldCount(of: record)
    }

    /// The bytes of canonical column `ordinal` (empty when absent); constants are returned as text instead.
    @inline(__always)
    func field(_ ordinal: Int) -> UnsafeRawBufferPointer {
        let plain = mapping.plainFields[ordinal]
        if plain >= 0 { return raw(plain) }
        guard case .field(let index, _) = mapping.sources[ordinal] else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return raw(index)
    }

    /// The bytes of header column `index`, with `NULL` folded to empty where the layout says so.
    @inline(__always)
    func raw(_ index: Int) -> UnsafeRawBufferPointer {
        let slice = written(index)
        if nullIsEmpty, slice.count == 4, slice.elementsEqual("NULL".utf8) {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return slice
    }

    /// The bytes of header column `index` as the file writes them (`NULL` kept).
    @inline(__always)
    private func written(_ index: Int) -> UnsafeRawBufferPointer {
        guard index < fieldCount else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let field = firstField + index
        let start = field == 0 ? 0 : Int(batch.fieldEnds[field - 1])
        return UnsafeRawBufferPointer(rebasing: bytes[start..<Int(batch.fieldEnds[field])])
    }

    /// The first column kycwatch reads whose value is not text, and why: not valid UTF-8
    /// (``RejectReason/invalidUTF8``) or holding a NUL byte (``RejectReason/nulByte``); nil when all are
    /// text (at the cost of one look at the row when it is ASCII without NUL, as rows almost always are).
    func columnWithInvalidText() -> (column: String, reason: RejectReason)? {
        guard fieldCount > 0 else { return nil }
        let start = firstField == 0 ? 0 : Int(batch.fieldEnds[firstField - 1])
        let end = Int(batch.fieldEnds[firstField + fieldCount - 1])
        guard !FieldText.isPlainText(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) else { return nil }
        func problem(_ value: UnsafeRawBufferPointer) -> RejectReason? {
            if value.contains(0) { return .nulByte }
            if !FieldText.isASCII(value), String(validating: value, as: UTF8.self) == nil { return .invalidUTF8 }
            return nil
        }
        for (ordinal, source) in mapping.sources.enumerated() {
            guard case .field(let index, _) = source, let reason = problem(raw(index)) else { continue }
            return (mapping.kind.fields[ordinal].name, reason)
        }
        for (name, index) in mapping.extras.sorted(by: { $0.value < $1.value }) {
            if let reason = problem(raw(index)) { return (name, reason) }
        }
        return nil
    }

    /// The row's digest as a record id (``ColumnMapping/Source/rowDigest``): every field the digest
    /// covers (``ColumnMapping/digestFields``), each with its length, so no two rows that differ in them
    /// share it but by a 64-bit collision.
    func digestText() -> String {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
        for index in mapping.digestFields {
            // Without the whitespace around it, as ids are read: a line delivered again padded is the same line.
            let value = FieldBytes.trimmed(raw(index))
            hash = FieldBytes.hash(value, seed: hash ^ UInt64(value.count))
        }
        let hex = String(hash, radix: 16)
        return "row-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The text of canonical column `ordinal`, or nil when it is empty or absent.
    func text(_ ordinal: Int) -> String? {
        switch mapping.sources[ordinal] {
        case .constant(let value):
            return value.isEmpty ? nil : value
        case .rowDigest:
            return digestText()
        case .absent:
            return nil
        case .field(let index, _):
            let slice = raw(index)
            return slice.isEmpty ? nil : String(decoding: slice, as: UTF8.self)
        }
    }

    /// ``text(_:)`` without a copy: the field's bytes in the batch, or the constant.
    @inline(__always)
    func fieldText(_ ordinal: Int) -> FieldText? {
        let plain = mapping.plainFields[ordinal]
        if plain >= 0 {
            let slice = raw(plain)
            return slice.isEmpty ? nil : .bytes(slice)
        }
        switch mapping.sources[ordinal] {
        case .constant(let value):
            return value.isEmpty ? nil : .text(value)
        case .rowDigest:
            return .text(digestText())
        case .absent:
            return nil
        case .field(let index, _):
            let slice = raw(index)
            return slice.isEmpty ? nil : .bytes(slice)
        }
    }

    /// The text of an extra layout column by name, or nil.
    func extra(_ name: String) -> String? {
        guard let index = mapping.extras[name] else { return nil }
        let slice = raw(index)
        return slice.isEmpty ? nil : String(decoding: slice, as: UTF8.self)
    }

    /// The text of an extra layout column by name as the file writes it (`NULL` kept), for messages;
    /// nil when the header lacks the column.
    func extraAsWritten(_ name: String) -> String? {
        mapping.extras[name].map { String(decoding: written($0), as: UTF8.self) }
    }

    /// The bytes of an extra layout column by name, empty when the header lacks it: a check of a
    /// value without a `String` made of it.
    func extraBytes(_ name: String) -> UnsafeRawBufferPointer {
        guard let index = mapping.extras[name] else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return raw(index)
    }

    /// The format a column's source is written in.
    func format(_ ordinal: Int) -> ValueFormat {
        if case .field(_, let format) = mapping.sources[ordinal] { return format }
        return .canonical
    }

    /// The row as read, for the rejects file: its fields joined by `delimiter`, each quoted again with
    /// `quote` where it needs it, so the text reads back as the same fields; the first `limit` bytes of it.
    func rawText(delimiter: UInt8, quote: UInt8 = UInt8(ascii: "\""), limit: Int = .max) -> String {
        var text: [UInt8] = []
        for index in 0..<fieldCount where text.count <= limit {
            if index > 0 { text.append(delimiter) }
            CSVQuoting.append(
                UnsafeRawBufferPointer(rebasing: bytes[batch.range(record: record, field: index)]),
                delimiter: delimiter, quote: quote, to: &text, limit: limit)
        }
        return String(decoding: text.prefix(limit), as: UTF8.self)
    }
}
