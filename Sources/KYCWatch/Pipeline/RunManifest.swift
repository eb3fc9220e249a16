import Foundation

/// `manifest.json` of `run` and `detect`: the stage manifest's fields, plus the run date, the rule
/// set with versions, and the review section (previous night, suppressions, counts).
struct RunManifest: Encodable {
    var stage: StageManifest
    var runDate: String
    /// Rule id to version, every rule that ran.
    var rules: [String: Int]
    var review: ReviewManifest

    enum CodingKeys: String, CodingKey {
        case runDate, rules, review
    }

    func encode(to encoder: any Encoder) throws {
        // The stage manifest's keys and these share one JSON object.
        try stage.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runDate, forKey: .runDate)
        try container.encode(rules, forKey: .rules)
        try container.encode(review, forKey: .review)
    }

    /// Writes the manifest atomically, keys sorted and snake_cased like every other manifest.
    func write(to path: String) throws(KYCWatchError) {
        try NormalizeStage.writeManifest(self, to: path)
    }
}
