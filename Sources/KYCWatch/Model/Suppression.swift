/// A reviewer's decision to hide a finding until a date: by finding id, or by rule and account.
///
/// An expiry is required so a reviewed finding comes back for a second look.
public struct Suppression: Sendable, Hashable, Codable {
    /// The finding id it hides (`F-…`), or nil when it hides by rule and account.
    public var findingID: String?
    /// The rule id it hides, with `account`, when no finding id is given.
    public var rule: String?
    /// The account it hides findings of, with `rule`.
    public var account: String?
    /// Why the finding was judged not to need action.
    public var reason: String
    /// Who decided.
    public var reviewer: String
    /// The last day (`YYYY-MM-DD`, UTC) the suppression applies.
    public var expires: String
    /// Where the entry is in the suppression file, for messages.
    public var line: Int?

    enum CodingKeys: String, CodingKey {
        case findingID = "finding_id"
        case rule, account, reason, reviewer, expires, line
    }

    /// Creates a suppression.
    public init(
        findingID: String? = nil, rule: String? = nil, account: String? = nil, reason: String, reviewer: String,
        expires: String, line: Int? = nil
    ) {
        self.findingID = findingID
        self.rule = rule
        self.account = account
        self.reason = reason
        self.reviewer = reviewer
        self.expires = expires
        self.line = line
    }
}
