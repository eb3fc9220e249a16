import Glibc

/// A read-mostly hash table from short byte strings to row numbers, looked up with a byte view so a
/// lookup per field allocates nothing.
///
/// Keys live back to back in one byte array; slots use open addressing with linear probing. A slot
/// is one 64-byte cache line holding the key's hash tag, value, length and first 48 bytes, so
/// finding an id of up to 48 bytes (account, resource and job ids, UUIDs) reads one line: one cache
/// miss where the tables outgrow the cache, and one that ``touch(_:)`` can start early.
struct ByteKeyTable: Sendable {
    /// Bytes of a key kept in its slot.
    private static let inlineBytes = 48
    private static let slotBytes = 64

    /// Slot memory, aligned so that each slot is one cache line; copied before a shared one is written.
    private final class Slots: @unchecked Sendable {
        // Unchecked: written only through a uniquely referenced table (copy on write).
        let base: UnsafeMutableRawPointer
        let count: Int
        /// Whether `base` is mapped memory (a large table), unmapped rather than freed.
        private let mapped: Bool

        /// Tables from this size on are mapped straight from the system, which hands them out zeroed:
        /// writing the zeros too would touch every page of a table that grows to tens of megabytes.
        private static let mappedBytes = 1 << 20

        /// `count` empty slots.
        init(count: Int) {
            self.count = count
            let bytes = count * ByteKeyTable.slotBytes
            if bytes >= Self.mappedBytes,
                let memory = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                memory != MAP_FAILED
            {
                // Page-aligned, so each slot is a cache line; anonymous pages read as zero.
                // Its pages are made now, in order: left to the first access, the look-ahead's reads
                // map the shared zero page and the write after it faults again, flushing the TLB of
                // every core (about 0.5 s of system time in a 6M-row run). Where the kernel cannot
                // (before Linux 5.14), pages are made on first access as before.
                _ = madvise(memory, bytes, MADV_POPULATE_WRITE)
                base = memory
                mapped = true
            } else {
                base = .allocate(byteCount: bytes, alignment: ByteKeyTable.slotBytes)
                base.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
                mapped = false
            }
        }

        deinit {
            if mapped {
                munmap(base, count * ByteKeyTable.slotBytes)
            } else {
                base.deallocate()
            }
        }

        func copy() -> Slots {
            let copy = Slots(count: count)
            copy.base.copyMemory(from: base, byteCount: count * ByteKeyTable.slotBytes)
            return copy
        }
    }

    private var arena: [UInt8] = []
    /// Where each key starts in the arena, in insertion order, and (last) where the arena ends.
    private var starts: [Int32] = [0]
    private var slots = Slots(count: 16)
    private var mask = 15
    private let seed = UInt64.random(in: .min ... .max)

    /// The number of keys.
    var count: Int { starts.count - 1 }

    /// Creates an empty table.
    init() {}

    /// Adds `key` for `value` unless the key is present; returns the value already stored, if any.
    @discardableResult
    mutating func insert(_ key: UnsafeRawBufferPointer, value: Int32) -> Int32? {
        insert(key, hash: hash(key), value: value)
    }

    /// ``insert(_:value:)-(UnsafeRawBufferPointer,_)`` for a key whose ``hash(of:)`` is known.
    @discardableResult
    mutating func insert(_ key: UnsafeRawBufferPointer, hash: UInt64, value: Int32) -> Int32? {
        if let existing = find(key, hash: hash) { return Self.value(at: existing) }
        if !isKnownUniquelyReferenced(&slots) { slots = slots.copy() }
        if (count + 1) * 2 > slots.count { grow() }
        arena.append(contentsOf: key)
        starts.append(Int32(arena.count))
        let slot = emptySlot(for: hash)
        slot.storeBytes(of: UInt32(truncatingIfNeeded: hash >> 32), as: UInt32.self)
        slot.storeBytes(of: Int32(count), toByteOffset: 4, as: Int32.self)
        slot.storeBytes(of: value, toByteOffset: 8, as: Int32.self)
        slot.storeBytes(of: Int32(key.count), toByteOffset: 12, as: Int32.self)
        if let source = key.baseAddress {
            (slot + 16).copyMemory(from: source, byteCount: min(key.count, Self.inlineBytes))
        }
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
        find(key, hash: hash(key)).map(Self.value(at:))
    }

    /// The value stored for `key`.
    func value(for key: [UInt8]) -> Int32? {
        key.withUnsafeBytes { value(for: $0) }
    }

    /// The value stored for a key whose ``hash(of:)`` is known.
    @inline(__always)
    func value(for key: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        find(key, hash: hash).map(Self.value(at:))
    }

    /// The hash that places `key`, for ``touch(hash:)`` and the lookups that take it, so that a
    /// key read ahead is hashed once. It stays right when the table grows.
    @inline(__always)
    func hash(of key: UnsafeRawBufferPointer) -> UInt64 {
        hash(key)
    }

    /// Reads the slot where the probe for a key of `hash` starts, and the next, where a probe that
    /// does not stop there goes on, so that a lookup soon after finds them in cache; returns part of
    /// them, to be folded into a value the caller keeps.
    ///
    /// Keys hashed for a batch and then touched in one tight loop have their cache misses overlap,
    /// instead of costing a trip to memory one lookup at a time.
    @inline(__always)
    func touch(hash: UInt64) -> UInt64 {
        let home = Int(truncatingIfNeeded: hash)
        let first = slots.base.load(fromByteOffset: (home & mask) * Self.slotBytes + 4, as: Int32.self)
        let next = slots.base.load(fromByteOffset: ((home + 1) & mask) * Self.slotBytes + 4, as: Int32.self)
        return UInt64(truncatingIfNeeded: first ^ next)
    }

    /// Runs `body` on the bytes of the key added `entry`-th (0-based, in insertion order).
    func withKey<Result>(at entry: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        arena.withUnsafeBytes { stored in
            body(UnsafeRawBufferPointer(rebasing: stored[Int(starts[entry])..<Int(starts[entry + 1])]))
        }
    }

    @inline(__always)
    private static func value(at slot: UnsafeMutableRawPointer) -> Int32 {
        slot.load(fromByteOffset: 8, as: Int32.self)
    }

    /// The slot holding `key`, nil when absent.
    @inline(__always)
    private func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> UnsafeMutableRawPointer? {
        let tag = UInt32(truncatingIfNeeded: hash >> 32)
        let length = Int32(key.count)
        let inline = UnsafeRawBufferPointer(rebasing: key[..<min(key.count, Self.inlineBytes)])
        let base = slots.base
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = base + index * Self.slotBytes
            // Tag and entry are read as one word: an entry of 0 is an empty slot.
            let head = slot.load(as: UInt64.self)
            if head >> 32 == 0 { return nil }
            if UInt32(truncatingIfNeeded: head) == tag, slot.load(fromByteOffset: 12, as: Int32.self) == length,
                FieldBytes.equal(UnsafeRawBufferPointer(start: slot + 16, count: inline.count), inline)
            {
                // Keys of up to 48 bytes are settled in the slot; longer ones compare the rest.
                if key.count <= Self.inlineBytes || restMatches(key, entry: Int(head >> 32) - 1) { return slot }
            }
            index = (index + 1) & mask
        }
    }

    /// Whether `key`'s bytes after the first 48 equal those of the key added `entry`-th.
    private func restMatches(_ key: UnsafeRawBufferPointer, entry: Int) -> Bool {
        arena.withUnsafeBytes { stored in
            FieldBytes.equal(
                UnsafeRawBufferPointer(
                    rebasing: stored[(Int(starts[entry]) + Self.inlineBytes)..<Int(starts[entry + 1])]),
                UnsafeRawBufferPointer(rebasing: key[Self.inlineBytes...]))
        }
    }

    /// The first empty slot from where `hash` points.
    private func emptySlot(for hash: UInt64) -> UnsafeMutableRawPointer {
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots.base.load(fromByteOffset: index * Self.slotBytes + 4, as: Int32.self) != 0 {
            index = (index + 1) & mask
        }
        return slots.base + index * Self.slotBytes
    }

    private mutating func grow() {
        let old = slots
        slots = Slots(count: old.count * 2)
        mask = slots.count - 1
        // A slot keeps only the hash's high half; the low half that picks the slot is computed again,
        // from the bytes in the slot where the whole key is there: the arena is read in key order,
        // which is no order of the slots, and a miss a key would stall a grow of millions of keys.
        for index in 0..<old.count {
            let previous = old.base + index * Self.slotBytes
            let entry = Int(previous.load(fromByteOffset: 4, as: Int32.self))
            guard entry != 0 else { continue }
            let length = Int(previous.load(fromByteOffset: 12, as: Int32.self))
            let hash =
                length <= Self.inlineBytes
                ? self.hash(UnsafeRawBufferPointer(start: previous + 16, count: length))
                : withKey(at: entry - 1) { self.hash($0) }
            emptySlot(for: hash).copyMemory(from: previous, byteCount: Self.slotBytes)
        }
    }

    /// A 64-bit hash of `key` (``FieldBytes/hash(_:seed:)``), seeded per table so that crafted ids in
    /// an export cannot pile up in one probe chain; both halves are well mixed (the high one is the slot tag).
    @inline(__always)
    private func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        FieldBytes.hash(key, seed: seed)
    }
}
