import Foundation
import Testing

/// Exports name their columns in whatever case their writer chose: a column kycwatch reads is found
/// in any case, never left out unseen.
@Suite("kycwatch normalize: header names in any case")
struct HeaderNameTests {
    let scratch = ScratchFolder()

    /// Writes `lines` as `name` in the test's folder and returns its path.
    private func write(_ name: String, _ lines: [String]) throws -> String {
        let path = scratch.url.appendingPathComponent(name).path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The rows of output `name` of the folder `out`, header first, each split at its commas.
    private func rows(_ out: String, _ name: String) throws -> [[String]] {
        try StageChainingTests.bash("zstd -dc '\(out)/\(name)'").stdout.split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("an optional column whose name differs in case is read: an access count, a usage utilization")
    func optionalColumnsInOtherCase() throws {
        let access = try write(
            "access.csv",
            [
                "event_id,account_id,timestamp,source_ip,action,Count",
                "e1,acct-1,2026-06-01T00:00:00Z,203.0.113.5,login,2",
                "e2,acct-1,2026-06-01T01:00:00Z,203.0.113.5,login,3",
            ])
        let usage = try write(
            "usage.csv",
            [
                "record_id,account_id,resource_id,instance_type,start_time,end_time,Accelerator_Utilization",
                "u1,acct-1,i-1,p5.48xlarge,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.87",
            ])
        let out = scratch.url.appendingPathComponent("out").path
        let result = try KYCWatchBinary.run(["normalize", "--access", access, "--usage", usage, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let events = try rows(out, "access.csv.zst")
        let count = try #require(events.first?.firstIndex(of: "count"))
        #expect(events.dropFirst().map { $0[count] } == ["2", "3"])
        let records = try rows(out, "usage.csv.zst")
        let utilization = try #require(records.first?.firstIndex(of: "accelerator_utilization"))
        #expect(records.dropFirst().map { $0[utilization] } == ["0.87"])
    }

    @Test("required columns are read in any case too, in a FOCUS export as in kycwatch's own")
    func requiredColumnsInOtherCase() throws {
        let access = try write(
            "access.csv", ["EVENT_ID,Account_Id,TimeStamp,Source_IP", "e1,acct-1,2026-06-01T00:00:00Z,203.0.113.5"])
        let focus = try write(
            "focus.csv",
            [
                "subaccountid,RESOURCEID,chargeperiodstart,ChargePeriodEND,chargecategory,consumedquantity,"
                    + "ConsumedUNIT,SKUID",
                "acct-1,i-1,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,usage,1,Hrs,p5.48xlarge",
            ])
        let out = scratch.url.appendingPathComponent("out").path
        let result = try KYCWatchBinary.run(
            ["normalize", "--access", access, "--usage", focus, "--usage-format", "focus-1.0", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try rows(out, "access.csv.zst").count == 2)
        let records = try rows(out, "usage.csv.zst")
        let count = try #require(records.first?.firstIndex(of: "accelerator_count"))
        #expect(records.dropFirst().map { $0[count] } == ["8"])
    }

    @Test("two header cells that are one column in different cases exit 65 naming both")
    func cellsInTwoCases() throws {
        let access = try write(
            "access.csv",
            ["event_id,account_id,timestamp,source_ip,Count,count", "e1,acct-1,2026-06-01T00:00:00Z,203.0.113.5,2,3"])
        let out = scratch.url.appendingPathComponent("out").path
        let result = try KYCWatchBinary.run(["normalize", "--access", access, "--out", out])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(
            result.stderr.contains("names column 'count' twice (columns 5 and 6: 'Count' and 'count'"),
            "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/manifest.json"))
    }
}
