/// One access (or a count of accesses from one IP) after normalization.
public struct AccessRecord: Sendable, Hashable {
    public var eventID: String
    public var accountID: String
    /// Unix epoch milliseconds UTC.
    public var timestamp: Int64
    /// The address in canonical text form.
    public var sourceIP: String
    public var action: String?
    /// Events this row stands for.
    public var count: Int
    /// Whether the accounts export has this account.
    public var accountKnown: Bool
    /// Where the row came from.
    public var line: Int
}
