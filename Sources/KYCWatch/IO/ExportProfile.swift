/// What a data engineer asks first about an export: how it is stored, its columns, how many rows,
/// and how full each column is.
public struct ExportProfile: Sendable, Encodable {
    /// A column's name and how many rows leave it empty.
    public struct Column: Sendable, Encodable {
        /// The header name.
        public var name: String
        /// Rows whose value is the empty string.
        public var empty: Int
    }

    /// A row whose field count differs from the header's.
    public struct RaggedRow: Sendable, Encodable {
        /// The line the row starts on.
        public var line: Int
        /// The fields it has.
        public var fields: Int
    }

    /// A row longer than any row of an export.
    public struct LongRow: Sendable, Encodable {
        /// The line the row starts on.
        public var line: Int
        /// Its bytes as written, delimiters included.
        public var bytes: Int
    }

    /// A row the tokenizer could not read.
    public struct BadRow: Sendable, Encodable {
        /// The line and column of the error.
        public var line: Int
        public var column: Int
        /// What is wrong.
        public var message: String
    }

    /// The path as given.
    public var path: String
    /// `zstd` or `plain`.
    public var format: String
    /// zstd frames decoded (skippable frames included); nil for plain files.
    public var frames: Int?
    /// Bytes as stored on disk.
    public var storedBytes: Int
    /// Bytes after decompression.
    public var uncompressedBytes: Int
    /// The header row.
    public var columns: [Column]
    /// Data rows read (the header excluded).
    public var rows: Int
    /// Rows with a different field count than the header (the first few are listed).
    public var raggedRows: Int
    public var raggedExamples: [RaggedRow]
    /// Rows the tokenizer could not read, for malformed quoting or a field past the size limit (the
    /// first few are listed).
    public var malformedRows: Int
    public var malformedExamples: [BadRow]
    /// Of ``malformedRows``, those with a field or row past the size limit rather than bad quoting.
    public var oversizedRows = 0
    /// Rows read whole but longer as written than any row of an export, which a stage rejects as
    /// `oversized-row` (``InputProcessor/longestRow``); they are left out of the sample.
    public var longRows = 0
    public var longRowExamples: [LongRow] = []
    /// Blank lines skipped.
    public var blankLines: Int
    /// The first rows, as text.
    public var sample: [[String]]
    /// The delimiter a one-column header looks split by, as `--delimiter` takes it (`;`, `tab`);
    /// nil when the header has several columns or shows none.
    public var likelyDelimiter: String?

    /// Reads the whole of `path` once and profiles it; malformed rows are counted, not fatal.
    public static func read(
        path: String, sampleRows: Int = 5, delimiter: UInt8 = UInt8(ascii: ","),
        limits: DecompressionLimits = .default
    ) throws(KYCWatchError) -> ExportProfile {
        let reader = try CSVReader(
            path: path, options: CSVOptions(delimiter: delimiter, mode: .lenient), limits: limits)
        let width = reader.header.count
        var empty = [Int](repeating: 0, count: width)
        var profile = ExportProfile(
            path: path, format: reader.source.format.rawValue, frames: nil, storedBytes: 0, uncompressedBytes: 0,
            columns: [], rows: 0, raggedRows: 0, raggedExamples: [], malformedRows: 0, malformedExamples: [],
            blankLines: 0, sample: [],
            likelyDelimiter: CSVOptions.likelyDelimiter(of: reader.header).map(CSVOptions.name))
        while let batch = try reader.nextBatch() {
            for row in batch.malformed where profile.malformedExamples.count < 5 {
                profile.malformedExamples.append(BadRow(line: row.errorLine, column: row.column, message: row.message))
            }
            profile.malformedRows += batch.malformed.reduce(0) { $0 + $1.lines }
            profile.oversizedRows += batch.malformed.reduce(0) { $0 + ($1.fault == .tooLarge ? $1.lines : 0) }
            batch.fieldEnds.withUnsafeBufferPointer { ends in
                for record in 0..<batch.count {
                    let first = batch.firstField(of: record)
                    let count = batch.fieldCount(of: record)
                    if count != width {
                        profile.raggedRows += 1
                        if profile.raggedExamples.count < 5 {
                            profile.raggedExamples.append(RaggedRow(line: batch.lines[record], fields: count))
                        }
                    }
                    var start = first == 0 ? Int32(0) : ends[first - 1]
                    for column in 0..<min(count, width) {
                        let end = ends[first + column]
                        if end == start { empty[column] += 1 }
                        start = end
                    }
                }
            }
            for record in 0..<batch.count {
                let written = batch.byteCount(of: record) + batch.fieldCount(of: record) - 1
                if written > InputProcessor.longestRow {
                    profile.longRows += 1
                    if profile.longRowExamples.count < 5 {
                        profile.longRowExamples.append(LongRow(line: batch.lines[record], bytes: written))
                    }
                } else if profile.sample.count < sampleRows {
                    profile.sample.append(batch.strings(record: record))
                }
            }
            profile.rows += batch.count
        }
        profile.columns = zip(reader.header, empty).map { Column(name: $0, empty: $1) }
        profile.blankLines = reader.blankLines
        profile.storedBytes = reader.source.storedBytesRead
        profile.uncompressedBytes = reader.source.bytesProduced
        profile.frames = (reader.source as? ZstdReader)?.framesCompleted
        return profile
    }
}
