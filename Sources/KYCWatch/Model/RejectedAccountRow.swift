/// A row of the accounts export that was rejected, by the account id it names: the account's CIP
/// record exists in the export but could not be read, which is not the same as no record at all.
public struct RejectedAccountRow: Sendable, Hashable, Codable {
    /// The account id the row names.
    public var accountID: String
    /// The input file as named in the rejects file.
    public var file: String
    /// The line the row starts on.
    public var line: Int
    /// The canonical column at fault, when one is.
    public var column: String?
    /// Why it was rejected.
    public var reason: RejectReason
    /// What is wrong, as the rejects file says it.
    public var message: String

    /// Creates the description of one rejected row.
    public init(accountID: String, file: String, line: Int, column: String?, reason: RejectReason, message: String) {
        self.accountID = accountID
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        self.message = message
    }

    /// The keys as manifests write them in snake case: `account_id`, which reads back as `accountId`.
    enum CodingKeys: String, CodingKey {
        case accountID = "accountId"
        case file, line, column, reason, message
    }

    /// Where the row is: `accounts.csv line 2`.
    public var place: String { "\(file) line \(line)" }
}
