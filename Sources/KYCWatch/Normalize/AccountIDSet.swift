/// The account ids of the accounts export, for checking the account of each usage and access row
/// without making a `String` of it.
///
/// Ids compare as `String`s do (canonical equivalence): ASCII against ASCII is byte equality, and
/// anything else takes the `String` comparison. A copy shares its tables, so handing the set to
/// another thread copies nothing.
struct AccountIDSet: Sendable {
    /// Every id as a `String`, for comparing ids that are not all ASCII.
    private var strings: Set<String> = []
    /// The same ids as bytes.
    private var keys = ByteKeyTable()
    private var hasNonASCII = false

    /// Creates an empty set.
    init() {}

    /// Adds `id`.
    mutating func insert(_ id: String) {
        strings.insert(id)
        FieldBytes.withBytes(of: id) { bytes in
            keys.insert(bytes, value: 0)
            if !FieldText.isASCII(bytes) { hasNonASCII = true }
        }
    }

    /// Whether the set has `id`.
    func contains(_ id: FieldText) -> Bool {
        id.withBytes { contains($0, hash: keys.hash(of: $0)) }
    }

    /// Whether the set has the id `bytes`, whose ``hash(of:)`` is `hash`.
    @inline(__always)
    func contains(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> Bool {
        if FieldText.isASCII(bytes) {
            if keys.value(for: bytes, hash: hash) != nil { return true }
            if !hasNonASCII { return false }
        }
        return strings.contains(FieldBytes.string(bytes))
    }

    /// The hash a lookup of `bytes` starts from, for ``touch(hash:)`` and ``contains(_:hash:)``.
    @inline(__always)
    func hash(of bytes: UnsafeRawBufferPointer) -> UInt64 {
        keys.hash(of: bytes)
    }

    /// Reads ahead the slot a lookup of `hash` will probe; see ``ByteKeyTable/touch(hash:)``.
    @inline(__always)
    func touch(hash: UInt64) -> UInt64 {
        keys.touch(hash: hash)
    }
}
