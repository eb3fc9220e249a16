import Foundation
import KYCWatch

/// A small world of exports written as real zstd files, a folder per night, and the runs over it.
final class NightFixture {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kycwatch-nights-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The path of `name` in the fixture folder.
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static let accountsHeader =
        "account_id,created_at,customer_type,legal_name,address_line,country,email,phone,payment_method,identity_verified,"
        + "payment_fingerprint,beneficial_owners"
    /// A US customer with a complete CIP record: no findings.
    static let domestic =
        "acct-us,2025-01-02T00:00:00Z,organization,Plain Widgets Inc,1 Main St,US,ops@plainwidgets.com,+12025550100,card,true,"
        + "pm-us,Ann Lee:US"
    /// A customer declared in China with an incomplete record: FPI-001 and CIP-001.
    static let china = "acct-cn,2025-03-04T00:00:00Z,organization,Far Lake Ltd,,CN,ops@farlake.cn,,,,,"
    /// A customer declared in Germany with an incomplete record: FPI-001 and CIP-001.
    static let germany = "acct-de,2025-05-06T00:00:00Z,individual,Karl Beispiel,,DE,karl@beispiel.de,,,,,"

    static let accessHeader = "event_id,account_id,timestamp,source_ip,action"
    static let domesticLogin = "e1,acct-us,2026-11-27T09:00:00Z,198.51.100.7,login"
    /// Access by an account the accounts export lacks: DQ-001.
    static let ghostLogin = "e2,acct-ghost,2026-11-27T10:00:00Z,198.51.100.8,login"

    /// Writes `rows` under `header` as `name`, zstd-compressed, and returns its path.
    @discardableResult
    func writeExport(_ name: String, header: String, rows: [String]) throws -> String {
        let target = path(name)
        let file = try OutputFile.create(target, zstdLevel: 3)
        try file.write(Array(([header] + rows).joined(separator: "\n").utf8) + [0x0A])
        try file.finish()
        return target
    }

    /// Writes a night's accounts and access exports into `night/` and returns the `run` arguments naming them.
    func exports(night: String, accounts: [String], access: [String]) throws -> [String] {
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("exports-\(night)"), withIntermediateDirectories: true)
        let accountsPath = try writeExport(
            "exports-\(night)/accounts.csv.zst", header: Self.accountsHeader, rows: accounts)
        let accessPath = try writeExport("exports-\(night)/access.csv.zst", header: Self.accessHeader, rows: access)
        return ["--accounts", accountsPath, "--access", accessPath]
    }

    /// Runs `kycwatch run` over `exports` into `out/<night>` on `date`, with extra arguments.
    func run(_ exports: [String], night: String, date: String, _ extra: [String] = []) throws -> KYCWatchBinary.Result {
        try KYCWatchBinary.run(["run"] + exports + ["--out", path("out/\(night)"), "--run-date", date] + extra)
    }

    /// The findings of a JSON-lines zstd file in `out/<night>`.
    func findings(night: String, file: String = "findings.jsonl.zst") throws -> [Finding] {
        let reader = try InputFile.open(path("out/\(night)/\(file)"))
        var bytes: [UInt8] = []
        let piece = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { piece.deallocate() }
        while case let count = try reader.read(into: piece), count > 0 { bytes += piece[0..<count] }
        return try bytes.split(separator: 0x0A).map { try JSONDecoder().decode(Finding.self, from: Data($0)) }
    }

    /// `out/<night>/manifest.json` as a dictionary.
    func manifest(night: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path("out/\(night)/manifest.json")))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}

extension [Finding] {
    /// The finding of `rule` about `account`, if any.
    func first(_ rule: String, _ account: String) -> Finding? {
        first { $0.rule == rule && $0.subject.accounts == [account] }
    }
}
