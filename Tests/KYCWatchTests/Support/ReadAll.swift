@testable import KYCWatch

/// Reads every byte a reader produces, in small pieces to exercise buffer boundaries.
func readAll(_ reader: any ByteReader, pieceSize: Int = 4096) throws(KYCWatchError) -> [UInt8] {
    var result: [UInt8] = []
    let piece = UnsafeMutableRawBufferPointer.allocate(byteCount: pieceSize, alignment: 1)
    defer { piece.deallocate() }
    while true {
        let count = try reader.read(into: piece)
        if count == 0 { return result }
        result.append(contentsOf: piece[0..<count])
    }
}

/// Reads every record of a CSV file as strings, with the line each starts on, and the malformed rows.
func readRecords(_ reader: CSVReader) throws(KYCWatchError) -> (
    rows: [[String]], lines: [Int], malformed: [MalformedRow]
) {
    var rows: [[String]] = []
    var lines: [Int] = []
    var malformed: [MalformedRow] = []
    while let batch = try reader.nextBatch() {
        for record in 0..<batch.count {
            rows.append(batch.strings(record: record))
            lines.append(batch.lines[record])
        }
        malformed += batch.malformed
    }
    return (rows, lines, malformed)
}

/// Expects `body` to throw a ``KYCWatchError`` and returns it (nil when nothing or something else was thrown).
func kycError(_ body: () throws -> Void) -> KYCWatchError? {
    do {
        try body()
        return nil
    } catch let error as KYCWatchError {
        return error
    } catch {
        return nil
    }
}
