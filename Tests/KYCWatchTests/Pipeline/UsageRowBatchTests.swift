import Testing

@testable import KYCWatch

@Suite("Usage row batch")
struct UsageRowBatchTests {
    /// The accelerator models the batches of ``withRow(resource:_:)`` name.
    static let models = ["A100-SXM4-80GB", "H100-SXM5-80GB"]

    /// A source row of three fields and a batch sharing its bytes, given to `body` with the usage
    /// fields that view the row; `resource` may be any bytes.
    static func withRow<Result>(
        resource: [UInt8],
        _ body: (UsageFields, _ batch: inout UsageRowBatch, _ source: UnsafeRawBufferPointer) -> Result
    ) -> Result {
        let row: [UInt8] = Array("r-1acct-9".utf8) + resource + Array("us-east-1".utf8)
        let source = RecordBytes(row)
        var batch = UsageRowBatch(source: source, models: models, reservingCapacity: 1)
        return source.withUnsafeBytes { bytes in
            let recordID = UnsafeRawBufferPointer(rebasing: bytes[0..<3])
            let account = UnsafeRawBufferPointer(rebasing: bytes[3..<9])
            let resourceBytes = UnsafeRawBufferPointer(rebasing: bytes[9..<(9 + resource.count)])
            let region = UnsafeRawBufferPointer(rebasing: bytes[(9 + resource.count)...])
            return body(
                UsageFields(
                    recordID: .bytes(recordID), accountID: .bytes(account), resourceID: .bytes(resourceBytes),
                    jobID: nil, clusterID: .text("pg-é"), region: .bytes(region), zone: nil, instanceType: nil,
                    acceleratorIndex: 1, acceleratorCount: 8, start: 0, end: 3_600_000, utilization: 0.5,
                    interconnectGbps: nil, egressBytes: 7, storageWriteBytes: nil, line: 2), &batch, bytes)
        }
    }

    @Test(
        "texts kept in their row read back as the Strings the fields hold, invalid UTF-8 repaired alike",
        arguments: [Array("i-0abc".utf8), Array("i-é".utf8), [0x69, 0x2D, 0xFF, 0xC3], [0xE2, 0x82]])
    func rowCopy(resource: [UInt8]) {
        Self.withRow(resource: resource) { fields, batch, source in
            batch.append(fields, accountKnown: false, source: source)
            let record = batch.record(at: 0)
            #expect(record.recordID == "r-1")
            #expect(record.accountID == "acct-9")
            #expect(record.resourceID == fields.resourceID.string)
            #expect(record.region == "us-east-1")
            #expect(record.clusterID == "pg-é")
            #expect(record.jobID == nil && record.zone == nil)
            #expect(record.acceleratorModel == "H100-SXM5-80GB")
            #expect(record.accountKnown == false && record.line == 2 && record.egressBytes == 7)
            // Only the texts from outside the row are copied; the row's own stay in the shared bytes,
            // and the model is its place among the models.
            #expect(batch.own.count == "pg-é".utf8.count)
        }
    }

    @Test("the run accumulator keys a row copied as raw bytes as it keys the same row given as Strings")
    func accumulatorAgrees() {
        let catalog = RunFixtures.catalogs.accelerators
        var fromRows = RunAccumulator(assumptions: .init(catalog: catalog))
        var fromRecords = RunAccumulator(assumptions: .init(catalog: catalog))
        for resource in [Array("i-é".utf8), [0x69, 0xFF], [0x69, 0xFE], Array("i-e\u{301}".utf8)] {
            Self.withRow(resource: resource) { fields, batch, source in
                batch.append(fields, accountKnown: true, source: source)
                fromRows.add(batch)
                fromRecords.add(UsageRecord(fields, accountKnown: true, models: Self.models))
            }
        }
        let rows = fromRows.runs()
        let records = fromRecords.runs()
        #expect(rows.map(\.resources) == records.map(\.resources))
        // The model, named by its place among the batch's models, is the record's by name, with its peak.
        #expect(rows.map(\.acceleratorHoursByModel) == records.map(\.acceleratorHoursByModel))
        #expect(rows.map(\.acceleratorHoursByModel) == [["H100-SXM5-80GB": 32]])
        #expect(rows.map(\.upperBoundOperations) == records.map(\.upperBoundOperations))
        #expect(rows.allSatisfy { $0.upperBoundOperations > 0 })
        // "i-é" twice (composed and decomposed) and "i\u{FFFD}" twice (two invalid bytes repaired alike).
        #expect(rows.map(\.resources) == [2])
    }
}
