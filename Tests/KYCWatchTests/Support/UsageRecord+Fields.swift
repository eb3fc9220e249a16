@testable import KYCWatch

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
