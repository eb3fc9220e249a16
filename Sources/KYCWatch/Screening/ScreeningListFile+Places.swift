extension ScreeningListFile {
    /// Where field `field` (0-based) of the record starting at `location` starts in the file: its line
    /// and 1-based byte column, as CSV quoting errors give them. A field past the record's last is placed
    /// where the record ends, where that field is missing.
    ///
    /// Found by reading the file again up to the record, which only an error does; the record's line
    /// alone when the file cannot be read again.
    func place(ofField field: Int, at location: SourceLocation) -> SourceLocation {
        guard let record = writtenRecord(at: location) else { return location }
        return record.place(ofField: field, in: path)
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
        location.line.flatMap { WrittenRecord.read(path: path, line: $0, options: options) }
    }
}
