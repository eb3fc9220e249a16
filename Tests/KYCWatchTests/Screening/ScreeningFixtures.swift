import Foundation
import Testing

@testable import KYCWatch

/// The real lists in the shared data folder, loaded once for all suites, and small list files written on
/// the fly (kept in the test source rather than as files, so the test target declares no resources).
enum ScreeningFixtures {
    /// The repository root, found from this file's path.
    static let repositoryRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)  // Tests/KYCWatchTests/Screening/ScreeningFixtures.swift
        return parts.joined(separator: "/")
    }()

    /// `../shared/data/screening/` beside the repository.
    static let sharedListFolder = repositoryRoot + "/../shared/data/screening/"

    static func sharedList(_ name: String) -> String { sharedListFolder + name }

    /// OFAC SDN with aliases and addresses, the BIS DPL and the CSL sample, or the error loading them.
    static let lists: Result<[RestrictedPartyList], KYCWatchError> = Result { () throws(KYCWatchError) in
        [
            try RestrictedPartyList.loadOFACSDN(
                sdnPath: sharedList("sdn.csv"), alternateNamesPath: sharedList("alt.csv"),
                addressesPath: sharedList("add.csv")),
            try RestrictedPartyList.loadDeniedPersons(path: sharedList("dpl.txt")),
            try RestrictedPartyList.loadConsolidatedScreeningList(path: sharedList("csl.csv")),
        ]
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

        init(named name: String, contents: String) throws {
            folder = NSTemporaryDirectory() + "kycwatch-screening-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            path = folder + "/" + name
            try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        }

        deinit {
            try? FileManager.default.removeItem(atPath: folder)
        }
    }
}
