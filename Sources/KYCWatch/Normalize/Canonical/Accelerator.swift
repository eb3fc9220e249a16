/// One accelerator model from the accelerators catalogue: its peak dense throughput by precision.
public struct Accelerator: Sendable, Hashable {
    /// A number format whose peak dense throughput the catalogue lists.
    public enum Precision: String, Sendable, Hashable, CaseIterable {
        /// bfloat16.
        case bf16
        /// 8-bit floating point (never INT8).
        case fp8
        /// IEEE half precision.
        case fp16
        /// TensorFloat-32.
        case tf32
    }

    /// The catalogue's model id (`H100-SXM5-80GB`), the canonical accelerator value in kycwatch.
    public var model: String
    /// The vendor (`NVIDIA`, `AMD`, `Google`, `AWS`, `Intel`).
    public var vendor: String
    /// Other names the model is written as (`h100`, `nvidia h100 80gb hbm3`).
    public var aliases: [String]
    /// Peak dense BF16 throughput per accelerator, TFLOP/s; `nil` when the vendor publishes none.
    public var bf16DenseTFLOPS: Double?
    /// Peak dense FP8 throughput per accelerator, TFLOP/s; `nil` when the vendor publishes none.
    public var fp8DenseTFLOPS: Double?
    /// Peak dense FP16 throughput per accelerator, TFLOP/s; `nil` when the vendor publishes none.
    public var fp16DenseTFLOPS: Double?
    /// Peak dense TF32 throughput per accelerator, TFLOP/s; `nil` when the vendor publishes none.
    public var tf32DenseTFLOPS: Double?
    /// Memory per accelerator, GB; `nil` when not given.
    public var memoryGB: Double?
    /// The document the figures come from.
    public var source: String

    /// Creates an accelerator from its catalogue values.
    public init(
        model: String, vendor: String, aliases: [String] = [], bf16DenseTFLOPS: Double? = nil,
        fp8DenseTFLOPS: Double? = nil, fp16DenseTFLOPS: Double? = nil, tf32DenseTFLOPS: Double? = nil,
        memoryGB: Double? = nil, source: String = ""
    ) {
        self.model = model
        self.vendor = vendor
        self.aliases = aliases
        self.bf16DenseTFLOPS = bf16DenseTFLOPS
        self.fp8DenseTFLOPS = fp8DenseTFLOPS
        self.fp16DenseTFLOPS = fp16DenseTFLOPS
        self.tf32DenseTFLOPS = tf32DenseTFLOPS
        self.memoryGB = memoryGB
        self.source = source
    }

    /// Peak dense throughput at `precision`, TFLOP/s; `nil` when the catalogue has no figure.
    public func peakDenseTFLOPS(_ precision: Precision) -> Double? {
        switch precision {
        case .bf16: return bf16DenseTFLOPS
        case .fp8: return fp8DenseTFLOPS
        case .fp16: return fp16DenseTFLOPS
        case .tf32: return tf32DenseTFLOPS
        }
    }
}
