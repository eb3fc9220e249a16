/// Writes RFC 4180 CSV into a byte writer, quoting only fields that need it.
///
/// Rows are buffered and handed on in blocks, so a zstd writer behind it compresses large blocks.
public final class CSVWriter {
    /// Rows written so far (the header included).
    public private(set) var rowsWritten = 0

    private let destination: any ByteWriter
    private let delimiter: UInt8
    private var buffer: [UInt8] = []
    private var fieldsInRow = 0
    private static let flushThreshold = 1 << 20

    /// Writes to `destination`, separating fields with `delimiter`.
    public init(destination: any ByteWriter, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.destination = destination
        self.delimiter = delimiter
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    /// Writes one row of text fields.
    public func writeRow(_ fields: [String]) throws(KYCWatchError) {
        for field in fields {
            appendField(field)
        }
        try endRow()
    }

    /// Appends one field of the current row.
    public func appendField(_ field: String) {
        var field = field
        field.withUTF8 { appendField(UnsafeRawBufferPointer($0)) }
    }

    /// Appends one field of the current row from raw bytes.
    public func appendField(_ bytes: UnsafeRawBufferPointer) {
        if fieldsInRow > 0 { buffer.append(delimiter) }
        fieldsInRow += 1
        let quote = UInt8(ascii: "\"")
        let needsQuotes = bytes.contains { $0 == delimiter || $0 == quote || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(quote)
        for byte in bytes {
            if byte == quote { buffer.append(quote) }
            buffer.append(byte)
        }
        buffer.append(quote)
    }

    /// Ends the current row.
    public func endRow() throws(KYCWatchError) {
        buffer.append(0x0A)
        fieldsInRow = 0
        rowsWritten += 1
        if buffer.count >= Self.flushThreshold {
            try flush()
        }
    }

    /// Writes out buffered rows and finishes the destination (which makes a file visible).
    public func finish() throws(KYCWatchError) {
        try flush()
        try destination.finish()
    }

    private func flush() throws(KYCWatchError) {
        guard !buffer.isEmpty else { return }
        try destination.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
