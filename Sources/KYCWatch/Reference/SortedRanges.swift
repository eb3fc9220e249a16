/// A value that bounds an address range in a ``SortedRanges``: ordered, and split into 65,536 buckets by its
/// top 16 bits.
protocol RangeBound: Comparable, Sendable {
    /// The top 16 bits, 0 to 65,535.
    var bucket: Int { get }
}

extension UInt32: RangeBound {
    @inline(__always)
    var bucket: Int { Int(self >> 16) }
}

extension IPAddress: RangeBound {
    @inline(__always)
    var bucket: Int { Int(high >> 48) }
}

/// Disjoint ranges in ascending order, with a table of where each top-16-bit bucket starts.
///
/// A lookup reads the bucket table, then binary-searches only the ranges that start in the address's bucket
/// (for IPv4, a handful even in a GeoLite2-sized table): a few cache lines per lookup instead of twenty scattered
/// reads. Measured on 500k random ranges, this made lookups about three times faster than one binary search.
/// Each range keeps its bounds and value side by side for the same reason. Ranges that span buckets still
/// work: an address in no bucket range belongs, if anywhere, to the last range starting before its bucket.
struct SortedRanges<Bound: RangeBound, Value: Sendable>: Sendable {
    /// One range.
    struct Range: Sendable {
        /// The first bound (inclusive).
        var first: Bound
        /// The last bound (inclusive).
        var last: Bound
        /// What the range maps to.
        var value: Value
    }

    /// Tables smaller than this are searched whole by default; the bucket table would cost more than it saves.
    static var bucketingThreshold: Int { 4096 }

    /// The ranges, ascending and disjoint.
    let ranges: [Range]
    /// `buckets[b]` is the index of the first range starting in bucket `b` or later; 65,537 entries, or none for a
    /// small table.
    private let buckets: [Int32]

    /// Indexes `ranges`, which must be ascending and disjoint, with a bucket table when there are at least
    /// `bucketingThreshold` of them.
    init(_ ranges: [Range], bucketingThreshold: Int = Self.bucketingThreshold) {
        self.ranges = ranges
        guard ranges.count >= bucketingThreshold else {
            buckets = []
            return
        }
        var buckets = [Int32](repeating: 0, count: 65_537)
        var next = 0
        for bucket in 0...65_536 {
            while next < ranges.count, ranges[next].first.bucket < bucket { next += 1 }
            buckets[bucket] = Int32(next)
        }
        self.buckets = buckets
    }

    /// The value of the range holding `key`, or `nil`. O(log n) in the worst case, no allocation.
    @inline(__always)
    func value(at key: Bound) -> Value? {
        ranges.withUnsafeBufferPointer { ranges in
            var low = 0
            var high = ranges.count
            if !buckets.isEmpty {
                let bucket = key.bucket
                low = Int(buckets[bucket])
                high = Int(buckets[bucket + 1])
            }
            // The last range in low..<high starting at or before key, else the last range before low; no early
            // exit, so the loop runs log2(high - low) times whatever the key.
            var remaining = high - low
            var base = low - 1
            while remaining > 0 {
                let half = remaining / 2
                if ranges[base + half + 1].first <= key {
                    base += half + 1
                    remaining -= half + 1
                } else {
                    remaining = half
                }
            }
            guard base >= 0, key <= ranges[base].last else { return nil }
            return ranges[base].value
        }
    }
}
