/// An exact set of 64-bit fingerprints (hashes of record ids) in flat tables of 8-byte slots.
///
/// Re-delivery detection needs every id seen so far, so this is the one structure of the normalize
/// stage that grows with rows: 10–15 bytes a fingerprint (each table kept between 53 % and 80 %
/// full, growing by half). The fingerprints are spread over 64 tables that grow one at a time, so
/// growing never holds an old and a new copy of the whole set: peak memory stays near the set's own
/// size. Open addressing with linear probing; slot 0 means empty, and the fingerprint 0 is a flag.
struct FingerprintSet {
    private static let shardBits = 6
    private var shards: [Shard]
    private var containsZero = false

    /// The number of fingerprints.
    var count: Int { shards.reduce(0) { $0 + $1.stored } + (containsZero ? 1 : 0) }

    /// Bytes held by the tables.
    var capacityBytes: Int { shards.reduce(0) { $0 + $1.slots.count } * MemoryLayout<UInt64>.stride }

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

    /// Adds `fingerprint`; `true` when it was not in the set.
    @inline(__always)
    mutating func insert(_ fingerprint: UInt64) -> Bool {
        guard fingerprint != 0 else {
            defer { containsZero = true }
            return !containsZero
        }
        let mixed = Self.mix(fingerprint)
        return shards[Int(truncatingIfNeeded: mixed >> (64 - Self.shardBits))]
            .insert(fingerprint, position: mixed << Self.shardBits)
    }

    /// Whether `fingerprint` is in the set.
    func contains(_ fingerprint: UInt64) -> Bool {
        guard fingerprint != 0 else { return containsZero }
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

    /// One table; `position` (uniform over 64 bits) is scaled to its size with a multiply, so the
    /// size need not be a power of two.
    private struct Shard {
        var slots = [UInt64](repeating: 0, count: 16)
        var stored = 0

        @inline(__always)
        mutating func insert(_ fingerprint: UInt64, position: UInt64) -> Bool {
            if (stored + 1) * 5 > slots.count * 4 { grow() }
            let inserted = slots.withUnsafeMutableBufferPointer { table in
                Self.place(fingerprint, position: position, in: table)
            }
            if inserted { stored += 1 }
            return inserted
        }

        @inline(__always)
        func home(position: UInt64) -> Int {
            Self.home(position, count: slots.count)
        }

        /// Reads `slot` and the one seven on, so a probe that runs past the end of the first cache
        /// line finds the next one read too.
        @inline(__always)
        func touch(slot: Int) -> UInt64 {
            slots.withUnsafeBufferPointer { $0[min(slot, $0.count - 1)] ^ $0[min(slot + 7, $0.count - 1)] }
        }

        func contains(_ fingerprint: UInt64, position: UInt64) -> Bool {
            slots.withUnsafeBufferPointer { table in
                var slot = Self.home(position, count: table.count)
                while true {
                    let value = table[slot]
                    if value == fingerprint { return true }
                    if value == 0 { return false }
                    slot += 1
                    if slot == table.count { slot = 0 }
                }
            }
        }

        /// Puts `fingerprint` at its home slot or the first empty one after it; `false` if already there.
        @inline(__always)
        private static func place(
            _ fingerprint: UInt64, position: UInt64, in table: UnsafeMutableBufferPointer<UInt64>
        ) -> Bool {
            var slot = home(position, count: table.count)
            while true {
                let value = table[slot]
                if value == fingerprint { return false }
                if value == 0 {
                    table[slot] = fingerprint
                    return true
                }
                slot += 1
                if slot == table.count { slot = 0 }
            }
        }

        @inline(__always)
        private static func home(_ position: UInt64, count: Int) -> Int {
            Int(truncatingIfNeeded: position.multipliedFullWidth(by: UInt64(count)).high)
        }

        /// Makes the table large enough for `count` fingerprints at 70 % full, unless it already
        /// holds them below the 80 % at which it grows.
        mutating func reserve(_ count: Int) {
            guard count * 5 > slots.count * 4 else { return }
            rebuild(slots: count * 10 / 7)
        }

        /// Rebuilds the table half as large again.
        private mutating func grow() {
            rebuild(slots: slots.count + slots.count / 2)
        }

        /// Rebuilds the table with `count` slots, which must hold every fingerprint stored.
        private mutating func rebuild(slots count: Int) {
            var larger = [UInt64](repeating: 0, count: count)
            larger.withUnsafeMutableBufferPointer { table in
                for fingerprint in slots where fingerprint != 0 {
                    _ = Self.place(fingerprint, position: FingerprintSet.mix(fingerprint) << shardBits, in: table)
                }
            }
            slots = larger
        }
    }
}
