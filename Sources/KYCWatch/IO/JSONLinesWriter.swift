import Foundation

/// Writes one JSON object per line, keys sorted, so equal values give byte-identical files.
public final class JSONLinesWriter {
    /// Lines written so far.
    public private(set) var linesWritten = 0

    private let destination: any ByteWriter
    private let encoder: JSONEncoder
    private var buffer: [UInt8] = []

    /// Writes to `destination`.
    public init(destination: any ByteWriter) {
        self.destination = destination
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
    }

    /// Encodes `value` as one line.
    public func write(_ value: some Encodable) throws(KYCWatchError) {
        do {
            buffer.append(contentsOf: try encoder.encode(value))
        } catch {
            throw KYCWatchError(.internalError, "cannot encode a JSON line: \(error)")
        }
        buffer.append(0x0A)
        linesWritten += 1
        if buffer.count >= 1 << 20 {
            try destination.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Writes out buffered lines and finishes the destination.
    public func finish() throws(KYCWatchError) {
        if !buffer.isEmpty {
            try destination.write(buffer)
            buffer.removeAll()
        }
        try destination.finish()
    }
}
