/// A hash map from integer keys to values, for the small tables each run keeps (hours, resources,
/// models) and updates once or twice a record.
///
/// `Dictionary` hashes every key with seeded SipHash; here a multiplicative hash and linear probing
/// find a key in a few instructions, and a map of up to eight entries has no table at all: its keys
/// are scanned. Entries stay dense and in insertion order, so walking them is cheap and
/// deterministic (a sum over them comes out the same on every run).
struct IntMap<Value> {
    /// Entries a map holds before it builds a table; fewer are found by scanning.
    private static var scanLimit: Int { 8 }

    /// The entries in insertion order, keys beside values: one allocation, so a small map costs
    /// one cache miss to reach.
    private(set) var entries: [(key: Int64, value: Value)] = []
    /// Entry index + 1 of each slot (0 is empty); empty while the keys are few enough to scan.
    private var slots: [Int32] = []
    /// 64 minus the base-2 logarithm of the slot count: the hash's top bits pick the slot.
    private var shift: UInt64 = 64

    /// Creates an empty map.
    init() {}

    /// The number of entries.
    var count: Int { entries.count }

    /// The value of `key`, nil when absent.
    subscript(key: Int64) -> Value? {
        index(of: key).map { entries[$0].value }
    }

    /// Updates the value of `key` with `body`, starting from `initial` when the key is new.
    @inline(__always)
    mutating func update(_ key: Int64, initial: @autoclosure () -> Value, _ body: (inout Value) -> Void) {
        if let index = index(of: key) {
            body(&entries[index].value)
            return
        }
        var value = initial()
        body(&value)
        insert(key, value)
    }

    /// ``update(_:initial:_:)`` for a key that is most likely the last one added, found then without
    /// a probe: the hour a run's records fall in, since records come in time order.
    @inline(__always)
    mutating func updateLatest(_ key: Int64, initial: @autoclosure () -> Value, _ body: (inout Value) -> Void) {
        let last = entries.count - 1
        if last >= 0, entries[last].key == key {
            body(&entries[last].value)
            return
        }
        update(key, initial: initial(), body)
    }

    /// Folds `other` in: its new keys are added, and a key in both gets `combine(mine, theirs)`.
    mutating func merge(_ other: IntMap, combine: (Value, Value) -> Value) {
        for (key, value) in other.entries {
            if let index = index(of: key) {
                entries[index].value = combine(entries[index].value, value)
            } else {
                insert(key, value)
            }
        }
    }

    /// Adds `key`, known to be absent, with `value`.
    private mutating func insert(_ key: Int64, _ value: Value) {
        entries.append((key, value))
        if slots.isEmpty {
            if entries.count > Self.scanLimit { rebuild() }
        } else if entries.count * 2 > slots.count {
            rebuild()
        } else {
            place(entry: entries.count - 1)
        }
    }

    @inline(__always)
    private func index(of key: Int64) -> Int? {
        if slots.isEmpty {
            return entries.firstIndex { $0.key == key }
        }
        return slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                let mask = slots.count - 1
                var slot = home(of: key)
                while true {
                    let entry = Int(slots[slot])
                    if entry == 0 { return nil }
                    if entries[entry - 1].key == key { return entry - 1 }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// The slot where the probe for `key` starts. The multiplier is odd and its top bits are
    /// spread well, so consecutive ids and multiples of an hour land far apart.
    @inline(__always)
    private func home(of key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Puts entry `entry` in the first empty slot from its key's home.
    private mutating func place(entry: Int) {
        let mask = slots.count - 1
        var slot = home(of: entries[entry].key)
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry + 1)
    }

    /// Builds the table anew, a quarter full at most, so it grows again only once it is half full.
    private mutating func rebuild() {
        var size = 16
        while size < entries.count * 4 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        for entry in entries.indices { place(entry: entry) }
    }
}

extension IntMap: Sendable where Value: Sendable {}
