/// A row the CSV tokenizer could not read, kept (in lenient mode) so it can be quarantined.
public struct MalformedRow: Sendable, Hashable {
    /// Why the tokenizer could not read a row.
    public enum Fault: Sendable, Hashable {
        /// Bad quoting: a quote inside an unquoted field, text after a closing quote, a quote never closed.
        case quoting
        /// A field or the row past ``CSVOptions/maxFieldBytes`` (or four times it for the row): a value
        /// run away or binary data, not read so that memory stays bounded.
        case tooLarge
    }

    /// The line where the row starts (1-based).
    public var line: Int
    /// The line and column (1-based, in bytes) where the tokenizer stopped.
    public var errorLine: Int
    /// The byte column on `errorLine`, counted from the start of that line.
    public var column: Int
    /// What is wrong, in words a person can act on.
    public var message: String
    /// The raw bytes of the physical line where the error is (at most 64 KiB).
    public var raw: [UInt8]
    /// The physical lines the row took from the input, from `line` on: more than one when a quote
    /// left open carried the lines after it into the row. Those lines are lost with it, so each
    /// counts as a rejected row: a stray quote cannot drop thousands of rows as one reject.
    public var lines = 1
    /// The fields of the row read whole before its quoting went wrong, as written: those on its first
    /// line before the field at fault, or before the first that took a line end, which may hold another
    /// line's text. A column among them (the account an accounts row names) can still be told; empty
    /// when the first field is the one at fault.
    public var leadingFields: [String] = []
    /// Why the row could not be read.
    public var fault = Fault.quoting
    /// For a field past the size limit, its index in the row (0-based), so its column can be named.
    public var field: Int?
}
