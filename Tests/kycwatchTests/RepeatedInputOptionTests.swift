import Foundation
import Testing

/// An export delivered in parts, each named by its own `--usage`: every part is read, never only the last.
@Suite("kycwatch run, normalize and validate: input options repeated")
struct RepeatedInputOptionTests {
    let scratch = ScratchFolder()

    private static let usageHeader = "record_id,account_id,resource_id,instance_type,start_time,end_time"

    /// Writes a usage export of `rows` records numbered from `first` as `name`, and returns its path.
    private func usagePart(_ name: String, first: Int, rows: Int) throws -> String {
        let lines = (first..<first + rows).map { record in
            "u\(record),acct-1,i-\(record),p5.48xlarge,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z"
        }
        let path = scratch.url.appendingPathComponent(name).path
        try Data(([Self.usageHeader] + lines).joined(separator: "\n").appending("\n").utf8)
            .write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Each input of the manifest in `out`: its path and rows read.
    private func inputs(_ out: String) throws -> [(path: String, rows: Int)] {
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
                as? [String: Any])
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        return inputs.map { ($0["path"] as? String ?? "", $0["rows_in"] as? Int ?? -1) }
    }

    @Test("run and normalize read every --usage file, and the manifest lists each", arguments: ["run", "normalize"])
    func everyUsageFileRead(command: String) throws {
        let parts = [
            try usagePart("part1.csv", first: 0, rows: 3), try usagePart("part2.csv", first: 3, rows: 2),
            try usagePart("part3.csv", first: 5, rows: 1),
        ]
        let out = scratch.url.appendingPathComponent(command).path
        let result = try KYCWatchBinary.run(
            [command] + parts.flatMap { ["--usage", $0] } + ["--out", out]
                + (command == "run" ? ["--run-date", "2026-06-02"] : []))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try inputs(out).map(\.path) == parts)
        #expect(try inputs(out).map(\.rows) == [3, 2, 1])
        let usage = try StageChainingTests.bash("zstd -dc '\(out)/usage.csv.zst' 2>/dev/null || true").stdout
        if command == "normalize" { #expect(usage.split(separator: "\n").count == 7, "\(usage)") }
    }

    @Test("validate tries every --usage file")
    func validateEveryFile() throws {
        let parts = [try usagePart("part1.csv", first: 0, rows: 3), try usagePart("part2.csv", first: 3, rows: 2)]
        let result = try KYCWatchBinary.run(["validate", "--usage", parts[0], "--usage", parts[1]])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(parts[0]) [usage, kycwatch]: header ok, 3 rows tried"), "\(result.stdout)")
        #expect(result.stdout.contains("\(parts[1]) [usage, kycwatch]: header ok, 2 rows tried"), "\(result.stdout)")
    }

    @Test(
        "an option that takes one value, or one file named twice, exits 64 before anything is read or written",
        arguments: [
            (["--out", "OUT", "--out", "OUT2"], "--out is given 2 times"),
            (
                ["--usage-format", "kycwatch", "--usage-format", "slurm-sacct", "--out", "OUT"],
                "--usage-format is given"
            ),
            (["--run-date", "2026-06-02", "--run-date=2026-06-03", "--out", "OUT"], "--run-date is given 2 times"),
            (["--usage", "PART", "--out", "OUT"], "--usage names"),
        ])
    func repeatsRefused(options: [String], words: String) throws {
        let part = try usagePart("part1.csv", first: 0, rows: 3)
        let out = scratch.url.appendingPathComponent("out").path
        let arguments = options.map { $0 == "OUT" ? out : $0 == "OUT2" ? out + "2" : $0 == "PART" ? part : $0 }
        let result = try KYCWatchBinary.run(["run", "--usage", part] + arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test(
        "one file named twice however it is spelt is refused before anything is read or written",
        arguments: ["./", "sub/../", "link"])
    func fileSpeltTwice(spelling: String) throws {
        let part = try usagePart("part1.csv", first: 0, rows: 3)
        let sub = scratch.url.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let link = scratch.url.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: part)
        let again = spelling == "link" ? "link.csv" : spelling + "part1.csv"
        let out = scratch.url.appendingPathComponent("out").path
        let result = try KYCWatchBinary.run(
            ["normalize", "--usage", "part1.csv", "--usage", again, "--out", out], in: scratch.url)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--usage names \(again) twice"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test(
        "the file standard input reads is that file: read again by another input, it is refused, by run and validate",
        arguments: ["normalize", "validate"])
    func standardInputIsItsFile(command: String) throws {
        let part = try usagePart("part1.csv", first: 0, rows: 3)
        let out = scratch.url.appendingPathComponent("out").path
        let result = try StageChainingTests.bash(
            "'\(KYCWatchBinary.path)' \(command) --usage '\(part)' --access - "
                + (command == "validate" ? "" : "--out '\(out)' ") + "< '\(part)'; echo \"status=$?\"")
        #expect(result.stdout.contains("is the file \(part), read already as usage input"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("status=78\n"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a pipeline file's glob and path naming one file is refused before anything is written, naming both")
    func pipelineFileNamedTwice() throws {
        _ = try usagePart("part1.csv", first: 0, rows: 3)
        _ = try usagePart("part2.csv", first: 3, rows: 2)
        let pipeline = scratch.url.appendingPathComponent("night.yaml").path
        let reference = KYCWatchBinary.repositoryRoot.path + "/Pipelines/reference"
        try Data(
            """
            version: 1
            inputs:
              - kind: usage
                path: part*.csv
              - kind: usage
                path: ./part2.csv
            reference:
              accelerators: \(reference)/accelerators.csv
              instance_types: \(reference)/instance_types.csv
              countries: \(reference)/countries.csv
            output:
              folder: out

            """.utf8
        ).write(to: URL(fileURLWithPath: pipeline))
        let result = try KYCWatchBinary.run(["normalize", pipeline])
        #expect(result.status == 78, "\(result.stderr)")
        #expect(result.stderr.contains("is the file"), "\(result.stderr)")
        #expect(result.stderr.contains("part2.csv"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("out").path))
    }

    @Test(
        "an option given an empty value, as a scheduler's unset variable gives it, exits 64 before anything is written",
        arguments: [
            (["run", "--previous", "", "--out", "OUT"], "--previous is given an empty value"),
            (["run", "--out", ""], "--out is given an empty value"),
            (["run", "--suppressions", " ", "--out", "OUT"], "--suppressions is given an empty value"),
            (["validate", "--previous", ""], "--previous is given an empty value"),
            (["detect", "--in", "OUT", "--out", ""], "--out is given an empty value"),
        ])
    func emptyValueRefused(arguments: [String], words: String) throws {
        let part = try usagePart("part1.csv", first: 0, rows: 3)
        let out = scratch.url.appendingPathComponent("out").path
        let inputs = arguments[0] == "detect" ? [] : ["--usage", part]
        // In a folder of its own: `--out ""` taken as the working folder would write there.
        let working = scratch.url.appendingPathComponent("working")
        try FileManager.default.createDirectory(at: working, withIntermediateDirectories: true)
        let result = try KYCWatchBinary.run(
            [arguments[0]] + inputs + arguments.dropFirst().map { $0 == "OUT" ? out : $0 }, in: working)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: working.path).isEmpty)
    }
}
