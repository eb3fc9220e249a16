/// Writes one export file of the sample world through ``CSVWriter`` and counts its physical lines,
/// so the ground truth can name the line of every dirty row.
///
/// A malformed row cannot go through ``CSVWriter`` (it quotes whatever needs quoting), so
/// ``writeRaw(_:)`` flushes the CSV writer and appends the text as it is.
final class SampleExportWriter {
    /// The file name inside the output folder.
    let name: String
    /// The header's column names.
    let columns: [String]
    /// The last line written; the header is line 1.
    private(set) var line = 0

    private let output: any ByteWriter
    private let segment: Segment
    private var csv: CSVWriter

    /// Passes bytes on to the file and ignores ``finish()``, so a CSV writer can be flushed
    /// before raw text without closing the file under it.
    private final class Segment: ByteWriter {
        let target: any ByteWriter

        init(target: any ByteWriter) {
            self.target = target
        }

        func write(_ bytes: UnsafeRawBufferPointer) throws(KYCWatchError) {
            try target.write(bytes)
        }

        func finish() throws(KYCWatchError) {}
    }

    /// Creates `folder/name` (zstd when the name ends in `.zst`) and writes the header.
    init(folder: String, name: String, columns: [String], zstdLevel: Int32) throws(KYCWatchError) {
        self.name = name
        self.columns = columns
        output = try OutputFile.create("\(folder)/\(name)", zstdLevel: zstdLevel)
        segment = Segment(target: output)
        csv = CSVWriter(destination: segment)
        try write(columns)
    }

    /// Writes one row and returns its line.
    @discardableResult
    func write(_ fields: [String]) throws(KYCWatchError) -> Int {
        try csv.writeRow(fields)
        line += 1
        return line
    }

    /// Writes `text` and a line feed exactly as given (no quoting) and returns its line.
    @discardableResult
    func writeRaw(_ text: String) throws(KYCWatchError) -> Int {
        try csv.finish()
        try output.write(text + "\n")
        csv = CSVWriter(destination: segment)
        line += 1
        return line
    }

    /// Flushes everything and moves the file into place.
    func finish() throws(KYCWatchError) {
        try csv.finish()
        try output.finish()
    }

    /// Data rows written (lines after the header).
    var rows: Int { line - 1 }
}
