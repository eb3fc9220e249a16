/// IP address ranges to the country they are registered or located in, for the access-geography signals.
///
/// Built once from a reference file, then read-only: a value can be shared by every task of a run, and a lookup
/// is a binary search over sorted, disjoint ranges (O(log n), no allocation).
///
/// Ranges must not overlap: two rows that share an address are an error naming both, because a geography file
/// with overlaps is damaged or assembled wrongly and no rule should silently pick one of the two countries.
/// Neighbouring ranges of one country are merged, so ``rangeCount`` may be smaller than the rows read.
public struct IPCountryTable: Sendable {
    /// The slot of a range known to the file but without a country (a GeoLite2 block whose location is a
    /// continent, or that has no location).
    static let noCountry = UInt16.max

    /// Ranges to a slot in `codes`, or ``noCountry``.
    private let index: IPRangeIndex<UInt16>
    /// Alpha-2 codes by slot.
    private let codes: [String]

    /// Builds the table from read ranges whose values are slots in `codes`.
    init(entries: [IPRangeIndex<UInt16>.Entry], codes: [String], files: [String]) throws(KYCWatchError) {
        index = try IPRangeIndex(entries: entries, overlaps: .reject, files: files)
        self.codes = codes
    }

    /// Builds a table from ranges given in memory; `country` is an alpha-2 code. Fails when a range ends before
    /// it starts, a code is not two letters, or two ranges overlap.
    public init(ranges: [(first: IPAddress, last: IPAddress, country: String)]) throws(KYCWatchError) {
        var codes = CountrySlots()
        var entries: [IPRangeIndex<UInt16>.Entry] = []
        for (position, range) in ranges.enumerated() {
            let code = range.country.uppercased()
            guard code.utf8.count == 2, code.utf8.allSatisfy({ $0 &- 0x41 < 26 }) else {
                throw KYCWatchError(
                    .referenceCatalogInvalid, "range \(position + 1): '\(range.country)' is not an alpha-2 code")
            }
            entries.append(
                .init(first: range.first, last: range.last, value: codes.slot(for: code), file: -1, line: position + 1))
        }
        try self.init(entries: entries, codes: codes.codes, files: [])
    }

    /// The alpha-2 code of the country of `address`, or `nil` when no range holds it or its range has no country.
    @inline(__always)
    public func country(of address: IPAddress) -> String? {
        guard let slot = index.value(at: address), slot != Self.noCountry else { return nil }
        return codes[Int(slot)]
    }

    /// The number of disjoint ranges held, after merging neighbours of the same country.
    public var rangeCount: Int { index.count }

    /// Every range held, ascending, with its country (`nil` for a range without one).
    var ranges: [(first: IPAddress, last: IPAddress, country: String?)] {
        index.ranges.map { ($0.first, $0.last, $0.value == Self.noCountry ? nil : codes[Int($0.value)]) }
    }
}
