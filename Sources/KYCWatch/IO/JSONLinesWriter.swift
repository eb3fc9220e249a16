import Foundation

/// Writes one JSON object per line, keys sorted, so equal values give byte-identical files.
public final class JSONLinesWriter {
    /// Lines written so far.
    public private(set) var linesWritten = 0

    private let destination: any ByteWriter
    private let encoder: JSONEncoder
    private var json = JSONWriter(reservingCapacity: JSONLinesWriter.flushBytes + (1 << 16))

    /// Buffered bytes at which the lines go to the destination.
    private static let flushBytes = 1 << 20

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
            json.bytes.append(contentsOf: try encoder.encode(value))
        } catch {
            throw KYCWatchError(.internalError, "cannot encode a JSON line: \(error)")
        }
        try endLine()
    }

    /// Writes `value` as one line, without `JSONEncoder`: the same bytes, several times faster.
    public func write(_ value: some JSONWritable) throws(KYCWatchError) {
        let start = json.bytes.count
        do throws(KYCWatchError) {
            try value.write(to: &json)
        } catch {
            json.bytes.removeSubrange(start...)
            throw KYCWatchError(.internalError, "cannot encode a JSON line: \(error.message)")
        }
        try endLine()
    }

    /// Writes out buffered lines and finishes the destination.
    public func finish() throws(KYCWatchError) {
        if !json.bytes.isEmpty {
            try destination.write(json.bytes)
            json.bytes.removeAll()
        }
        try destination.finish()
    }

    private func endLine() throws(KYCWatchError) {
        json.bytes.append(0x0A)
        linesWritten += 1
        if json.bytes.count >= Self.flushBytes {
            try destination.write(json.bytes)
            json.bytes.removeAll(keepingCapacity: true)
        }
    }
}
