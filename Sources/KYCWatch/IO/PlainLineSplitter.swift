import Glibc

/// Splits CSV lines that need no quote handling straight into a ``BatchAssembler``, and leaves
/// every other line to libcsv.
///
/// A plain line holds no quote byte and no carriage return other than one right before its line
/// feed. Its fields are then exactly the bytes between delimiters, which is what libcsv (strict, no
/// byte treated as space) makes of it too, so the batch is the same whichever of the two reads it.
/// Line feeds are found with memchr, delimiters eight bytes at a time, and fields are copied
/// sixteen bytes at a time: no allocation, call or closure per field or byte.
struct PlainLineSplitter {
    /// Bytes past the end of the input that may be read (never used): the buffer must have them.
    static let readPadding = 32

    /// Bytes beyond a line's length that copying it may write into the assembler's buffer.
    private static let copyWidth = 16
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The byte between fields.
    let delimiter: UInt8
    /// The byte that opens a quoted field; a line holding it goes to libcsv.
    let quote: UInt8
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
        delimiterLanes = UInt64(options.delimiter) &* 0x0101_0101_0101_0101
    }

    /// Adds every plain line from `start` on as a record (or a blank line) of `assembler`, and
    /// returns the offset where it stopped (the first line that is not plain or has no line feed
    /// before `end`, or `end`) with the number of lines it added.
    ///
    /// The caller must start at a record boundary where the last line end seen was not a lone
    /// carriage return, and `base` must be readable for ``readPadding`` bytes past `end`.
    func splitLines(
        _ base: UnsafePointer<UInt8>, from start: Int, to end: Int,
        into assembler: UnsafeMutablePointer<BatchAssembler>
    ) -> (stop: Int, lines: Int) {
        var position = start
        var lines = 0
        var nextQuote = -1
        var nextReturn = -1
        while position < end {
            guard let found = memchr(base + position, Int32(Self.lineFeed), end - position) else { break }
            let lineFeed = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if nextQuote < position {
                nextQuote = offset(of: quote, in: base, from: position, to: end)
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
            appendRecord(base + position, count: contentEnd - position, into: assembler)
            position = lineFeed + 1
            lines += 1
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
            var index = 0
            while index < count {
                var hits = delimiterBytes(in: UnsafeRawPointer(line + index).loadUnaligned(as: UInt64.self))
                let left = count - index
                if left < 8 {
                    hits &= (1 &<< UInt64(left &* 8)) &- 1
                }
                while hits != 0 {
                    let delimiterAt = index + hits.trailingZeroBitCount >> 3
                    written = copyField(line + fieldStart, count: delimiterAt - fieldStart, to: output, at: written)
                    fieldEnds[field] = Int32(truncatingIfNeeded: written)
                    field += 1
                    fieldStart = delimiterAt + 1
                    hits &= hits &- 1
                }
                index += 8
            }
            written = copyField(line + fieldStart, count: count - fieldStart, to: output, at: written)
            fieldEnds[field] = Int32(truncatingIfNeeded: written)
            assembler.pointee.byteCount = written
            assembler.pointee.fieldCount = field + 1
        }
        assembler.pointee.endRow(Int32(Self.lineFeed))
    }

    /// A word with the high bit set in exactly the bytes of `word` that equal the delimiter.
    @inline(__always)
    private func delimiterBytes(in word: UInt64) -> UInt64 {
        let difference = word ^ delimiterLanes
        let lowNonZero = (difference & Self.lowBits) &+ Self.lowBits
        return ~(lowNonZero | difference | Self.lowBits)
    }

    /// Copies `count` bytes in sixteen-byte blocks (reading and writing up to fifteen past them) and
    /// returns the offset after the copy.
    @inline(__always)
    private func copyField(
        _ source: UnsafePointer<UInt8>, count: Int, to output: UnsafeMutableRawPointer, at offset: Int
    ) -> Int {
        var copied = 0
        while copied < count {
            let block = UnsafeRawPointer(source + copied).loadUnaligned(as: SIMD16<UInt8>.self)
            (output + offset + copied).storeBytes(of: block, as: SIMD16<UInt8>.self)
            copied += Self.copyWidth
        }
        return offset + count
    }

    /// The offset of the first `byte` in `base[start..<end]`, or `end` when there is none.
    @inline(__always)
    private func offset(of byte: UInt8, in base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard let found = memchr(base + start, Int32(byte), end - start) else { return end }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
}
