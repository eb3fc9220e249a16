/// A record of a CSV file as written, read again to place an error: the file's bytes from about the
/// record's start to its end, where the record starts and on which line, where each of its fields starts (at the opening quote
/// of a quoted one) and where it ends (its line end).
///
/// Readers keep fields' values, not where they were written; only an error needs the place, so the file
/// is read again, up to the record, when one is found.
struct WrittenRecord {
    var bytes: [UInt8]
    var line: Int
    var start: Int
    var fieldStarts: [Int]
    var end: Int

    /// The record starting on line `line` of `path` (plain or zstd) as `options` writes fields; nil when
    /// the file cannot be read again or has no such line.
    static func read(path: String, line: Int, options: CSVOptions = CSVOptions()) -> WrittenRecord? {
        guard let reader = try? InputFile.open(path) else { return nil }
        var bytes: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { buffer.deallocate() }
        var index = 0
        var current = 1
        var start: Int?
        var fieldStarts: [Int] = []
        var quoted = false
        var checkedMark = false
        // Read on only until the record ends, not to the end of a file of millions of rows, keeping no
        // more of the lines before the record than the byte still to be read.
        while let count = try? reader.read(into: buffer), count > 0 {
            if start == nil, index > 0 {
                bytes.removeFirst(index)
                index = 0
            }
            bytes.append(contentsOf: buffer[..<count])
            if !checkedMark, bytes.count >= 3 {
                checkedMark = true
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
            }
            // The last byte waits for the next read: whether a CR ends a line depends on the byte after it.
            while index < bytes.count - 1 {
                if let first = start {
                    let byte = bytes[index]
                    if quoted {
                        if byte == options.quote {
                            if bytes[index + 1] == options.quote {
                                index += 2
                                continue
                            }
                            quoted = false
                        }
                    } else if byte == options.quote, options.quotes, index == fieldStarts.last {
                        quoted = true
                    } else if byte == options.delimiter {
                        fieldStarts.append(index + 1)
                    } else if byte == 0x0A || byte == 0x0D {
                        return WrittenRecord(
                            bytes: bytes, line: line, start: first, fieldStarts: fieldStarts, end: index)
                    }
                } else if current == line {
                    start = index
                    fieldStarts = [index]
                    continue
                } else if endsLine(bytes, at: index) {
                    current += 1
                }
                index += 1
            }
        }
        // The file's last byte, and a record the file ends in.
        while index < bytes.count, start == nil, current < line {
            if endsLine(bytes, at: index) { current += 1 }
            index += 1
        }
        if start == nil, current == line {
            start = index
            fieldStarts = [index]
        }
        guard let first = start else { return nil }
        if index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D {
            if bytes[index] == options.delimiter, !quoted { fieldStarts.append(index + 1) }
            index += 1
        }
        return WrittenRecord(bytes: bytes, line: line, start: first, fieldStarts: fieldStarts, end: index)
    }

    /// Where field `field` (0-based) of the record starting at `location` starts in `location`'s file: its
    /// line and 1-based byte column. A field past the record's last is placed where the record ends, where
    /// that field is missing. The record's line alone when the file cannot be read again.
    static func place(ofField field: Int, at location: SourceLocation, options: CSVOptions = CSVOptions())
        -> SourceLocation
    {
        guard let line = location.line, let record = read(path: location.file, line: line, options: options) else {
            return location
        }
        return record.place(ofField: field, in: location.file)
    }

    /// Where field `field` (0-based) starts, or where the record ends when it has no such field.
    func place(ofField field: Int, in file: String) -> SourceLocation {
        place(of: field < fieldStarts.count ? fieldStarts[field] : end, in: file)
    }

    /// Whether the byte at `index` ends a line: an LF, or a CR not followed by an LF.
    static func endsLine(_ bytes: [UInt8], at index: Int) -> Bool {
        bytes[index] == 0x0A || bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)
    }

    /// The line and 1-based byte column of `offset`, a record's field running over several lines.
    func place(of offset: Int, in file: String) -> SourceLocation {
        var line = self.line
        var lineStart = start
        for index in start..<offset where Self.endsLine(bytes, at: index) {
            line += 1
            lineStart = index + 1
        }
        return SourceLocation(file: file, line: line, column: offset - lineStart + 1)
    }

    /// The offset of the first byte in `range` that starts no valid UTF-8 sequence.
    func firstInvalidUTF8(in range: Range<Int>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes[range].makeIterator()
        var offset = range.lowerBound
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }
}
