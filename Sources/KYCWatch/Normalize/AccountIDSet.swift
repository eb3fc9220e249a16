/// The account ids of the accounts export, for checking the account of each usage and access row
/// without making a `String` of it, and for naming each account by a small integer, its place.
///
/// Ids compare as `String`s do (canonical equivalence): ASCII against ASCII is byte equality, and
/// anything else takes the `String` comparison. An id's place is the number of distinct ids added
/// before it, so it never changes as the set grows. A copy shares its tables, so handing the set to
/// another thread copies nothing.
struct AccountIDSet: Sendable {
    /// Every id as a `String` with its place, for comparing ids that are not all ASCII.
    private var strings: [String: Int32] = [:]
    /// The same ids as bytes, each with its place.
    private var keys = ByteKeyTable()
    private var hasNonASCII = false

    /// Creates an empty set.
    init() {}

    /// Adds `id`, which takes the next place unless an equal id is already in the set; returns
    /// whether it was added, and its place.
    @discardableResult
    mutating func insert(_ id: String) -> (inserted: Bool, place: Int32) {
        let next = Int32(strings.count)
        // One hash of the id: the default is stored when the id is new, and the id's place read.
        let place = Self.value(of: &strings[id, default: next])
        guard place == next else { return (false, place) }
        FieldBytes.withBytes(of: id) { bytes in
            keys.insert(bytes, value: place)
            if !FieldText.isASCII(bytes) { hasNonASCII = true }
        }
        return (true, place)
    }

    /// `value`, read through an in-out access: given `dictionary[key, default: d]`, that access
    /// stores `d` for a new key, so the one lookup both adds the key and reads its value.
    private static func value(of value: inout Int32) -> Int32 { value }

    /// Whether the set has `id`.
    func contains(_ id: FieldText) -> Bool {
        id.withBytes { place(of: $0, hash: keys.hash(of: $0)) != nil }
    }

    /// The place of the id `bytes`, whose ``hash(of:)`` is `hash`; nil when the set does not have it.
    @inline(__always)
    func place(of bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        if FieldText.isASCII(bytes) {
            if let place = keys.value(for: bytes, hash: hash) { return place }
            if !hasNonASCII { return nil }
        }
        return strings[FieldBytes.string(bytes)]
    }

    /// The hash a lookup of `bytes` starts from, for ``touch(hash:)`` and ``place(of:hash:)``.
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
