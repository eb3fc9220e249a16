import Foundation

/// CLS-001: co-located accelerators whose combined peak reaches 1e20 OP/s on a fast interconnect.
public struct ClusterScaleRule: Rule {
    public init() {}
    public let id = "CLS-001"
    public let version = 1
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
        return account.runs.indices.filter {
            account.runs[$0].basis != .loose && account.runs[$0].peakOperationsPerSecond >= peakLimit
                && (account.runs[$0].maxInterconnectGbps ?? 0) > network
        }.map { index in
            let run = account.runs[index]
            return finding(
                subject: .account(account.accountID), window: run.window, run: run,
                summary: "Cluster of ~\(FigureFormat.grouped(run.peakConcurrentAccelerators)) accelerators "
                    + "(peak \(FigureFormat.scientific(run.peakOperationsPerSecond)) OP/s, "
                    + "\(FigureFormat.grouped(run.maxInterconnectGbps ?? 0)) Gbit/s) "
                    + "in \(run.label)",
                evidence: run.evidence, metrics: run.metrics(threshold: nil))
        }
    }
}
