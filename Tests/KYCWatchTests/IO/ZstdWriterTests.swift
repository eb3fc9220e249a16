import Foundation
import Testing

@testable import KYCWatch

@Suite("Writing zstd output atomically")
struct ZstdWriterTests {
    let folder = TemporaryFolder()

    @Test("output decompresses with zstd -d and carries a content checksum", arguments: [1, 3, 19])
    func decompressesWithCLI(level: Int32) throws {
        let path = folder.file("out.csv.zst")
        let text = String(repeating: "a,b,\"c\nd\"\n", count: 100_000)
        let writer = try ZstdWriter(destination: OutputFile(path: path), level: level, workers: 2)
        try writer.write(text)
        try writer.finish()
        let decoded = try ExternalTool.run(["zstd", "-dc", path])
        #expect(decoded.status == 0)
        #expect(decoded.stdout == Data(text.utf8))
        let listing = try ExternalTool.run(["zstd", "-lv", path])
        #expect(String(decoding: listing.stdout, as: UTF8.self).contains("XXH64"))
    }

    @Test("output is byte-identical whatever the worker count")
    func deterministicAcrossWorkers() throws {
        let text = (0..<200_000).map { "row-\($0),\($0 % 97)\n" }.joined()
        var outputs: [Data] = []
        for workers: Int32 in [1, 2, 4] {
            let path = folder.file("w\(workers).zst")
            let writer = try ZstdWriter(destination: OutputFile(path: path), workers: workers)
            try writer.write(text)
            try writer.finish()
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(Set(outputs).count == 1)
    }

    @Test("nothing exists under the final name until finish, and an abandoned write leaves nothing")
    func atomicity() throws {
        let path = folder.file("findings.jsonl.zst")
        do {
            let writer = try ZstdWriter(destination: OutputFile(path: path))
            try writer.write(String(repeating: "x", count: 3 << 20))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
        #expect(folder.listing().isEmpty, "temporary file left behind: \(folder.listing())")
        let writer = try ZstdWriter(destination: OutputFile(path: path))
        try writer.write("done\n")
        #expect(!FileManager.default.fileExists(atPath: path))
        try writer.finish()
        #expect(folder.listing() == ["findings.jsonl.zst"])
    }

    @Test("an existing file is replaced only when the new one is complete")
    func replacesAtomically() throws {
        let path = folder.write("report.csv", "old\n")
        let file = try OutputFile(path: path)
        try file.write("new\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        try file.finish()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        let expected = try ExternalTool.run(["sha256sum", path])
        #expect(file.sha256Hex == String(decoding: expected.stdout.prefix(64), as: UTF8.self))
    }

    @Test("an unwritable folder is an output error naming the path")
    func unwritableFolder() {
        let error = kycError { _ = try OutputFile(path: folder.file("missing-folder/out.csv")) }
        #expect(error?.code == .writeFailed)
        #expect(error?.location?.file == folder.file("missing-folder/out.csv"))
    }

    @Test("an invalid level is a configuration error")
    func invalidLevel() {
        let error = kycError { _ = try ZstdWriter(destination: OutputFile(path: folder.file("x.zst")), level: 99) }
        #expect(error?.code == .invalidConfiguration)
    }
}
