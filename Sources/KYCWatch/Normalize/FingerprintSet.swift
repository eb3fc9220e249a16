/// An exact set of 64-bit fingerprints (hashes of record ids), each with a 64-bit digest of what
/// the id stood for when first added, in flat tables of 16-byte slots.
///
/// Re-delivery detection needs every id seen so far, and whether a repeat is the same record, so this
/// is the one structure of the normalize stage that grows with rows: 20–30 bytes a fingerprint (each
/// table kept between 53 % and 80 % full, growing by half). The fingerprints are spread over 64 tables that grow one at a time, so
/// growing never holds an old and a new copy of the whole set: peak memory stays near the set's own
/// size. Open addressing with linear probing; slot 0 means empty, and the fingerprint 0 is a flag.
struct FingerprintSet {
    private static let shardBits = 6
    private var shards: [Shard]
    /// The digest of the fingerprint 0, which cannot be stored in a slot; nil until it is added.
    private var zeroDigest: UInt64?

    /// The number of fingerprints.
    var count: Int { shards.reduce(0) { $0 + $1.stored } + (zeroDigest == nil ? 0 : 1) }

    /// Bytes held by the tables.
    var capacityBytes: Int { shards.reduce(0) { $0 + $1.slots.count } * MemoryLayout<UInt64>.stride }

    /// What ``insert(_:digest:)`` found.
    enum Insertion: Equatable {
        /// The fingerprint was not in the set; it is now, with the digest.
        case inserted
        /// The fingerprint was there with the same digest.
        case repeated
        /// The fingerprint was there with another digest, which stays.
        case conflicting
    }

    /// Creates an empty set.
    init() {
        shards = Array(repeating: Shard(), count: 1 << Self.shardBits)
    }

    /// Makes room for `count` fingerprints in all, so that the set holds them without growing.
    ///
    /// Growing step by step rebuilds each table about twice on the way to millions of fingerprints;
    /// sized once from an estimate, the tables are built about once. The tables are left as they are
    /// where they already have the room, and keep growing past `count` as needed.
    mutating func reserve(_ count: Int) {
        // Fingerprints spread evenly over the tables, give or take a few per cent.
        let perShard = count >> Self.shardBits + count >> (Self.shardBits + 3)
        for index in shards.indices { shards[index].reserve(perShard) }
    }

    /// Adds `fingerprint` with `digest` (what it stands for), unless it is there already.
    @inline(__always)
    mutating func insert(_ fingerprint: UInt64, digest: UInt64 = 0) -> Insertion {
        guard fingerprint != 0 else {
            guard let earlier = zeroDigest else {
                zeroDigest = digest
                return .inserted
            }
            return earlier == digest ? .repeated : .conflicting
        }
        let mixed = Self.mix(fingerprint)
        return shards[Int(truncatingIfNeeded: mixed >> (64 - Self.shardBits))]
            .insert(fingerprint, digest: digest, position: mixed << Self.shardBits)
    }

    /// Whether `fingerprint` is in the set.
    func contains(_ fingerprint: UInt64) -> Bool {
        guard fingerprint != 0 else { return zeroDigest != nil }
        let mixed = Self.mix(fingerprint)
        return shards[Int(truncatingIfNeeded: mixed >> (64 - Self.shardBits))]
            .contains(fingerprint, position: mixed << Self.shardBits)
    }

    /// Where the probe for `fingerprint` starts (its table and slot), for ``touch(home:)``.
    @inline(__always)
    func home(of fingerprint: UInt64) -> Int {
        let mixed = Self.mix(fingerprint)
        let shard = Int(truncatingIfNeeded: mixed >> (64 - Self.shardBits))
        return shard << 48 | shards[shard].home(position: mixed << Self.shardBits)
    }

    /// Reads slot `home` so that an insert soon after finds it in cache; returns what the slot
    /// holds, to be folded into a value the caller keeps.
    ///
    /// Homes found for a batch and then touched in one tight loop have their cache misses overlap,
    /// instead of costing a trip to memory one row at a time. A home found before its table grew
    /// still reads a slot of it (tables never shrink), just no longer the right one.
    @inline(__always)
    func touch(home: Int) -> UInt64 {
        shards[home >> 48].touch(slot: home & (1 << 48 - 1))
    }

    /// The fingerprint mixed once more, so that fingerprints with weak low bits still spread: the top
    /// bits pick the table, the rest the slot.
    @inline(__always)
    private static func mix(_ fingerprint: UInt64) -> UInt64 {
        (fingerprint ^ (fingerprint >> 32)) &* 0x9E37_79B9_7F4A_7C15
    }

    /// One table of slots of two words, fingerprint then digest; `position` (uniform over 64 bits) is
    /// scaled to its size with a multiply, so the size need not be a power of two.
    private struct Shard {
        /// Two words a slot: `slots[2 * i]` the fingerprint (0 when empty), `slots[2 * i + 1]` its digest.
        var slots = [UInt64](repeating: 0, count: 32)
        var stored = 0

        /// The number of slots.
        var slotCount: Int { slots.count / 2 }

        @inline(__always)
        mutating func insert(_ fingerprint: UInt64, digest: UInt64, position: UInt64) -> Insertion {
            if (stored + 1) * 5 > slotCount * 4 { grow() }
            let insertion = slots.withUnsafeMutableBufferPointer { table in
                Self.place(fingerprint, digest: digest, position: position, in: table)
            }
            if insertion == .inserted { stored += 1 }
            return insertion
        }

        @inline(__always)
        func home(position: UInt64) -> Int {
            Self.home(position, count: slotCount)
        }

        /// Reads `slot` and the one three on, so a probe that runs past the end of the first cache
        /// line finds the next one read too.
        @inline(__always)
        func touch(slot: Int) -> UInt64 {
            slots.withUnsafeBufferPointer {
                $0[2 * min(slot, $0.count / 2 - 1)] ^ $0[2 * min(slot + 3, $0.count / 2 - 1)]
            }
        }

        func contains(_ fingerprint: UInt64, position: UInt64) -> Bool {
            slots.withUnsafeBufferPointer { table in
                var slot = Self.home(position, count: table.count / 2)
                while true {
                    let value = table[2 * slot]
                    if value == fingerprint { return true }
                    if value == 0 { return false }
                    slot += 1
                    if 2 * slot == table.count { slot = 0 }
                }
            }
        }

        /// Puts `fingerprint` and `digest` at the fingerprint's home slot or the first empty one after
        /// it, or says how the digest there compares when the fingerprint is there already.
        @inline(__always)
        private static func place(
            _ fingerprint: UInt64, digest: UInt64, position: UInt64, in table: UnsafeMutableBufferPointer<UInt64>
        ) -> Insertion {
            var slot = home(position, count: table.count / 2)
            while true {
                let value = table[2 * slot]
                if value == fingerprint { return table[2 * slot + 1] == digest ? .repeated : .conflicting }
                if value == 0 {
                    table[2 * slot] = fingerprint
                    table[2 * slot + 1] = digest
                    return .inserted
                }
                slot += 1
                if 2 * slot == table.count { slot = 0 }
            }
        }

        @inline(__always)
        private static func home(_ position: UInt64, count: Int) -> Int {
            Int(truncatingIfNeeded: position.multipliedFullWidth(by: UInt64(count)).high)
        }

        /// Makes the table large enough for `count` fingerprints at 70 % full, unless it already
        /// holds them below the 80 % at which it grows.
        mutating func reserve(_ count: Int) {
            guard count * 5 > slotCount * 4 else { return }
            rebuild(slots: count * 10 / 7)
        }

        /// Rebuilds the table half as large again.
        private mutating func grow() {
            rebuild(slots: slotCount + slotCount / 2)
        }

        /// Rebuilds the table with `count` slots, which must hold every fingerprint stored.
        private mutating func rebuild(slots count: Int) {
            var larger = [UInt64](repeating: 0, count: 2 * count)
            larger.withUnsafeMutableBufferPointer { table in
                for slot in 0..<slotCount where slots[2 * slot] != 0 {
                    let fingerprint = slots[2 * slot]
                    _ = Self.place(
                        fingerprint, digest: slots[2 * slot + 1],
                        position: FingerprintSet.mix(fingerprint) << shardBits, in: table)
                }
            }
            slots = larger
        }
    }
}
