/// Writes RFC 4180 CSV into a byte writer, quoting only fields that need it.
///
/// Rows are buffered and handed on in blocks, so a zstd writer behind it compresses large blocks.
public final class CSVWriter {
    /// Rows written so far (the header included).
    public private(set) var rowsWritten = 0

    private let destination: any ByteWriter
    private let delimiter: UInt8
    // One manually managed buffer: appends are a bounds check and a memcpy, with no array
    // uniqueness checks per byte (millions of fields go through here).
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private var fieldsInRow = 0
    private static let flushThreshold = 1 << 20

    /// Writes to `destination`, separating fields with `delimiter`.
    public init(destination: any ByteWriter, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.destination = destination
        self.delimiter = delimiter
        capacity = Self.flushThreshold + (64 << 10)
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// Writes one row of text fields.
    public func writeRow(_ fields: [String]) throws(KYCWatchError) {
        for field in fields {
            appendField(field)
        }
        try endRow()
    }

    /// Appends one field of the current row.
    public func appendField(_ field: String) {
        var field = field
        field.withUTF8 { appendField(UnsafeRawBufferPointer($0)) }
    }

    /// Appends one field of the current row from raw bytes.
    public func appendField(_ bytes: UnsafeRawBufferPointer) {
        let quote = UInt8(ascii: "\"")
        // Room for a delimiter, two quotes and every byte doubled.
        reserve(bytes.count * 2 + 3)
        if fieldsInRow > 0 {
            storage[count] = delimiter
            count += 1
        }
        fieldsInRow += 1
        guard let source = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let length = bytes.count
        let needsQuotes = needsQuoting(source, length)
        guard needsQuotes else {
            (storage + count).update(from: source, count: length)
            count += length
            return
        }
        storage[count] = quote
        count += 1
        for index in 0..<length {
            let byte = source[index]
            if byte == quote {
                storage[count] = quote
                count += 1
            }
            storage[count] = byte
            count += 1
        }
        storage[count] = quote
        count += 1
    }

    /// Appends one field that `body` writes straight into the buffer: it gets room for
    /// `maximumCount` bytes and returns how many it wrote. The bytes must need no quoting
    /// (digits, timestamps, `true`), which the caller guarantees.
    public func appendUnquotedField(maximumCount: Int, _ body: (UnsafeMutableRawBufferPointer) -> Int) {
        reserve(maximumCount + 1)
        if fieldsInRow > 0 {
            storage[count] = delimiter
            count += 1
        }
        fieldsInRow += 1
        let written = body(UnsafeMutableRawBufferPointer(start: storage + count, count: maximumCount))
        precondition(written >= 0 && written <= maximumCount, "a field wrote past the room it was given")
        count += written
    }

    /// Ends the current row.
    public func endRow() throws(KYCWatchError) {
        reserve(1)
        storage[count] = 0x0A
        count += 1
        fieldsInRow = 0
        rowsWritten += 1
        if count >= Self.flushThreshold {
            try flush()
        }
    }

    /// Writes out buffered rows and finishes the destination (which makes a file visible).
    public func finish() throws(KYCWatchError) {
        try flush()
        try destination.finish()
    }

    private func flush() throws(KYCWatchError) {
        guard count > 0 else { return }
        try destination.write(UnsafeRawBufferPointer(start: storage, count: count))
        count = 0
    }

    /// Whether the field holds a delimiter, quote, CR or LF, tested eight bytes at a time.
    @inline(__always)
    private func needsQuoting(_ source: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let delimiters = ones &* UInt64(delimiter)
        let quotes = ones &* UInt64(UInt8(ascii: "\""))
        let lineFeeds = ones &* 0x0A
        let returns = ones &* 0x0D
        // Exact test for a zero byte in a word: a byte equal to the pattern is zero after the xor.
        func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & (ones &* 0x80) != 0 }
        var index = 0
        while index + 8 <= length {
            let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
            if hasZeroByte(word ^ delimiters) || hasZeroByte(word ^ quotes) || hasZeroByte(word ^ lineFeeds)
                || hasZeroByte(word ^ returns)
            {
                return true
            }
            index += 8
        }
        while index < length {
            let byte = source[index]
            if byte == delimiter || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D { return true }
            index += 1
        }
        return false
    }

    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toHold: count + extra) }
    }

    private func grow(toHold needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let replacement = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        replacement.update(from: storage, count: count)
        storage.deallocate()
        storage = replacement
        capacity = larger
    }
}
