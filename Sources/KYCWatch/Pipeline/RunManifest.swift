import Foundation

/// `manifest.json` of `run` and `detect`: the stage manifest's fields, plus the run date, the rule
/// set with versions, and the review section (previous night, suppressions, counts).
struct RunManifest: Encodable {
    var stage: StageManifest
    var runDate: String
    /// Rule id to version, every rule that ran.
    var rules: [String: Int]
    var review: ReviewManifest
    /// `--fail-on`'s severity and the findings at or above it, when it was given.
    var failOn: FailOn?

    /// Every reference file the night read (catalogues, IP data, restricted-party lists, decisions),
    /// by what it is, with its SHA-256: which list a night screened against is part of its record.
    var reference: [String: ReferenceFile]

    /// A reference file as the night read it.
    struct ReferenceFile: Encodable {
        var path: String
        var sha256: String
    }

    /// The reference files of `configuration`, each read once more for its digest.
    static func referenceFiles(of configuration: PipelineConfiguration) throws(KYCWatchError) -> [String: ReferenceFile]
    {
        var files: [String: ReferenceFile] = [:]
        for (name, path) in configuration.referenceFiles {
            files[name] = ReferenceFile(path: path, sha256: try FileInput.sha256(of: path))
        }
        return files
    }

    /// What `--fail-on` asked for and found.
    struct FailOn: Encodable {
        var severity: Severity
        var findings: Int
    }

    enum CodingKeys: String, CodingKey {
        case runDate, rules, review, reference, failOn
    }

    func encode(to encoder: any Encoder) throws {
        // The stage manifest's keys and these share one JSON object.
        try stage.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runDate, forKey: .runDate)
        try container.encode(rules, forKey: .rules)
        try container.encode(review, forKey: .review)
        try container.encode(reference, forKey: .reference)
        try container.encodeIfPresent(failOn, forKey: .failOn)
    }

    /// Writes the manifest atomically, keys sorted and snake_cased like every other manifest.
    func write(to path: String) throws(KYCWatchError) {
        try NormalizeStage.writeManifest(self, to: path)
    }
}
