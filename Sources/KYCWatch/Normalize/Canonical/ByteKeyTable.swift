/// A read-mostly hash table from short byte strings to row numbers, looked up with a byte view so a
/// lookup per field allocates nothing.
///
/// Keys live back to back in one byte array; slots use open addressing with linear probing. A slot
/// holds the key's hash tag, value, length and first 16 bytes, so finding an id of up to 16 bytes
/// reads one slot: one cache miss where the tables outgrow the cache.
struct ByteKeyTable: Sendable {
    /// One slot: 32 bytes. `entry` is the key's insertion index + 1; 0 is an empty slot.
    private struct Slot {
        var tag: UInt32 = 0
        var entry: Int32 = 0
        var value: Int32 = 0
        var length: Int32 = 0
        var head = Head()
    }

    /// The first 16 bytes of a key, zero-padded.
    private struct Head: Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        init() {}

        @inline(__always)
        init(_ key: UnsafeRawBufferPointer) {
            let count = min(16, key.count)
            guard count > 0 else { return }
            withUnsafeMutableBytes(of: &self) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: key[0..<count])) }
        }
    }

    private var arena: [UInt8] = []
    /// Where each key starts in the arena, in insertion order, and (last) where the arena ends.
    private var starts: [Int32] = [0]
    private var slots: [Slot]
    private var mask: Int
    private let seed = UInt64.random(in: .min ... .max)

    /// The number of keys.
    var count: Int { starts.count - 1 }

    /// Creates an empty table.
    init() {
        slots = Array(repeating: Slot(), count: 16)
        mask = 15
    }

    /// Adds `key` for `value` unless the key is present; returns the value already stored, if any.
    @discardableResult
    mutating func insert(_ key: UnsafeRawBufferPointer, value: Int32) -> Int32? {
        let hash = hash(key)
        if let existing = find(key, hash: hash) { return slots[existing].value }
        if (count + 1) * 2 > slots.count { grow() }
        arena.append(contentsOf: key)
        starts.append(Int32(arena.count))
        place(
            Slot(
                tag: UInt32(truncatingIfNeeded: hash >> 32), entry: Int32(count), value: value,
                length: Int32(key.count), head: Head(key)),
            hash: hash)
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
        find(key, hash: hash(key)).map { slots[$0].value }
    }

    /// The value stored for `key`.
    func value(for key: [UInt8]) -> Int32? {
        key.withUnsafeBytes { value(for: $0) }
    }

    /// Runs `body` on the bytes of the key added `entry`-th (0-based, in insertion order).
    func withKey<Result>(at entry: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        arena.withUnsafeBytes { stored in
            body(UnsafeRawBufferPointer(rebasing: stored[Int(starts[entry])..<Int(starts[entry + 1])]))
        }
    }

    /// The slot holding `key`, nil when absent.
    private func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        let tag = UInt32(truncatingIfNeeded: hash >> 32)
        let head = Head(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let candidate = slots[slot]
                if candidate.entry == 0 { return nil }
                if candidate.tag == tag, Int(candidate.length) == key.count, candidate.head == head {
                    // Equal heads settle keys of up to 16 bytes; longer ones compare the rest.
                    if key.count <= 16 || restMatches(key, entry: Int(candidate.entry) - 1) { return slot }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Whether `key`'s bytes after the first 16 equal those of the key added `entry`-th.
    private func restMatches(_ key: UnsafeRawBufferPointer, entry: Int) -> Bool {
        arena.withUnsafeBytes { stored in
            FieldBytes.equal(
                UnsafeRawBufferPointer(rebasing: stored[(Int(starts[entry]) + 16)..<Int(starts[entry + 1])]),
                UnsafeRawBufferPointer(rebasing: key[16...]))
        }
    }

    /// Puts `filled` in the first empty slot from where `hash` points.
    private mutating func place(_ filled: Slot, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].entry != 0 { slot = (slot + 1) & mask }
        slots[slot] = filled
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: slots.count * 2)
        mask = slots.count - 1
        // A slot keeps only the hash's high half; the low half that picks the slot is computed again.
        for previous in old where previous.entry != 0 {
            let hash = withKey(at: Int(previous.entry) - 1) { self.hash($0) }
            place(previous, hash: hash)
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
