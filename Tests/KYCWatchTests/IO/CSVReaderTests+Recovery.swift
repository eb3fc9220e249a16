import Foundation
import PropertyBased
import Testing

@testable import KYCWatch

/// The line ends a file may have, for reading the same rows written each way.
enum LineEnd: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case lf = "\n"
    case crlf = "\r\n"
    case cr = "\r"

    var testDescription: String {
        switch self {
        case .lf: "LF"
        case .crlf: "CRLF"
        case .cr: "CR"
        }
    }
}

/// A malformed row, or a field past the size limit, set aside in lenient mode: where it is said to be,
/// and where reading goes on, whatever the file's line ends.
extension CSVReaderTests {
    /// Ten access rows; the third has a quote inside an unquoted field, 4 bytes into `api "batch"`.
    static let accessRows = (1...10).map { number in
        "ev-\(number),acct-\(number),2026-06-01T02:00:0\(number % 10)Z,203.0.113.\(number),"
            + (number == 3 ? "api \"batch\"" : "login") + ",\(number)"
    }

    /// The ways a reader is handed a file: whole reads, and reads of a few bytes, so that every line
    /// end, CRLF pairs among them, falls across a read somewhere.
    static let readings: [ReaderTranscript.Reads] = [
        .whole, .chopped(sizes: 1...1, seed: 1), .chopped(sizes: 1...7, seed: 2), .chopped(sizes: 5...60, seed: 3),
    ]

    /// Every record and malformed row of `path`, read with `options` as `reads` says.
    private static func readFile(
        _ path: String, options: CSVOptions, reads: ReaderTranscript.Reads
    ) throws -> (rows: [[String]], lines: [Int], malformed: [MalformedRow]) {
        var source = try InputFile.open(path)
        switch reads {
        case .whole: break
        case .chopped(let sizes, let seed): source = ChoppedByteReader(source, sizes: sizes, seed: seed)
        case .split(let first): source = ChoppedByteReader(source, first: first)
        }
        return try readRecords(CSVReader(source: source, options: options))
    }

    @Test(
        "a badly quoted row mid-file is set aside at its own line and column, and every row after it is read",
        arguments: LineEnd.allCases)
    func malformedRowMidFile(lineEnd: LineEnd) throws {
        let header = "event_id,account_id,timestamp,source_ip,action,count"
        let text = ([header] + Self.accessRows).joined(separator: lineEnd.rawValue) + lineEnd.rawValue
        let path = folder.write("x.csv", text)
        for reads in Self.readings {
            for splitsPlainLines in [true, false] {
                var options = CSVOptions(mode: .lenient, batchRecords: 4)
                options.splitsPlainLines = splitsPlainLines
                let context = "\(lineEnd.testDescription), \(reads), splitter \(splitsPlainLines)"
                let result = try Self.readFile(path, options: options, reads: reads)
                // Every row is read or set aside: none is lost after the bad one.
                #expect(result.rows.count == 9, "\(context)")
                #expect(result.rows.map { $0[0] } == (1...10).filter { $0 != 3 }.map { "ev-\($0)" }, "\(context)")
                #expect(result.lines == [2, 3, 5, 6, 7, 8, 9, 10, 11], "\(context)")
                let row = try #require(result.malformed.first, "\(context)")
                #expect(result.malformed.count == 1, "\(context)")
                #expect(row.line == 4 && row.errorLine == 4 && row.lines == 1, "\(context)")
                // The column is counted from the start of the row's own line, not of the file or a chunk.
                #expect(row.column == Array(Self.accessRows[2].utf8).firstIndex(of: UInt8(ascii: "\""))! + 1)
                #expect(row.column == 50, "\(context)")
                #expect(String(decoding: row.raw, as: UTF8.self) == Self.accessRows[2], "\(context)")
                #expect(row.fault == .quoting, "\(context)")
            }
        }
    }

    @Test(
        "a quoted field over several lines counts each of its line ends once, and so do the rows after it",
        arguments: LineEnd.allCases)
    func lineEndsInsideQuotes(lineEnd: LineEnd) throws {
        let end = lineEnd.rawValue
        let text =
            ["id,note", "1,\"two\(end)lines\"", "2,\"x\(end)\(end)y\"", "3,x\"y", "4,\"p\(end)q\"r", "5,last"]
            .joined(separator: end) + end
        let path = folder.write("q.csv", text)
        for reads in Self.readings {
            let result = try Self.readFile(path, options: CSVOptions(mode: .lenient), reads: reads)
            let context = "\(lineEnd.testDescription), \(reads)"
            #expect(result.rows == [["1", "two\(end)lines"], ["2", "x\(end)\(end)y"], ["5", "last"]], "\(context)")
            #expect(result.lines == [2, 4, 10], "\(context)")
            #expect(result.malformed.map(\.line) == [7, 8], "\(context)")
            #expect(result.malformed.map(\.errorLine) == [7, 9], "\(context)")
            #expect(result.malformed.map(\.column) == [4, 3], "\(context)")
            #expect(result.malformed.map(\.lines) == [1, 2], "\(context)")
            #expect(
                result.malformed.map { String(decoding: $0.raw, as: UTF8.self) } == ["3,x\"y", "4,\"p\(end)q\"r"],
                "\(context)")
        }
    }

    @Test(
        "a lone CR inside quotes ends a line in any file, as it does outside them, wherever the reads end",
        arguments: ["\n", "\r\n"])
    func loneReturnInsideQuotes(lineEnd: String) throws {
        let text =
            ["id,note", "1,\"x\ry\(lineEnd)z\"", "2,\"p\(lineEnd)q\rr\"", "3,x\r4,y", "5,\"\r\"", "6,last"]
            .joined(separator: lineEnd) + lineEnd
        let path = folder.write("lone.csv", text)
        for reads in Self.readings {
            for splitsPlainLines in [true, false] {
                var options = CSVOptions()
                options.splitsPlainLines = splitsPlainLines
                let result = try Self.readFile(path, options: options, reads: reads)
                #expect(result.rows.map { $0[0] } == ["1", "2", "3", "4", "5", "6"], "\(reads)")
                #expect(result.lines == [2, 5, 8, 9, 10, 12], "\(reads), splitter \(splitsPlainLines)")
            }
        }
    }

    @Test(
        "an unquoted field past the size limit is set aside with its line, column and field",
        arguments: LineEnd.allCases)
    func unquotedFieldPastLimit(lineEnd: LineEnd) throws {
        let end = lineEnd.rawValue
        // Longer than a read, so the reader meets it unfinished; the limit is 1 MiB.
        let long = String(repeating: "A", count: 3 << 20)
        let text =
            ["id,action,count", "1,login,1", "2,\(long),2", "3,\"api\",3", "4,login,4"].joined(separator: end) + end
        let path = folder.write("long.csv", text)
        for reads in [ReaderTranscript.Reads.whole, .chopped(sizes: 1000...300_000, seed: 4)] {
            let result = try Self.readFile(
                path, options: CSVOptions(mode: .lenient, maxFieldBytes: 1 << 20), reads: reads)
            let context = "\(lineEnd.testDescription), \(reads)"
            #expect(result.rows == [["1", "login", "1"], ["3", "api", "3"], ["4", "login", "4"]], "\(context)")
            #expect(result.lines == [2, 4, 5], "\(context)")
            let row = try #require(result.malformed.first, "\(context)")
            #expect(result.malformed.count == 1, "\(context)")
            #expect(row.fault == .tooLarge && row.field == 1, "\(context)")
            #expect(row.line == 3 && row.errorLine == 3 && row.column == 3 && row.lines == 1, "\(context)")
            #expect(row.message.hasPrefix("field 2 ('action') runs past 1048576 bytes"), "\(row.message)")
            #expect(row.message.hasSuffix("the row is rejected, and reading goes on at line 4"), "\(row.message)")
            #expect(row.raw.starts(with: Array("2,AAAA".utf8)) && row.raw.count <= (64 << 10) + 3, "\(context)")
        }
        // Strict, it stops the read, naming the line, the column and the field.
        let error = kycError { _ = try Self.readFile(path, options: CSVOptions(maxFieldBytes: 1 << 20), reads: .whole) }
        #expect(error?.code == .csvTooLarge)
        #expect(error?.location?.line == 3 && error?.location?.column == 3)
        #expect(
            error?.message.contains("field 2 ('action') runs past 1048576 bytes") == true,
            "\(String(describing: error))")
    }

    @Test(
        "a quoted field past the size limit says it is too long, not that its quote is missing, closed or not",
        arguments: LineEnd.allCases, [true, false])
    func quotedFieldPastLimit(lineEnd: LineEnd, closed: Bool) throws {
        let end = lineEnd.rawValue
        let long = "\"" + String(repeating: "B", count: 3 << 20) + (closed ? "\"" : "")
        let text = ["id,action,count", "1,login,1", "2,\(long),2", "3,api,3"].joined(separator: end) + end
        let path = folder.write("quoted.csv", text)
        let result = try Self.readFile(path, options: CSVOptions(mode: .lenient, maxFieldBytes: 1 << 20), reads: .whole)
        let row = try #require(result.malformed.first)
        #expect(row.fault == .tooLarge && row.field == 1)
        #expect(row.line == 3 && row.column == 3)
        #expect(row.message.contains("field 2 ('action'), a quoted field, runs past 1048576 bytes"), "\(row.message)")
        #expect(row.message.contains("before any closing quote"), "\(row.message)")
        #expect(!row.message.contains("missing"), "\(row.message)")
        // A field with no line end in it takes only its own line; reading goes on at the next.
        #expect(row.lines == 1)
        #expect(result.rows.map { $0[0] } == ["1", "3"])
        #expect(result.lines == [2, 4])
    }

    @Test("a row past four times the field limit is set aside as too large, with no one field named")
    func rowPastLimit() throws {
        let field = String(repeating: "C", count: 900 << 10)
        let text =
            "a,b,c,d,e,f\n1,2,3,4,5,6\n" + Array(repeating: field, count: 6).joined(separator: ",")
            + "\n7,8,9,10,11,12\n"
        let path = folder.write("row.csv", text)
        let result = try Self.readFile(path, options: CSVOptions(mode: .lenient, maxFieldBytes: 1 << 20), reads: .whole)
        let row = try #require(result.malformed.first)
        #expect(row.fault == .tooLarge && row.field == nil && row.line == 3 && row.lines == 1)
        #expect(row.message.hasPrefix("the row runs past 4194304 bytes as written"), "\(row.message)")
        #expect(result.rows == [["1", "2", "3", "4", "5", "6"], ["7", "8", "9", "10", "11", "12"]])
        #expect(result.lines == [2, 4])
    }

    @Test(
        "a row of delimiters alone is held to the row limit as written: set aside, not read to its end",
        arguments: [ReaderTranscript.Reads.whole, .chopped(sizes: 1000...300_000, seed: 7)])
    func rowOfDelimitersPastLimit(reads: ReaderTranscript.Reads) throws {
        // Five million empty fields: nothing in them, five times the limit as written.
        let text = "a,b,c\n1,2,3\n" + String(repeating: ",", count: 5 << 20) + "\n4,5,6\n"
        let path = folder.write("commas.csv", text)
        let result = try Self.readFile(
            path, options: CSVOptions(mode: .lenient, maxFieldBytes: 256 << 10), reads: reads)
        let row = try #require(result.malformed.first)
        #expect(row.fault == .tooLarge && row.line == 3 && row.lines == 1, "\(row.message)")
        #expect(row.message.hasPrefix("the row runs past 1048576 bytes as written"), "\(row.message)")
        #expect(row.leadingFields.count <= 1_024)
        #expect(result.rows == [["1", "2", "3"], ["4", "5", "6"]])
        #expect(result.lines == [2, 4])
    }

    /// A field of a generated table: its text as written, the value a reader makes of it, and the
    /// offset in the text of the byte where the tokenizer stops, for a badly quoted one.
    private static func field(_ code: Int, lineEnd: String) -> (text: String, value: String, bad: Int?) {
        switch code {
        case 0..<40: return ("v\(code)", "v\(code)", nil)
        case 40..<45: return ("", "", nil)
        case 45..<55: return ("\"a,\(code)\"", "a,\(code)", nil)
        case 55..<65: return ("\"q\"\"\(code)\"", "q\"\(code)", nil)
        case 65..<80: return ("\"l\(code)\(lineEnd)m\"", "l\(code)\(lineEnd)m", nil)
        // A quote inside an unquoted field, and text after a closing quote, on one line or after a line end.
        case 80..<90: return ("x\(code)\"y", "", 1 + "\(code)".utf8.count)
        case 90..<95: return ("\"ab\(code)\"c", "", 4 + "\(code)".utf8.count)
        default: return ("\"p\(lineEnd)q\"c", "", 4 + lineEnd.utf8.count)
        }
    }

    @Test("random tables with badly quoted rows: every row read or set aside where it is, LF, CRLF or CR")
    func randomTablesOverLineEnds() async {
        let settings = zip(Gen.int(in: 0...2), Gen.bool, Gen.bool, Gen.int(in: 0...3), Gen.int(in: 0...2))
        await propertyCheck(count: 300, input: Gen.int(in: 0...99).array(of: 0...64), settings) { codes, setting in
            let (style, lastLineEnd, splitsPlainLines, reading, batchIndex) = setting
            let lineEnd = LineEnd.allCases[style]
            let end = lineEnd.rawValue
            // Four codes a row: a blank line before it or not, then three fields; after a bad field the
            // rest of the row is plain, so the line end after the bad byte is the row's own.
            var text = "a,b,c" + end
            var line = 2
            var expectedRows: [[String]] = []
            var expectedLines: [Int] = []
            var expectedMalformed: [(line: Int, errorLine: Int, column: Int, raw: String)] = []
            let rowCount = codes.count / 4
            for row in 0..<rowCount {
                let rowCodes = codes[(row * 4)..<(row * 4 + 4)]
                if rowCodes.first! < 15 {
                    text += end
                    line += 1
                }
                var fields: [String] = []
                var values: [String] = []
                var bad: Int?
                for code in rowCodes.dropFirst() {
                    let field = bad == nil ? Self.field(code, lineEnd: end) : (text: "p", value: "p", bad: nil)
                    if let offset = field.bad, bad == nil {
                        bad = fields.reduce(0) { $0 + $1.utf8.count + 1 } + offset
                    }
                    fields.append(field.text)
                    values.append(field.value)
                }
                let rowText = fields.joined(separator: ",")
                let bytes = Array(rowText.utf8)
                if let bad {
                    let before = Array(bytes[..<bad])
                    let lineEnds = String(decoding: before, as: UTF8.self).components(separatedBy: end).count - 1
                    let lineStart = before.lastIndex { $0 == 0x0A || $0 == 0x0D }.map { $0 + 1 } ?? 0
                    expectedMalformed.append((line, line + lineEnds, bad - lineStart + 1, rowText))
                } else {
                    expectedRows.append(values)
                    expectedLines.append(line)
                }
                line += rowText.components(separatedBy: end).count
                text += rowText + (row < rowCount - 1 || lastLineEnd ? end : "")
            }
            let folder = TemporaryFolder()
            let path = folder.write("table.csv", text)
            var options = CSVOptions(mode: .lenient, batchRecords: [1, 2, 8192][batchIndex])
            options.splitsPlainLines = splitsPlainLines
            let reads = Self.readings[reading]
            let context = "\(lineEnd.testDescription), \(reads), splitter \(splitsPlainLines): \(text.debugDescription)"
            let result = try Self.readFile(path, options: options, reads: reads)
            #expect(result.rows == expectedRows, "\(context)")
            #expect(result.lines == expectedLines, "\(context)")
            #expect(result.malformed.map(\.line) == expectedMalformed.map(\.line), "\(context)")
            #expect(result.malformed.map(\.errorLine) == expectedMalformed.map(\.errorLine), "\(context)")
            #expect(result.malformed.map(\.column) == expectedMalformed.map(\.column), "\(context)")
            #expect(
                result.malformed.map { String(decoding: $0.raw, as: UTF8.self) } == expectedMalformed.map(\.raw),
                "\(context)")
            #expect(result.malformed.map(\.lines) == expectedMalformed.map { $0.errorLine - $0.line + 1 }, "\(context)")
            #expect(result.rows.count + result.malformed.count == rowCount, "\(context)")
        }
    }
}
