/// The times of each job that usage rows have covered so far, so that a job read again (a Slurm job
/// seen running and later finished, or cut into daily slices by `sacct --truncate`) counts each
/// moment once.
///
/// Jobs are few beside metering rows, and a job's parts are few: each job keeps a short sorted list of
/// disjoint intervals.
struct JobCoverage {
    /// An interval of milliseconds, `start` included and `end` not.
    struct Interval: Equatable {
        var start: Int64
        var end: Int64
    }

    /// Covered intervals by job fingerprint (``NormalizeState/fingerprint(_:)`` of its record id),
    /// sorted and disjoint.
    private var covered: [UInt64: [Interval]] = [:]

    /// Creates a coverage of no job.
    init() {}

    /// The parts of `interval` that `job` has not covered yet, in order, and marks them covered.
    ///
    /// A job's first interval comes back whole. An interval of no length is covered by nothing and
    /// comes back only as a job's first.
    mutating func take(_ interval: Interval, of job: UInt64) -> [Interval] {
        guard var intervals = covered[job] else {
            covered[job] = [interval]
            return [interval]
        }
        var pieces: [Interval] = []
        var cursor = interval.start
        for known in intervals where known.end > cursor && known.start < interval.end {
            if known.start > cursor { pieces.append(Interval(start: cursor, end: known.start)) }
            cursor = max(cursor, known.end)
        }
        if cursor < interval.end { pieces.append(Interval(start: cursor, end: interval.end)) }
        guard !pieces.isEmpty else { return [] }
        intervals += pieces
        intervals.sort { $0.start < $1.start }
        // Adjacent and overlapping intervals are joined, so the list stays as short as the job's gaps.
        var joined: [Interval] = []
        for part in intervals {
            if let last = joined.last, part.start <= last.end {
                joined[joined.count - 1].end = max(last.end, part.end)
            } else {
                joined.append(part)
            }
        }
        covered[job] = joined
        return pieces
    }
}
