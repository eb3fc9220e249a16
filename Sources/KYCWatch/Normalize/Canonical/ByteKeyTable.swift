/// A read-mostly hash table from short byte strings to row numbers, looked up with a byte view so a
/// lookup per field allocates nothing.
///
/// Keys live back to back in one byte array; slots use open addressing with linear probing.
struct ByteKeyTable: Sendable {
    private var arena: [UInt8] = []
    private var keyStarts: [Int32] = []
    private var keyEnds: [Int32] = []
    private var hashes: [UInt64] = []
    private var values: [Int32] = []
    /// Entry index + 1 per slot; 0 is empty.
    private var slots: [Int32]
    private var mask: Int

    /// The number of keys.
    var count: Int { values.count }

    /// Creates an empty table.
    init() {
        slots = Array(repeating: 0, count: 16)
        mask = 15
    }

    /// Adds `key` for `value` unless the key is present; returns the value already stored, if any.
    @discardableResult
    mutating func insert(_ key: UnsafeRawBufferPointer, value: Int32) -> Int32? {
        let hash = Self.hash(key)
        if let existing = find(key, hash: hash) { return values[existing] }
        if (values.count + 1) * 2 > slots.count { grow() }
        keyStarts.append(Int32(arena.count))
        arena.append(contentsOf: key)
        keyEnds.append(Int32(arena.count))
        hashes.append(hash)
        values.append(value)
        place(entry: values.count - 1, hash: hash)
        return nil
    }

    /// Adds `key` for `value` unless the key is present; returns the value already stored, if any.
    @discardableResult
    mutating func insert(_ key: [UInt8], value: Int32) -> Int32? {
        key.withUnsafeBytes { insert($0, value: value) }
    }

    /// The value stored for `key`.
    @inline(__always)
    func value(for key: UnsafeRawBufferPointer) -> Int32? {
        find(key, hash: Self.hash(key)).map { values[$0] }
    }

    /// The value stored for `key`.
    func value(for key: [UInt8]) -> Int32? {
        key.withUnsafeBytes { value(for: $0) }
    }

    private func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        return arena.withUnsafeBytes { stored in
            while true {
                let entry = Int(slots[slot]) - 1
                if entry < 0 { return nil }
                if hashes[entry] == hash {
                    let start = Int(keyStarts[entry])
                    let end = Int(keyEnds[entry])
                    if FieldBytes.equal(UnsafeRawBufferPointer(rebasing: stored[start..<end]), key) { return entry }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private mutating func place(entry: Int, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry + 1)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for entry in 0..<values.count { place(entry: entry, hash: hashes[entry]) }
    }

    /// FNV-1a, 64 bits: short keys, no per-process seed needed (the table never meets untrusted keys
    /// at build time, and lookups stop at the first empty slot).
    @inline(__always)
    private static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash ^ (hash >> 29)
    }
}
