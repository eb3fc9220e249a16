/// Why one row cannot be trusted, before it is placed (file, line, raw text) as a ``RejectedRow``.
public struct RowRejection: Error, Sendable, Hashable {
    /// The reason code.
    public var reason: RejectReason
    /// The canonical column at fault, when one is.
    public var column: String?
    /// What is wrong, for a person.
    public var message: String

    /// Creates a rejection.
    public init(_ reason: RejectReason, column: String?, _ message: String) {
        self.reason = reason
        self.column = column
        self.message = message
    }
}
