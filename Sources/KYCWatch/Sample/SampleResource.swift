/// An instance or node of the sample world and how the provider's export describes it.
struct SampleResource {
    /// How the export writes timestamps for this resource's rows.
    enum TimeStyle: Equatable {
        /// `2026-08-03T00:00:00Z`.
        case utc
        /// Local time with an offset, e.g. `2026-08-03T09:00:00+09:00`.
        case offset(minutes: Int)
        /// UTC with milliseconds.
        case milliseconds
    }

    /// The index of the owning account.
    let account: Int
    let resourceID: String
    let jobID: String
    let clusterID: String
    let region: String
    let zone: String
    let instanceType: SampleInstanceType
    /// The accelerator spelling written in `accelerator_model` (and the count beside it), or empty
    /// when the export leaves both for the instance catalogue.
    let acceleratorSpelling: String
    /// Whether a CPU-only resource writes `0` in `accelerator_count` rather than leaving it empty.
    let writesZeroAccelerators: Bool
    /// Whether `interconnect_gbps` is written rather than left to the catalogue.
    let writesInterconnect: Bool
    let timeStyle: TimeStyle

    /// `start_time` / `end_time` text for `instant`.
    func time(_ instant: Int64) -> String {
        switch timeStyle {
        case .utc: SampleTime.iso(instant)
        case .offset(let minutes): SampleTime.iso(instant, offsetMinutes: minutes)
        case .milliseconds: SampleTime.iso(instant, milliseconds: 0)
        }
    }

    var acceleratorModelField: String { acceleratorSpelling }

    var acceleratorCountField: String {
        if !acceleratorSpelling.isEmpty { return String(instanceType.acceleratorCount) }
        if !instanceType.hasAccelerators && writesZeroAccelerators { return "0" }
        return ""
    }

    var interconnectField: String { writesInterconnect ? instanceType.interconnectGbps : "" }
}
