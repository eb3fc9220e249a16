import Foundation
import PropertyBased
import Testing

@testable import KYCWatch

/// The reader with the plain-line splitter against libcsv alone: every input must give the same
/// header, batches, line numbers, malformed rows, counters and errors.
@Suite("Plain lines split beside libcsv read the same as libcsv alone")
struct PlainLineSplitterTests {
    /// An input written by hand for one behaviour of libcsv or of the hand-over between the two.
    struct EdgeCase: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var delimiter = UInt8(ascii: ",")
        var quote = UInt8(ascii: "\"")

        init(_ name: String, _ text: String, delimiter: Character = ",", quote: UInt8 = UInt8(ascii: "\"")) {
            self.init(name, Array(text.utf8), delimiter: delimiter, quote: quote)
        }

        init(_ name: String, _ bytes: [UInt8], delimiter: Character = ",", quote: UInt8 = UInt8(ascii: "\"")) {
            self.name = name
            self.bytes = bytes
            self.delimiter = delimiter.asciiValue!
            self.quote = quote
        }

        var testDescription: String { name }
    }

    static let edgeCases: [EdgeCase] = [
        EdgeCase("plain rows", "a,b\n1,2\n3,4\n"),
        EdgeCase("no line end after the last row", "a,b\n1,2\n3,4"),
        EdgeCase("CRLF", "a,b\r\n1,2\r\n3,4\r\n"),
        EdgeCase("CRLF, no line end after the last row", "a,b\r\n1,2\r\n3,4"),
        EdgeCase("last row ends in a lone CR", "a,b\n1,2\n3,4\r"),
        EdgeCase("blank lines", "\n\na,b\n\n1,2\n\n\n3,4\n\n"),
        EdgeCase("blank CRLF lines", "\r\n\r\na,b\r\n\r\n1,2\r\n\r\n\r\n"),
        EdgeCase("blank lines of mixed endings", "a,b\n\r\n\n\r\r\n1,2\n\r\n"),
        EdgeCase("empty fields", "a,b,c\n,,\n1,,\n,,3\n,\n,,,,,,,,,,,,,,,,,,,\n"),
        EdgeCase("ragged rows", "a,b,c\n1\n1,2\n1,2,3,4,5\n,\n1,2,3\n"),
        EdgeCase("one column with empty values", "only\n\nx\n\n\ny\n"),
        EdgeCase("quote at line start", "a,b\n\"x\",2\n3,4\n"),
        EdgeCase("quote in a middle field", "a,b,c\n1,\"x,y\",3\n4,5,6\n"),
        EdgeCase("quote at line end", "a,b\n1,\"z\"\n2,3\n"),
        EdgeCase("quoted empty fields", "a,b\n\"\",\"\"\n\"\"\n1,2\n"),
        EdgeCase("doubled quotes", "a,b\n\"say \"\"hi\"\"\",2\n\"\"\"\",\"\"\"\"\"\"\n3,4\n"),
        EdgeCase("embedded LF", "a,b\n\"line1\nline2\",2\n3,4\n\"\n\n\",5\n6,7\n"),
        EdgeCase("embedded CRLF", "a,b\r\n\"line1\r\nline2\",2\r\n3,4\r\n\"\r\n\",x\r\n5,6\r\n"),
        EdgeCase("embedded lone CR", "a,b\n\"x\ry\",2\n3,4\n\"\r\",\"\r\r\"\n5,6\n"),
        EdgeCase("quoted field ends the file", "a,b\n1,\"two\nlines\""),
        EdgeCase("lone CR ends rows", "a,b\r1,2\r3,4\n5,6\r\r7,8\n"),
        EdgeCase("lone CR inside a line", "a,b\n1\r2,3\n4,5\n"),
        EdgeCase("CR CR LF", "a,b\n1,2\r\r\n3,4\n"),
        EdgeCase("a row ending in a lone CR, then a blank CRLF line", "a,b\r\n1,2\r\r\n\r\n3,4\r\n"),
        EdgeCase("LF CR", "a,b\n1,2\n\r3,4\n\r\n5,6\n"),
        EdgeCase("a BOM", "\u{FEFF}a,b\n1,2\n"),
        EdgeCase("a BOM and CRLF", "\u{FEFF}a,b\r\n1,2\r\n"),
        EdgeCase("a BOM and a quoted header", "\u{FEFF}\"a\",b\n1,2\n"),
        EdgeCase("a BOM alone", "\u{FEFF}"),
        EdgeCase("a BOM that is not first", "a,b\n\u{FEFF}1,2\n"),
        EdgeCase("empty", ""),
        EdgeCase("blank lines only", "\n\r\n\n"),
        EdgeCase("header only", "a,b\n"),
        EdgeCase("header without a line end", "a,b"),
        EdgeCase("quote inside an unquoted field", "a,b\n1,2\n3,x\"y\n4,5\n"),
        EdgeCase("text after a closing quote", "a,b\n1,\"ab\"c\n2,3\n"),
        EdgeCase("bad quoting after an embedded newline", "a,b\n1,\"multi\nline\"x\n2,3\n"),
        EdgeCase("bad quoting on a CRLF line", "a,b\r\n1,x\"y\r\n2,3\r\n"),
        EdgeCase("two bad rows in a row", "a,b\n1,x\"y\n\"p\"q,2\n3,4\n"),
        EdgeCase("bad quoting on the last line, no line end", "a,b\n1,2\n3,x\"y"),
        EdgeCase("a quote never closed", "a,b\n1,2\n3,\"never closed\n4,5\n"),
        EdgeCase("a quote never closed, then the end", "a,b\n1,\""),
        EdgeCase("bad quoting in the header", "a,b\"c\n1,2\n"),
        EdgeCase("a line that is one quote", "a\n\"\n1\n"),
        EdgeCase("spaces around quotes", "a,b\n \"x\" ,2\n\"y\" ,3\n\"z\",4\n"),
        EdgeCase("spaces and tabs kept", "a,b\n  padded , kept \n\t1\t,\t2\n"),
        EdgeCase("semicolons", "a;b\n1;2\n\"x;y\";3\n1,5;2,5\n;\n", delimiter: ";"),
        EdgeCase("tabs", "a\tb\n1\t2\n\"x\ty\"\t3\n\t\n1 2\t3,4\n", delimiter: "\t"),
        EdgeCase("tabs with no quote byte", "name\tcountry\nO\"Brien\tIE\n\"x\"\t\"\n", delimiter: "\t", quote: 0),
        EdgeCase("multi-byte UTF-8", "a,b\nnaïve,東京\n🙂,é\n\"東,京\",🙂\n"),
        EdgeCase("NUL bytes", [0x61, 0x2C, 0x62, 0x0A, 0x00, 0x2C, 0x31, 0x0A, 0x32, 0x00, 0x2C, 0x00, 0x0A]),
        EdgeCase(
            "bytes one bit from the delimiter",
            [0x61, 0x2C, 0x62, 0x0A, 0xAC, 0x2C, 0x2D, 0x2B, 0x0C, 0x3C, 0x2C, 0xAC, 0x0A, 0xFF, 0x2C, 0x80, 0x0A]),
        EdgeCase(
            "delimiters at every word offset",
            "a,b\n"
                + (0..<24).map { String(repeating: "x", count: $0) + "," + String(repeating: "y", count: 23 - $0) }
                .joined(separator: "\n") + "\n"),
        EdgeCase(
            "long fields",
            "a,b,c\n"
                + (1..<40).map { "\(String(repeating: "f", count: $0 * 3)),,\(String(repeating: "g", count: $0))" }
                .joined(separator: "\n") + "\n"),
        EdgeCase(
            "plain and quoted lines interleaved",
            "id,v\n" + (0..<40).map { $0 % 3 == 0 ? "\($0),\"q\($0)\nx\"" : "\($0),v\($0)" }.joined(separator: "\r\n")
                + "\r\n"),
    ]

    private static let readings: [ReaderTranscript.Reads] = [
        .whole, .chopped(sizes: 1...1, seed: 1), .chopped(sizes: 1...7, seed: 2), .chopped(sizes: 2...40, seed: 3),
    ]

    @Test("hand-written edge cases", arguments: edgeCases)
    func edgeCase(_ edge: EdgeCase) throws {
        let folder = TemporaryFolder()
        let plain = folder.write("in.csv", edge.bytes)
        let compressed = folder.file("in.csv.zst")
        let zstd = try ExternalTool.run(["zstd", "-q", "-f", plain, "-o", compressed])
        try #require(zstd.status == 0, "zstd: \(zstd.stderr)")
        for path in [plain, compressed] {
            for mode in CSVOptions.Mode.allCases {
                for hasHeader in [true, false] {
                    for batchRecords in [1, 2, 8192] {
                        let options = CSVOptions(
                            delimiter: edge.delimiter, quote: edge.quote, mode: mode, hasHeader: hasHeader,
                            batchRecords: batchRecords)
                        for reads in Self.readings {
                            expectSameReading(
                                path: path, options: options, reads: reads, input: "\(edge.name) (\(mode))")
                        }
                        guard path == plain, batchRecords != 2 else { continue }
                        for first in 1..<max(1, min(edge.bytes.count, 160)) {
                            expectSameReading(
                                path: path, options: options, reads: .split(first: first),
                                input: "\(edge.name) (\(mode))")
                        }
                    }
                }
            }
        }
    }

    @Test("the splitter reads the plain lines and libcsv the others")
    func splitterTakesPlainLines() {
        let folder = TemporaryFolder()
        let path = folder.write("in.csv", "a,b\n1,2\n\"q\",3\n4,5\r\n\n6,\"x\ny\"\n7,8\n")
        let fast = ReaderTranscript(path: path, options: CSVOptions())
        let reference = ReaderTranscript(path: path, options: Self.libcsvOnly(CSVOptions()))
        #expect(fast == reference)
        #expect(fast.plainLines == 5)  // the header, 1,2 / 4,5 / the blank line / 7,8
        #expect(reference.plainLines == 0)
        #expect(fast.batches.first?.lines == [2, 3, 4, 6, 8])
    }

    @Test("a quoted field across the 1 MiB read boundary, each way the boundary can fall")
    func quoteAcrossReadBoundary() throws {
        let patterns = ["\"q,\"\"x\r\ny\",b\r\n", "x,y\r\n\r\n", "a\rb\n", "\"\"\"\",\"\"\n", "1,x\"y\n7,\"z\n"]
        let folder = TemporaryFolder()
        for (index, pattern) in patterns.enumerated() {
            let length = pattern.utf8.count
            for shift in 0...length {
                let text = Self.filler(to: (1 << 20) - length + shift) + pattern + "9,9\n10,\"ten\"\n11,11\n"
                let path = folder.file("straddle-\(index)-\(shift).csv.zst")
                try Self.compress(text, to: path)
                for mode in CSVOptions.Mode.allCases {
                    expectSameReading(
                        path: path, options: CSVOptions(mode: mode), reads: .whole,
                        input: "pattern \(pattern.debugDescription) at shift \(shift) (\(mode))")
                }
            }
        }
    }

    @Test("plain files: the first read is 64 KiB, and a CRLF may fall across it")
    func plainFirstReadBoundary() {
        let folder = TemporaryFolder()
        for shift in 0...10 {
            let text = Self.filler(to: (64 << 10) - 10 + shift) + "x,y\r\n\r\n\"a\r\nb\",c\r\n1,2\r\n"
            let path = folder.write("plain-\(shift).csv", text)
            expectSameReading(path: path, options: CSVOptions(), reads: .whole, input: "CRLF at shift \(shift)")
        }
    }

    @Test("lines longer than the read buffer, plain and quoted")
    func linesLongerThanTheBuffer() throws {
        var generator = SplitMix64(seed: 42)
        let plainLine = (0..<300_000).map { _ in
            String(repeating: "p", count: Int.random(in: 0...16, using: &generator))
        }
        .joined(separator: ",")
        let quotedField = "\"" + String(repeating: "q\"\"\n,", count: 600_000) + "\""
        let text = "a,b\n1,2\n" + plainLine + "\n3,4\n" + quotedField + ",x\r\n5,6\n" + plainLine + "\n"
        let folder = TemporaryFolder()
        let path = folder.file("long.csv.zst")
        try Self.compress(text, to: path)
        #expect(text.utf8.count > 2 << 20)
        expectSameReading(path: path, options: CSVOptions(), reads: .whole, input: "long lines")
        expectSameReading(
            path: path, options: CSVOptions(batchRecords: 1), reads: .chopped(sizes: 1000...300_000, seed: 9),
            input: "long lines, chopped")
    }

    @Test(
        "a field past the size limit fails, or is set aside, at the same place",
        arguments: ["1,\"", "1,", "1,\"x\"\"y"], ["\n", "\r\n", "\r"])
    func fieldTooLarge(prefix: String, lineEnd: String) throws {
        let folder = TemporaryFolder()
        let path = folder.file("big.csv.zst")
        let rows = ["a,b", "3,4", prefix + String(repeating: "x", count: 3 << 20) + "\"", "5,6", "7,8"]
        try Self.compress(rows.joined(separator: lineEnd) + lineEnd, to: path)
        let fast = ReaderTranscript(path: path, options: CSVOptions(maxFieldBytes: 1 << 20))
        #expect(fast.error?.code == .csvTooLarge)
        let lenient = ReaderTranscript(path: path, options: CSVOptions(mode: .lenient, maxFieldBytes: 1 << 20))
        #expect(lenient.error == nil)
        #expect(lenient.batches.flatMap(\.malformed).map(\.fault) == [.tooLarge])
        #expect(lenient.batches.flatMap(\.lines) == [2, 4, 5])
        for mode in CSVOptions.Mode.allCases {
            expectSameReading(
                path: path, options: CSVOptions(mode: mode, maxFieldBytes: 1 << 20), reads: .whole,
                input: "\(prefix) (\(mode))")
        }
    }

    @Test("a usage-like export with a few quoted rows, through both readers")
    func usageLikeExport() throws {
        var generator = SplitMix64(seed: 7)
        var text = "record_id,account_id,region,job_id,start_time,utilization,egress_bytes\n"
        for index in 0..<60_000 {
            let account = "acct-\(String(Int.random(in: 0..<100_000, using: &generator)))"
            let job =
                index % 997 == 0
                ? "\"job-\(index),run-\(index % 7)\"" : index % 1999 == 0 ? "\"say \"\"\(index)\"\"\"" : "job-\(index)"
            let utilization = index % 5 == 0 ? "" : String(Double(index % 100) / 100)
            text += "r\(index),\(account),eu-west-1,\(job),2026-06-01T00:00:00Z,\(utilization),\(index * 31)\n"
        }
        let folder = TemporaryFolder()
        let path = folder.file("usage.csv.zst")
        try Self.compress(text, to: path)
        expectSameReading(path: path, options: CSVOptions(), reads: .whole, input: "usage export")
        let fast = ReaderTranscript(path: path, options: CSVOptions())
        #expect(fast.recordsRead == 60_000)
        #expect(fast.plainLines > 59_000)

        let options = CSVOptions(batchRecords: 500)
        let ahead = try ReadAheadCSVReader(path: path, options: options)
        let reference = try ReadAheadCSVReader(path: path, options: Self.libcsvOnly(options))
        #expect(ahead.header == reference.header)
        while true {
            let batch = try ahead.nextBatch()
            let expected = try reference.nextBatch()
            #expect(batch.map(ReaderTranscript.Batch.init) == expected.map(ReaderTranscript.Batch.init))
            if batch == nil || expected == nil { break }
        }
        #expect(ahead.summary != nil)
        #expect(ahead.summary == reference.summary)
    }

    /// Pieces of input drawn from the bytes that matter to CSV, plain letters more often than the rest.
    static let tokens = [
        "a", "b", "a", "é", "xxxxxxxxxxx", ",", ",", ";", "\t", " ", "\n", "\n", "\r\n", "\r", "\"", "\"\"",
    ]
    /// One of ``tokens``, shrinking toward the first.
    static let token = Gen.int(in: 0...(tokens.count - 1)).map { tokens[$0] }

    @Test("random inputs, options and read sizes")
    func randomInputs() async {
        let settings = zip(
            Gen.int(in: 0...2), Gen.bool, Gen.bool, Gen.int(in: 1...4), Gen.int(in: 1...48),
            Gen.uint64(in: 0...UInt64.max))
        await propertyCheck(count: 500, input: Self.token.array(of: 0...80), settings, Gen.bool) {
            tokens, setting, compressed in
            let (delimiterIndex, lenient, hasHeader, batchRecords, largestRead, seed) = setting
            let text = tokens.joined()
            let folder = TemporaryFolder()
            let path = folder.file(compressed ? "in.csv.zst" : "in.csv")
            if compressed {
                try Self.compress(text, to: path)
            } else {
                folder.write("in.csv", text)
            }
            let options = CSVOptions(
                delimiter: [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09][delimiterIndex],
                mode: lenient ? .lenient : .strict, hasHeader: hasHeader, batchRecords: batchRecords)
            expectSameReading(
                path: path, options: options, reads: .chopped(sizes: 1...largestRead, seed: seed),
                input: text.debugDescription)
        }
    }

    /// Reads `path` with and without the splitter and expects the two transcripts to be equal.
    private func expectSameReading(
        path: String, options: CSVOptions, reads: ReaderTranscript.Reads, input: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let fast = ReaderTranscript(path: path, options: options, reads: reads)
        let reference = ReaderTranscript(path: path, options: Self.libcsvOnly(options), reads: reads)
        if let difference = fast.firstDifference(from: reference) {
            Issue.record(
                "\(input), header \(options.hasHeader), batches of \(options.batchRecords), \(reads): \(difference)",
                sourceLocation: sourceLocation)
        }
    }

    private static func libcsvOnly(_ options: CSVOptions) -> CSVOptions {
        var options = options
        options.splitsPlainLines = false
        return options
    }

    /// Plain rows of sixteen bytes (the last one shorter) filling exactly `count` bytes, header first.
    private static func filler(to count: Int) -> String {
        var text = "k,v\n"
        var index = 0
        while count - text.utf8.count >= 32 {
            text += "r" + String(index).leftPadded(to: 10) + ",abc\n"
            index += 1
        }
        let left = count - text.utf8.count
        return text
            + (left >= 3 ? String(repeating: "z", count: left - 2) + ",\n" : String(repeating: "\n", count: left))
    }

    private static func compress(_ text: String, to path: String) throws {
        let writer = try ZstdWriter(destination: OutputFile(path: path))
        try writer.write(text)
        try writer.finish()
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
