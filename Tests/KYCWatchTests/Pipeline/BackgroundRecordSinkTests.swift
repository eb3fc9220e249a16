import Dispatch
import Foundation
import Testing

@testable import KYCWatch

@Suite("Background record sink")
struct BackgroundRecordSinkTests {
    /// Remembers the usage record ids it gets, and fails at `failAt` when set.
    final class RecordingSink: RecordSink {
        var ids: [String] = []
        let failAt: Int?

        init(failAt: Int? = nil) { self.failAt = failAt }

        func accept(_ account: AccountRecord, fields: [String]) throws(KYCWatchError) { ids.append(account.accountID) }
        func accept(_ access: AccessRecord) throws(KYCWatchError) {}
        func accept(_ usage: UsageRecord) throws(KYCWatchError) {
            if ids.count == failAt { throw KYCWatchError(.internalError, "target failed at \(ids.count)") }
            ids.append(usage.recordID)
        }
    }

    static func usage(_ count: Int) -> [UsageRecord] {
        (0..<count).map { RunFixtures.record("r\($0)", resource: "n", start: 0, end: RunFixtures.hour) }
    }

    @Test(
        "every record reaches the target, in order, whatever the batch boundaries",
        arguments: [0, 1, 4_095, 4_096, 20_001])
    func order(count: Int) throws {
        let target = RecordingSink()
        let sink = BackgroundRecordSink(target: target)
        for record in Self.usage(count) { try sink.accept(record) }
        try sink.finish()
        #expect(target.ids == (0..<count).map { "r\($0)" })
    }

    @Test("the target's error stops the producer and comes back from accept or finish")
    func targetError() {
        let target = RecordingSink(failAt: 5_000)
        let sink = BackgroundRecordSink(target: target)
        var thrown: KYCWatchError?
        do {
            for record in Self.usage(100_000) { try sink.accept(record) }
            try sink.finish()
        } catch {
            thrown = error
        }
        #expect(thrown?.message == "target failed at 5000")
        #expect(target.ids.count == 5_000)
    }

    @Test(
        "a sink released without finish stops its thread instead of hanging, and delivers only whole batches in order",
        .timeLimit(.minutes(1)))
    func releasedEarly() throws {
        let target = RecordingSink()
        let released = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let unsafeTarget = target
        // Released on a thread of its own, so that a release that hangs fails here rather than stalls the run.
        Thread {
            do {
                let sink = BackgroundRecordSink(target: unsafeTarget)
                for record in Self.usage(10_000) { try sink.accept(record) }
            } catch {
                Issue.record("accept failed: \(error)")
            }
            released.signal()
        }.start()
        try #require(released.wait(timeout: .now() + 20) == .success, "the sink's release did not return")
        // Released, its thread has ended: what the target got is final. The 10,000 records left
        // as two batches of 4,096 and 1,808 pending; a cancelled hand-off drops what waits in it.
        let ids = target.ids
        #expect([0, 4_096, 8_192].contains(ids.count), "\(ids.count) records delivered")
        #expect(ids == (0..<ids.count).map { "r\($0)" })
    }
}

@Suite("Background record sink: usage rows as fields")
struct BackgroundUsageFieldsTests {
    /// Remembers what it is given: usage rows in batches, shown as the record each row stands for.
    final class RowSink: UsageRowSink {
        var seen: [String] = []

        func accept(_ account: AccountRecord, fields: [String]) throws(KYCWatchError) {
            seen.append("account \(account.accountID)")
        }
        func accept(_ access: AccessRecord) throws(KYCWatchError) {}
        func accept(_ usage: UsageRecord) throws(KYCWatchError) { seen.append("record \(usage.recordID)") }
        func accept(_ batch: UsageRowBatch) throws(KYCWatchError) {
            for index in 0..<batch.count { seen.append(Self.describe(batch.record(at: index))) }
        }

        static func describe(_ usage: UsageRecord) -> String {
            [
                usage.recordID, usage.accountID, usage.resourceID, usage.jobID ?? "-", usage.clusterID ?? "-",
                usage.region ?? "-", usage.zone ?? "-", usage.instanceType ?? "-", usage.acceleratorModel ?? "-",
                "\(usage.acceleratorCount)", "\(usage.start)", "\(usage.end)", "\(usage.utilization ?? -1)",
                "\(usage.egressBytes ?? -1)", "\(usage.line)", "\(usage.accountKnown)",
            ].joined(separator: "|")
        }
    }

    /// The accelerator models that rows of ``fields(_:bytes:)`` name.
    static let models = ["H100", "B200"]

    static func fields(_ index: Int, bytes: UnsafeRawBufferPointer) -> UsageFields {
        UsageFields(
            recordID: .bytes(bytes), accountID: .text("acct-\(index % 7)"), resourceID: .text("i-é\(index)"),
            jobID: index % 3 == 0 ? .bytes(bytes) : nil, clusterID: index % 3 == 1 ? .text("pg-\(index)") : nil,
            region: .text("us-east-1"), zone: nil, instanceType: index % 2 == 0 ? .text("p5.48xlarge") : nil,
            acceleratorIndex: index % 2 == 0 ? index % 4 / 2 : nil, acceleratorCount: Double(index % 9),
            start: Int64(index) * 1000, end: Int64(index) * 1000 + 3_600_000,
            utilization: index % 4 == 0 ? 0.5 : nil, interconnectGbps: nil,
            egressBytes: index % 5 == 0 ? Double(index) : nil, storageWriteBytes: nil, line: index + 2)
    }

    @Test(
        "every usage row arrives in order with other records, re-deliveries dropped and unknown accounts marked",
        arguments: [1, 4_095, 4_097, 9_000])
    func fieldsArrive(count: Int) throws {
        let target = RowSink()
        let sink = BackgroundRecordSink(target: target)
        // Accounts acct-0, acct-2, acct-4 and acct-6 are known; rows name acct-0 to acct-6.
        var accounts = AccountIDSet()
        for known in [0, 2, 4, 6] { accounts.insert("acct-\(known)") }
        var expected: [String] = []
        var tallies: [Int: UsageDeliveryCheck.Tally] = [:]
        var batch = UsageRowBatch(models: Self.models, reservingCapacity: 0)
        var input = 0
        for index in 0..<count {
            if index % 1_000 == 0 {
                // As the normalizer does at the end of an input: the rows gathered go before what follows.
                if batch.count > 0 { try sink.accept(deliveries: batch, input: input, accounts: accounts) }
                batch = UsageRowBatch(models: Self.models, reservingCapacity: 0)
                input = index / 3_000
                let account = try #require(RunFixtures.evidence("acct-\(index)").account)
                try sink.accept(account, fields: [])
                expected.append("account acct-\(index)")
            }
            // Every tenth row is a re-delivery of the row two before, alike in every figure, maybe in an
            // earlier batch or input; every 25th otherwise takes the id of the row three before with
            // figures of its own, a conflicting delivery.
            let redelivered = index % 10 == 9
            let conflicting = !redelivered && index % 25 == 24
            let id = Array("r-\(redelivered ? index - 2 : conflicting ? index - 3 : index)".utf8)
            id.withUnsafeBytes { bytes in
                var fields = Self.fields(redelivered ? index - 2 : index, bytes: bytes)
                fields.line = index + 2
                batch.append(fields, accountKnown: false)
                // Every input whose rows were checked has a tally, if only of zeros.
                var tally = tallies[input] ?? .init()
                if redelivered {
                    tally.deduplicated += 1
                } else if conflicting {
                    tally.conflicts.append(
                        .init(line: index + 2, recordID: "r-\(index - 3)", values: ""))
                } else {
                    let known = index % 7 % 2 == 0
                    if !known { tally.unknownAccounts += 1 }
                    expected.append(RowSink.describe(UsageRecord(fields, accountKnown: known, models: Self.models)))
                }
                tallies[input] = tally
            }
            if batch.isFull {
                try sink.accept(deliveries: batch, input: input, accounts: accounts)
                batch = UsageRowBatch(models: Self.models, reservingCapacity: 0)
            }
        }
        if batch.count > 0 { try sink.accept(deliveries: batch, input: input, accounts: accounts) }
        let found = try sink.finish()
        #expect(
            found.mapValues { [$0.deduplicated, $0.unknownAccounts] }
                == tallies.mapValues { [$0.deduplicated, $0.unknownAccounts] })
        #expect(
            found.mapValues { $0.conflicts.map { "\($0.line) \($0.recordID)" } }
                == tallies.mapValues { $0.conflicts.map { "\($0.line) \($0.recordID)" } })
        #expect(found.values.flatMap(\.conflicts).allSatisfy { $0.values.hasPrefix("\($0.recordID),acct-") })
        #expect(target.seen == expected)
    }
}
