/// How a CSV input is tokenized and how strictly malformed rows are treated.
public struct CSVOptions: Sendable, Hashable {
    /// What happens to a row whose quoting is malformed.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// Stop with an error naming the file, line and column.
        case strict
        /// Quarantine the row (with the reason and its raw text) and go on with the next line.
        case lenient
    }

    /// The field separator byte (`,` by default; `\t` for tab-separated lists).
    public var delimiter: UInt8
    /// The quote byte; NUL for a layout that never quotes (sacct's), in which a NUL byte in the data
    /// is an ordinary byte (``quotes``).
    public var quote: UInt8
    /// Strict or lenient handling of malformed quoting.
    public var mode: Mode
    /// Whether the first record is a header naming the columns.
    public var hasHeader: Bool
    /// Records per batch handed out (a batch may be larger by the records of one read).
    public var batchRecords: Int
    /// The largest field accepted, which also bounds memory when a quote is never closed.
    public var maxFieldBytes: Int
    /// Whether lines with no quote or lone carriage return are split by ``PlainLineSplitter``
    /// rather than libcsv; tests turn it off to compare the reader with libcsv alone.
    var splitsPlainLines = true

    /// Whether fields may be quoted: false for a quote of NUL, a layout that never quotes.
    public var quotes: Bool { quote != 0 }

    /// Creates options; the defaults read RFC 4180 CSV with a header, strictly.
    public init(
        delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""), mode: Mode = .strict,
        hasHeader: Bool = true, batchRecords: Int = 8192, maxFieldBytes: Int = 8 << 20
    ) {
        self.delimiter = delimiter
        self.quote = quote
        self.mode = mode
        self.hasHeader = hasHeader
        self.batchRecords = batchRecords
        self.maxFieldBytes = maxFieldBytes
    }

    /// The delimiter byte a person names: `tab` (or a tab), or one ASCII character that is not the
    /// quote or a line end, which would split every quoted field or every line; nil for anything else.
    public static func delimiter(named text: String) -> UInt8? {
        if text == "tab" || text == "\t" || text == "\\t" { return 0x09 }
        guard text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80,
            ![UInt8(ascii: "\""), 0x0A, 0x0D].contains(byte)
        else { return nil }
        return byte
    }

    /// What ``delimiter(named:)`` takes, for messages.
    public static let delimiterNames = "one ASCII character other than a quote or a line end, or `tab`"

    /// The delimiter a one-column header seems to be split by, so not the one it was read with;
    /// nil when the header has several columns or none of `;`, tab, `|` and `,` in its name.
    ///
    /// A file read with the wrong delimiter shows one column; the header usually tells which it is.
    public static func likelyDelimiter(of header: [String]) -> UInt8? {
        guard header.count == 1, let names = header.first else { return nil }
        return [UInt8(ascii: ";"), 0x09, UInt8(ascii: "|"), UInt8(ascii: ",")].first { names.utf8.contains($0) }
    }

    /// A delimiter in words for messages: `';'`, or `tabs`.
    public static func describe(delimiter: UInt8) -> String {
        delimiter == 0x09 ? "tabs" : "'\(Character(Unicode.Scalar(delimiter)))'"
    }

    /// A delimiter as ``delimiter(named:)`` takes it: `;`, or `tab`.
    public static func name(of delimiter: UInt8) -> String {
        delimiter == 0x09 ? "tab" : String(Character(Unicode.Scalar(delimiter)))
    }
}
