import Glibc

/// The mutable state that libcsv's callbacks and ``PlainLineSplitter`` fill: fields and records of the
/// batch being built.
///
/// It lives behind a raw pointer handed to C, so the callbacks touch plain memory with no
/// reference counting or exclusivity checks; growth doubles, so appends are amortized O(1).
struct BatchAssembler {
    var bytes: UnsafeMutablePointer<UInt8>
    var byteCount = 0
    var byteCapacity: Int
    var fieldEnds: UnsafeMutablePointer<Int32>
    var fieldCount = 0
    var fieldCapacity: Int
    /// Index in `fieldEnds` where the record being read starts.
    var recordStartField = 0
    var recordFieldEnds: [Int32] = []
    var lines: [Int] = []
    /// The line the next record starts on.
    var nextLine = 1
    /// Line ends (LF, CRLF or a lone CR) inside quoted fields of the record being read.
    var embeddedLineEnds = 0
    /// Whether fields may hold newlines (the current input chunk has a quote), so they are scanned.
    var scanForNewlines = true
    /// Whether the record being read may hold a lone CR (one not followed by an LF), so line ends in its
    /// fields are counted with ``countLineEnds(_:_:)``; otherwise their LFs alone count them.
    var scanForReturns = false
    /// The terminator of the last row libcsv reported, to fold CRLF into one line end.
    var lastTerminator: Int32 = -1
    /// Blank lines seen (not records).
    var blankLines = 0
    /// When set, the next complete record is the header: it is copied here and not kept as data.
    var wantsHeader: Bool
    var header: [[UInt8]]?

    init(wantsHeader: Bool) {
        byteCapacity = 1 << 20
        bytes = .allocate(capacity: byteCapacity)
        fieldCapacity = 1 << 16
        fieldEnds = .allocate(capacity: fieldCapacity)
        self.wantsHeader = wantsHeader
    }

    func deallocate() {
        bytes.deallocate()
        fieldEnds.deallocate()
    }

    /// Bytes of the record being read so far.
    var openRecordBytes: Int {
        byteCount - (recordStartField == 0 ? 0 : Int(fieldEnds[recordStartField - 1]))
    }

    var completedRecords: Int { recordFieldEnds.count }

    mutating func appendField(_ data: UnsafeRawPointer?, _ length: Int) {
        if byteCount + length > byteCapacity {
            grow(bytesTo: byteCount + length)
        }
        if length > 0, let data {
            (bytes + byteCount).update(from: data.assumingMemoryBound(to: UInt8.self), count: length)
            if scanForNewlines {
                embeddedLineEnds += scanForReturns ? countLineEnds(data, length) : countNewlines(data, length)
            }
        }
        byteCount += length
        if fieldCount == fieldCapacity {
            grow(fieldsTo: fieldCount + 1)
        }
        fieldEnds[fieldCount] = Int32(byteCount)
        fieldCount += 1
    }

    mutating func endRow(_ terminator: Int32) {
        defer { lastTerminator = terminator }
        if fieldCount == recordStartField {
            // An empty row is reported for every unquoted line end (CSV_REPALL_NL): the LF of a
            // CRLF pair, or a blank line.
            if !(terminator == 0x0A && lastTerminator == 0x0D) {
                nextLine += 1
                blankLines += 1
            }
            return
        }
        if wantsHeader {
            var names: [[UInt8]] = []
            var start = 0
            for index in 0..<fieldCount {
                let end = Int(fieldEnds[index])
                names.append(Array(UnsafeBufferPointer(start: bytes + start, count: end - start)))
                start = end
            }
            header = names
            wantsHeader = false
            nextLine += 1 + embeddedLineEnds
            embeddedLineEnds = 0
            byteCount = 0
            fieldCount = 0
            recordStartField = 0
            return
        }
        recordFieldEnds.append(Int32(fieldCount))
        lines.append(nextLine)
        nextLine += 1 + embeddedLineEnds
        embeddedLineEnds = 0
        recordStartField = fieldCount
    }

    /// The fields of the record being read so far, joined by `delimiter`.
    func openRecordText(delimiter: UInt8) -> [UInt8] {
        var text: [UInt8] = []
        var start = recordStartField == 0 ? 0 : Int(fieldEnds[recordStartField - 1])
        for field in recordStartField..<fieldCount {
            if field > recordStartField { text.append(delimiter) }
            let end = Int(fieldEnds[field])
            text.append(contentsOf: UnsafeBufferPointer(start: bytes + start, count: end - start))
            start = end
        }
        return text
    }

    /// The fields of the record being read that were read whole on its first line, as written: those
    /// before the first that took a line end (``MalformedRow/leadingFields``), at most `limit` of them,
    /// since a row run away may hold millions.
    func openRecordLeadingFields(limit: Int) -> [String] {
        var fields: [String] = []
        var start = recordStartField == 0 ? 0 : Int(fieldEnds[recordStartField - 1])
        for field in recordStartField..<min(fieldCount, recordStartField + limit) {
            let end = Int(fieldEnds[field])
            let value = UnsafeBufferPointer(start: bytes + start, count: end - start)
            if value.contains(0x0A) || value.contains(0x0D) { break }
            fields.append(String(decoding: value, as: UTF8.self))
            start = end
        }
        return fields
    }

    /// Drops the fields of the record being read (after a tokenizer error).
    mutating func discardOpenRecord() {
        byteCount = recordStartField == 0 ? 0 : Int(fieldEnds[recordStartField - 1])
        fieldCount = recordStartField
        embeddedLineEnds = 0
    }

    /// Moves the completed records out as a batch and keeps the open record's fields for the next.
    ///
    /// The byte buffer itself goes with the batch, and a new one takes its place with the open
    /// record's bytes: only those are copied, not the batch.
    mutating func takeBatch(file: String, malformed: [MalformedRow]) -> RecordBatch {
        let completeFields = recordStartField
        let completeBytes = completeFields == 0 ? 0 : Int(fieldEnds[completeFields - 1])
        let openBytes = byteCount - completeBytes
        var taken = RecordBytes.empty
        if completeBytes > 0 {
            let next = UnsafeMutablePointer<UInt8>.allocate(capacity: byteCapacity)
            next.initialize(from: bytes + completeBytes, count: openBytes)
            taken = RecordBytes(taking: bytes, count: completeBytes)
            bytes = next
        }
        let batch = RecordBatch(
            file: file,
            bytes: taken,
            fieldEnds: Array(UnsafeBufferPointer(start: fieldEnds, count: completeFields)),
            recordFieldEnds: recordFieldEnds,
            lines: lines,
            malformed: malformed)
        let openFields = fieldCount - completeFields
        for index in 0..<openFields {
            fieldEnds[index] = fieldEnds[completeFields + index] - Int32(completeBytes)
        }
        byteCount = openBytes
        fieldCount = openFields
        recordStartField = 0
        recordFieldEnds.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        return batch
    }

    /// Makes room for `extraBytes` more bytes and `extraFields` more field ends, so a caller can
    /// write them straight into `bytes` and `fieldEnds`.
    @inline(__always)
    mutating func reserve(bytes extraBytes: Int, fields extraFields: Int) {
        if byteCount + extraBytes > byteCapacity {
            grow(bytesTo: byteCount + extraBytes)
        }
        if fieldCount + extraFields > fieldCapacity {
            grow(fieldsTo: fieldCount + extraFields)
        }
    }

    private mutating func grow(fieldsTo needed: Int) {
        fieldEnds = Self.moved(fieldEnds, count: fieldCount, capacity: &fieldCapacity, toHold: needed)
    }

    private mutating func grow(bytesTo needed: Int) {
        bytes = Self.moved(bytes, count: byteCount, capacity: &byteCapacity, toHold: needed)
    }

    /// `count` elements moved from `buffer` (then freed) to one of at least `needed` elements,
    /// doubling `capacity` until it holds them.
    private static func moved<Element>(
        _ buffer: UnsafeMutablePointer<Element>, count: Int, capacity: inout Int, toHold needed: Int
    ) -> UnsafeMutablePointer<Element> {
        while capacity < needed { capacity *= 2 }
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        larger.moveInitialize(from: buffer, count: count)
        buffer.deallocate()
        return larger
    }
}

/// Counts `\n` bytes with memchr, which is vectorized, instead of a byte loop.
func countNewlines(_ data: UnsafeRawPointer, _ length: Int) -> Int {
    var count = 0
    var cursor = data
    var remaining = length
    while remaining > 0, let found = memchr(cursor, 0x0A, remaining) {
        count += 1
        let consumed = UnsafeRawPointer(found) - cursor + 1
        cursor = UnsafeRawPointer(found) + 1
        remaining -= consumed
    }
    return count
}

/// Counts line ends in `data` as the reader counts lines: a line feed, a carriage return followed
/// by one (one line end), or a lone carriage return, which ends a row outside quotes too. memchr,
/// which is vectorized, finds both bytes, instead of a byte loop.
func countLineEnds(_ data: UnsafeRawPointer, _ length: Int) -> Int {
    var count = countNewlines(data, length)
    var cursor = data
    var remaining = length
    while remaining > 0, let found = memchr(cursor, 0x0D, remaining) {
        let next = UnsafeRawPointer(found) + 1
        remaining -= next - cursor
        cursor = next
        if remaining == 0 || cursor.load(as: UInt8.self) != 0x0A { count += 1 }
    }
    return count
}

/// Counts line ends in `bytes` (``countLineEnds(_:_:)``).
func countLineEnds(_ bytes: UnsafeRawBufferPointer) -> Int {
    bytes.baseAddress.map { countLineEnds($0, bytes.count) } ?? 0
}
