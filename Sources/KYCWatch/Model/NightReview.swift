/// The night's findings as a reviewer sees them: compared with the previous night, with
/// suppressions applied, and the suppressions that need attention.
public struct NightReview: Sendable {
    /// A finding hidden by a suppression.
    public struct SuppressedFinding: Sendable, Hashable {
        public var finding: Finding
        public var suppression: Suppression

        public init(finding: Finding, suppression: Suppression) {
            self.finding = finding
            self.suppression = suppression
        }
    }

    /// Findings to show: tonight's (new or ongoing) and the previous night's that are resolved.
    public var findings: [Finding]
    /// Findings a suppression in force hides: tonight's, and resolved ones it still names.
    public var suppressed: [SuppressedFinding]
    /// Suppressions still in force that expire within 14 days of the run date.
    public var expiringSoon: [Suppression]
    /// Suppressions past their expiry (they hide nothing any more).
    public var expired: [Suppression]
    /// Suppressions in force that hid no finding tonight: reviewed findings that are gone, or an
    /// entry that never matched (a mistyped id), for the file's owner to tidy.
    public var matchedNothing: [Suppression] = []
    /// The previous night's output folder, when one was given.
    public var previousFolder: String?
    /// Covered transactions (and other findings with a report due, ``Finding/isReportable``) not
    /// reported tonight, resolved tonight or on an earlier night, for `resolved-covered.jsonl.zst`: the
    /// next night gives one that comes back its knowledge date.
    public var resolvedCovered: [Finding] = []

    /// The covered transactions gone from tonight's exports whose reports are due on `runDate` or
    /// later: a report due once stays due, so the page lists them and their case drafts are kept
    /// until their due date.
    public func coveredStillDue(on runDate: String) -> [Finding] {
        resolvedCovered.filter { $0.category == .coveredTransaction && ($0.reportDue ?? "") >= runDate }
    }

    /// Creates a review.
    public init(
        findings: [Finding], suppressed: [SuppressedFinding] = [], expiringSoon: [Suppression] = [],
        expired: [Suppression] = [], previousFolder: String? = nil
    ) {
        self.findings = findings
        self.suppressed = suppressed
        self.expiringSoon = expiringSoon
        self.expired = expired
        self.previousFolder = previousFolder
    }
}
