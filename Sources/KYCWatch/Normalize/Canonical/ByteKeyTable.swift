/// A read-mostly hash table from short byte strings to row numbers, looked up with a byte view so a
/// lookup per field allocates nothing.
///
/// Keys live back to back in one byte array; slots use open addressing with linear probing. Each
/// entry also holds its key's first 16 bytes, so most ids are compared without touching the array.
struct ByteKeyTable: Sendable {
    /// Where a key's bytes are in the arena, its value, and its first 16 bytes (zero-padded).
    private struct Entry {
        var start: Int32
        var end: Int32
        var value: Int32
        var head: Head
    }

    /// The first 16 bytes of a key, zero-padded.
    private struct Head: Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        @inline(__always)
        init(_ key: UnsafeRawBufferPointer) {
            let count = min(16, key.count)
            guard count > 0 else { return }
            withUnsafeMutableBytes(of: &self) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: key[0..<count])) }
        }
    }

    private var arena: [UInt8] = []
    private var entries: [Entry] = []
    /// Per slot: the key's hash in the high 32 bits and entry index + 1 in the low 32; 0 is empty.
    /// The hash tag turns most probes away without touching the entry or its bytes.
    private var slots: [UInt64]
    private var mask: Int
    private let seed = UInt64.random(in: .min ... .max)

    /// The number of keys.
    var count: Int { entries.count }

    /// Creates an empty table.
    init() {
        slots = Array(repeating: 0, count: 16)
        mask = 15
    }

    /// Adds `key` for `value` unless the key is present; returns the value already stored, if any.
    @discardableResult
    mutating func insert(_ key: UnsafeRawBufferPointer, value: Int32) -> Int32? {
        let hash = hash(key)
        if let existing = find(key, hash: hash) { return entries[existing].value }
        if (entries.count + 1) * 2 > slots.count { grow() }
        let start = Int32(arena.count)
        arena.append(contentsOf: key)
        entries.append(Entry(start: start, end: Int32(arena.count), value: value, head: Head(key)))
        place(entry: entries.count - 1, hash: hash)
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
        find(key, hash: hash(key)).map { entries[$0].value }
    }

    /// The value stored for `key`.
    func value(for key: [UInt8]) -> Int32? {
        key.withUnsafeBytes { value(for: $0) }
    }

    /// Runs `body` on the bytes of the key added `entry`-th (0-based, in insertion order).
    func withKey<Result>(at entry: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        arena.withUnsafeBytes { stored in
            body(UnsafeRawBufferPointer(rebasing: stored[Int(entries[entry].start)..<Int(entries[entry].end)]))
        }
    }

    private func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        let tag = hash >> 32
        let head = Head(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                arena.withUnsafeBytes { stored in
                    while true {
                        let word = slots[slot]
                        if word == 0 { return nil }
                        if word >> 32 == tag {
                            let entry = Int(truncatingIfNeeded: word & 0xFFFF_FFFF) - 1
                            let found = entries[entry]
                            if Int(found.end - found.start) == key.count, found.head == head {
                                // Equal heads settle keys of up to 16 bytes; longer ones compare the rest.
                                guard key.count > 16 else { return entry }
                                let rest = UnsafeRawBufferPointer(
                                    rebasing: stored[(Int(found.start) + 16)..<Int(found.end)])
                                if FieldBytes.equal(rest, UnsafeRawBufferPointer(rebasing: key[16...])) {
                                    return entry
                                }
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    private mutating func place(entry: Int, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash >> 32) << 32 | UInt64(entry + 1)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        // A slot keeps only the hash's high half; the low half that picks the slot is computed again.
        for word in old where word != 0 {
            let entry = Int(truncatingIfNeeded: word & 0xFFFF_FFFF) - 1
            let hash = withKey(at: entry) { self.hash($0) }
            place(entry: entry, hash: hash)
        }
    }

    /// A 64-bit hash of `key`, eight bytes a step, seeded per table so that crafted ids in an export
    /// cannot pile up in one probe chain; both halves are well mixed (the high one is the slot tag).
    @inline(__always)
    private func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var hash = seed ^ UInt64(key.count) &* 0x9E37_79B9_7F4A_7C15
        guard let base = key.baseAddress else { return Self.finish(hash) }
        let count = key.count
        var index = 0
        while index + 8 <= count {
            hash = (hash ^ base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            index += 8
        }
        if index < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                tail |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) << shift
                shift += 8
                index += 1
            }
            hash = (hash ^ tail) &* 0xBF58_476D_1CE4_E5B9
        }
        return Self.finish(hash)
    }

    /// The final avalanche of SplitMix64.
    @inline(__always)
    private static func finish(_ value: UInt64) -> UInt64 {
        var value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
