/// One metered interval of one resource after normalization.
public struct UsageRecord: Sendable, Hashable {
    public var recordID: String
    public var accountID: String
    public var resourceID: String
    public var jobID: String?
    public var clusterID: String?
    public var region: String?
    public var zone: String?
    public var instanceType: String?
    /// The catalogue's canonical accelerator model, when the resource has accelerators.
    public var acceleratorModel: String?
    /// Accelerators attached to the resource (fractional for partitioned GPUs).
    public var acceleratorCount: Double
    /// Interval start and end, Unix epoch milliseconds UTC.
    public var start: Int64
    public var end: Int64
    /// Average accelerator utilization 0–1, when metered.
    public var utilization: Double?
    public var interconnectGbps: Double?
    public var egressBytes: Double?
    public var storageWriteBytes: Double?
    /// Whether the accounts export has this account (usage of an unknown account is kept and flagged).
    public var accountKnown: Bool
    /// Where the row came from.
    public var line: Int
}
