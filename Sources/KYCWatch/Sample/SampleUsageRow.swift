/// One metered interval of one resource; text is made only when the row is written.
struct SampleUsageRow {
    var start: Int64
    var end: Int64
    var resource: Int32
    /// Metered utilization in thousandths, or -1 when the row carries none.
    var utilizationPerMille: Int16
    var egressBytes: Int64
    var storageWriteBytes: Int64

    /// The columns of `usage.csv`, in order.
    static let columns = [
        "record_id", "account_id", "resource_id", "job_id", "cluster_id", "region", "zone", "instance_type",
        "accelerator_model", "accelerator_count", "start_time", "end_time", "accelerator_utilization",
        "interconnect_gbps", "egress_bytes", "storage_write_bytes",
    ]

    /// `0.512` for 512 thousandths, empty when unmetered.
    static func utilizationText(_ perMille: Int) -> String {
        if perMille < 0 { return "" }
        if perMille >= 1000 { return "1" }
        return "0." + SampleTime.pad(perMille, 3)
    }
}
