/// A place in an input file: the file, and a line and column or a byte offset where known.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The path as the user gave it (`-` for standard input).
    public var file: String
    /// 1-based line number, when the place is in text.
    public var line: Int?
    /// 1-based column (in bytes), when known.
    public var column: Int?
    /// 0-based byte offset into the file as stored (compressed bytes for zstd input), when known.
    public var byteOffset: Int?

    /// Creates a location; pass only what is known.
    public init(file: String, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    public var description: String {
        var text = file == "-" ? "<stdin>" : file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        if let byteOffset {
            text += line == nil ? ": at byte \(byteOffset)" : " (byte \(byteOffset))"
        }
        return text
    }
}
