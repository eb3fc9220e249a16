import Foundation
import Testing

@Suite("kycwatch inspect, end to end")
struct InspectCommandTests {
    /// Removed when the test ends, however it ends.
    let scratch = ScratchFolder()
    var folder: URL { scratch.url }

    private func write(_ name: String, _ text: String) -> String {
        let path = folder.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    private func zstd(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["zstd", "-q", "-f", path, "-o", path + ".zst"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return path + ".zst"
    }

    @Test("describes a zstd export: format, frames, rows, columns, empties, sample")
    func describesZstdExport() throws {
        let path = try zstd(write("usage.csv", "record_id,account_id,job_id\nu1,a1,\nu2,a2,j\n\"u,3\",a3,\n"))
        let result = try KYCWatchBinary.run(["inspect", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("format      zstd, 1 frame"))
        #expect(result.stdout.contains("rows        3 data rows, 3 columns\n"))
        // A malformed row is not a data row, and the line says how many rows there are in all.
        let broken = try KYCWatchBinary.run(["inspect", write("broken.csv", "a,b\n1,2\n\"x,3\n4,5\n")])
        #expect(
            broken.stdout.contains("rows        1 data row, 2 columns; and 2 malformed rows, 3 in all"),
            "\(broken.stdout)")
        #expect(result.stdout.contains("job_id      2 (66.7%)"))
        #expect(result.stdout.contains("u,3 | a3 | "))
    }

    @Test("a row longer than any export's is counted as a run rejects it and left out of the sample, not printed")
    func longRow() throws {
        let commas = String(repeating: ",", count: 1 << 20)
        let path = write("long.csv", "a,b,c\n1,2,3\n\(commas)\n4,5,6\n")
        let result = try KYCWatchBinary.run(["inspect", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "oversized   1 row longer than 65,536 bytes as written, which normalize and run reject as "
                    + "oversized-row, left out of the sample rows (line 3 has 1,048,576 bytes)"),
            "\(result.stdout.prefix(2_000))")
        #expect(result.stdout.utf8.count < 4_096, "\(result.stdout.prefix(2_000))")
        let json = try KYCWatchBinary.run(["inspect", "--json", path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["longRows"] as? Int == 1)
        #expect((object["sample"] as? [[String]]) == [["1", "2", "3"], ["4", "5", "6"]])
    }

    @Test("reads standard input and prints JSON for scripts")
    func standardInputJSON() throws {
        let result = try KYCWatchBinary.run(
            ["inspect", "--json", "-"], stdin: Data("a,b\n1,\n2,3\n4\n".utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(json?["rows"] as? Int == 3)
        #expect(json?["raggedRows"] as? Int == 1)
        #expect(json?["format"] as? String == "plain")
    }

    @Test("a file read with another delimiter than its own gets a hint naming it and the option to use")
    func delimiterHint() throws {
        let path = write("semicolons.csv", "record_id;account_id;quantity\nu1;a1;2,5\nu2;a2;3\n")
        let result = try KYCWatchBinary.run(["inspect", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "delimiter   the header is one column that looks delimited by ';': read it with --delimiter ';'\n"),
            "\(result.stdout)")
        let json = try KYCWatchBinary.run(["inspect", "--json", path])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["likelyDelimiter"] as? String == ";")
        // Read as the hint says, the file has its columns and no hint.
        let right = try KYCWatchBinary.run(["inspect", "--delimiter", ";", path])
        #expect(right.stdout.contains("rows        2 data rows, 3 columns\n"), "\(right.stdout)")
        #expect(!right.stdout.contains("looks delimited"), "\(right.stdout)")
        let tabs = try KYCWatchBinary.run(["inspect", "-"], stdin: Data("a\tb\n1\t2\n".utf8))
        #expect(tabs.stdout.contains("looks delimited by tabs: read it with --delimiter tab\n"), "\(tabs.stdout)")
    }

    @Test("damaged zstd on standard input names the bytes being decoded and their frame")
    func damagedStandardInput() throws {
        var data = try Data(
            contentsOf: URL(fileURLWithPath: try zstd(write("d.csv", String(repeating: "abc,def,ghi\n", count: 1_000))))
        )
        data[data.count - 1] ^= 0xFF  // the checksum
        let result = try KYCWatchBinary.run(["inspect", "-"], stdin: data)
        #expect(result.status == 65)
        #expect(
            result.stderr.contains("found decoding bytes 0–\(data.count - 1) of the zstd frame that starts at byte 0"),
            "\(result.stderr)")
    }

    @Test(
        "bad input ends in a clear message and a non-zero exit",
        arguments: [
            ("missing", 66, "cannot open"),
            ("truncated", 65, "truncated"),
            ("gzip", 65, "gzip"),
            ("empty", 65, "header"),
        ])
    func badInput(kind: String, status: Int32, words: String) throws {
        let path: String
        switch kind {
        case "missing":
            path = folder.appendingPathComponent("absent.csv").path
        case "truncated":
            let full = try zstd(write("t.csv", String(repeating: "abc,def,ghi\n", count: 100_000) + "x\n"))
            let data = try Data(contentsOf: URL(fileURLWithPath: full))
            path = folder.appendingPathComponent("cut.zst").path
            try data.prefix(data.count - 7).write(to: URL(fileURLWithPath: path))
        case "gzip":
            path = folder.appendingPathComponent("x.csv.gz").path
            try Data([0x1F, 0x8B, 8, 0, 1, 2, 3]).write(to: URL(fileURLWithPath: path))
        default:
            path = write("empty.csv", "")
        }
        let result = try KYCWatchBinary.run(["inspect", path])
        #expect(result.status == status)
        #expect(result.stderr.contains("kycwatch: error: "))
        #expect(result.stderr.contains(words), "\(result.stderr)")
        #expect(result.stderr.contains(path.split(separator: "/").last.map(String.init) ?? path))
    }

    @Test(
        "a UTF-16 export exits 65 with the conversion to make, in normalize, run, validate and inspect alike",
        arguments: ["normalize", "run", "validate", "inspect"])
    func utf16Refused(command: String) throws {
        let text =
            "account_id,created_at,customer_type,legal_name,country,email\n"
            + "a1,2025-01-01T00:00:00Z,individual,Ann,US,ann@example.com\n"
        // Little-endian with its byte order mark, as Excel's "Unicode text" is saved.
        let bytes: [UInt8] =
            [0xFF, 0xFE] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let path = folder.appendingPathComponent("accounts.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let out = folder.appendingPathComponent("out").path
        let arguments =
            switch command {
            case "inspect": ["inspect", path]
            case "run": ["run", "--accounts", path, "--out", out, "--run-date", "2026-11-29"]
            default: [command, "--accounts", path, "--out", out]
            }
        let result = try KYCWatchBinary.run(arguments)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "kycwatch: error: \(path):1 (byte 0): the file is UTF-16LE text (it starts with that byte order mark); "
                    + "kycwatch reads UTF-8: convert to UTF-8 (iconv -f UTF-16 -t UTF-8)"),
            "\(result.stderr)")
        // Converted as the message says, the same file reads.
        let converted = folder.appendingPathComponent("accounts-utf8.csv").path
        let iconv = Process()
        iconv.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        iconv.arguments = ["iconv", "-f", "UTF-16", "-t", "UTF-8", path]
        iconv.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: write("accounts-utf8.csv", "")))
        try iconv.run()
        iconv.waitUntilExit()
        let again = try KYCWatchBinary.run(arguments.map { $0 == path ? converted : $0 })
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test(
        "options that would split every quoted field or line, or turn the bomb guard off, are refused",
        arguments: [
            (["--delimiter", "\""], "--delimiter takes one ASCII character other than a quote"),
            (["--delimiter", "\n"], "--delimiter takes one ASCII character other than a quote"),
            (["--max-compression-ratio", "nan"], "--max-compression-ratio must be a number of at least 1"),
            (["--max-compression-ratio", "0"], "--max-compression-ratio must be a number of at least 1"),
        ])
    func refusedOptions(options: [String], words: String) throws {
        let path = write("usage.csv", "a,b\n1,2\n")
        let result = try KYCWatchBinary.run(["inspect"] + options + [path])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
        let tab = try KYCWatchBinary.run(["inspect", "--delimiter", "tab", path])
        #expect(tab.status == 0, "\(tab.stderr)")
    }

    @Test("control characters in an export's names and values never reach the terminal")
    func controlCharacters() throws {
        let path = write("hostile.csv", "a\u{1B}[2J,b\n\u{1B}]0;owned\u{07}\u{1B}[2J,x\n1,\"y\u{1B}z\n\"w\n")
        let result = try KYCWatchBinary.run(["inspect", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.utf8.contains(0x1B) && !result.stdout.utf8.contains(0x07), "\(result.stdout)")
        #expect(result.stdout.contains("a[2J"), "\(result.stdout)")
    }

    @Test("help teaches the command with examples")
    func help() throws {
        let result = try KYCWatchBinary.run(["inspect", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("kycwatch inspect SampleData/usage.csv.zst"))
    }
}
