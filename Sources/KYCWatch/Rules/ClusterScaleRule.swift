import Foundation

/// CLS-001: co-located accelerators whose combined peak reaches 1e20 OP/s on a fast interconnect:
/// a run's own, or those of jobs side by side on one cluster.
public struct ClusterScaleRule: Rule {
    public init() {}
    public let id = "CLS-001"
    public let version = 7
    public let title = "Large computing cluster"
    public let category = FindingCategory.largeTraining
    public let defaultSeverity = Severity.high
    public let parameters = [
        RuleParameter("peak_operations_per_second", 1e20, "co-located theoretical peak, OP/s"),
        RuleParameter("interconnect_gbps", 100, "per-node networking above which nodes form one cluster"),
    ]
    public let falsePositiveNotes =
        "Peak is theoretical dense throughput; a cluster this size may be shared by many jobs."
    public let references = ["EO 14110 §4.2(b)(ii): co-located, > 100 Gbit/s, ≥ 1e20 OP/s"]

    public func evaluate(_ account: AccountEvidence, in context: DetectionContext) throws -> [Finding] {
        let peakLimit = parameter("peak_operations_per_second", in: context)
        let network = parameter("interconnect_gbps", in: context)
        // The runs' places, not copies: filtering the runs would copy each, retaining all it holds. A
        // run's own peak, which can only fall when weighed hour by hour, rules most runs out first.
        let large = account.runs.indices.compactMap {
            index -> (index: Int, peak: TrainingRun.ClusterHour, most: Double, capped: Bool)? in
            let run = account.runs[index]
            guard run.basis != .loose, run.peakOperationsPerSecond >= peakLimit,
                (run.maxInterconnectGbps ?? 0) > network
            else { return nil }
            let weighed = run.clusterHours(interconnectAbove: network)
            guard let peak = TrainingRun.busiest(weighed.hours), peak.operationsPerSecond >= peakLimit else {
                return nil
            }
            return (index, peak, weighed.hours.map(\.accelerators).max() ?? peak.accelerators, weighed.capped)
        }
        var findings = large.map { index, peak, most, capped in
            let run = account.runs[index]
            // The cluster's most accelerators at once stay beside the busiest hour's count: in a run of
            // several models the hour of most OP/s need not be the hour of most accelerators.
            var metrics = run.metrics(threshold: nil)
            metrics["peak_concurrent_accelerators"] = most
            metrics["accelerators_at_peak"] = peak.accelerators
            metrics["peak_cluster_ops_per_second"] = peak.operationsPerSecond
            return finding(
                subject: .account(account.accountID), window: run.window, run: run,
                summary: "Cluster of ~\(FigureFormat.grouped(peak.accelerators)) accelerators "
                    + "(peak \(FigureFormat.scientific(peak.operationsPerSecond, beside: peakLimit)) OP/s in the hour from "
                    + "\(FigureFormat.minute(peak.hour)), \(FigureFormat.grouped(run.maxInterconnectGbps ?? 0, beside: network)) Gbit/s) "
                    + "in \(run.label)" + (capped ? Self.overlapClause(capacity: run.provisionedAccelerators) : ""),
                evidence: run.evidence, metrics: metrics)
        }
        // Runs side by side on one cluster (jobs, and the cluster's usage without a job id) are one
        // cluster: their hours are added up, for the clusters no run reaches the peak on alone.
        let reported = Set(large.flatMap { account.runs[$0.index].clusterIDs })
        var runsByCluster: [String: [Int]] = [:]
        for index in account.runs.indices where account.runs[index].basis != .loose {
            for cluster in account.runs[index].clusterIDs where !reported.contains(cluster) {
                runsByCluster[cluster, default: []].append(index)
            }
        }
        for (cluster, runs) in runsByCluster.sorted(by: { $0.key < $1.key }) where runs.count > 1 {
            if let shared = sharedCluster(cluster, runs: runs, of: account, peakLimit: peakLimit, network: network) {
                findings.append(shared)
            }
        }
        return findings
    }

    /// The finding for `runs` of `account` side by side on `cluster` (jobs, and the cluster's usage
    /// without a job id) whose hours together reach `peakLimit` on more than `network` Gbit/s; nil when
    /// they do not.
    ///
    /// Each hour of a run counts at the peak OP/s of the accelerators in use in it, model by model.
    private func sharedCluster(
        _ cluster: String, runs: [Int], of account: AccountEvidence, peakLimit: Double, network: Double
    ) -> Finding? {
        let interconnect = runs.compactMap { account.runs[$0].maxInterconnectGbps }.max() ?? 0
        guard interconnect > network else { return nil }
        var hours: [Int64: TrainingRun.ClusterHour] = [:]
        var capped = false
        for index in runs {
            let weighed = account.runs[index].clusterHours(interconnectAbove: network)
            capped = capped || weighed.capped
            for hour in weighed.hours {
                hours[
                    hour.hour,
                    default: TrainingRun.ClusterHour(hour: hour.hour, accelerators: 0, operationsPerSecond: 0)
                ]
                .add(hour)
            }
        }
        guard let peak = TrainingRun.busiest(Array(hours.values)), peak.operationsPerSecond >= peakLimit else {
            return nil
        }
        let first = runs.map { account.runs[$0].first }.min() ?? 0
        let last = runs.map { account.runs[$0].last }.max() ?? 0
        let window = Finding.Window(start: TimestampParser.format(first), end: TimestampParser.format(last))
        let labels = runs.map { account.runs[$0].label }.sorted()
        var result = finding(
            subject: .account(account.accountID), window: window,
            summary: "Cluster of ~\(FigureFormat.grouped(peak.accelerators)) accelerators "
                + "(peak \(FigureFormat.scientific(peak.operationsPerSecond, beside: peakLimit)) OP/s in the hour from "
                + "\(FigureFormat.minute(peak.hour)), \(FigureFormat.grouped(interconnect, beside: network)) Gbit/s) in cluster \(cluster), "
                + "shared by \(runs.count) runs none of which reaches the peak alone"
                + (capped
                    ? "; records of a run overlap: each run's hours are counted at no more accelerators than its "
                        + "resources hold" : ""),
            evidence: ["cluster": .text(cluster), "runs": .list(labels)],
            metrics: [
                "peak_concurrent_accelerators": hours.values.map(\.accelerators).max() ?? peak.accelerators,
                "accelerators_at_peak": peak.accelerators,
                "peak_cluster_ops_per_second": peak.operationsPerSecond, "interconnect_gbps": interconnect,
                "runs": Double(runs.count),
            ])
        // One per cluster of the account, whatever its window.
        result.id = Finding.stableID(rule: id, subject: result.subject, windowStart: "cluster \(cluster)")
        return result
    }

    /// What the summary of a run whose records overlap adds: its hours were counted at no more than
    /// the `capacity` accelerators its resources hold.
    private static func overlapClause(capacity: Double) -> String {
        "; its records overlap (a resource metered twice): each hour is counted at no more than the "
            + "\(FigureFormat.grouped(capacity)) accelerators its resources hold"
    }
}
