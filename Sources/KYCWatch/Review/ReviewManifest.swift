/// The `review` section of a `run` or `detect` manifest: what tonight was compared with, what the
/// suppression file hid, and the counts a scheduler or auditor checks without opening the findings.
public struct ReviewManifest: Sendable, Codable, Equatable {
    /// The previous night's folder as read.
    public struct Previous: Sendable, Codable, Equatable {
        /// The folder as given.
        public var folder: String
        /// False on the first night (the folder did not exist yet; every finding is new).
        public var found: Bool
        /// Its run date, when its manifest had one.
        public var runDate: String?
        /// SHA-256 of its `findings.jsonl.zst`.
        public var findingsSHA256: String?

        enum CodingKeys: String, CodingKey {
            case folder, found, runDate
            case findingsSHA256 = "findingsSha256"
        }
    }

    /// The suppression file as applied.
    public struct Suppressions: Sendable, Codable, Equatable {
        /// The file as given.
        public var file: String
        /// SHA-256 of the file as stored.
        public var sha256: String?
        /// Entries in the file.
        public var entries: Int
        /// The longest an expiry may be after the run date, in days.
        public var maxDays: Int
        /// Entries still in force that end within 14 days.
        public var expiringSoon: Int
        /// Entries past their expiry (they hid nothing).
        public var expired: Int
        /// Entries in force that hid no finding tonight (``NightReview/matchedNothing``).
        public var matchedNothing: Int
    }

    /// The previous night, when `--previous` or `previous:` was given.
    public var previous: Previous?
    /// The suppression file, when one was given.
    public var suppressions: Suppressions?
    /// Lines of `findings.jsonl.zst` (visible findings, resolved ones included).
    public var findings: Int
    /// Visible findings new tonight (present only when a previous night was given).
    public var new: Int?
    /// Visible findings also reported the previous night (present only when a previous night was given).
    public var ongoing: Int?
    /// Previous findings gone tonight (present only when a previous night was given).
    public var resolved: Int?
    /// Previous findings of a check not made tonight, carried (``FindingStatus/unchecked``; present
    /// only when a previous night was given).
    public var unchecked: Int?
    /// Lines of `suppressed.jsonl.zst`.
    public var suppressed: Int
    /// Visible findings reported tonight (resolved ones not counted), by severity.
    public var actionableBySeverity: [String: Int]

    /// The section for `review`, given the inputs it was built from.
    public init(review: NightReview, previous: PreviousNight?, suppressions: SuppressionFile?, maxDays: Int) {
        self.previous = previous.map {
            Previous(folder: $0.folder, found: $0.exists, runDate: $0.runDate, findingsSHA256: $0.findingsSHA256)
        }
        self.suppressions = suppressions.map {
            Suppressions(
                file: $0.path, sha256: $0.sha256, entries: $0.suppressions.count, maxDays: maxDays,
                expiringSoon: review.expiringSoon.count, expired: review.expired.count,
                matchedNothing: review.matchedNothing.count)
        }
        findings = review.findings.count
        if previous != nil {
            new = review.count(.new)
            ongoing = review.count(.ongoing)
            resolved = review.count(.resolved)
            unchecked = review.count(.unchecked)
        }
        suppressed = review.suppressed.count
        actionableBySeverity = Dictionary(grouping: review.actionable, by: \.severity.rawValue).mapValues(\.count)
    }
}
