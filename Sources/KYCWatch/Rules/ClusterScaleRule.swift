import Foundation

/// CLS-001: co-located accelerators whose combined peak reaches 1e20 OP/s on a fast interconnect:
/// a run's own, or those of jobs side by side on one cluster.
public struct ClusterScaleRule: Rule {
    public init() {}
    public let id = "CLS-001"
    public let version = 3
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
        // The runs' places, not copies: filtering the runs would copy each, retaining all it holds.
        let large = account.runs.indices.filter {
            account.runs[$0].basis != .loose && account.runs[$0].peakOperationsPerSecond >= peakLimit
                && (account.runs[$0].maxInterconnectGbps ?? 0) > network
        }
        var findings = large.map { index in
            let run = account.runs[index]
            return finding(
                subject: .account(account.accountID), window: run.window, run: run,
                summary: "Cluster of ~\(FigureFormat.grouped(run.peakConcurrentAccelerators)) accelerators "
                    + "(peak \(FigureFormat.scientific(run.peakOperationsPerSecond)) OP/s, "
                    + "\(FigureFormat.grouped(run.maxInterconnectGbps ?? 0)) Gbit/s) "
                    + "in \(run.label)",
                evidence: run.evidence, metrics: run.metrics(threshold: nil))
        }
        // Runs side by side on one cluster (jobs, and the cluster's usage without a job id) are one
        // cluster: their hours are added up, for the clusters no run reaches the peak on alone.
        let reported = Set(large.flatMap { account.runs[$0].clusterIDs })
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
        var hours: [Int64: (accelerators: Double, operations: Double)] = [:]
        for index in runs {
            for (hour, accelerators, operations) in account.runs[index].hourlyPeaks {
                hours[hour, default: (0, 0)].accelerators += accelerators
                hours[hour, default: (0, 0)].operations += operations
            }
        }
        guard
            let peak = hours.max(by: { ($0.value.operations, $1.key) < ($1.value.operations, $0.key) }),
            peak.value.operations >= peakLimit
        else { return nil }
        let first = runs.map { account.runs[$0].first }.min() ?? 0
        let last = runs.map { account.runs[$0].last }.max() ?? 0
        let window = Finding.Window(start: TimestampParser.format(first), end: TimestampParser.format(last))
        let labels = runs.map { account.runs[$0].label }.sorted()
        var result = finding(
            subject: .account(account.accountID), window: window,
            summary: "Cluster of ~\(FigureFormat.grouped(peak.value.accelerators)) accelerators "
                + "(peak \(FigureFormat.scientific(peak.value.operations)) OP/s in the hour from "
                + "\(FigureFormat.minute(peak.key)), \(FigureFormat.grouped(interconnect)) Gbit/s) in cluster \(cluster), "
                + "shared by \(runs.count) runs none of which reaches the peak alone",
            evidence: ["cluster": .text(cluster), "runs": .list(labels)],
            metrics: [
                "peak_concurrent_accelerators": peak.value.accelerators,
                "peak_cluster_ops_per_second": peak.value.operations, "interconnect_gbps": interconnect,
                "runs": Double(runs.count),
            ])
        // One per cluster of the account, whatever its window.
        result.id = Finding.stableID(rule: id, subject: result.subject, windowStart: "cluster \(cluster)")
        return result
    }
}
