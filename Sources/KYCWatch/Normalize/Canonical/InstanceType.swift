/// One accelerator instance type, VM size or bare-metal shape from the instance-type catalogue.
public struct InstanceType: Sendable, Hashable {
    /// The provider's name for it (`p5.48xlarge`, `Standard_ND96isr_H100_v5`, `a3-highgpu-8g`).
    public var name: String
    /// The provider (`aws`, `azure`, `gcp`, `oci`, `lambda`).
    public var provider: String
    /// The ``Accelerator/model`` it carries.
    public var acceleratorModel: String
    /// Accelerators per instance; fractional for partitioned GPUs (`0.1667`).
    public var acceleratorCount: Double
    /// Per-node network bandwidth, Gbit/s; `nil` when the provider publishes none.
    public var interconnectGbps: Double?
    /// The document the figures come from.
    public var source: String

    /// Creates an instance type from its catalogue values.
    public init(
        name: String, provider: String, acceleratorModel: String, acceleratorCount: Double,
        interconnectGbps: Double? = nil, source: String = ""
    ) {
        self.name = name
        self.provider = provider
        self.acceleratorModel = acceleratorModel
        self.acceleratorCount = acceleratorCount
        self.interconnectGbps = interconnectGbps
        self.source = source
    }
}
