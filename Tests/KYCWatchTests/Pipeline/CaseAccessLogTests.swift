import Foundation
import Testing

@testable import KYCWatch

@Suite("Case access logs: each access of the case drafts' accounts, read again from the access export")
struct CaseAccessLogTests {
    let folder = TemporaryFolder()
    static let header = "event_id,account_id,timestamp,source_ip,action,count\n"
    static let rows = [
        "e1,acct-1,2026-06-02T10:00:00Z,203.0.113.7,login,1",
        "e2,acct-2,2026-06-01T09:00:00Z,198.51.100.1,login,1",
        "e3,acct-1,2026-06-01T08:00:00Z,203.0.113.7:443,api,3",
        // A re-delivery of e1, and a row no time can be read from.
        "e1,acct-1,2026-06-02T10:00:00Z,203.0.113.7,login,1",
        "e4,acct-1,not a time,203.0.113.7,login,1",
    ]

    private func stage(_ paths: [String]) throws -> NormalizeStage {
        try NormalizeStage(
            configuration: PipelineConfiguration(
                file: "<test>", inputs: [InputSpecification(kind: .access, paths: paths, maxRejectShare: 1)],
                reference: .bundled(in: RepositoryPaths.reference), outputFolder: folder.file("out")))
    }

    @Test("every accepted access of the accounts asked for, once, in time order, with its file and line")
    func events() throws {
        let access = folder.write("access.csv", Self.header + Self.rows.joined(separator: "\n") + "\n")
        let more = folder.write("more.csv", Self.header + "e5,acct-1,2026-06-01T12:00:00Z,2001:db8::1,login,2\n")
        let stage = try stage([access, more])
        let log = CaseAccessLog.read(accounts: ["acct-1"], stage: stage, firstRead: try stage.run().inputs)
        #expect(log.unavailable == nil)
        let events = try #require(log.events["acct-1"])
        #expect(events.map(\.eventID) == ["e3", "e5", "e1"])
        #expect(events.map(\.file) == [access, more, access])
        #expect(events.map(\.line) == [4, 2, 2])
        #expect(events.map(\.count) == [3, 2, 1])
        #expect(events.map(\.sourceIP) == ["203.0.113.7", "2001:db8::1", "203.0.113.7"])
        #expect(events.map(\.action) == ["api", "login", "login"])
        #expect(log.events["acct-2"] == nil)
    }

    @Test("an access export changed after the night read it gives no events, and says why")
    func changedExport() throws {
        let access = folder.write("access.csv", Self.header + Self.rows[0] + "\n")
        let stage = try stage([access])
        let first = try stage.run().inputs
        _ = folder.write("access.csv", Self.header + Self.rows[0] + "\n" + Self.rows[2] + "\n")
        let log = CaseAccessLog.read(accounts: ["acct-1"], stage: stage, firstRead: first)
        #expect(log.events.isEmpty)
        #expect(log.unavailable?.contains("\(access) changed after the night read it") == true)
    }

    @Test("an access export gone after the night read it gives no events, and names it")
    func missingExport() throws {
        let access = folder.write("access.csv", Self.header + Self.rows[0] + "\n")
        let stage = try stage([access])
        let first = try stage.run().inputs
        try FileManager.default.removeItem(atPath: access)
        let log = CaseAccessLog.read(accounts: ["acct-1"], stage: stage, firstRead: first)
        #expect(log.events.isEmpty)
        #expect(log.unavailable?.hasPrefix("\(access) could not be read again") == true)
    }
}
