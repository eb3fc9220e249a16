@testable import KYCWatch

extension UsageRecord {
    /// The record of checked usage fields, its text copied out of the batch; the accelerator index
    /// is a place in `models`.
    init(_ fields: UsageFields, accountKnown: Bool, models: [String]) {
        self.init(
            recordID: fields.recordID.string, accountID: fields.accountID.string,
            resourceID: fields.resourceID.string, jobID: fields.jobID?.string, clusterID: fields.clusterID?.string,
            region: fields.region?.string, zone: fields.zone?.string, instanceType: fields.instanceType?.string,
            acceleratorModel: fields.acceleratorIndex.map { models[$0] }, acceleratorCount: fields.acceleratorCount,
            start: fields.start, end: fields.end, utilization: fields.utilization,
            interconnectGbps: fields.interconnectGbps, egressBytes: fields.egressBytes,
            storageWriteBytes: fields.storageWriteBytes, accountKnown: accountKnown, line: fields.line)
    }
}
