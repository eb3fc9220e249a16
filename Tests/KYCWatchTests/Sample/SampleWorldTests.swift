import Foundation
import Testing

@testable import KYCWatch

/// A folder under the system's temporary directory, removed when released.
private final class SampleScratchFolder {
    let path: String

    init() {
        var template = Array((NSTemporaryDirectory() + "kycwatch-sample-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = String(cString: made!)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

@Suite("The sample world")
struct SampleWorldTests {
    static let regenerate = "KYCWATCH_WRITE_SAMPLEDATA=1 swift test --filter SampleWorldTests/writeCommittedSampleData"

    @Test("the same seed gives byte-identical files")
    func deterministic() throws {
        let first = SampleScratchFolder()
        let second = SampleScratchFolder()
        try SampleWorld.generate(seed: 7, into: first.path, scale: .small, zstdLevel: 3)
        try SampleWorld.generate(seed: 7, into: second.path, scale: .small, zstdLevel: 3)
        for name in SampleWorldReading.fileNames {
            let a = try Data(contentsOf: URL(fileURLWithPath: first.path + "/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: second.path + "/" + name))
            #expect(a == b, "\(name) differs between two runs with the same seed")
        }
    }

    @Test("another seed gives other customers but the same situations and the same address plan")
    func seedChangesCustomers() throws {
        let first = SampleScratchFolder()
        let second = SampleScratchFolder()
        let a = try SampleWorld.generate(seed: 1, into: first.path, scale: .small, zstdLevel: 1)
        let b = try SampleWorld.generate(seed: 2, into: second.path, scale: .small, zstdLevel: 1)
        #expect(a.situations.map(\.name) == b.situations.map(\.name))
        #expect(a.situations[0].accounts != b.situations[0].accounts)
        for name in ["accounts.csv.zst", "usage.csv.zst"] {
            #expect(
                try SampleWorldReading.bytes(first.path + "/" + name)
                    != SampleWorldReading.bytes(second.path + "/" + name))
        }
        for name in ["reference/ip-ranges.csv", "reference/anonymizers.csv"] {
            #expect(
                try SampleWorldReading.bytes(first.path + "/" + name)
                    == SampleWorldReading.bytes(second.path + "/" + name))
        }
    }

    @Test("a small world agrees with its ground truth")
    func smallWorldConsistent() throws {
        let folder = SampleScratchFolder()
        try SampleWorld.generate(seed: 11, into: folder.path, scale: .small, zstdLevel: 1)
        let world = try SampleWorldReading(folder: folder.path)
        try SampleWorldChecks(world).checkAll()
    }

    @Test("the full world stays within its size budgets, agrees with its ground truth and matches SampleData/")
    func fullWorld() throws {
        let folder = SampleScratchFolder()
        try SampleWorld.generate(into: folder.path)
        let world = try SampleWorldReading(folder: folder.path)
        try SampleWorldChecks(world).checkAll()

        #expect((2_500...3_500).contains(world.accounts.rows.count))
        #expect((200_000...400_000).contains(world.usage.rows.count))
        #expect((20_000...80_000).contains(world.access.rows.count))
        var bytes = 0
        for name in SampleWorldReading.fileNames {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.path + "/" + name)
            bytes += (attributes[.size] as? Int) ?? 0
        }
        #expect(bytes < 8_000_000, "the sample data should stay under 8 MB, is \(bytes) bytes")

        // The committed copy must be what the generator makes now (compared decompressed, as
        // another zstd release may compress the same bytes differently).
        let committed = SampleReferenceCatalogue.repositoryRoot + "/SampleData"
        for name in SampleWorldReading.fileNames {
            let expected = try SampleWorldReading.bytes(folder.path + "/" + name)
            let actual = try? SampleWorldReading.bytes(committed + "/" + name)
            #expect(
                actual == expected,
                "SampleData/\(name) is stale: regenerate with \(Self.regenerate)")
        }
    }

    @Test("SampleData/README.md names every planted situation and its accounts")
    func readmeListsSituations() throws {
        let root = SampleReferenceCatalogue.repositoryRoot + "/SampleData/"
        let readme = try String(contentsOfFile: root + "README.md", encoding: .utf8)
        let world = try SampleWorldReading(folder: root)
        for situation in world.truth.situations {
            #expect(readme.contains("`\(situation.name)`"), "README lacks \(situation.name)")
            for account in situation.accounts where situation.accounts.count <= 4 {
                #expect(readme.contains(account), "README lacks \(account) of \(situation.name)")
            }
        }
        for file in world.truth.files {
            var digits = String(file.rows)
            var grouped = ""
            while digits.count > 3 {
                grouped = "," + digits.suffix(3) + grouped
                digits.removeLast(3)
            }
            #expect(readme.contains("| \(digits + grouped) |"), "README gives another row count for \(file.name)")
        }
    }

    @Test(
        "writes the committed SampleData/ (KYCWATCH_WRITE_SAMPLEDATA=1)",
        .enabled(if: ProcessInfo.processInfo.environment["KYCWATCH_WRITE_SAMPLEDATA"] == "1"))
    func writeCommittedSampleData() throws {
        let truth = try SampleWorld.generate(into: SampleReferenceCatalogue.repositoryRoot + "/SampleData")
        #expect(truth.generator.seed == SampleWorld.defaultSeed)
    }
}
