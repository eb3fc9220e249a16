/// A quarantined input row: where it was, why, and its raw text so nothing is lost.
public struct RejectedRow: Sendable, Hashable {
    /// The input file as named in the pipeline.
    public var file: String
    /// The line the row starts on.
    public var line: Int
    /// The canonical column at fault, when one is.
    public var column: String?
    /// The reason code.
    public var reason: RejectReason
    /// What is wrong, for a person.
    public var message: String
    /// The row as read, fields joined with the delimiter (or the raw line for malformed CSV).
    public var raw: String

    /// Creates a rejected row.
    public init(file: String, line: Int, column: String?, reason: RejectReason, message: String, raw: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        self.message = message
        self.raw = raw
    }
}
