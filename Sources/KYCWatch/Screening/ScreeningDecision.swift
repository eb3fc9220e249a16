/// A reviewer's decision that a screening match is not the same party, which keeps the false positive
/// closed on later nights.
///
/// It names either the finding it closes, or the account and the list entry (so that it still holds when
/// the finding's window, and with it its id, changes).
public struct ScreeningDecision: Sendable, Hashable {
    /// What a decision closes.
    public enum Subject: Sendable, Hashable {
        /// One finding, by its id.
        case finding(String)
        /// Every match of one account against one list entry; `list` `nil` means the entry id on any list
        /// (the CSL carries OFAC entries under their OFAC ids).
        case accountEntry(account: String, list: String?, entryID: String)
    }

    /// What the decision closes.
    public var subject: Subject
    /// Who decided.
    public var reviewer: String
    /// Why the parties differ (e.g. "different date of birth, passport checked").
    public var reason: String
    /// The day of the decision, `YYYY-MM-DD`.
    public var date: String

    /// Creates a decision; the reviewer and reason must not be empty and the date must be `YYYY-MM-DD`.
    public init(subject: Subject, reviewer: String, reason: String, date: String) throws(KYCWatchError) {
        self.subject = subject
        self.reviewer = reviewer
        self.reason = reason
        self.date = date
        try validate()
    }

    /// Checks the fields a reviewer must fill in.
    func validate() throws(KYCWatchError) {
        func require(_ ok: Bool, _ message: String) throws(KYCWatchError) {
            if !ok { throw KYCWatchError(.screeningDecisionsInvalid, "screening decision: \(message)") }
        }
        switch subject {
        case .finding(let id):
            try require(!id.isEmpty, "the finding id is empty")
        case .accountEntry(let account, let list, let entryID):
            try require(!account.isEmpty, "the account is empty")
            try require(list.map { !$0.isEmpty } ?? true, "the list is empty (leave it out to mean any list)")
            try require(!entryID.isEmpty, "the list entry id is empty")
        }
        try require(!reviewer.allSatisfy(\.isWhitespace), "no reviewer: say who decided")
        try require(!reason.allSatisfy(\.isWhitespace), "no reason: say why the parties differ")
        try require(Self.isDay(date), "date '\(date)' is not a day written YYYY-MM-DD")
    }

    /// Whether `text` is a calendar day written `YYYY-MM-DD`.
    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month)
        else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}
