/// Networks of VPN exits, Tor exits and hosting providers, for the anonymizer-use signal.
///
/// Built once from a reference file, then read-only and shared by every task of a run; a lookup is a binary
/// search over sorted, disjoint ranges (O(log n), no allocation).
///
/// Networks may nest, and the innermost one decides: a Tor exit `/32` inside a hosting provider's `/20` is Tor,
/// the rest of the `/20` hosting. Lists are commonly assembled from several sources, so nesting is expected;
/// a network listed twice is an error naming both rows.
public struct AnonymizerTable: Sendable {
    /// Networks to their kind.
    private let index: IPRangeIndex<AnonymizerKind>

    /// Builds the table from ranges read from `files`.
    init(entries: [IPRangeIndex<AnonymizerKind>.Entry], files: [String]) throws(KYCWatchError) {
        index = try IPRangeIndex(entries: entries, overlaps: .innermostWins, files: files)
    }

    /// Builds a table from networks given in memory; fails when a network is listed twice.
    public init(networks: [(network: IPNetwork, kind: AnonymizerKind)]) throws(KYCWatchError) {
        try self.init(
            entries: networks.enumerated().map { position, item in
                .init(
                    first: item.network.first, last: item.network.last, value: item.kind, file: -1, line: position + 1)
            }, files: [])
    }

    /// The kind of anonymizer `address` belongs to, or `nil` when it is in no listed network.
    @inline(__always)
    public func kind(of address: IPAddress) -> AnonymizerKind? {
        index.value(at: address)
    }

    /// The number of disjoint ranges held, after cutting nested networks apart and merging neighbours of one kind.
    public var rangeCount: Int { index.count }

    /// Every range held, ascending, with its kind.
    var ranges: [(first: IPAddress, last: IPAddress, value: AnonymizerKind)] { index.ranges }
}
