/// Disjoint, sorted address ranges, each with a value, looked up by binary search.
///
/// The one range structure behind every IP catalogue. IPv4 ranges are kept apart with 32-bit bounds, a quarter of
/// the memory of 128-bit ones, so the common case touches less memory; the rest of the address space keeps
/// 128-bit bounds. Each part is a ``SortedRanges``. Built once, then read-only: lookups allocate nothing.
struct IPRangeIndex<Value: Sendable & Equatable>: Sendable {
    /// One range as read, with the place it came from.
    struct Entry: Sendable {
        /// The first address of the range.
        var first: IPAddress
        /// The last address of the range (inclusive).
        var last: IPAddress
        /// What the range maps to.
        var value: Value
        /// Index of the file it was read from in the builder's `files`, or -1 for a range given in memory.
        var file: Int
        /// The 1-based line it was read from, or its 1-based position for a range given in memory.
        var line: Int
    }

    /// What to do when two input ranges share addresses.
    enum OverlapPolicy: Sendable {
        /// Any overlap is an error naming both ranges.
        case reject
        /// A range inside another wins over it for its own addresses (a Tor exit `/32` inside a hosting `/20`);
        /// a range listed twice, or two ranges that overlap without one containing the other, is an error.
        case innermostWins
    }

    /// The ranges inside `::ffff:0:0/96`, as 32-bit IPv4 bounds.
    private let ipv4: SortedRanges<UInt32, Value>
    /// The ranges outside `::ffff:0:0/96`.
    private let other: SortedRanges<IPAddress, Value>

    /// Sorts `entries`, resolves or rejects overlaps by `overlaps`, and merges neighbours with equal values.
    ///
    /// Errors are ``KYCWatchError/Code/referenceCatalogInvalid`` at the later of two clashing ranges, naming
    /// the other; `files` names the files that `Entry.file` indexes. `bucketingThreshold` is for tests.
    init(
        entries: [Entry], overlaps: OverlapPolicy, files: [String],
        bucketingThreshold: Int = SortedRanges<UInt32, Value>.bucketingThreshold
    ) throws(KYCWatchError) {
        let describe = Describer(files: files)
        for entry in entries where entry.last < entry.first {
            throw describe.error("the range starts at \(entry.first), after its end \(entry.last)", at: entry)
        }
        let sorted = entries.sorted { lhs, rhs in
            if lhs.first != rhs.first { return lhs.first < rhs.first }
            if lhs.last != rhs.last { return lhs.last > rhs.last }
            if lhs.file != rhs.file { return lhs.file < rhs.file }
            return lhs.line < rhs.line
        }
        var pieces: [(first: IPAddress, last: IPAddress, value: Value)] = []
        pieces.reserveCapacity(sorted.count)
        switch overlaps {
        case .reject:
            var previous: Entry?
            for entry in sorted {
                if let previous, entry.first <= previous.last {
                    if entry.first == previous.first, entry.last == previous.last {
                        throw describe.duplicate(entry, previous)
                    }
                    throw describe.clash("overlaps", entry, previous, rule: "ranges must not overlap")
                }
                pieces.append((entry.first, entry.last, entry.value))
                previous = entry
            }
        case .innermostWins:
            pieces = try Self.innermostPieces(of: sorted, describe: describe)
        }
        var merged: [(first: IPAddress, last: IPAddress, value: Value)] = []
        merged.reserveCapacity(pieces.count)
        for piece in pieces {
            if let previous = merged.last, previous.value == piece.value, previous.last.successor == piece.first {
                merged[merged.count - 1].last = piece.last
            } else {
                merged.append(piece)
            }
        }
        var ipv4: [SortedRanges<UInt32, Value>.Range] = []
        var other: [SortedRanges<IPAddress, Value>.Range] = []
        let ipv4Low = IPAddress(ipv4: 0)
        let ipv4High = IPAddress(ipv4: .max)
        for piece in merged {
            if piece.first < ipv4Low {
                other.append(.init(first: piece.first, last: min(piece.last, ipv4Low.predecessor!), value: piece.value))
            }
            if piece.first <= ipv4High, piece.last >= ipv4Low {
                ipv4.append(
                    .init(
                        first: max(piece.first, ipv4Low).ipv4!, last: min(piece.last, ipv4High).ipv4!,
                        value: piece.value
                    ))
            }
            if piece.last > ipv4High {
                other.append(.init(first: max(piece.first, ipv4High.successor!), last: piece.last, value: piece.value))
            }
        }
        self.ipv4 = SortedRanges(ipv4, bucketingThreshold: bucketingThreshold)
        self.other = SortedRanges(other, bucketingThreshold: bucketingThreshold)
    }

    /// The number of disjoint ranges held, after merging neighbours with equal values (a range that crosses
    /// the edge of the IPv4 block counts once per side).
    var count: Int { ipv4.ranges.count + other.ranges.count }

    /// The value of the range holding `address`, or `nil` when no range holds it. O(log n), no allocation.
    @inline(__always)
    func value(at address: IPAddress) -> Value? {
        if let value = address.ipv4 { return ipv4.value(at: value) }
        return other.value(at: address)
    }

    /// Every range held, ascending, as 128-bit bounds.
    var ranges: [(first: IPAddress, last: IPAddress, value: Value)] {
        let other = other.ranges.map { ($0.first, $0.last, $0.value) }
        let ipv4 = ipv4.ranges.map { (IPAddress(ipv4: $0.first), IPAddress(ipv4: $0.last), $0.value) }
        let above = other.firstIndex { $0.0 > IPAddress(ipv4: .max) } ?? other.count
        return Array(other[..<above]) + ipv4 + other[above...]
    }

    /// Cuts sorted, possibly nested ranges into disjoint pieces where the innermost range decides each address.
    private static func innermostPieces(of sorted: [Entry], describe: Describer) throws(KYCWatchError)
        -> [(first: IPAddress, last: IPAddress, value: Value)]
    {
        var pieces: [(first: IPAddress, last: IPAddress, value: Value)] = []
        pieces.reserveCapacity(sorted.count)
        // The ranges containing the current position, innermost last.
        var open: [Entry] = []
        // The first address not yet given to a piece; nil once the end of the address space is given.
        var cursor: IPAddress?
        func close(_ range: Entry) {
            if let start = cursor, start <= range.last { pieces.append((start, range.last, range.value)) }
            cursor = range.last.successor
        }
        for entry in sorted {
            while let enclosing = open.last, enclosing.last < entry.first {
                close(enclosing)
                open.removeLast()
            }
            if let enclosing = open.last {
                if enclosing.first == entry.first, enclosing.last == entry.last {
                    throw describe.duplicate(entry, enclosing)
                }
                if entry.last > enclosing.last {
                    throw describe.clash(
                        "partly overlaps", entry, enclosing,
                        rule: "a range may lie inside another but not across its end")
                }
                if let start = cursor, start < entry.first {
                    pieces.append((start, entry.first.predecessor!, enclosing.value))
                }
            }
            cursor = entry.first
            open.append(entry)
        }
        while let enclosing = open.popLast() {
            close(enclosing)
        }
        return pieces
    }
}
