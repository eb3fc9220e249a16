/// Gives each distinct text a small integer id, looked up from bytes so that a row allocates nothing.
///
/// Texts are equal as `String`s are (canonical equivalence), so interning never splits what a
/// `String`-keyed table would keep together: ASCII bytes are compared as bytes, and once any other
/// text has been seen, a byte miss is checked again as a `String`.
struct TextInterner: Sendable {
    /// Every distinct byte form, its id as the value; the entry index is the id.
    private var table = ByteKeyTable()
    /// Every text as a `String`, built from the first non-ASCII text on (nil while all are ASCII).
    private var byString: [String: Int32]?

    /// Creates an empty interner.
    init() {}

    /// The number of distinct texts.
    var count: Int { table.count }

    /// The id of `bytes`, added when new.
    @inline(__always)
    mutating func id(of bytes: UnsafeRawBufferPointer) -> Int32 {
        if let id = table.value(for: bytes) { return id }
        return add(bytes)
    }

    /// ``id(of:)-(UnsafeRawBufferPointer)`` for bytes whose ``hash(of:)`` is known.
    @inline(__always)
    mutating func id(of bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32 {
        if let id = table.value(for: bytes, hash: hash) { return id }
        return add(bytes)
    }

    /// The hash that places `bytes` in the table; see ``ByteKeyTable/hash(of:)``.
    @inline(__always)
    func hash(of bytes: UnsafeRawBufferPointer) -> UInt64 {
        table.hash(of: bytes)
    }

    /// Reads a slot ahead of ``id(of:hash:)``; see ``ByteKeyTable/touch(hash:)``.
    @inline(__always)
    func touch(hash: UInt64) -> UInt64 {
        table.touch(hash: hash)
    }

    /// The id of `text`, added when new.
    mutating func id(of text: String) -> Int32 {
        FieldBytes.withBytes(of: text) { id(of: $0) }
    }

    /// The text of `id` (its first byte form, invalid UTF-8 repaired with U+FFFD).
    func text(_ id: Int32) -> String {
        table.withKey(at: Int(id)) { FieldBytes.string($0) }
    }

    private mutating func add(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        if byString == nil, FieldText.isASCII(bytes) {
            let id = Int32(table.count)
            table.insert(bytes, value: id)
            return id
        }
        if byString == nil {
            var strings: [String: Int32] = [:]
            for entry in 0..<table.count { strings[text(Int32(entry))] = Int32(entry) }
            byString = strings
        }
        let text = FieldBytes.string(bytes)
        if let id = byString?[text] { return id }
        let id = Int32(table.count)
        table.insert(bytes, value: id)
        byString?[text] = id
        return id
    }
}
