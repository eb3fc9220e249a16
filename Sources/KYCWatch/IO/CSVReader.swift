internal import CCSV
import Glibc

/// Reads CSV records in batches with libcsv: RFC 4180 quoting, embedded newlines, CRLF or LF, a
/// UTF-8 byte-order mark, and the line number of every record.
///
/// Lines with no quote byte and no lone carriage return, most lines of most exports, are split by
/// ``PlainLineSplitter`` instead, many times faster; every other line goes through libcsv, which
/// takes over at the start of such a line and hands back once it is between records again. The
/// batches are the same either way.
///
/// Lines end in LF, CRLF or a lone CR, inside quoted fields as outside, and every line end counts
/// once in line numbers.
///
/// Malformed quoting, or a field past ``CSVOptions/maxFieldBytes``, stops the read with the file, line
/// and column in strict mode; in lenient mode the row is handed out in ``RecordBatch/malformed`` and
/// reading goes on at the next line, whichever its line ends are. Ragged rows are not padded: each
/// record keeps the field count it has.
public final class CSVReader {
    /// The column names, when the options say the input has a header row.
    public private(set) var header: [String] = []
    /// Data records handed out so far.
    public private(set) var recordsRead = 0
    /// Rows handed out as malformed so far.
    public private(set) var malformedRead = 0
    /// Lines the plain-line splitter read rather than libcsv (records, the header, blank lines).
    private(set) var plainLinesSplit = 0
    /// Blank lines skipped so far.
    public var blankLines: Int { assembler.pointee.blankLines }
    /// The byte reader underneath, for its counters.
    public let source: any ByteReader

    private let options: CSVOptions
    private let parser: UnsafeMutablePointer<csv_parser>
    private let assembler: UnsafeMutablePointer<BatchAssembler>
    private let splitter: PlainLineSplitter?
    /// Input bytes as read, followed by padding the splitter may read past them.
    private let chunkStorage: UnsafeMutableRawBufferPointer
    private let chunk: UnsafeMutableRawBufferPointer
    private var chunkLength = 0
    private var chunkOffset = 0
    /// The splitter's search marks in the current chunk.
    private var chunkMarks = PlainLineSplitter.Marks()
    private var previousChunkHadQuote = false
    private var endOfInput = false
    private var parserFinished = false
    /// Set when the rest of the current line is to be skipped, after a row set aside, up to its line end.
    private var skippingToLineEnd = false
    /// Set while the skipped bytes are the rest of the last malformed row's line, to go in its raw text:
    /// its batch waits for them.
    private var skippingIntoRaw = false
    private var isFirstChunk = true
    /// The bytes of the current physical line that lie before the current chunk, for error columns.
    private var lineCarry: [UInt8] = []
    private var pendingMalformed: [MalformedRow] = []

    private static let lineCarryLimit = 64 << 10
    private static let chunkCapacity = 1 << 20
    /// libcsv's `pstate` between records (`ROW_NOT_BEGUN` in libcsv.c, which csv.h does not export).
    private static let rowNotBegun: Int32 = 0
    /// libcsv's `pstate` just after a quote inside a quoted field (`FIELD_MIGHT_HAVE_ENDED`).
    private static let fieldMightHaveEnded: Int32 = 3

    /// Opens `path` (plain or zstd, `-` for standard input) and reads its header if it has one.
    public convenience init(path: String, options: CSVOptions = CSVOptions(), limits: DecompressionLimits = .default)
        throws(KYCWatchError)
    {
        try self.init(source: InputFile.open(path, limits: limits), options: options)
    }

    /// Reads CSV from `source`, and its header if the options say there is one.
    public init(source: any ByteReader, options: CSVOptions = CSVOptions()) throws(KYCWatchError) {
        self.source = source
        self.options = options
        parser = .allocate(capacity: 1)
        assembler = .allocate(capacity: 1)
        assembler.initialize(to: BatchAssembler(wantsHeader: options.hasHeader))
        splitter = PlainLineSplitter(options: options)
        chunkStorage = .allocate(byteCount: Self.chunkCapacity + PlainLineSplitter.readPadding, alignment: 16)
        chunkStorage.initializeMemory(as: UInt8.self, repeating: 0)
        chunk = UnsafeMutableRawBufferPointer(rebasing: chunkStorage[0..<Self.chunkCapacity])
        resetParser(initial: true)
        if options.hasHeader {
            try readHeader()
        }
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
        assembler.pointee.deallocate()
        assembler.deinitialize(count: 1)
        assembler.deallocate()
        chunkStorage.deallocate()
    }

    /// The index of the column named `name` in the header, compared exactly.
    public func columnIndex(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }

    /// The next batch of records, or `nil` when the input is exhausted.
    public func nextBatch() throws(KYCWatchError) -> RecordBatch? {
        while assembler.pointee.completedRecords < options.batchRecords && pendingMalformed.count < options.batchRecords
            || skippingIntoRaw
        {
            if chunkOffset == chunkLength {
                if parserFinished { break }
                try readChunk()
                if chunkLength == 0 {
                    try finishParser()
                    break
                }
            }
            try feedChunk()
        }
        if assembler.pointee.completedRecords == 0, pendingMalformed.isEmpty {
            return nil
        }
        let batch = assembler.pointee.takeBatch(file: source.path, malformed: pendingMalformed)
        pendingMalformed = []
        recordsRead += batch.count
        malformedRead += batch.malformed.count
        return batch
    }

    private func readHeader() throws(KYCWatchError) {
        while assembler.pointee.header == nil, !parserFinished {
            if chunkOffset == chunkLength {
                try readChunk()
                if chunkLength == 0 {
                    try finishParser()
                    break
                }
            }
            try feedChunk()
        }
        guard let names = assembler.pointee.header else {
            throw KYCWatchError(
                .csvHeader, "the file is empty: expected a header row naming the columns",
                at: SourceLocation(file: source.path, line: 1))
        }
        header = names.map { String(decoding: $0, as: UTF8.self) }
    }

    private func readChunk() throws(KYCWatchError) {
        carryLineTail()
        chunkLength = try source.read(into: chunk)
        chunkOffset = 0
        chunkMarks = PlainLineSplitter.Marks()
        guard chunkLength > 0 else { return }
        if isFirstChunk {
            isFirstChunk = false
            // A byte order mark is no part of the header; one written twice (a tool adding a mark to a file
            // that had one) is none either, though it would otherwise hide in the first column's name.
            while chunkLength >= chunkOffset + 3, chunk[chunkOffset] == 0xEF, chunk[chunkOffset + 1] == 0xBB,
                chunk[chunkOffset + 2] == 0xBF
            {
                chunkOffset += 3
            }
            if let encoding = Self.wideEncoding(UnsafeRawBufferPointer(rebasing: chunk[0..<min(chunkLength, 4)])) {
                throw KYCWatchError(
                    .unsupportedEncoding,
                    "the file is \(encoding) text (it starts with that byte order mark); kycwatch reads UTF-8: "
                        + "convert to UTF-8 (iconv -f \(encoding.prefix(6)) -t UTF-8)",
                    at: SourceLocation(file: source.path, line: 1, byteOffset: 0))
            }
        }
        let hasQuote = options.quotes && memchr(chunk.baseAddress!, Int32(options.quote), chunkLength) != nil
        assembler.pointee.scanForNewlines = hasQuote || previousChunkHadQuote
        previousChunkHadQuote = hasQuote
    }

    /// The encoding a byte order mark at the start of `bytes` names, when it is UTF-16 or UTF-32:
    /// read as UTF-8, such a file is a NUL between every letter.
    static func wideEncoding(_ bytes: UnsafeRawBufferPointer) -> String? {
        let start = Array(bytes.prefix(4))
        if start.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32LE" }
        if start.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32BE" }
        if start.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if start.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        return nil
    }

    /// Keeps the unfinished last line of the chunk about to be replaced, for error columns and raw rows.
    private func carryLineTail() {
        guard chunkLength > 0 else { return }
        let base = chunk.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var tailStart = 0
        if let lineEnd = lastLineEnd(in: base, before: chunkLength) {
            tailStart = lineEnd + 1
            lineCarry.removeAll(keepingCapacity: true)
        }
        let room = max(0, Self.lineCarryLimit - lineCarry.count)
        lineCarry.append(
            contentsOf: UnsafeBufferPointer(start: base + tailStart, count: min(room, chunkLength - tailStart)))
    }

    /// Reads the rest of the chunk, plain lines with the splitter and the others with libcsv; it
    /// stops early only after a malformed row, so batches end where libcsv alone ends them.
    private func feedChunk() throws(KYCWatchError) {
        let base = chunk.baseAddress!
        while chunkOffset < chunkLength {
            if skippingToLineEnd {
                guard skipPastLineEnd() else { break }
                continue
            }
            // The splitter starts only between records, and not right after a lone CR at the end of
            // the last chunk: libcsv then counts a CRLF blank line differently, so it reads that line.
            if let splitter, parser.pointee.pstate == Self.rowNotBegun,
                assembler.pointee.lastTerminator != Int32(UInt8(ascii: "\r"))
            {
                let split = splitter.splitLines(
                    UnsafePointer(base.assumingMemoryBound(to: UInt8.self)), from: chunkOffset, to: chunkLength,
                    marks: &chunkMarks, into: assembler)
                chunkOffset = split.stop
                plainLinesSplit += split.lines
                if chunkOffset == chunkLength { break }
            }
            // libcsv alone reads the whole chunk; beside the splitter it reads one line at a time.
            let segmentEnd = splitter == nil ? chunkLength : lineEnd(after: chunkOffset)
            let length = segmentEnd - chunkOffset
            // A record's fields are searched for lone CRs only when its lines have one: once a line here,
            // rather than once a field, as LF and CRLF files have none.
            assembler.pointee.scanForReturns =
                parser.pointee.pstate != Self.rowNotBegun && assembler.pointee.scanForReturns
                || hasLoneReturn(from: chunkOffset, to: segmentEnd)
            let consumed = csv_parse(parser, base + chunkOffset, length, onField, onRow, assembler)
            if consumed < length || csv_error(parser) == CSV_EPARSE {
                try recoverFromMalformedQuote(at: chunkOffset + consumed)
                break
            }
            chunkOffset = segmentEnd
            // Line by line beside the splitter, so a quote left open is cut at the line where it passes
            // the limit, wherever the reads of the file end.
            if splitter != nil { try checkSizeLimits() }
        }
        try checkSizeLimits()
    }

    /// The offset of the first line end byte (LF or CR) at or after `offset` in the chunk.
    private func firstLineEnd(from offset: Int) -> Int? {
        let base = chunk.baseAddress!
        let lineFeed = memchr(base + offset, 0x0A, chunkLength - offset).map {
            UnsafeRawPointer($0) - UnsafeRawPointer(base)
        }
        let searchEnd = lineFeed ?? chunkLength
        let carriageReturn = memchr(base + offset, 0x0D, searchEnd - offset).map {
            UnsafeRawPointer($0) - UnsafeRawPointer(base)
        }
        return carriageReturn ?? lineFeed
    }

    /// Moves past the rest of the current line and its line end (LF, CRLF or a lone CR), so reading
    /// resumes at the next line whichever line ends the file has; when the chunk ends first, the
    /// skipping goes on in the next chunk, and this returns false.
    private func skipPastLineEnd() -> Bool {
        let end = firstLineEnd(from: chunkOffset)
        if skippingIntoRaw, var row = pendingMalformed.popLast() {
            appendToRaw(&row.raw, chunkOffset..<(end ?? chunkLength))
            pendingMalformed.append(row)
        }
        guard let end else {
            chunkOffset = chunkLength
            skippingToLineEnd = true
            return false
        }
        let base = chunk.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var next = end + 1
        if base[end] == 0x0D, next < chunkLength, base[next] == 0x0A { next += 1 }
        // A CR at the chunk's end may be the first half of a CRLF: the row callback folds the LF into it.
        assembler.pointee.lastTerminator = Int32(base[next - 1])
        chunkOffset = next
        skippingToLineEnd = false
        skippingIntoRaw = false
        return true
    }

    /// Whether `start..<end` of the chunk holds a lone CR: one not followed by an LF, or last in the
    /// chunk, whose LF may come in the next. The search goes on from the splitter's mark of the next
    /// CR, and leaves it there: a chunk without CRs is searched once, not once a line.
    private func hasLoneReturn(from start: Int, to end: Int) -> Bool {
        let base = chunk.baseAddress!.assumingMemoryBound(to: UInt8.self)
        func nextReturn(from offset: Int) -> Int {
            guard offset < chunkLength, let found = memchr(base + offset, 0x0D, chunkLength - offset) else {
                return chunkLength
            }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        if chunkMarks.nextReturn < start { chunkMarks.nextReturn = nextReturn(from: start) }
        while chunkMarks.nextReturn < end {
            let index = chunkMarks.nextReturn
            if index + 1 == chunkLength || base[index + 1] != 0x0A { return true }
            chunkMarks.nextReturn = nextReturn(from: index + 2)
        }
        return false
    }

    /// The offset just past the first line feed at or after `offset` in the chunk, or the chunk's end.
    private func lineEnd(after offset: Int) -> Int {
        guard let newline = memchr(chunk.baseAddress! + offset, 0x0A, chunkLength - offset) else {
            return chunkLength
        }
        return UnsafeRawPointer(newline) - UnsafeRawPointer(chunk.baseAddress!) + 1
    }

    /// Appends `range` of the chunk to a malformed row's raw text, which stops at ``lineCarryLimit``
    /// bytes and then ends in `…`.
    private func appendToRaw(_ raw: inout [UInt8], _ range: Range<Int>) {
        let ellipsis = Array("…".utf8)
        guard raw.count <= Self.lineCarryLimit, !range.isEmpty else { return }
        let base = chunk.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let room = Self.lineCarryLimit - raw.count
        raw.append(contentsOf: UnsafeBufferPointer(start: base + range.lowerBound, count: min(room, range.count)))
        if range.count > room { raw += ellipsis }
    }

    private func finishParser() throws(KYCWatchError) {
        guard !parserFinished else { return }
        parserFinished = true
        endOfInput = true
        skippingIntoRaw = false
        if csv_fini(parser, onField, onRow, assembler) != 0, csv_error(parser) == CSV_EPARSE {
            let position = openFieldPosition()
            // The open field holds every byte after its quote: the lines it carried to the end.
            let open = UnsafeRawBufferPointer(start: parser.pointee.entry_buf, count: parser.pointee.entry_pos)
            let lineEnds = assembler.pointee.embeddedLineEnds + countLineEnds(open)
            let lines = max(1, lineEnds + (Self.endsLine(open) ? 0 : 1))
            var message = "a quoted field opened on line \(position.line) is never closed (missing closing quote)"
            // Read strictly, or in the header, the file is refused: nothing is rejected, and the place is the quote.
            guard options.mode == .lenient, !assembler.pointee.wantsHeader else {
                if lines > 1 { message += ": it runs to the end of the file" }
                throw KYCWatchError(
                    .csvMalformed, message,
                    at: SourceLocation(file: source.path, line: position.line, column: position.column))
            }
            if lines > 1 {
                message +=
                    ": it runs to the end of the file, and \(lines - 1 == 1 ? "the line" : "the \(lines - 1) lines") after it"
                    + " \(lines - 1 == 1 ? "is" : "are") rejected with it"
            }
            setAsideOpenRecord(.quoting, message: message, lines: lines)
        }
    }

    /// Whether `bytes` end with a line end (LF, or a CR whose LF, if any, is still to come).
    private static func endsLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.last == 0x0A || bytes.last == 0x0D
    }

    /// The line and column where the field being read starts, after the fields before it on its line
    /// (their bytes as read, without the quotes they may have been written with).
    private func openFieldPosition() -> (line: Int, column: Int) {
        var before = assembler.pointee.openRecordText(delimiter: options.delimiter)
        if assembler.pointee.fieldCount > assembler.pointee.recordStartField { before.append(options.delimiter) }
        let lineStart = before.lastIndex { $0 == 0x0A || $0 == 0x0D }.map { $0 + 1 } ?? 0
        return (assembler.pointee.nextLine + assembler.pointee.embeddedLineEnds, before.count - lineStart + 1)
    }

    /// Sets aside the open record as one malformed row of `lines` lines, found where its open field
    /// starts; its raw text is every line it took, as written (``openRecordRaw()``). `field` is the
    /// index of a field past the size limit.
    private func setAsideOpenRecord(_ fault: MalformedRow.Fault, field: Int? = nil, message: String, lines: Int) {
        let line = assembler.pointee.nextLine
        let position = openFieldPosition()
        // The row as written, from its first line through every line it took, without its last line end.
        var raw = openRecordRaw()
        if raw.last == 0x0A { raw.removeLast() }
        if raw.last == 0x0D { raw.removeLast() }
        var row = MalformedRow(
            line: line, errorLine: position.line, column: position.column, message: message, raw: raw)
        row.lines = lines
        row.fault = fault
        row.field = field
        row.leadingFields = assembler.pointee.openRecordLeadingFields(limit: max(header.count, 1_024))
        assembler.pointee.discardOpenRecord()
        pendingMalformed.append(row)
    }

    /// Reports malformed quoting at `offset` in the chunk: an error in strict mode; in lenient mode
    /// the row is set aside and parsing resumes after the line end, an LF, a CRLF or a lone CR.
    private func recoverFromMalformedQuote(at offset: Int) throws(KYCWatchError) {
        let base = chunk.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var raw: [UInt8]
        let column: Int
        if let lineEnd = lastLineEnd(in: base, before: offset) {
            let lineStart = lineEnd + 1
            column = offset - lineStart + 1
            raw = Array(UnsafeBufferPointer(start: base + lineStart, count: offset - lineStart))
        } else {
            column = lineCarry.count + offset + 1
            raw = lineCarry + UnsafeBufferPointer(start: base, count: offset)
        }
        let openEntry = countLineEnds(
            UnsafeRawBufferPointer(start: parser.pointee.entry_buf, count: parser.pointee.entry_pos))
        let recordLine = assembler.pointee.nextLine
        let errorLine = recordLine + assembler.pointee.embeddedLineEnds + openEntry
        let message =
            base[offset] == options.quote
            ? "a quote inside an unquoted field: quote the whole field and double inner quotes (\"\")"
            : "unexpected character after a closing quote: a quote inside a quoted field must be doubled (\"\")"
        guard options.mode == .lenient, !assembler.pointee.wantsHeader else {
            throw KYCWatchError(
                .csvMalformed, message, at: SourceLocation(file: source.path, line: errorLine, column: column))
        }
        // A row over several lines is written out from its first: the fields read so far, quoted
        // again where they need it, then the field open at the error, then the rest of the line.
        if errorLine > recordLine { raw = openRecordRaw() }
        if raw.count > Self.lineCarryLimit { raw = Array(raw.prefix(Self.lineCarryLimit)) + Array("…".utf8) }
        var row = MalformedRow(
            line: recordLine, errorLine: errorLine, column: column,
            message: errorLine > recordLine
                ? message + "; the row began on line \(recordLine) with a quote left open until this line: its "
                    + "\(errorLine - recordLine + 1) lines are rejected with it"
                : message,
            raw: raw)
        row.lines = errorLine - recordLine + 1
        row.leadingFields = assembler.pointee.openRecordLeadingFields(limit: max(header.count, 1_024))
        pendingMalformed.append(row)
        assembler.pointee.discardOpenRecord()
        assembler.pointee.nextLine = errorLine + 1
        resetParser(initial: false)
        // The rest of the line goes in the raw text, from this chunk and the next ones if it goes on.
        chunkOffset = offset
        skippingIntoRaw = true
        _ = skipPastLineEnd()
    }

    /// The record being read as it was written, up to where libcsv stopped: its finished fields, each
    /// quoted again if it holds a delimiter, quote or line end, then the open field, its quotes put
    /// back with inner quotes doubled again (the closing one only once libcsv has read it). Cut to
    /// ``lineCarryLimit`` bytes, ending in `…`, like any raw text of a reject.
    private func openRecordRaw() -> [UInt8] {
        let assembler = assembler.pointee
        let limit = Self.lineCarryLimit
        var raw: [UInt8] = []
        var start = assembler.recordStartField == 0 ? 0 : Int(assembler.fieldEnds[assembler.recordStartField - 1])
        for field in assembler.recordStartField..<assembler.fieldCount where raw.count <= limit {
            let end = Int(assembler.fieldEnds[field])
            CSVQuoting.append(
                UnsafeRawBufferPointer(start: assembler.bytes + start, count: end - start),
                delimiter: options.delimiter, quote: options.quote, to: &raw, limit: limit)
            raw.append(options.delimiter)
            start = end
        }
        // After a quote in a quoted field, libcsv has kept that quote in the field until it sees what
        // follows: it is the closing quote, written back by `appendQuoted`.
        let closed = parser.pointee.quoted != 0 && parser.pointee.pstate == Self.fieldMightHaveEnded
        let open = UnsafeRawBufferPointer(
            start: parser.pointee.entry_buf, count: parser.pointee.entry_pos - (closed ? 1 : 0))
        if parser.pointee.quoted != 0 {
            CSVQuoting.appendQuoted(open, quote: options.quote, closed: closed, to: &raw, limit: limit)
        } else {
            CSVQuoting.appendUnquoted(open, to: &raw, limit: limit)
        }
        if raw.count > limit { raw = Array(raw.prefix(limit)) + Array("…".utf8) }
        return raw
    }

    /// A field or record past the size limits: an error in strict mode and in the header; in lenient
    /// mode the record is set aside with the lines it ran over (a quoted field's included), and
    /// reading goes on at the line after them.
    ///
    /// A quoted field is cut at the limit whether or not its closing quote comes later: reading on to
    /// find it would take the rest of the file into the row when there is none.
    private func checkSizeLimits() throws(KYCWatchError) {
        let openField = parser.pointee.entry_pos
        // As written: a delimiter after each field read, so a row of delimiters alone is held to it too.
        let openRecord =
            assembler.pointee.openRecordBytes + assembler.pointee.fieldCount - assembler.pointee.recordStartField
        let limit = options.maxFieldBytes
        guard openField > limit || openRecord > limit * 4 else { return }
        let line = assembler.pointee.nextLine
        let position = openFieldPosition()
        let index = assembler.pointee.fieldCount - assembler.pointee.recordStartField
        let field = "field \(index + 1)" + (index < header.count ? " ('\(header[index])')" : "")
        let problem =
            openField <= limit
            ? "the row runs past \(limit * 4) bytes as written, the most a row may hold (values run away, or "
                + "binary data)"
            : parser.pointee.quoted != 0
                ? "\(field), a quoted field, runs past \(limit) bytes, the most a field may hold, before any closing "
                    + "quote (a value run away, or a quote never closed)"
                : "\(field) runs past \(limit) bytes, the most a field may hold (a value run away, or binary data)"
        guard options.mode == .lenient, !assembler.pointee.wantsHeader else {
            throw KYCWatchError(
                .csvTooLarge, problem + "; a row this large is not read: fix it in the file",
                at: SourceLocation(file: source.path, line: position.line, column: position.column))
        }
        // The open field holds every byte since it began, the lines a quoted one ran over included; the
        // last of them may go on in the next chunk, and is skipped to its end.
        let open = UnsafeRawBufferPointer(start: parser.pointee.entry_buf, count: openField)
        let endsLine = Self.endsLine(open)
        let terminator = open.last.map(Int32.init) ?? 0x0A
        let lines = assembler.pointee.embeddedLineEnds + countLineEnds(open) + (endsLine ? 0 : 1)
        let resume = line + lines
        setAsideOpenRecord(
            .tooLarge, field: openField > limit ? index : nil,
            message: problem
                + (lines == 1
                    ? "; the row is rejected, and reading goes on at line \(resume)"
                    : "; the row's \(lines) lines, \(line) to \(resume - 1), are rejected, and reading goes on at line "
                        + "\(resume)"),
            lines: lines)
        assembler.pointee.nextLine = resume
        resetParser(initial: false)
        if endsLine {
            // A CR may be the first half of a CRLF: the row callback folds the LF into it.
            assembler.pointee.lastTerminator = terminator
        } else {
            skippingToLineEnd = true
        }
    }

    private func resetParser(initial: Bool) {
        if !initial { csv_free(parser) }
        let options = UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)
        csv_init(parser, options)
        csv_set_delim(parser, self.options.delimiter)
        csv_set_quote(parser, self.options.quote)
        csv_set_space_func(parser, noSpaces)
        csv_set_blk_size(parser, 4096)
    }
}

/// The index of the last line end byte (LF or CR) before `end`, scanning back from the end (lines
/// are short): the line after it starts there, whichever line ends the file has.
private func lastLineEnd(in base: UnsafePointer<UInt8>, before end: Int) -> Int? {
    var index = end - 1
    while index >= 0 {
        if base[index] == 0x0A || base[index] == 0x0D { return index }
        index -= 1
    }
    return nil
}

/// Keeps spaces and tabs around fields: values are taken verbatim, and tabs may be delimiters.
private func noSpaces(_ character: UInt8) -> Int32 { 0 }

/// libcsv's field callback: appends the field's bytes to the batch being assembled.
private func onField(_ data: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    context!.assumingMemoryBound(to: BatchAssembler.self).pointee.appendField(data, length)
}

/// libcsv's row callback: closes the record (or counts a blank line).
private func onRow(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    context!.assumingMemoryBound(to: BatchAssembler.self).pointee.endRow(terminator)
}
