/// Sums the accelerator time and metered utilization of the usage rows a planted workload writes,
/// in integers, so the ground truth's compute figures are exact and the same on every machine.
struct SampleComputeTally {
    var rows = 0
    /// Σ accelerators × seconds over every row.
    var acceleratorSeconds: Int64 = 0
    /// Σ accelerators × seconds over rows that carry a utilization.
    var meteredAcceleratorSeconds: Int64 = 0
    /// Σ accelerators × seconds × utilization in thousandths, over metered rows.
    var weightedAcceleratorMilliseconds: Int64 = 0
    var firstStart = Int64.max
    var lastEnd = Int64.min

    mutating func add(start: Int64, end: Int64, accelerators: Int, utilizationPerMille: Int) {
        rows += 1
        let acceleratorTime = (end - start) * Int64(accelerators)
        acceleratorSeconds += acceleratorTime
        if utilizationPerMille >= 0 {
            meteredAcceleratorSeconds += acceleratorTime
            weightedAcceleratorMilliseconds += acceleratorTime * Int64(utilizationPerMille)
        }
        firstStart = min(firstStart, start)
        lastEnd = max(lastEnd, end)
    }

    /// Adds another tally (a member's run to its group's).
    mutating func merge(_ other: SampleComputeTally) {
        rows += other.rows
        acceleratorSeconds += other.acceleratorSeconds
        meteredAcceleratorSeconds += other.meteredAcceleratorSeconds
        weightedAcceleratorMilliseconds += other.weightedAcceleratorMilliseconds
        firstStart = min(firstStart, other.firstStart)
        lastEnd = max(lastEnd, other.lastEnd)
    }

    /// Accelerator-seconds × utilization, with `defaultUtilization` for unmetered rows.
    func utilizedAcceleratorSeconds(defaultUtilization: Double) -> Double {
        Double(weightedAcceleratorMilliseconds) / 1000
            + Double(acceleratorSeconds - meteredAcceleratorSeconds) * defaultUtilization
    }
}
