/// The text of one canonical value: bytes borrowed from a record batch, or a `String` for constants
/// and derived values.
///
/// Hot paths keep field text as bytes so a row allocates nothing; `string` makes the `String` a
/// record keeps, and ``withBytes(_:)`` gives the exact UTF-8 that `string` would hold.
enum FieldText {
    /// Bytes in a batch buffer, valid while the batch is borrowed.
    case bytes(UnsafeRawBufferPointer)
    /// A value that is not in the batch.
    case text(String)

    /// The value as a `String` (invalid UTF-8 repaired with U+FFFD).
    var string: String {
        switch self {
        case .bytes(let bytes): FieldBytes.string(bytes)
        case .text(let text): text
        }
    }

    /// The value, or nil when it is ASCII whitespace alone (``FieldBytes/isBlank(_:)``): a required
    /// value of spaces or tabs is a missing one.
    @inline(__always)
    var nonBlank: FieldText? {
        switch self {
        case .bytes(let bytes): FieldBytes.isBlank(bytes) ? nil : self
        case .text(let text): FieldBytes.isBlank(text) ? nil : self
        }
    }

    /// The value without ASCII whitespace around it, as padded fixed-width or hand-edited exports
    /// write identifiers, so that ` R01 ` is the account `R01` and links as it does. An unpadded value
    /// costs a look at its first and last byte.
    @inline(__always)
    var trimmedIdentifier: FieldText {
        switch self {
        case .bytes(let bytes):
            guard let first = bytes.first, let last = bytes.last, FieldBytes.isSpace(first) || FieldBytes.isSpace(last)
            else { return self }
            return .bytes(FieldBytes.trimmed(bytes))
        case .text(let text):
            return .text(Self.trimmedIdentifier(text))
        }
    }

    /// ``trimmedIdentifier`` of a `String`: its case kept (identifiers are opaque); only a padded value
    /// is copied.
    static func trimmedIdentifier(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last,
            FieldBytes.isSpace(first) || FieldBytes.isSpace(last)
        else { return text }
        return FieldBytes.withBytes(of: text) { FieldBytes.string(FieldBytes.trimmed($0)) }
    }

    /// Runs `body` on the UTF-8 of ``string``, without building it when the bytes are ASCII.
    @inline(__always)
    func withBytes<Value>(_ body: (UnsafeRawBufferPointer) -> Value) -> Value {
        switch self {
        case .bytes(let bytes):
            // Only bytes with the high bit set can need repair; they go the slow, exact way.
            guard FieldText.isASCII(bytes) else { return FieldBytes.withBytes(of: FieldBytes.string(bytes), body) }
            return body(bytes)
        case .text(let text):
            return FieldBytes.withBytes(of: text, body)
        }
    }

    /// Whether every byte is below 0x80 and none is NUL, eight at a time: text that needs no further
    /// look, as rows almost always are.
    @inline(__always)
    static func isPlainText(_ bytes: UnsafeRawBufferPointer) -> Bool {
        noHighBit(bytes, orNUL: true)
    }

    /// Whether every byte is below 0x80, eight at a time.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        noHighBit(bytes, orNUL: false)
    }

    /// Whether no byte has its high bit set, nor, with `orNUL`, is NUL; `orNUL` is a constant where
    /// this is inlined, so each caller's loop is its own.
    @inline(__always)
    private static func noHighBit(_ bytes: UnsafeRawBufferPointer, orNUL: Bool) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        var flags: UInt64 = 0
        while index + 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // A byte's high bit, or (by the borrow of a zero byte) the high bit of a NUL's place.
            flags |= orNUL ? word | (word &- 0x0101_0101_0101_0101) & ~word : word
            index += 8
        }
        while index < count {
            let byte = base.load(fromByteOffset: index, as: UInt8.self)
            flags |= orNUL && byte == 0 ? 0x80 : UInt64(byte)
            index += 1
        }
        return flags & 0x8080_8080_8080_8080 == 0
    }
}
