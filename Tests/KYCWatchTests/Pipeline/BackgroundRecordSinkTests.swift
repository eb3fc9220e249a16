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

    @Test("a sink released without finish stops its thread instead of hanging")
    func releasedEarly() throws {
        let target = RecordingSink()
        do {
            let sink = BackgroundRecordSink(target: target)
            for record in Self.usage(10_000) { try sink.accept(record) }
        }
        #expect(target.ids.count <= 10_000)
    }
}
