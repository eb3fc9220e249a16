/// Thousands of CSV records in one byte buffer with field offsets, handed between stages.
///
/// Fields stay as bytes: a batch holds one allocation for the data and one for the offsets, not a
/// `String` per field. Record `r`'s fields are `fieldEnds[recordFieldEnds[r-1] ..< recordFieldEnds[r]]`.
public struct RecordBatch: Sendable {
    /// The input path the records come from.
    public var file: String
    /// All field bytes, concatenated (quotes removed, doubled quotes undone).
    public var bytes: RecordBytes
    /// Exclusive end offset in `bytes` of every field, in order.
    public var fieldEnds: [Int32]
    /// Exclusive end index in `fieldEnds` of every record.
    public var recordFieldEnds: [Int32]
    /// The 1-based line on which every record starts.
    public var lines: [Int]
    /// Rows the tokenizer could not read (lenient mode), in input order.
    public var malformed: [MalformedRow]

    /// Creates a batch from its parts.
    public init(
        file: String, bytes: RecordBytes, fieldEnds: [Int32], recordFieldEnds: [Int32], lines: [Int],
        malformed: [MalformedRow] = []
    ) {
        self.file = file
        self.bytes = bytes
        self.fieldEnds = fieldEnds
        self.recordFieldEnds = recordFieldEnds
        self.lines = lines
        self.malformed = malformed
    }

    /// The number of records.
    public var count: Int { recordFieldEnds.count }

    /// The index in `fieldEnds` of the first field of `record`.
    @inline(__always)
    public func firstField(of record: Int) -> Int {
        record == 0 ? 0 : Int(recordFieldEnds[record - 1])
    }

    /// How many fields `record` has.
    @inline(__always)
    public func fieldCount(of record: Int) -> Int {
        Int(recordFieldEnds[record]) - firstField(of: record)
    }

    /// The bytes of `record`'s fields together, without delimiters.
    @inline(__always)
    public func byteCount(of record: Int) -> Int {
        let first = firstField(of: record)
        let end = Int(recordFieldEnds[record])
        guard end > first else { return 0 }
        return Int(fieldEnds[end - 1]) - (first == 0 ? 0 : Int(fieldEnds[first - 1]))
    }

    /// The byte range in `bytes` of field `index` of `record`.
    @inline(__always)
    public func range(record: Int, field index: Int) -> Range<Int> {
        let field = firstField(of: record) + index
        let start = field == 0 ? 0 : Int(fieldEnds[field - 1])
        return start..<Int(fieldEnds[field])
    }

    /// Field `index` of `record` as a string (invalid UTF-8 is repaired with U+FFFD).
    public func string(record: Int, field index: Int) -> String {
        let range = range(record: record, field: index)
        return bytes.withUnsafeBufferPointer { String(decoding: $0[range], as: UTF8.self) }
    }

    /// All fields of `record` as strings; for messages and tests, not hot paths.
    public func strings(record: Int) -> [String] {
        (0..<fieldCount(of: record)).map { string(record: record, field: $0) }
    }
}
