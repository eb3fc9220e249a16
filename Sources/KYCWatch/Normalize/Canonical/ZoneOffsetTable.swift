import Foundation

/// The UTC offsets of one IANA time zone as a sorted list of transitions, built once from Foundation's
/// `TimeZone` so that converting a naive local time costs two binary searches and no Foundation call.
///
/// The table covers 1900-2200; instants outside it ask Foundation directly.
struct ZoneOffsetTable: Sendable {
    /// The IANA identifier, as Foundation spells it.
    let identifier: String
    /// UTC seconds at which each offset starts; the first entry is `Int64.min`.
    private let starts: [Int64]
    /// Seconds east of UTC from the matching start.
    private let offsets: [Int64]
    private let zone: TimeZone

    /// 1900-01-01T00:00:00Z.
    private static let coveredFrom: Int64 = -2_208_988_800
    /// 2200-01-01T00:00:00Z.
    private static let coveredUntil: Int64 = 7_258_118_400
    /// More than any UTC offset in use (±14 h), so a local time's candidate offsets lie inside this window.
    private static let offsetWindow: Int64 = 18 * 3600

    /// Builds the table for an IANA name; `nil` when Foundation does not know the zone.
    init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.zone = zone
        self.identifier = zone.identifier
        var starts: [Int64] = [Int64.min]
        var offsets: [Int64] = [Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(Self.coveredFrom))))]
        var cursor = Date(timeIntervalSince1970: Double(Self.coveredFrom))
        let end = Date(timeIntervalSince1970: Double(Self.coveredUntil))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end, next > cursor {
            let offset = Int64(zone.secondsFromGMT(for: next))
            if offset != offsets[offsets.count - 1] {
                starts.append(Int64(next.timeIntervalSince1970.rounded(.down)))
                offsets.append(offset)
            }
            cursor = next
        }
        self.starts = starts
        self.offsets = offsets
    }

    /// Seconds east of UTC at the instant `utcSeconds`.
    func offset(atUTC utcSeconds: Int64) -> Int64 {
        guard utcSeconds >= Self.coveredFrom, utcSeconds < Self.coveredUntil else {
            return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utcSeconds))))
        }
        return offsets[index(atUTC: utcSeconds)]
    }

    /// The UTC instant of a wall-clock time in this zone (seconds since 1970 as if the wall clock were UTC).
    ///
    /// A time that occurs twice (clocks going back) is the earlier instant, or with `later` the later
    /// one; a time that does not occur (clocks going forward) is read with the offset before the
    /// change, which moves it forward by the gap, so 02:30 on a spring-forward night in New York is
    /// 03:30 EDT.
    func utcSeconds(fromLocal local: Int64, later: Bool = false) -> Int64 {
        guard local - Self.offsetWindow >= Self.coveredFrom, local + Self.offsetWindow < Self.coveredUntil else {
            // The same rule with Foundation's offsets: the offset before any change nearby, then the
            // one after (the other way round for `later`); the first that holds at its instant, else
            // (a gap) the one before.
            let before = offset(atUTC: local - Self.offsetWindow)
            let after = offset(atUTC: local + Self.offsetWindow)
            for candidate in later ? [after, before] : [before, after]
            where offset(atUTC: local - candidate) == candidate {
                return local - candidate
            }
            return local - before
        }
        let low = index(atUTC: local - Self.offsetWindow)
        let high = index(atUTC: local + Self.offsetWindow)
        for candidate in stride(from: later ? high : low, through: later ? low : high, by: later ? -1 : 1) {
            let utc = local - offsets[candidate]
            let end = candidate + 1 < starts.count ? starts[candidate + 1] : Int64.max
            if utc >= starts[candidate] && utc < end { return utc }
        }
        if high > low {
            for change in (low + 1)...high
            where local >= starts[change] + offsets[change - 1] && local < starts[change] + offsets[change] {
                return local - offsets[change - 1]
            }
        }
        return local - offsets[high]
    }

    /// The index of the last start at or before `utcSeconds`.
    @inline(__always)
    private func index(atUTC utcSeconds: Int64) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= utcSeconds {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return low
    }
}
