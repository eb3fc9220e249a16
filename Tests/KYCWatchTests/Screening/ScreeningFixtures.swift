import Foundation
import Testing

@testable import KYCWatch

/// The real lists the repository ships (`Pipelines/reference/screening/`, zstd), loaded once for all suites, and small list files written on
/// the fly (kept in the test source rather than as files, so the test target declares no resources).
enum ScreeningFixtures {
    /// The repository root, found from this file's path.
    static let repositoryRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)  // Tests/KYCWatchTests/Screening/ScreeningFixtures.swift
        return parts.joined(separator: "/")
    }()

    /// The dated copies of the public lists in the repository, compressed as they ship.
    static let listFolder = repositoryRoot + "/Pipelines/reference/screening/"

    /// The shipped copy of the list file `name` (e.g. `sdn.csv`).
    static func list(_ name: String) -> String { listFolder + name + ".zst" }

    /// OFAC SDN with aliases and addresses, the BIS DPL and the CSL sample, or the error loading them.
    static let lists: Result<[RestrictedPartyList], KYCWatchError> = Result { () throws(KYCWatchError) in
        [
            try RestrictedPartyList.loadOFACSDN(
                sdnPath: list("sdn.csv"), alternateNamesPath: list("alt.csv"),
                addressesPath: list("add.csv")),
            try RestrictedPartyList.loadDeniedPersons(path: list("dpl.txt")),
            try RestrictedPartyList.loadConsolidatedScreeningList(path: list("csl.csv")),
        ]
    }

    /// The bytes of the shipped list file `name` (e.g. `sdn.csv`), decompressed.
    static func listBytes(_ name: String) throws -> [UInt8] {
        let reader = try InputFile.open(list(name))
        var bytes: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { buffer.deallocate() }
        while case let count = try reader.read(into: buffer), count > 0 { bytes += buffer[..<count] }
        return bytes
    }

    /// The countries catalogue shipped in `Pipelines/reference/`.
    static let countries: Result<ScreeningCountryResolver, KYCWatchError> = Result { () throws(KYCWatchError) in
        try ScreeningCountryResolver.load(path: repositoryRoot + "/Pipelines/reference/countries.csv")
    }

    /// An index over all three lists with the default configuration and the countries catalogue.
    static let index: Result<ScreeningIndex, KYCWatchError> = Result { () throws(KYCWatchError) in
        ScreeningIndex(lists: try lists.get(), countries: try countries.get())
    }
}

extension ScreeningFixtures {
    /// A file with given bytes in a fresh temporary folder, removed when the value is no longer used.
    final class TemporaryFile {
        let path: String
        private let folder: String

        convenience init(named name: String, contents: String) throws {
            try self.init(named: name, bytes: Array(contents.utf8))
        }

        init(named name: String, bytes: [UInt8]) throws {
            folder = NSTemporaryDirectory() + "kycwatch-screening-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            path = folder + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }

        deinit {
            try? FileManager.default.removeItem(atPath: folder)
        }
    }
}
