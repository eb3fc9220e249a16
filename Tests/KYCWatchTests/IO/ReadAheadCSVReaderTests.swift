import Dispatch
import Foundation
import Testing

@testable import KYCWatch

@Suite("CSV read ahead on a second thread")
struct ReadAheadCSVReaderTests {
    let folder = TemporaryFolder()

    /// Every record of `reader` as strings, with line numbers.
    private func drain(_ reader: ReadAheadCSVReader) throws -> (rows: [[String]], lines: [Int]) {
        var rows: [[String]] = []
        var lines: [Int] = []
        while let batch = try reader.nextBatch() {
            for record in 0..<batch.count {
                rows.append(batch.strings(record: record))
                lines.append(batch.lines[record])
            }
        }
        return (rows, lines)
    }

    @Test("gives the same records, lines and digest as reading on the calling thread")
    func sameAsDirect() throws {
        var text = "id,name\n"
        for index in 0..<5000 { text += index % 97 == 0 ? "\(index),\"two\nlines\"\n" : "\(index),n\(index)\n" }
        let path = folder.write("t.csv", text)
        let options = CSVOptions(batchRecords: 64)
        let ahead = try ReadAheadCSVReader(path: path, options: options, depth: 2)
        let read = try drain(ahead)
        let direct = try readRecords(CSVReader(path: path, options: options))
        #expect(ahead.header == ["id", "name"])
        #expect(read.rows == direct.rows)
        #expect(read.lines == direct.lines)
        let summary = try #require(ahead.summary)
        #expect(summary.uncompressedBytes == text.utf8.count)
        #expect(summary.storedBytes == text.utf8.count)
        #expect(ahead.storedBytesRead == summary.storedBytes)
        #expect(try ahead.nextBatch() == nil)
    }

    @Test("a missing file fails at open with its path")
    func missingFile() {
        let path = folder.file("absent.csv")
        #expect {
            _ = try ReadAheadCSVReader(path: path)
        } throws: { error in
            (error as? KYCWatchError)?.location?.file == path
        }
    }

    @Test("a truncated zstd file: the batches before the damage, then the error with its offset")
    func producerErrorReachesConsumer() throws {
        let path = folder.file("cut.csv.zst")
        let writer = CSVWriter(destination: try ZstdWriter(destination: OutputFile(path: path)))
        try writer.writeRow(["id", "value"])
        for index in 0..<200_000 { try writer.writeRow([String(index), String(index * 7919 % 100_003)]) }
        try writer.finish()
        let whole = try #require(FileManager.default.contents(atPath: path))
        let cut = folder.file("cut-short.csv.zst")
        #expect(FileManager.default.createFile(atPath: cut, contents: whole.prefix(whole.count * 2 / 3)))
        let reader = try ReadAheadCSVReader(path: cut, options: CSVOptions(batchRecords: 1000), depth: 2)
        var records = 0
        var storedBytes: [Int] = []
        #expect {
            while let batch = try reader.nextBatch() {
                records += batch.count
                storedBytes.append(reader.storedBytesRead)
            }
        } throws: { error in
            let error = error as? KYCWatchError
            return error?.code == .zstdTruncated && error?.location?.file == cut
        }
        #expect(records > 0)
        #expect(records < 200_000)
        #expect(storedBytes == storedBytes.sorted())
        #expect(storedBytes.allSatisfy { $0 > 0 && $0 <= whole.count * 2 / 3 })
        #expect(try reader.nextBatch() == nil)
    }

    @Test(
        "closing early stops the reader thread even while it is blocked on a full hand-off",
        .timeLimit(.minutes(1)))
    func consumerStopsEarly() throws {
        var text = "id\n"
        for index in 0..<50_000 { text += "\(index)\n" }
        let path = folder.write("many.csv", text)
        let reader = try ReadAheadCSVReader(path: path, options: CSVOptions(batchRecords: 10), depth: 1)
        #expect(try reader.nextBatch() != nil)
        // By now the reader thread has filled the hand-off of one batch and waits to send the next.
        Thread.sleep(forTimeInterval: 0.05)
        // close() returns once the reader thread has exited; on a thread of its own, so that a close
        // that never returns fails within the deadline instead of hanging the run.
        let closed = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let unsafeReader = reader
        Thread {
            unsafeReader.close()
            closed.signal()
        }.start()
        try #require(closed.wait(timeout: .now() + 20) == .success, "the reader thread did not stop")
        #expect(try reader.nextBatch() == nil)
        #expect(reader.summary == nil)
    }
}
