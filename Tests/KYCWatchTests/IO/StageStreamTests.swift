import Foundation
import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Stage streams (tar)")
struct StageStreamTests {
    /// A folder holding stage outputs with the given contents.
    static func stageFolder(_ files: [String: [UInt8]]) -> TemporaryFolder {
        let folder = TemporaryFolder()
        for (name, bytes) in files { folder.write(name, bytes) }
        return folder
    }

    @Test("files of any size survive send and receive byte for byte, in the stage order")
    func roundTrip() async {
        let sizes = Gen.int(in: 0...2_000).array(of: 1...5)
        await propertyCheck(count: 40, input: sizes) { sizes in
            var files: [String: [UInt8]] = [:]
            for (index, size) in sizes.enumerated() {
                files[StageStream.entryNames[index]] = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
            }
            let source = Self.stageFolder(files)
            let stream = TemporaryFolder()
            try StageStream.send(folder: source.path, to: stream.file("stream.tar"))
            let target = TemporaryFolder()
            let names = try StageStream.receive(from: stream.file("stream.tar"), into: target.path)
            #expect(names == StageStream.entryNames.filter { files[$0] != nil })
            for (name, bytes) in files {
                #expect(FileManager.default.contents(atPath: target.file(name)).map(Array.init) == bytes)
            }
        }
    }

    @Test("the stream is a tar archive the system's tar lists and extracts")
    func readableBySystemTar() throws {
        let source = Self.stageFolder([
            "usage.csv.zst": Array(repeating: 7, count: 1_000), "manifest.json": Array("{}".utf8),
        ])
        let stream = TemporaryFolder()
        try StageStream.send(folder: source.path, to: stream.file("s.tar"))
        let listing = try ExternalTool.run(["tar", "-tf", stream.file("s.tar")])
        #expect(listing.status == 0)
        #expect(String(decoding: listing.stdout, as: UTF8.self) == "usage.csv.zst\nmanifest.json\n")
        let extracted = TemporaryFolder()
        #expect(try ExternalTool.run(["tar", "-xf", stream.file("s.tar"), "-C", extracted.path]).status == 0)
        #expect(
            FileManager.default.contents(atPath: extracted.file("usage.csv.zst")).map(Array.init)
                == Array(repeating: 7, count: 1_000))
    }

    @Test("an archive made by the system's tar is received")
    func receivesSystemTar() throws {
        let source = Self.stageFolder(["accounts.csv.zst": Array("a,b\n".utf8), "rejects.csv.zst": []])
        let stream = TemporaryFolder()
        let made = try ExternalTool.run([
            "tar", "--format=ustar", "-cf", stream.file("s.tar"), "-C", source.path, "accounts.csv.zst",
            "rejects.csv.zst",
        ])
        #expect(made.status == 0)
        let target = TemporaryFolder()
        #expect(
            try StageStream.receive(from: stream.file("s.tar"), into: target.path) == [
                "accounts.csv.zst", "rejects.csv.zst",
            ])
        #expect(target.listing() == ["accounts.csv.zst", "rejects.csv.zst"])
    }

    /// The stream of one small usage file, as bytes.
    static func sampleStream() throws -> [UInt8] {
        let source = stageFolder(["usage.csv.zst": Array(repeating: 1, count: 700)])
        let stream = TemporaryFolder()
        try StageStream.send(folder: source.path, to: stream.file("s.tar"))
        return Array(FileManager.default.contents(atPath: stream.file("s.tar"))!)
    }

    static func receiveError(_ bytes: [UInt8]) -> KYCWatchError? {
        let stream = TemporaryFolder()
        let target = TemporaryFolder()
        do {
            _ = try StageStream.receive(from: stream.write("s.tar", bytes), into: target.path)
            return nil
        } catch {
            return error
        }
    }

    /// Where a stream cut after `length` bytes is reported: at the start of a tar header cut short
    /// (the stream's 512-byte header of the 700-byte entry), else where the bytes ran out.
    @Test(
        "a cut-off stream is an error that says where and why",
        arguments: [(0, 0), (100, 0), (512, 512), (900, 900), (1_536, 1_536)])
    func truncated(length: Int, offset: Int) throws {
        let stream = try Self.sampleStream()
        #expect(stream.count > length)
        let error = try #require(Self.receiveError(Array(stream.prefix(length))))
        #expect(error.code == .stageStream)
        #expect(error.location?.byteOffset == offset, "\(error)")
    }

    @Test("a flipped header byte fails the checksum")
    func corruptHeader() throws {
        var bytes = try Self.sampleStream()
        bytes[3] ^= 0x20
        let error = Self.receiveError(bytes)
        #expect(error?.code == .stageStream)
        #expect(error?.message.contains("checksum") == true)
    }

    @Test("entries outside the stage's files are refused, so a stream cannot write elsewhere")
    func unexpectedName() throws {
        var header = try TarHeader(name: "evil.sh", size: 0).encoded()
        header += [UInt8](repeating: 0, count: 1_024)
        let error = Self.receiveError(header)
        #expect(error?.message.contains("unexpected entry 'evil.sh'") == true)
        #expect(throws: KYCWatchError.self) { try TarHeader(name: "../usage.csv.zst", size: 0).encoded() }
    }

    @Test("an entry sent twice is refused")
    func duplicate() throws {
        let entry = try TarHeader(name: "usage.csv.zst", size: 0).encoded()
        let error = Self.receiveError(entry + entry + [UInt8](repeating: 0, count: 1_024))
        #expect(error?.message.contains("appears twice") == true)
    }

    @Test("sizes past the octal field's range use base-256 and read back")
    func largeSize() throws {
        let size = TarHeader.largestOctalSize + 12_345
        let block = try TarHeader(name: "usage.csv.zst", size: size).encoded()
        let decoded = try block.withUnsafeBytes { try TarHeader.decode($0, at: SourceLocation(file: "t")) }
        #expect(decoded == TarHeader(name: "usage.csv.zst", size: size))
    }

    @Test(
        "a base-256 size too large to add up is refused, not taken",
        arguments: [
            [0x80, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
            [0x80, 0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0],
        ] as [[UInt8]])
    func impossibleSize(field: [UInt8]) throws {
        var block = try TarHeader(name: "usage.csv.zst", size: 0).encoded()
        block.replaceSubrange(124..<136, with: field)
        // A valid checksum, so that the size is what is refused.
        block.replaceSubrange(148..<156, with: Array(repeating: UInt8(ascii: " "), count: 8))
        let sum = block.reduce(0) { $0 + Int($1) }
        let digits = Array(String(sum, radix: 8).utf8)
        block.replaceSubrange(
            148..<156, with: Array(repeating: UInt8(ascii: "0"), count: 6 - digits.count) + digits + [0, 0x20])
        let error = Self.receiveError(block + [UInt8](repeating: 0, count: 1_024))
        #expect(error?.code == .stageStream)
        #expect(error?.message.contains("impossible size") == true, "\(String(describing: error))")
    }
}
