/// A usage row that passed every check, with its text still in the batch's bytes: what
/// ``UsageNormalizer`` produces before anything is copied.
///
/// The canonical writer emits it as bytes; ``UsageRecord/init(_:accountKnown:)`` copies it into a
/// record for sinks that keep records.
struct UsageFields {
    var recordID: FieldText
    var accountID: FieldText
    var resourceID: FieldText
    var jobID: FieldText?
    var clusterID: FieldText?
    var region: FieldText?
    var zone: FieldText?
    var instanceType: FieldText?
    /// The catalogue's canonical accelerator model, when the resource has accelerators.
    var acceleratorModel: String?
    var acceleratorCount: Double
    var start: Int64
    var end: Int64
    var utilization: Double?
    var interconnectGbps: Double?
    var egressBytes: Double?
    var storageWriteBytes: Double?
    var line: Int
}

extension UsageRecord {
    /// The record of checked usage fields, its text copied out of the batch.
    init(_ fields: UsageFields, accountKnown: Bool) {
        self.init(
            recordID: fields.recordID.string, accountID: fields.accountID.string,
            resourceID: fields.resourceID.string, jobID: fields.jobID?.string, clusterID: fields.clusterID?.string,
            region: fields.region?.string, zone: fields.zone?.string, instanceType: fields.instanceType?.string,
            acceleratorModel: fields.acceleratorModel, acceleratorCount: fields.acceleratorCount, start: fields.start,
            end: fields.end, utilization: fields.utilization, interconnectGbps: fields.interconnectGbps,
            egressBytes: fields.egressBytes, storageWriteBytes: fields.storageWriteBytes, accountKnown: accountKnown,
            line: fields.line)
    }
}
