import Foundation

@testable import KYCWatch

/// A generated sample world read back through kycwatch's own readers, for the Sample tests.
struct SampleWorldReading {
    /// One CSV file: header, records with their lines, and the rows the tokenizer could not read.
    struct Table {
        var header: [String]
        var rows: [[String]]
        var lines: [Int]
        var malformed: [MalformedRow]

        func column(_ name: String) -> Int {
            guard let index = header.firstIndex(of: name) else {
                preconditionFailure("no column \(name) in \(header)")
            }
            return index
        }

        /// Records by the line they start on.
        var byLine: [Int: [String]] {
            Dictionary(uniqueKeysWithValues: zip(lines, rows))
        }
    }

    let folder: String
    let truth: SampleGroundTruth
    let accounts: Table
    let usage: Table
    let access: Table

    init(folder: String) throws {
        self.folder = folder
        let json = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + SampleWorld.groundTruthFile))
        truth = try JSONDecoder().decode(SampleGroundTruth.self, from: json)
        accounts = try Self.table(folder + "/accounts.csv.zst")
        usage = try Self.table(folder + "/usage.csv.zst")
        access = try Self.table(folder + "/access.csv.zst")
    }

    /// Reads a CSV file leniently, so malformed rows are handed out rather than stopping the read.
    static func table(_ path: String) throws -> Table {
        let reader = try CSVReader(path: path, options: CSVOptions(mode: .lenient))
        var table = Table(header: reader.header, rows: [], lines: [], malformed: [])
        while let batch = try reader.nextBatch() {
            for record in 0..<batch.count {
                table.rows.append(batch.strings(record: record))
                table.lines.append(batch.lines[record])
            }
            table.malformed += batch.malformed
        }
        return table
    }

    /// The decompressed bytes of a file (plain or zstd).
    static func bytes(_ path: String) throws -> [UInt8] {
        let reader = try InputFile.open(path)
        var result: [UInt8] = []
        let piece = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { piece.deallocate() }
        while true {
            let count = try reader.read(into: piece)
            if count == 0 { return result }
            result.append(contentsOf: piece[0..<count])
        }
    }

    /// The names of every file the generator writes.
    static let fileNames = [
        "accounts.csv.zst", "usage.csv.zst", "access.csv.zst", "ground-truth.json", "reference/ip-ranges.csv",
        "reference/anonymizers.csv",
    ]
}
