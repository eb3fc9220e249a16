extension ScreeningListFile {
    /// Where field `field` (0-based) of the record starting at `location` starts in the file: its line
    /// and 1-based byte column, as CSV quoting errors give them. A field past the record's last is placed
    /// where the record ends, where that field is missing.
    ///
    /// Found by reading the file again up to the record, which only an error does; the record's line
    /// alone when the file cannot be read again.
    func place(ofField field: Int, at location: SourceLocation) -> SourceLocation {
        guard let record = writtenRecord(at: location) else { return location }
        return record.place(of: field < record.fieldStarts.count ? record.fieldStarts[field] : record.end, in: path)
    }

    /// The error for field `field` of the record at `location`, which is not UTF-8: at its first byte
    /// that is not, named with its value; `names` are the file's column names.
    func notUTF8(field: Int, names: [String], at location: SourceLocation) -> KYCWatchError {
        var place = location
        var byte = "a byte"
        if let record = writtenRecord(at: location), field < record.fieldStarts.count {
            let end = field + 1 < record.fieldStarts.count ? record.fieldStarts[field + 1] : record.end
            let offset = record.firstInvalidUTF8(in: record.fieldStarts[field]..<end) ?? record.fieldStarts[field]
            place = record.place(of: offset, in: path)
            let value = String(record.bytes[offset], radix: 16, uppercase: true)
            byte = "byte 0x\(value.count == 1 ? "0" : "")\(value)"
        }
        return KYCWatchError(
            .screeningListInvalid,
            "\(byte) in \(Self.field(field, names)) is not UTF-8 (\(layout)): the lists "
                + "are published in UTF-8, so this copy was changed or saved in another encoding, and its names "
                + "would not be the list's; download it again",
            at: place)
    }

    /// The record starting at `location` as written in the file, read again; nil when the file cannot
    /// be read again or has no such line.
    private func writtenRecord(at location: SourceLocation) -> WrittenRecord? {
        guard let line = location.line, let reader = try? InputFile.open(path) else { return nil }
        var bytes: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { buffer.deallocate() }
        while let count = try? reader.read(into: buffer), count > 0 { bytes.append(contentsOf: buffer[..<count]) }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var current = 1
        while current < line, index < bytes.count {
            if WrittenRecord.endsLine(bytes, at: index) { current += 1 }
            index += 1
        }
        guard current == line else { return nil }
        let start = index
        var fieldStarts = [start]
        var quoted = false
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == options.quote {
                    if index + 1 < bytes.count, bytes[index + 1] == options.quote {
                        index += 2
                        continue
                    }
                    quoted = false
                }
            } else if byte == options.quote, index == fieldStarts.last {
                quoted = true
            } else if byte == options.delimiter {
                fieldStarts.append(index + 1)
            } else if byte == 0x0A || byte == 0x0D {
                break
            }
            index += 1
        }
        return WrittenRecord(bytes: bytes, line: line, start: start, fieldStarts: fieldStarts, end: index)
    }

    /// A record as written: the file's bytes, where the record starts and on which line, where each of
    /// its fields starts (at the opening quote of a quoted one) and where it ends (its line end).
    private struct WrittenRecord {
        var bytes: [UInt8]
        var line: Int
        var start: Int
        var fieldStarts: [Int]
        var end: Int

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
}
