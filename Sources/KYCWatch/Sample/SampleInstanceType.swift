/// An instance type the sample world rents out, as `Pipelines/reference/instance_types.csv` lists it.
///
/// The generator needs the accelerator count to plant compute and the peak to write ground truth;
/// the Sample tests check every entry against the reference catalogues, so the two cannot drift.
struct SampleInstanceType: Sendable {
    /// Which cloud's naming, zones and resource ids the type follows.
    enum Cloud: Sendable {
        case aws, azure, gcp
    }

    /// The name as it appears in usage rows and in the catalogue.
    let name: String
    /// The cloud whose naming the type follows.
    let cloud: Cloud
    /// The catalogue's accelerator model (`H100-SXM5-80GB`), empty for CPU-only types.
    let acceleratorModel: String
    /// Accelerators per instance; 0 for CPU-only types.
    let acceleratorCount: Int
    /// The catalogue's per-node network bandwidth, as text (`3200`, `12.5`), empty when unpublished.
    let interconnectGbps: String
    /// Spellings of the accelerator a provider might export instead of the catalogue model id;
    /// every one is an alias in `accelerators.csv`.
    let acceleratorSpellings: [String]

    var hasAccelerators: Bool { acceleratorCount > 0 }
}

extension SampleInstanceType {
    // Training-class nodes.
    static let p6B200 = SampleInstanceType(
        name: "p6-b200.48xlarge", cloud: .aws, acceleratorModel: "B200", acceleratorCount: 8,
        interconnectGbps: "3200", acceleratorSpellings: ["B200", "NVIDIA B200", "nvidia b200 180gb"])
    static let p5 = SampleInstanceType(
        name: "p5.48xlarge", cloud: .aws, acceleratorModel: "H100-SXM5-80GB", acceleratorCount: 8,
        interconnectGbps: "3200", acceleratorSpellings: ["H100-SXM5-80GB", "NVIDIA H100 80GB HBM3", "nvidia-h100-80gb"])
    static let p5en = SampleInstanceType(
        name: "p5en.48xlarge", cloud: .aws, acceleratorModel: "H200-SXM-141GB", acceleratorCount: 8,
        interconnectGbps: "3200", acceleratorSpellings: ["H200-SXM-141GB", "NVIDIA H200 141GB HBM3e", "h200"])
    static let p4d = SampleInstanceType(
        name: "p4d.24xlarge", cloud: .aws, acceleratorModel: "A100-SXM4-40GB", acceleratorCount: 8,
        interconnectGbps: "400", acceleratorSpellings: ["A100-SXM4-40GB", "NVIDIA A100-SXM4-40GB"])
    static let trn1 = SampleInstanceType(
        name: "trn1.32xlarge", cloud: .aws, acceleratorModel: "Trainium1", acceleratorCount: 16,
        interconnectGbps: "800", acceleratorSpellings: ["Trainium1", "AWS Trainium"])
    static let ndH100 = SampleInstanceType(
        name: "Standard_ND96isr_H100_v5", cloud: .azure, acceleratorModel: "H100-SXM5-80GB", acceleratorCount: 8,
        interconnectGbps: "3200", acceleratorSpellings: ["H100-SXM5-80GB", "NVIDIA H100 80GB HBM3"])
    static let a3High = SampleInstanceType(
        name: "a3-highgpu-8g", cloud: .gcp, acceleratorModel: "H100-SXM5-80GB", acceleratorCount: 8,
        interconnectGbps: "1000", acceleratorSpellings: ["nvidia-h100-80gb", "H100-SXM5-80GB"])
    static let a4High = SampleInstanceType(
        name: "a4-highgpu-8g", cloud: .gcp, acceleratorModel: "B200", acceleratorCount: 8,
        interconnectGbps: "3600", acceleratorSpellings: ["B200", "nvidia b200"])
    static let g6e12 = SampleInstanceType(
        name: "g6e.12xlarge", cloud: .aws, acceleratorModel: "L40S", acceleratorCount: 4,
        interconnectGbps: "100", acceleratorSpellings: ["L40S", "NVIDIA L40S"])

    // Small accelerator instances: inference, notebooks, fine-tuning.
    static let g5 = SampleInstanceType(
        name: "g5.xlarge", cloud: .aws, acceleratorModel: "A10G", acceleratorCount: 1,
        interconnectGbps: "10", acceleratorSpellings: ["A10G", "NVIDIA A10G"])
    static let g5x2 = SampleInstanceType(
        name: "g5.2xlarge", cloud: .aws, acceleratorModel: "A10G", acceleratorCount: 1,
        interconnectGbps: "10", acceleratorSpellings: ["A10G", "NVIDIA A10G"])
    static let g5x12 = SampleInstanceType(
        name: "g5.12xlarge", cloud: .aws, acceleratorModel: "A10G", acceleratorCount: 4,
        interconnectGbps: "40", acceleratorSpellings: ["A10G", "NVIDIA A10G"])
    static let g6 = SampleInstanceType(
        name: "g6.xlarge", cloud: .aws, acceleratorModel: "L4", acceleratorCount: 1,
        interconnectGbps: "10", acceleratorSpellings: ["L4", "NVIDIA L4"])
    static let g6x12 = SampleInstanceType(
        name: "g6.12xlarge", cloud: .aws, acceleratorModel: "L4", acceleratorCount: 4,
        interconnectGbps: "40", acceleratorSpellings: ["L4", "NVIDIA L4"])
    static let g6e = SampleInstanceType(
        name: "g6e.xlarge", cloud: .aws, acceleratorModel: "L40S", acceleratorCount: 1,
        interconnectGbps: "20", acceleratorSpellings: ["L40S", "NVIDIA L40S"])
    static let g4dn = SampleInstanceType(
        name: "g4dn.xlarge", cloud: .aws, acceleratorModel: "T4", acceleratorCount: 1,
        interconnectGbps: "25", acceleratorSpellings: ["T4", "Tesla T4"])
    static let inf2 = SampleInstanceType(
        name: "inf2.xlarge", cloud: .aws, acceleratorModel: "Inferentia2", acceleratorCount: 1,
        interconnectGbps: "15", acceleratorSpellings: ["Inferentia2", "AWS Inferentia2"])
    static let g2 = SampleInstanceType(
        name: "g2-standard-4", cloud: .gcp, acceleratorModel: "L4", acceleratorCount: 1,
        interconnectGbps: "10", acceleratorSpellings: ["nvidia l4", "L4"])
    static let g2x8 = SampleInstanceType(
        name: "g2-standard-8", cloud: .gcp, acceleratorModel: "L4", acceleratorCount: 1,
        interconnectGbps: "16", acceleratorSpellings: ["nvidia l4", "L4"])
    static let a2High1 = SampleInstanceType(
        name: "a2-highgpu-1g", cloud: .gcp, acceleratorModel: "A100-SXM4-40GB", acceleratorCount: 1,
        interconnectGbps: "24", acceleratorSpellings: ["nvidia-tesla-a100", "A100-SXM4-40GB"])
    static let tpuV5e = SampleInstanceType(
        name: "ct5lp-hightpu-4t", cloud: .gcp, acceleratorModel: "TPU-v5e", acceleratorCount: 4,
        interconnectGbps: "", acceleratorSpellings: ["tpu-v5-lite-podslice", "TPU-v5e"])
    static let ncT4 = SampleInstanceType(
        name: "Standard_NC4as_T4_v3", cloud: .azure, acceleratorModel: "T4", acceleratorCount: 1,
        interconnectGbps: "8", acceleratorSpellings: ["T4", "Tesla T4"])
    static let nvA10 = SampleInstanceType(
        name: "Standard_NV36ads_A10_v5", cloud: .azure, acceleratorModel: "A10", acceleratorCount: 1,
        interconnectGbps: "40", acceleratorSpellings: ["A10", "NVIDIA A10"])
    static let ncA100 = SampleInstanceType(
        name: "Standard_NC24ads_A100_v4", cloud: .azure, acceleratorModel: "A100-PCIE-80GB", acceleratorCount: 1,
        interconnectGbps: "20", acceleratorSpellings: ["A100-PCIE-80GB", "NVIDIA A100 80GB PCIe"])

    /// Accelerator types for the small inference and notebook workloads of ordinary customers.
    static let smallAccelerated: [SampleInstanceType] = [
        g5, g5x2, g5x12, g6, g6x12, g6e, g4dn, inf2, g2, g2x8, a2High1, tpuV5e, ncT4, nvA10, ncA100,
    ]
    /// Multi-accelerator nodes for the modest training jobs of ordinary customers.
    static let trainingNodes: [SampleInstanceType] = [p5, p4d, a3High, ndH100, g6e12, trn1, p5en]

    /// CPU-only types (not in the accelerator catalogue, and exported with no accelerator count).
    static let cpuOnly: [SampleInstanceType] = [
        cpu("m7i.large", .aws, "12.5"), cpu("m7i.2xlarge", .aws, "12.5"), cpu("c7i.4xlarge", .aws, "12.5"),
        cpu("r7g.2xlarge", .aws, "15"), cpu("t3.medium", .aws, "5"), cpu("c7g.8xlarge", .aws, "15"),
        cpu("Standard_D4s_v5", .azure, "12.5"), cpu("Standard_E8s_v5", .azure, "12.5"),
        cpu("n2-standard-8", .gcp, "16"), cpu("e2-medium", .gcp, "2"),
    ]

    /// Every type the generator can write (for the catalogue cross-check).
    static let all: [SampleInstanceType] = [p6B200, a4High] + trainingNodes + smallAccelerated

    private static func cpu(_ name: String, _ cloud: Cloud, _ network: String) -> SampleInstanceType {
        SampleInstanceType(
            name: name, cloud: cloud, acceleratorModel: "", acceleratorCount: 0, interconnectGbps: network,
            acceleratorSpellings: [])
    }

    /// Peak dense BF16 TFLOP/s of the accelerators the planted runs use, as `accelerators.csv` gives them.
    static let peakBF16TFLOPS: [String: Double] = [
        "B200": 2250,
        "H100-SXM5-80GB": 989.5,
        "H200-SXM-141GB": 989.5,
    ]
}
