@testable import KYCWatch

/// The repository's reference catalogues, loaded once for the canonicalizer tests.
enum CanonicalFixtures {
    /// `Pipelines/reference/` of this checkout, found from this file's path.
    static let referenceFolder: String = {
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        // …/Tests/KYCWatchTests/Normalize/Canonical/CanonicalFixtures.swift
        components.removeLast(5)
        return components.joined(separator: "/") + "/Pipelines/reference"
    }()

    /// The path of a reference catalogue.
    static func reference(_ name: String) -> String { "\(referenceFolder)/\(name)" }

    /// The countries catalogue, or why it did not load.
    static let countries: Result<CountryCatalog, KYCWatchError> = Result { () throws(KYCWatchError) in
        try CountryCatalog.load(path: reference("countries.csv"))
    }

    /// The accelerators and instance-types catalogues, or why they did not load.
    static let accelerators: Result<AcceleratorCatalog, KYCWatchError> = Result { () throws(KYCWatchError) in
        try AcceleratorCatalog.load(
            acceleratorsPath: reference("accelerators.csv"), instanceTypesPath: reference("instance_types.csv"))
    }

    /// Runs `body` on the UTF-8 bytes of `text` as a slice of a larger buffer, with bytes on both sides
    /// that a parser must not read.
    static func withEmbeddedBytes<Result>(_ text: String, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let padded = Array("#\u{1}9".utf8) + Array(text.utf8) + Array("9\u{1}#".utf8)
        return padded.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[3..<($0.count - 3)])) }
    }
}
