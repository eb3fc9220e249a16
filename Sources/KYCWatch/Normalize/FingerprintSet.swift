/// An exact set of 64-bit fingerprints (hashes of record ids) in one flat table of 8-byte slots.
///
/// Re-delivery detection needs every id seen so far, so this is the one structure of the normalize
/// stage that grows with rows: 10–15 bytes a fingerprint (load kept between 0.53 and 0.8, growing by
/// half), against ~40 for a `Set<UInt64>` with its hashing and growth by doubling. Open addressing
/// with linear probing; slot 0 means empty, and the fingerprint 0 is kept in a flag.
struct FingerprintSet {
    private var slots: [UInt64]
    private var containsZero = false
    /// Fingerprints stored in `slots` (the zero flag not counted).
    private var stored = 0

    /// The number of fingerprints.
    var count: Int { stored + (containsZero ? 1 : 0) }

    /// Bytes held by the table.
    var capacityBytes: Int { slots.count * MemoryLayout<UInt64>.stride }

    /// Creates an empty set with room for about `minimumCapacity` fingerprints before it grows.
    init(minimumCapacity: Int = 0) {
        slots = Array(repeating: 0, count: max(16, minimumCapacity * 5 / 4 + 1))
    }

    /// Adds `fingerprint`; `true` when it was not in the set.
    @inline(__always)
    mutating func insert(_ fingerprint: UInt64) -> Bool {
        guard fingerprint != 0 else {
            defer { containsZero = true }
            return !containsZero
        }
        if (stored + 1) * 5 > slots.count * 4 { grow() }
        let inserted = slots.withUnsafeMutableBufferPointer { table in
            Self.place(fingerprint, in: table)
        }
        if inserted { stored += 1 }
        return inserted
    }

    /// Whether `fingerprint` is in the set.
    func contains(_ fingerprint: UInt64) -> Bool {
        guard fingerprint != 0 else { return containsZero }
        return slots.withUnsafeBufferPointer { table in
            var slot = Self.home(of: fingerprint, count: table.count)
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
    private static func place(_ fingerprint: UInt64, in table: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        var slot = home(of: fingerprint, count: table.count)
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

    /// The first slot to probe: the fingerprint mixed (FNV-1a's low bits are weak) and scaled to
    /// `count` with a multiply instead of a modulo, so the table size need not be a power of two.
    @inline(__always)
    private static func home(of fingerprint: UInt64, count: Int) -> Int {
        let mixed = (fingerprint ^ (fingerprint >> 32)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed.multipliedFullWidth(by: UInt64(count)).high)
    }

    /// Rebuilds the table half as large again.
    private mutating func grow() {
        var larger = [UInt64](repeating: 0, count: slots.count + slots.count / 2)
        larger.withUnsafeMutableBufferPointer { table in
            for fingerprint in slots where fingerprint != 0 {
                _ = Self.place(fingerprint, in: table)
            }
        }
        slots = larger
    }
}
