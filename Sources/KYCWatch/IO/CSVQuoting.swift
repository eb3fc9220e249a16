/// CSV fields written back as text, for the raw text of a reject: quoted, inner quotes doubled, where
/// RFC 4180 needs it, so the text reads back as the same fields.
///
/// For rows that are set aside, not the output files: ``CSVWriter`` writes those a word at a time.
enum CSVQuoting {
    /// Appends `field` to `text`, in quotes when it holds `delimiter`, `quote`, CR or LF; no more
    /// once `text` passes `limit` bytes.
    static func append(
        _ field: UnsafeRawBufferPointer, delimiter: UInt8, quote: UInt8, to text: inout [UInt8], limit: Int = .max
    ) {
        if field.contains(where: { $0 == delimiter || $0 == quote || $0 == 0x0A || $0 == 0x0D }) {
            appendQuoted(field, quote: quote, to: &text, limit: limit)
        } else {
            appendUnquoted(field, to: &text, limit: limit)
        }
    }

    /// Appends `field` as it is, up to one byte past `limit` bytes of `text`.
    static func appendUnquoted(_ field: UnsafeRawBufferPointer, to text: inout [UInt8], limit: Int = .max) {
        let room = limit - text.count
        text.append(contentsOf: room >= field.count ? field.prefix(field.count) : field.prefix(max(0, room + 1)))
    }

    /// Appends `field` in quotes, inner quotes doubled, the closing quote only when `closed` (a field
    /// whose closing quote was never read has none); no more once `text` passes `limit` bytes.
    static func appendQuoted(
        _ field: UnsafeRawBufferPointer, quote: UInt8, closed: Bool = true, to text: inout [UInt8],
        limit: Int = .max
    ) {
        text.append(quote)
        for byte in field where text.count <= limit {
            text.append(byte)
            if byte == quote { text.append(byte) }
        }
        if closed { text.append(quote) }
    }
}
