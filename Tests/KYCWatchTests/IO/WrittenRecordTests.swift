import Testing

@testable import KYCWatch

@Suite("Places of fields as written, read again for errors")
struct WrittenRecordTests {
    /// A generated CSV text, with the line and column where each field of each record starts.
    struct Table {
        var text: [UInt8] = []
        /// Per record: its first line, and each field's (line, column).
        var records: [(line: Int, fields: [(line: Int, column: Int)])] = []
    }

    /// Rows of plain, quoted, doubled-quote and multi-line fields with LF, CRLF or CR line ends, long
    /// enough to cross the reader's 64 KiB reads many times.
    static func table(seed: UInt64, bom: Bool) -> Table {
        var random = SplitMix64(seed: seed)
        var table = Table()
        if bom { table.text = [0xEF, 0xBB, 0xBF] }
        let lineEnd = [[0x0A], [0x0D, 0x0A], [0x0D]][Int.random(in: 0...2, using: &random)] as [UInt8]
        var line = 1
        var lineStart = table.text.count
        while table.text.count < 200_000 {
            var fields: [(line: Int, column: Int)] = []
            let recordLine = line
            for field in 0..<Int.random(in: 1...6, using: &random) {
                if field > 0 { table.text.append(UInt8(ascii: ",")) }
                fields.append((line, table.text.count - lineStart + 1))
                switch Int.random(in: 0...3, using: &random) {
                case 0: table.text += Array("v\(Int.random(in: 0...99_999, using: &random))".utf8)
                case 1: table.text += Array("\"a,\(field)\"".utf8)
                case 2: table.text += Array("\"q\"\"\(field)\"".utf8)
                default:
                    table.text += Array("\"l".utf8) + lineEnd + Array("m\"".utf8)
                    line += 1
                    lineStart = table.text.count - 2
                }
            }
            table.text += lineEnd
            line += 1
            lineStart = table.text.count
            table.records.append((recordLine, fields))
        }
        return table
    }

    @Test("every field of every record is placed where it was written", arguments: [(1, false), (2, true), (3, false)])
    func placesFields(seed: UInt64, bom: Bool) throws {
        let folder = TemporaryFolder()
        let table = Self.table(seed: seed, bom: bom)
        let path = folder.write("table.csv", table.text)
        // Records near the start, across the reads, and the last.
        let picks = [0, 1, table.records.count / 3, table.records.count / 2, table.records.count - 1]
        for index in picks {
            let (line, fields) = table.records[index]
            let record = try #require(WrittenRecord.read(path: path, line: line), "record \(index) at line \(line)")
            for (field, place) in fields.enumerated() {
                #expect(
                    record.place(ofField: field, in: path)
                        == SourceLocation(file: path, line: place.line, column: place.column),
                    "record \(index), field \(field)")
            }
        }
        #expect(WrittenRecord.read(path: path, line: (table.records.last?.line ?? 0) + 10) == nil)
        let missing = SourceLocation(file: folder.file("absent.csv"), line: 3)
        #expect(WrittenRecord.place(ofField: 1, at: missing) == missing)
    }
}
