/// The figures of an instance type that a usage row takes when it does not say: its accelerator,
/// how many, and the interconnect.
///
/// Plain numbers, unlike ``InstanceType``, whose texts a read of the whole value retains: the
/// normalizer reads these for every row of an accelerator instance.
struct InstanceFigures: Sendable {
    /// The accelerator's index in ``AcceleratorCatalog/accelerators``.
    let accelerator: Int
    /// Accelerators per instance (``InstanceType/acceleratorCount``).
    let acceleratorCount: Double
    /// Per-node network bandwidth in Gbit/s, when published (``InstanceType/interconnectGbps``).
    let interconnectGbps: Double?
}
