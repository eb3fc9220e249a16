import Foundation
import Testing

/// Exports with CR-only line ends, and with a value too long to read, through the binary.
extension NormalizeCommandTests {
    static let accessHeader = "event_id,account_id,timestamp,source_ip,action,count"

    /// Thirty access rows; the third has a quote inside its unquoted action, 50 bytes into its line.
    static let accessRows = (1...30).map { number in
        "ev-\(number),acct-\(number),2026-06-01T02:00:0\(number % 10)Z,203.0.113.\(number),"
            + (number == 3 ? "api \"batch\"" : "login") + ",\(number)"
    }

    /// Runs `normalize --access path` into `out` and returns the result, the manifest's one input and
    /// the rejects' rows (header left out).
    private func normalizeAccess(_ path: String, out: String) throws -> (
        result: KYCWatchBinary.Result, input: [String: Any], rejects: [String]
    ) {
        let result = try KYCWatchBinary.run(["normalize", "--access", path, "--out", out])
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
            as? [String: Any]
        let input = try #require((manifest?["inputs"] as? [[String: Any]])?.first)
        let rejects = try StageChainingTests.bash("zstd -dcq '\(out)/rejects.csv.zst'").stdout
            .split(separator: "\n").dropFirst().map(String.init)
        return (result, input, rejects)
    }

    @Test("a CR-only export with a badly quoted row: the row is quarantined at its line and column, every row counted")
    func carriageReturnExport() throws {
        var accepted: [String] = []
        for lineEnd in ["\r", "\n"] {
            let name = lineEnd == "\r" ? "cr" : "lf"
            let path = folder.appendingPathComponent("\(name)-x.csv").path
            let text = ([Self.accessHeader] + Self.accessRows).joined(separator: lineEnd) + lineEnd
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let out = folder.appendingPathComponent("\(name)-out").path
            let (result, input, rejects) = try normalizeAccess(path, out: out)
            #expect(result.status == 0, "\(name): \(result.stderr)")
            // Every row is in: none after the bad one is lost.
            #expect(input["rows_in"] as? Int == 30, "\(name)")
            #expect(input["rows_accepted"] as? Int == 29, "\(name)")
            #expect(input["rows_rejected"] as? Int == 1, "\(name)")
            #expect(input["rejected_by_reason"] as? [String: Int] == ["malformed-csv": 1], "\(name)")
            #expect(rejects.count == 1, "\(name): \(rejects)")
            // Its line, and the column within that line; its raw text is that row alone.
            #expect(
                rejects.first?.hasPrefix(
                    "\(path),4,,malformed-csv,\"line 4, column 50: a quote inside an unquoted field")
                    == true, "\(name): \(rejects)")
            #expect(
                rejects.first?.hasSuffix(",\"ev-3,acct-3,2026-06-01T02:00:03Z,203.0.113.3,api \"\"batch\"\",3\"")
                    == true,
                "\(name): \(rejects)")
            accepted.append(try StageChainingTests.bash("zstd -dcq '\(out)/access.csv.zst'").stdout)
            let inspect = try KYCWatchBinary.run(["inspect", path])
            #expect(
                inspect.stdout.contains("rows        29 data rows, 6 columns; and 1 malformed row, 30 in all"),
                "\(name): \(inspect.stdout)")
        }
        // The same rows are kept whichever the line ends.
        #expect(accepted[0] == accepted[1])
        #expect(accepted[0].split(separator: "\n").count == 30)
    }

    @Test(
        "a value past 8 MiB, quoted or not, is an oversized-row reject naming its line, column and field; the night goes on",
        arguments: [false, true])
    func valuePastFieldLimit(quoted: Bool) throws {
        let long = String(repeating: "A", count: 9 << 20)
        var rows = Self.accessRows.map { $0.replacingOccurrences(of: "api \"batch\"", with: "api") }
        rows[4] = "ev-5,acct-5,2026-06-01T02:00:05Z,203.0.113.5," + (quoted ? "\"\(long)\"" : long) + ",5"
        let path = folder.appendingPathComponent("long-x.csv").path
        try Data((([Self.accessHeader] + rows).joined(separator: "\r") + "\r").utf8).write(
            to: URL(fileURLWithPath: path))
        let (result, input, rejects) = try normalizeAccess(path, out: folder.appendingPathComponent("out").path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(input["rows_in"] as? Int == 30)
        #expect(input["rows_accepted"] as? Int == 29)
        #expect(input["rejected_by_reason"] as? [String: Int] == ["oversized-row": 1])
        let reject = try #require(rejects.first)
        #expect(
            reject.hasPrefix("\(path),6,action,oversized-row,\"line 6, column 46: field 5 ('action')"),
            "\(reject.prefix(300))")
        #expect(reject.contains("runs past 8388608 bytes, the most a field may hold"), "\(reject.prefix(300))")
        #expect(!reject.contains("missing"), "\(reject.prefix(300))")
        #expect(reject.contains(quoted ? "before any closing quote" : "binary data"), "\(reject.prefix(300))")
        #expect(reject.contains("the row is rejected, and reading goes on at line 7"), "\(reject.prefix(300))")
        // The raw text is cut to 1 KiB, like any oversized row's.
        #expect(reject.utf8.count < 2_000)
        let inspect = try KYCWatchBinary.run(["inspect", path])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.contains("29 data rows, 6 columns; and 1 malformed row, 30 in all"), "\(inspect.stdout)")
        #expect(inspect.stdout.contains("malformed   1 row with a field past the size limit\n"), "\(inspect.stdout)")
    }
}
