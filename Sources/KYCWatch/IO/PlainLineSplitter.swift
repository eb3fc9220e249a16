import Glibc

/// Splits CSV lines that need no quote handling straight into a ``BatchAssembler``, and leaves
/// every other line to libcsv.
///
/// A plain line holds no quote byte and no carriage return other than one right before its line
/// feed. Its fields are then exactly the bytes between delimiters, which is what libcsv (strict, no
/// byte treated as space) makes of it too, so the batch is the same whichever of the two reads it.
/// Line feeds are found with memchr; delimiters are found eight bytes at a time and gathered into
/// one bit mask per 64 bytes, whose set bits are the field ends, so a branch is taken per field and
/// per 64 bytes rather than per byte; fields are copied 32 bytes at a time. There is no
/// allocation, call or closure per field or byte.
struct PlainLineSplitter {
    /// Bytes past the end of the input that may be read (never used): the buffer must have them.
    static let readPadding = 64

    /// Bytes beyond a line's length that copying it may write into the assembler's buffer.
    private static let copyWidth = 32
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    /// Multiplying a word holding 0 or 1 in each byte by this gathers the eight into its top byte.
    private static let gatherBits: UInt64 = 0x0102_0408_1020_4080

    /// Where the next quote and carriage return are in the buffer being split, found once per
    /// buffer rather than once per call: a buffer with a few quoted lines is not searched to its
    /// end again after each of them.
    struct Marks {
        /// The offset of the next quote byte at or after the last line split, or the buffer's end.
        var nextQuote = -1
        /// The offset of the next carriage return at or after the last line split, or the buffer's end.
        var nextReturn = -1
    }

    /// The byte between fields.
    let delimiter: UInt8
    /// The byte that opens a quoted field; a line holding it goes to libcsv.
    let quote: UInt8
    /// Whether the layout quotes at all (``CSVOptions/quotes``): when it does not, a NUL byte, its
    /// quote byte, is data like any other, and a line holding one is split here.
    let quotes: Bool
    /// The delimiter repeated in every byte of a word, for finding it eight bytes at a time.
    private let delimiterLanes: UInt64

    /// A splitter for `options`, or `nil` when the delimiter or quote is a line end or the two are
    /// the same byte, where telling plain lines apart is not worth it.
    init?(options: CSVOptions) {
        let lineEnds = [Self.lineFeed, Self.carriageReturn]
        guard options.splitsPlainLines, options.delimiter != options.quote,
            !lineEnds.contains(options.delimiter), !lineEnds.contains(options.quote)
        else { return nil }
        delimiter = options.delimiter
        quote = options.quote
        quotes = options.quotes
        delimiterLanes = UInt64(options.delimiter) &* 0x0101_0101_0101_0101
    }

    /// Adds every plain line from `start` on as a record (or a blank line) of `assembler`, and
    /// returns the offset where it stopped (the first line that is not plain or has no line feed
    /// before `end`, or `end`) with the number of lines it added.
    ///
    /// The caller must start at a record boundary where the last line end seen was not a lone
    /// carriage return, and `base` must be readable for ``readPadding`` bytes past `end`. `marks`
    /// must be new (``Marks/init()``) for each buffer, and kept between calls on the same buffer.
    func splitLines(
        _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, marks: inout Marks,
        into assembler: UnsafeMutablePointer<BatchAssembler>
    ) -> (stop: Int, lines: Int) {
        var position = start
        var lines = 0
        var nextQuote = marks.nextQuote
        var nextReturn = marks.nextReturn
        defer {
            marks.nextQuote = nextQuote
            marks.nextReturn = nextReturn
        }
        while position < end {
            guard let found = memchr(base + position, Int32(Self.lineFeed), end - position) else { break }
            let lineFeed = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if nextQuote < position {
                nextQuote = quotes ? offset(of: quote, in: base, from: position, to: end) : end
            }
            if nextQuote < lineFeed { break }
            if nextReturn < position {
                nextReturn = offset(of: Self.carriageReturn, in: base, from: position, to: end)
            }
            var contentEnd = lineFeed
            if nextReturn < lineFeed {
                guard nextReturn == lineFeed - 1 else { break }
                contentEnd = nextReturn
            }
            appendRecord(base + position, count: contentEnd &- position, into: assembler)
            position = lineFeed &+ 1
            lines &+= 1
        }
        return (position, lines)
    }

    /// Adds the fields of one plain line (without its line end) as a record; an empty line is a
    /// blank line, as libcsv reports it.
    @inline(__always)
    private func appendRecord(
        _ line: UnsafePointer<UInt8>, count: Int, into assembler: UnsafeMutablePointer<BatchAssembler>
    ) {
        if count > 0 {
            assembler.pointee.reserve(bytes: count + Self.copyWidth, fields: count + 1)
            let output = UnsafeMutableRawPointer(assembler.pointee.bytes)
            let fieldEnds = assembler.pointee.fieldEnds
            var written = assembler.pointee.byteCount
            var field = assembler.pointee.fieldCount
            var fieldStart = 0
            var blockStart = 0
            while blockStart < count {
                var ends = delimiterMask(line + blockStart, count: count &- blockStart)
                while ends != 0 {
                    let delimiterAt = blockStart &+ ends.trailingZeroBitCount
                    written = copyField(line + fieldStart, count: delimiterAt &- fieldStart, to: output, at: written)
                    fieldEnds[field] = Int32(truncatingIfNeeded: written)
                    field &+= 1
                    fieldStart = delimiterAt &+ 1
                    ends &= ends &- 1
                }
                blockStart &+= 64
            }
            written = copyField(line + fieldStart, count: count &- fieldStart, to: output, at: written)
            fieldEnds[field] = Int32(truncatingIfNeeded: written)
            assembler.pointee.byteCount = written
            assembler.pointee.fieldCount = field &+ 1
        }
        assembler.pointee.endRow(Int32(Self.lineFeed))
    }

    /// A mask with bit `i` set where `block[i]` is the delimiter, for the first `count` bytes (at
    /// most 64) of `block`; it always reads 64 bytes.
    @inline(__always)
    private func delimiterMask(_ block: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(block)
        var mask: UInt64 = 0
        for word in 0..<8 {
            let hits = delimiterBytes(in: raw.loadUnaligned(fromByteOffset: word &* 8, as: UInt64.self)) &>> 7
            mask |= ((hits &* Self.gatherBits) &>> 56) &<< UInt64(word &* 8)
        }
        return count < 64 ? mask & ((1 &<< UInt64(count)) &- 1) : mask
    }

    /// A word with the high bit set in exactly the bytes of `word` that equal the delimiter.
    @inline(__always)
    private func delimiterBytes(in word: UInt64) -> UInt64 {
        let difference = word ^ delimiterLanes
        let lowNonZero = (difference & Self.lowBits) &+ Self.lowBits
        return ~(lowNonZero | difference | Self.lowBits)
    }

    /// Copies `count` bytes in 32-byte blocks, at least one (reading and writing up to 32 bytes past
    /// them), and returns the offset after the copy.
    @inline(__always)
    private func copyField(
        _ source: UnsafePointer<UInt8>, count: Int, to output: UnsafeMutableRawPointer, at offset: Int
    ) -> Int {
        let from = UnsafeRawPointer(source)
        let to = output + offset
        var copied = 0
        repeat {
            to.storeBytes(
                of: from.loadUnaligned(fromByteOffset: copied, as: SIMD32<UInt8>.self), toByteOffset: copied,
                as: SIMD32<UInt8>.self)
            copied &+= Self.copyWidth
        } while copied < count
        return offset &+ count
    }

    /// The offset of the first `byte` in `base[start..<end]`, or `end` when there is none.
    @inline(__always)
    private func offset(of byte: UInt8, in base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard let found = memchr(base + start, Int32(byte), end - start) else { return end }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
}
