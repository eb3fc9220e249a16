extension Array {
    /// Sorts the elements by `keys`, one per element in the same order, comparing keys with
    /// `areInIncreasingOrder`.
    ///
    /// The keys' positions are sorted and each element then moved once into its place
    /// (``Swift/UnsafeMutableBufferPointer/permute(into:)``): sorting large values directly would
    /// copy them at every swap, retaining all they hold, and a key made inside the comparison would
    /// be made again at every comparison.
    mutating func sort<Key>(byKeys keys: [Key], _ areInIncreasingOrder: (Key, Key) -> Bool) {
        precondition(keys.count == count, "\(keys.count) sort keys for \(count) elements")
        var order = Array<Int>(indices)
        keys.withUnsafeBufferPointer { keys in order.sort { areInIncreasingOrder(keys[$0], keys[$1]) } }
        withUnsafeMutableBufferPointer { $0.permute(into: order) }
    }
}
