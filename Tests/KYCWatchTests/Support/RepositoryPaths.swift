import Foundation

/// Paths inside the repository, found from this file's location.
enum RepositoryPaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static let reference = root + "/Pipelines/reference"
    static let sampleData = root + "/SampleData"
    static let fixtures = root + "/Tests/KYCWatchTests/Normalize/Fixtures"
}
