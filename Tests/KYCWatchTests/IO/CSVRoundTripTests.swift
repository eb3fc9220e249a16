import Foundation
import PropertyBased
import Testing

@testable import KYCWatch

@Suite("CSV writer and reader round trip through zstd")
struct CSVRoundTripTests {
    /// Field text drawn from the characters that break CSV: quotes, commas, newlines, CR, multi-byte UTF-8.
    static let awkward = ["", "\"", ",", "\n", "\r\n", "\"\"", "a\"b", " lead", "trail ", "é", "東京", "🙂", "\r"]
    static let field = Gen.oneOf(
        Gen.letterOrNumber.string(of: 0...12),
        Gen.int(in: 0...(awkward.count - 1)).map { awkward[$0] }.array(of: 0...6).map { $0.joined() },
        Gen.int(in: 0...2).map { ["x", ",", "\""][$0] }.array(of: 1000...3000).map { $0.joined() }
    )

    @Test("random tables read back equal, with line numbers that count embedded line ends")
    func roundTrip() async {
        let table = Self.field.array(of: 3...3).array(of: 1...40)
        await propertyCheck(count: 60, input: table, Gen.int(in: 1...9)) { rows, level in
            let folder = TemporaryFolder()
            let path = folder.file("t.csv.zst")
            do {
                let writer = CSVWriter(
                    destination: try ZstdWriter(destination: OutputFile(path: path), level: Int32(level)))
                try writer.writeRow(["c1", "c2", "c3"])
                for row in rows { try writer.writeRow(row) }
                try writer.finish()
                let reader = try CSVReader(path: path, options: CSVOptions(batchRecords: 7))
                let records = try readRecords(reader)
                #expect(reader.header == ["c1", "c2", "c3"])
                #expect(records.rows == rows)
                var line = 2
                var expected: [Int] = []
                for row in rows {
                    expected.append(line)
                    // A line end is an LF, a CRLF or a lone CR, inside quotes as outside.
                    line += 1 + row.reduce(0) { $0 + Self.lineEnds(in: $1) }
                }
                #expect(records.lines == expected)
                #expect(records.malformed.isEmpty)
            } catch {
                Issue.record("round trip failed: \(error)")
            }
        }
    }

    /// Line ends in `text`: LFs, and CRs not followed by an LF.
    static func lineEnds(in text: String) -> Int {
        let bytes = Array(text.utf8)
        return bytes.indices.filter { index in
            bytes[index] == 0x0A || bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)
        }.count
    }

    @Test("a blank-looking row is a record when the table has one column")
    func oneColumnEmptyValues() throws {
        let folder = TemporaryFolder()
        let path = folder.file("one.csv")
        let writer = CSVWriter(destination: try OutputFile(path: path))
        try writer.writeRow(["only"])
        try writer.writeRow(["\"\""])
        try writer.writeRow(["x"])
        try writer.finish()
        let records = try readRecords(CSVReader(path: path))
        #expect(records.rows == [["\"\""], ["x"]])
    }
}
