/// An open-addressing hash table from blocking-key hashes to posting-list numbers.
///
/// The keys are already well-mixed 64-bit hashes, so they index the table directly with linear probing;
/// a `Dictionary` would hash them again (SipHash) on every lookup, and lookups are per word per name screened.
struct BlockingKeyTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private let mask: Int

    /// Creates a table with room for `count` keys at most half full.
    init(capacityFor count: Int) {
        var capacity = 16
        while capacity < count * 2 { capacity <<= 1 }
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: -1, count: capacity)
        mask = capacity - 1
    }

    /// Zero marks an empty slot, so a zero hash is stored as one (a collision only adds candidates).
    @inline(__always)
    private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    /// Sets the value of `key`.
    mutating func insert(_ key: UInt64, value: Int32) {
        let key = Self.stored(key)
        var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while keys[slot] != 0, keys[slot] != key { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
    }

    /// The value of `key`, or `nil`.
    @inline(__always)
    func value(for key: UInt64) -> Int32? {
        let key = Self.stored(key)
        var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }
}
