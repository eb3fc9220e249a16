import Foundation
import Testing

@testable import KYCWatch

@Suite("Reading zstd and plain inputs")
struct ZstdReaderTests {
    let folder = TemporaryFolder()

    private func zstdCLI(_ text: String, name: String, flags: [String] = []) throws -> String {
        let plain = folder.write(name + ".src", text)
        let target = folder.file(name)
        let result = try ExternalTool.run(["zstd", "-q", "-f"] + flags + [plain, "-o", target])
        #expect(result.status == 0, "zstd failed: \(result.stderr)")
        return target
    }

    @Test("reads a file made by the zstd command line tool")
    func readsCLIOutput() throws {
        let text = String(repeating: "account_id,region\nacct-1,us-east-1\n", count: 20_000)
        let path = try zstdCLI(text, name: "one.csv.zst", flags: ["-19", "--check"])
        let reader = try InputFile.open(path)
        #expect(reader.format == .zstd)
        #expect(try readAll(reader) == Array(text.utf8))
        #expect((reader as? ZstdReader)?.framesCompleted == 1)
    }

    @Test("reads concatenated frames as one stream (cat a.zst b.zst)")
    func readsMultiFrame() throws {
        let first = try zstdCLI("a,b\n1,2\n", name: "a.zst")
        let second = try zstdCLI("3,4\n", name: "b.zst")
        let joined = try Data(contentsOf: URL(fileURLWithPath: first)) + Data(contentsOf: URL(fileURLWithPath: second))
        let path = folder.write("joined.zst", Array(joined))
        let reader = try InputFile.open(path)
        #expect(String(decoding: try readAll(reader), as: UTF8.self) == "a,b\n1,2\n3,4\n")
        #expect((reader as? ZstdReader)?.framesCompleted == 2)
    }

    @Test("skips skippable frames before, between and after data frames")
    func skipsSkippableFrames() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: try zstdCLI("x,y\n", name: "d.zst")))
        let skippable: [UInt8] = [0x50, 0x2A, 0x4D, 0x18, 4, 0, 0, 0, 0xDE, 0xAD, 0xBE, 0xEF]
        let path = folder.write("skip.zst", skippable + Array(data) + skippable + Array(data) + skippable)
        let reader = try InputFile.open(path)
        #expect(String(decoding: try readAll(reader), as: UTF8.self) == "x,y\nx,y\n")
    }

    @Test("chooses plain reading by magic bytes, whatever the name says")
    func plainByMagic() throws {
        let path = folder.write("looks-compressed.csv.zst", "a,b\n1,2\n")
        let reader = try InputFile.open(path)
        #expect(reader.format == .plain)
        #expect(try readAll(reader) == Array("a,b\n1,2\n".utf8))
        let disguised = try zstdCLI("q\n", name: "plain-name.csv")
        #expect(try InputFile.open(disguised).format == .zstd)
    }

    @Test("a truncated file ends in zstd.truncated with the byte offset")
    func truncated() throws {
        let text = String(repeating: "0123456789,abcdefghij\n", count: 50_000)
        let full = try Data(contentsOf: URL(fileURLWithPath: try zstdCLI(text, name: "full.zst")))
        let path = folder.write("cut.zst", Array(full.prefix(full.count / 2)))
        let error = kycError { _ = try readAll(InputFile.open(path)) }
        #expect(error?.code == .zstdTruncated)
        #expect(error?.location?.file == path)
        #expect(error?.location?.byteOffset == full.count / 2)
    }

    @Test("a file cut inside the zstd magic number is a truncated zstd file, not text", arguments: [2, 3])
    func cutInsideMagic(length: Int) throws {
        let path = folder.write("magic.zst", Array([0x28, 0xB5, 0x2F, 0xFD].prefix(length)) as [UInt8])
        let error = kycError { _ = try readAll(InputFile.open(path)) }
        #expect(error?.code == .zstdTruncated)
    }

    @Test("flipped bytes end in a corrupt-data or checksum error, never a crash", arguments: [0.3, 0.5, 0.8, 0.99])
    func flippedBytes(position: Double) throws {
        var state: UInt64 = 42
        let text = (0..<40_000).map { index -> String in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return "\(index),\(state >> 20),\(state % 977)\n"
        }.joined()
        var bytes = Array(
            try Data(contentsOf: URL(fileURLWithPath: try zstdCLI(text, name: "f.zst", flags: ["--check"]))))
        let index = Int(Double(bytes.count - 1) * position)
        bytes[index] ^= 0x5A
        let path = folder.write("flipped.zst", bytes)
        let error = kycError { _ = try readAll(InputFile.open(path)) }
        let found = try #require(error, "a flipped byte at \(index) went unnoticed")
        #expect([.zstdCorrupt, .zstdChecksum, .zstdTruncated].contains(found.code))
        // The error is placed at the block (or, when every block decodes, the frame) that holds the
        // flipped byte, and the message gives that block's or frame's bytes.
        let range = try #require(
            found.message.firstMatch(of: /at bytes (\d+)–(\d+)/).map { (Int($0.1)!, Int($0.2)!) }, "\(found)")
        #expect(found.location?.byteOffset == range.0, "\(found)")
        #expect((range.0...range.1).contains(index), "flip at \(index): \(found)")
        #expect(range.1 < bytes.count)
    }

    @Test("a checksum mismatch is reported as such")
    func checksumMismatch() throws {
        var bytes = Array(
            try Data(
                contentsOf: URL(
                    fileURLWithPath: try zstdCLI("a,b\n", name: "c.zst", flags: ["--check", "--no-content-size"]))))
        bytes[bytes.count - 1] ^= 0xFF  // the last 4 bytes are the XXH64 checksum
        let error = kycError { _ = try readAll(InputFile.open(folder.write("bad-check.zst", bytes))) }
        #expect(error?.code == .zstdChecksum)
        // Every block decodes: the damage can be anywhere in the frame, and the message says so.
        #expect(error?.location?.byteOffset == 0)
        #expect(error?.message.contains("somewhere in the zstd frame at bytes 0–\(bytes.count - 1)") == true)
    }

    /// Two frames of `zstd --check --no-content-size` one after the other, and where the second starts.
    private func twoFrames() throws -> (bytes: [UInt8], second: Int) {
        let first = Array(
            try Data(contentsOf: URL(fileURLWithPath: try zstdCLI("a,b\n1,2\n", name: "first.zst"))))
        let text = String(repeating: "acct-1,us-east-1,2026-06-01T00:00:00Z,8\n", count: 2_000)
        let second = Array(
            try Data(
                contentsOf: URL(
                    fileURLWithPath: try zstdCLI(text, name: "second.zst", flags: ["--check", "--no-content-size"]))))
        // Descriptor: a checksum, no content size, no dictionary, so a window byte and a 6-byte header.
        #expect(second[4] == 0x04, "zstd wrote a frame header this test does not expect")
        return (first + second, first.count)
    }

    @Test("a damaged block header is reported at that block, in the second frame")
    func damagedBlockHeader() throws {
        var (bytes, second) = try twoFrames()
        bytes[second + 6] |= 0x06  // block type 3 is reserved
        let error = kycError { _ = try readAll(InputFile.open(folder.write("header.zst", bytes))) }
        #expect(error?.code == .zstdCorrupt)
        #expect(error?.location?.byteOffset == second + 6)
        #expect(error?.message.contains("header of the compressed block at byte \(second + 6)") == true)
    }

    @Test("damage inside a block is reported at that block or its frame, not where the read began")
    func damagedBlockContent() throws {
        var (bytes, second) = try twoFrames()
        for index in (second + 12)..<(second + 28) { bytes[index] = 0xFF }
        let error = kycError { _ = try readAll(InputFile.open(folder.write("content.zst", bytes))) }
        let found = try #require(error)
        if found.code == .zstdCorrupt {
            // The frame's one block starts right after its header.
            #expect(found.location?.byteOffset == second + 6)
            #expect(found.message.contains("compressed block at bytes \(second + 6)–"), "\(found.message)")
        } else {
            #expect(found.code == .zstdChecksum)
            #expect(found.location?.byteOffset == second)
            #expect(found.message.contains("zstd frame at bytes \(second)–\(bytes.count - 1)"), "\(found.message)")
        }
    }

    @Test("garbage after the last frame is reported, not ignored")
    func trailingGarbage() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: try zstdCLI("a\n", name: "g.zst")))
        let error = kycError {
            _ = try readAll(InputFile.open(folder.write("tail.zst", Array(data) + Array("oops".utf8))))
        }
        #expect(error?.code == .zstdCorrupt)
    }

    @Test("a zero-byte file reads as empty plain input")
    func zeroBytes() throws {
        let reader = try InputFile.open(folder.write("empty.csv", []))
        #expect(reader.format == .plain)
        #expect(try readAll(reader).isEmpty)
    }

    @Test(
        "a gzip, xz or bzip2 input is refused with a line that turns it into zstd, which then reads",
        arguments: [("gzip", "usage.csv.gz"), ("xz", "usage.csv.xz"), ("bzip2", "usage.csv.bz2")])
    func compressedRefused(tool: String, name: String) throws {
        let text = "record_id,account_id\nr1,a1\nr2,a2\n"
        let plain = folder.write("usage.csv", text)
        let made = try ExternalTool.run(["sh", "-c", "\(tool) -c '\(plain)' > '\(folder.file(name))'"])
        try #require(made.status == 0, "\(made.stderr)")
        let path = folder.file(name)
        let error = try #require(kycError { _ = try InputFile.open(path) })
        #expect(error.code == .unsupportedCompression)
        #expect(error.location?.file == path)
        let advice = "\(tool) -dc \(path) | zstd -o \(folder.file("usage.csv.zst"))"
        #expect(error.message.hasSuffix("(recompress with: \(advice))"), "\(error.message)")
        // The advice, followed, gives a file kycwatch reads back to the text.
        let followed = try ExternalTool.run(["sh", "-c", advice])
        #expect(followed.status == 0, "\(followed.stderr)")
        #expect(try readAll(InputFile.open(folder.file("usage.csv.zst"))) == Array(text.utf8))
    }

    @Test("the recompression advice quotes a path the shell would split, and names standard input FILE")
    func recompressionQuoting() {
        #expect(
            InputFile.recompression(of: "/data/night 1/it's.CSV.GZ", format: "gzip")
                == "gzip -dc '/data/night 1/it'\\''s.CSV.GZ' | zstd -o '/data/night 1/it'\\''s.CSV.zst'")
        #expect(InputFile.recompression(of: "-", format: "xz") == "xz -dc FILE | zstd -o FILE.zst")
        #expect(InputFile.recompression(of: "u.zip", format: "zip") == "unzip -p u.zip | zstd -o u.zst")
    }

    @Test("a missing file names the path")
    func missingFile() {
        let error = kycError { _ = try InputFile.open(folder.file("nope.csv")) }
        #expect(error?.code == .fileUnreadable)
        #expect(error?.location?.file == folder.file("nope.csv"))
    }

    @Test("a bomb of a few KB trips the default ratio guard")
    func bombDefaultLimits() throws {
        let bomb = try makeBomb(megabytes: 200)
        #expect(bomb.count < 64 << 10)
        let path = folder.write("bomb.zst", bomb)
        let error = kycError { _ = try readAll(InputFile.open(path), pieceSize: 1 << 20) }
        #expect(error?.code == .decompressionLimit)
    }

    @Test("the byte cap trips when set below the content size")
    func byteCap() throws {
        let path = folder.write("small-bomb.zst", try makeBomb(megabytes: 4))
        let limits = DecompressionLimits(maxBytes: 1 << 20, maxRatio: 1e9)
        let error = kycError { _ = try readAll(InputFile.open(path, limits: limits), pieceSize: 1 << 16) }
        #expect(error?.code == .decompressionLimit)
        #expect(error?.message.contains("1048576") == true)
    }

    /// Zeros compressed by kycwatch's own writer: megabytes of output from kilobytes of input.
    private func makeBomb(megabytes: Int) throws -> [UInt8] {
        let path = folder.file("bomb-\(megabytes).zst")
        let writer = try ZstdWriter(destination: OutputFile(path: path), level: 19)
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        for _ in 0..<megabytes { try writer.write(zeros) }
        try writer.finish()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
