import Foundation
import Testing

@testable import KYCWatch

@Suite("Reading CSV with libcsv")
struct CSVReaderTests {
    let folder = TemporaryFolder()

    private func read(_ text: String, options: CSVOptions = CSVOptions()) throws -> (
        header: [String], rows: [[String]], lines: [Int], malformed: [MalformedRow]
    ) {
        let reader = try CSVReader(path: folder.write("in.csv", text), options: options)
        let records = try readRecords(reader)
        return (reader.header, records.rows, records.lines, records.malformed)
    }

    @Test(
        "RFC 4180 quoting",
        arguments: [
            ("a,b\n1,2\n", [["1", "2"]]),
            ("a,b\n\"x,y\",2\n", [["x,y", "2"]]),
            ("a,b\n\"say \"\"hi\"\"\",2\n", [["say \"hi\"", "2"]]),
            ("a,b\n\"line1\nline2\",2\n", [["line1\nline2", "2"]]),
            ("a,b\n,\n", [["", ""]]),
            ("a,b\n\"\",\"\"\n", [["", ""]]),
            ("a,b\n  padded , kept \n", [["  padded ", " kept "]]),
            ("a,b\n1,2", [["1", "2"]]),
            ("a,b\r\n1,2\r\n3,4\r\n", [["1", "2"], ["3", "4"]]),
            ("\u{FEFF}a,b\n1,2\n", [["1", "2"]]),
            ("a,b\nnaïve,東京\n", [["naïve", "東京"]]),
        ])
    func quoting(input: String, expected: [[String]]) throws {
        let result = try read(input)
        #expect(result.header == ["a", "b"])
        #expect(result.rows == expected)
    }

    @Test("every record knows the line it starts on, across embedded newlines, CRLF and blank lines")
    func lineNumbers() throws {
        let text = "id,note\r\n1,plain\r\n2,\"two\r\nlines\"\r\n\r\n3,\"x\ny\nz\"\n4,last\n"
        let result = try read(text)
        #expect(result.rows.map { $0[0] } == ["1", "2", "3", "4"])
        #expect(result.lines == [2, 3, 6, 9])
    }

    @Test("ragged rows keep their own field count; nothing is padded")
    func raggedRows() throws {
        let result = try read("a,b,c\n1,2,3\n4,5\n6,7,8,9\n")
        #expect(result.rows.map(\.count) == [3, 2, 4])
    }

    @Test(
        "strict mode names the line and column of bad quoting",
        arguments: [
            ("a,b\n1,2\n3,x\"y\n", 3, 4),
            ("a,b\n1,\"ab\"c\n", 2, 7),
            ("a,b\n1,\"multi\nline\"x\n", 3, 6),
        ])
    func strictErrors(input: String, line: Int, column: Int) throws {
        let error = kycError { _ = try read(input) }
        #expect(error?.code == .csvMalformed)
        #expect(error?.location?.line == line)
        #expect(error?.location?.column == column)
        #expect(error?.location?.file.hasSuffix("in.csv") == true)
    }

    @Test("lenient mode quarantines the bad row with its raw text and reads on")
    func lenientQuarantine() throws {
        let result = try read("a,b\n1,2\n3,x\"y\n4,5\n5,\"ok\"\"\"\n", options: CSVOptions(mode: .lenient))
        #expect(result.rows == [["1", "2"], ["4", "5"], ["5", "ok\""]])
        #expect(result.lines == [2, 4, 5])
        #expect(result.malformed.count == 1)
        #expect(result.malformed.first?.line == 3)
        #expect(result.malformed.first?.column == 4)
        #expect(result.malformed.first.map { String(decoding: $0.raw, as: UTF8.self) } == "3,x\"y")
    }

    @Test("an unterminated quote at the end is an error in strict mode and a malformed row in lenient mode")
    func unterminatedQuote() throws {
        let text = "a,b\n1,2\n3,\"never closed\n"
        let strict = kycError { _ = try read(text) }
        #expect(strict?.code == .csvMalformed)
        // Refused at the quote, line and column, rejecting nothing; so is a header with a quote left open.
        #expect(strict?.location?.line == 3 && strict?.location?.column == 3, "\(String(describing: strict))")
        #expect(strict?.message.contains("rejected") == false, "\(String(describing: strict))")
        let header = kycError { _ = try read("a,\"b\n1,2\n3,4\n", options: CSVOptions(mode: .lenient)) }
        #expect(header?.location?.line == 1 && header?.location?.column == 3, "\(String(describing: header))")
        #expect(
            header?.message.hasSuffix("never closed (missing closing quote): it runs to the end of the file") == true)
        let lenient = try read(text, options: CSVOptions(mode: .lenient))
        #expect(lenient.rows == [["1", "2"]])
        #expect(lenient.malformed.map(\.line) == [3])
        #expect(lenient.malformed.map(\.lines) == [1])
    }

    @Test(
        "a quote left open takes the lines after it: the malformed row says how many, from the quote's place",
        arguments: [
            ("a,b\n1,2\n3,\"never\n4,5\n6,7\n", 3, "3,\"never\n4,5\n6,7"),
            ("a,b\n1,2\n3,\"never\n4,5\n6,7", 3, "3,\"never\n4,5\n6,7"),
            ("a,b\n1,2\n3,\"never\r\n4,5\r\n", 2, "3,\"never\r\n4,5"), ("a,b\n1,2\n3,\"never", 1, "3,\"never"),
        ])
    func unterminatedQuoteTakesLines(text: String, lines: Int, raw: String) throws {
        let lenient = try read(text, options: CSVOptions(mode: .lenient))
        #expect(lenient.rows == [["1", "2"]])
        let row = try #require(lenient.malformed.first)
        #expect(row.line == 3 && row.column == 3 && row.lines == lines)
        // The raw text is every line the row took, as written.
        #expect(String(decoding: row.raw, as: UTF8.self) == raw)
        let taken = lines == 2 ? "the line after it is rejected" : "the \(lines - 1) lines after it are rejected"
        #expect(row.message.contains(taken) == (lines > 1), "\(row.message)")
    }

    @Test("a quote left open and closed lines later makes one malformed row of all the lines between")
    func strayQuoteClosedLater() throws {
        let lenient = try read("a,b\n1,\"x\n2,3\n4,\"y\",5\n6,7\n", options: CSVOptions(mode: .lenient))
        #expect(lenient.rows == [["6", "7"]])
        #expect(lenient.lines == [5])
        let row = try #require(lenient.malformed.first)
        #expect(row.line == 2 && row.errorLine == 4 && row.lines == 3)
        #expect(row.message.contains("began on line 2"), "\(row.message)")
    }

    @Test(
        "a malformed row over several lines keeps all of them as its raw text, as written",
        arguments: [
            ("a,b\n1,\"x\n2,3\n4,\"y\",5\n6,7\n", "1,\"x\n2,3\n4,\"y\",5"),
            ("a,b,c\n\"p\nq\",\"r\"\"s\nt\"u,9\n8,9,9\n", "\"p\nq\",\"r\"\"s\nt\"u,9"),
            ("a,b,c\n\"p\nq\",r\"s,9\n8,9,9\n", "\"p\nq\",r\"s,9"),
        ])
    func multiLineRaw(text: String, raw: String) throws {
        let lenient = try read(text, options: CSVOptions(mode: .lenient))
        let row = try #require(lenient.malformed.first)
        #expect(String(decoding: row.raw, as: UTF8.self) == raw)
        #expect(lenient.rows.count == 1)
    }

    @Test(
        "a malformed row keeps the fields read whole before its quoting went wrong, on its first line",
        arguments: [
            ("id,name,x\nA1,Far \"Lake\" Ltd,9\n", ["A1"]),
            ("id,name,x\nA1,\"Far \"Lake\" Ltd\",9\n", ["A1"]),
            ("id,x,name\nA1,9,Far \"Lake\"\n", ["A1", "9"]),
            ("id,name,x\nA\"1,Far,9\n", []),
            // A quote left open to the end of the file, or closed on a later line.
            ("id,name,x\nA1,9,\"never closed\nA2,7,8\n", ["A1", "9"]),
            ("id,name,x\nA1,\"Far\nLake\",9\"x\n", ["A1"]),
            // A field that took a line end may hold the next line's text: it and the ones after it are not kept.
            ("id,name,x\n\"A\n1\",Far,\"x\"y\n", []),
        ])
    func malformedLeadingFields(text: String, fields: [String]) throws {
        let lenient = try read(text, options: CSVOptions(mode: .lenient))
        let row = try #require(lenient.malformed.first)
        #expect(row.leadingFields == fields)
    }

    @Test("a field past the size limit stops the read instead of growing without bound")
    func fieldTooLarge() throws {
        let text = "a,b\n1,\"" + String(repeating: "x", count: 3 << 20) + "\n"
        let error = kycError { _ = try read(text, options: CSVOptions(maxFieldBytes: 1 << 20)) }
        #expect(error?.code == .csvTooLarge)
        #expect(error?.location?.line == 2)
    }

    @Test(
        "lenient mode sets aside a quote left open past the size limit with the lines it took, and reads on",
        arguments: [60_000, 80_000])
    func openQuotePastLimit(linesAfter: Int) throws {
        // 40-byte lines, 2.4 or 3.2 MB, read a megabyte at a time: the quote is cut at the line where
        // its field passes the limit, wherever the reads end.
        let line = { (n: Int) in String(format: "%06d,%@", n, String(repeating: "y", count: 32)) }
        let text =
            "a,b\n" + (1...3).map(line).joined(separator: "\n") + "\n000004,\"open\n"
            + (5..<(5 + linesAfter)).map(line).joined(separator: "\n") + "\n"
        let lenient = try read(text, options: CSVOptions(mode: .lenient, maxFieldBytes: 16 << 10))
        let row = try #require(lenient.malformed.first)
        #expect(lenient.malformed.count == 1)
        #expect(row.line == 5)
        // "open" and a line end, then 40 bytes a line: past 16,384 bytes at the 410th line after it.
        #expect(row.lines == 411)
        let raw = String(decoding: row.raw, as: UTF8.self)
        #expect(raw.hasPrefix("000004,\"open\n" + line(5) + "\n") && raw.hasSuffix("\n" + line(414)))
        // Too long, whether or not a closing quote comes later: the reader cannot know, and says so.
        #expect(row.fault == .tooLarge && row.field == 1)
        #expect(row.message.contains("runs past 16384 bytes, the most a field may hold, before any closing quote"))
        #expect(row.message.hasSuffix("the row's 411 lines, 5 to 415, are rejected, and reading goes on at line 416"))
        // Every line is a row read or one of the set-aside row's lines; none is read twice or lost.
        #expect(lenient.rows.prefix(3).map { $0[0] } == ["000001", "000002", "000003"])
        let resumed = Array(lenient.rows.dropFirst(3))
        #expect(3 + row.lines + resumed.count == 3 + 1 + linesAfter)
        #expect(resumed.first?[0] == String(format: "%06d", 4 + row.lines), "\(row.message)")
        #expect(lenient.lines.dropFirst(3).first == 5 + row.lines)
        #expect(resumed.last?[0] == String(format: "%06d", 4 + linesAfter))
        #expect(resumed.allSatisfy { $0.count == 2 && $0[1].count == 32 })
        #expect(throws: KYCWatchError.self) {
            _ = try read(text, options: CSVOptions(maxFieldBytes: 16 << 10))
        }
    }

    @Test("an empty file has no header and says so")
    func emptyFile() {
        let error = kycError { _ = try read("") }
        #expect(error?.code == .csvHeader)
    }

    @Test("a malformed header is fatal even in lenient mode")
    func malformedHeader() {
        let error = kycError { _ = try read("a,b\"c\n1,2\n", options: CSVOptions(mode: .lenient)) }
        #expect(error?.code == .csvMalformed)
        #expect(error?.location?.line == 1)
    }

    @Test("tab-separated input with a quote byte that never occurs")
    func tabSeparated() throws {
        let result = try read("name\tcountry\nO\"Brien\tIE\n", options: CSVOptions(delimiter: 0x09, quote: 0))
        #expect(result.rows == [["O\"Brien", "IE"]])
    }

    @Test("batches split anywhere keep records whole", arguments: [1, 2, 3, 7, 1000])
    func batchBoundaries(size: Int) throws {
        let text = "k,v\n" + (0..<50).map { "\($0),\"v\($0)\nsecond line\"" }.joined(separator: "\n") + "\n"
        let reader = try CSVReader(path: folder.write("b.csv", text), options: CSVOptions(batchRecords: size))
        let records = try readRecords(reader)
        #expect(records.rows.count == 50)
        #expect(records.rows[49] == ["49", "v49\nsecond line"])
        #expect(records.lines == (0..<50).map { 2 + 2 * $0 })
    }

    @Test("a batch's bytes are its own: they outlive the reader and the batches after them")
    func batchesOwnTheirBytes() throws {
        // Some 3 MB: several of the reader's 1 MiB chunks, so several batches.
        let count = 120_000
        let text = "k,v\n" + (0..<count).map { "key-\($0),value \($0)" }.joined(separator: "\n") + "\n"
        var batches: [RecordBatch] = []
        do {
            let reader = try CSVReader(path: folder.write("own.csv", text))
            while let batch = try reader.nextBatch() { batches.append(batch) }
        }
        // The reader is gone, and each batch was handed the buffer it was read into.
        #expect(batches.count > 2)
        let rows = batches.flatMap { batch in (0..<batch.count).map { batch.strings(record: $0) } }
        #expect(rows == (0..<count).map { ["key-\($0)", "value \($0)"] })
        #expect(Array(batches[0].bytes.prefix(5)) == Array("key-0".utf8))
    }

    @Test("records spanning the reader's 1 MiB chunks stay whole, with right line numbers")
    func chunkBoundaries() throws {
        let rows = (0..<60_000).map { index in ["\(index)", index % 7 == 0 ? "quoted,\"\(index)\"\nnext" : "v\(index)"]
        }
        let text =
            "k,v\n" + rows.map { row in row.map(quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        let path = folder.file("big.csv.zst")
        let writer = try ZstdWriter(destination: OutputFile(path: path))
        try writer.write(text)
        try writer.finish()
        let records = try readRecords(CSVReader(path: path))
        #expect(records.rows == rows)
        var line = 2
        var expectedLines: [Int] = []
        for row in rows {
            expectedLines.append(line)
            line += 1 + row[1].filter { $0 == "\n" }.count
        }
        #expect(records.lines == expectedLines)
    }

    private func quote(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    @Test(
        "a UTF-16 or UTF-32 file, plain or in zstd, is refused at its byte order mark with the conversion to make",
        arguments: [
            ("UTF-16LE", [0xFF, 0xFE] as [UInt8], "UTF-16"), ("UTF-16BE", [0xFE, 0xFF], "UTF-16"),
            ("UTF-32LE", [0xFF, 0xFE, 0, 0], "UTF-32"), ("UTF-32BE", [0, 0, 0xFE, 0xFF], "UTF-32"),
        ])
    func wideEncodingRefused(encoding: String, mark: [UInt8], family: String) throws {
        let wide = Array("id,name\n1,Ann\n".unicodeScalars).flatMap { scalar -> [UInt8] in
            let value = scalar.value
            switch encoding {
            case "UTF-16LE": return [UInt8(value & 0xFF), UInt8(value >> 8)]
            case "UTF-16BE": return [UInt8(value >> 8), UInt8(value & 0xFF)]
            case "UTF-32LE": return [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), 0, 0]
            default: return [0, 0, UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
            }
        }
        let plain = folder.write("wide.csv", mark + wide)
        let compressed = folder.file("wide.csv.zst")
        #expect(try ExternalTool.run(["zstd", "-q", "-f", plain, "-o", compressed]).status == 0)
        for path in [plain, compressed] {
            let error = try #require(kycError { _ = try CSVReader(path: path) }, "\(path)")
            #expect(error.code == .unsupportedEncoding)
            #expect(error.location?.file == path)
            #expect(error.message.contains("the file is \(encoding) text"), "\(error.message)")
            #expect(error.message.hasSuffix("convert to UTF-8 (iconv -f \(family) -t UTF-8)"), "\(error.message)")
        }
        // UTF-8 with its byte order mark still reads.
        let utf8 = try CSVReader(path: folder.write("bom.csv", [0xEF, 0xBB, 0xBF] + Array("id,name\n1,Ann\n".utf8)))
        #expect(utf8.header == ["id", "name"])
        // A mark written twice, by a tool adding one to a file that had one, is not part of the first name.
        let twice = try CSVReader(
            path: folder.write("bom2.csv", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("id,name\n1,Ann\n".utf8)))
        #expect(twice.header == ["id", "name"])
        #expect(try readRecords(twice).rows == [["1", "Ann"]])
    }
}
