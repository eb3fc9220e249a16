import Foundation
import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Normalize stage")
struct NormalizeStageTests {
    let folder = TemporaryFolder()

    private func configuration(_ inputs: [InputSpecification], out: String? = nil) -> PipelineConfiguration {
        PipelineConfiguration(
            file: "<test>", inputs: inputs, reference: .bundled(in: RepositoryPaths.reference),
            outputFolder: out ?? folder.file("out"))
    }

    private func rejects(in out: String) throws -> [(line: Int, reason: String, column: String, file: String)] {
        let rows = try readRecords(CSVReader(path: out + "/rejects.csv.zst")).rows
        return rows.map { (Int($0[1])!, $0[3], $0[2], $0[0]) }
    }

    private static let accountsHeader =
        "account_id,created_at,customer_type,legal_name,country,email,phone,beneficial_owners,identity_verified\n"
    private static let accountsRow =
        "acct-1,2025-01-02T03:04:05Z,organization,Acme,US,ops@acme.example,+1 415 555 0100,,true\n"
    private static let usageHeader =
        "record_id,account_id,resource_id,instance_type,accelerator_model,accelerator_count,start_time,end_time,accelerator_utilization,egress_bytes\n"

    @Test(
        "every reject reason is produced by the row that deserves it",
        arguments: [
            ("u2,acct-1,i-1,p5.48xlarge,,,,2026-06-01T01:00:00Z,,", "missing-field", "start_time"),
            ("u2,acct-1,i-1,p5.48xlarge,,,yesterday,2026-06-01T01:00:00Z,,", "unparseable-value", "start_time"),
            ("u2,acct-1,i-1,p5.48xlarge,,,2026-06-01T02:00:00Z,2026-06-01T01:00:00Z,,", "end-before-start", "end_time"),
            (
                "u2,acct-1,i-1,p5.48xlarge,,-8,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,", "negative-quantity",
                "accelerator_count"
            ),
            (
                "u2,acct-1,i-1,,H100,5000000,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,", "absurd-quantity",
                "accelerator_count"
            ),
            (
                "u2,acct-1,i-1,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,87,", "utilization-out-of-range",
                "accelerator_utilization"
            ),
            (
                "u2,acct-1,i-1,,Zorblax-9000,8,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,", "unknown-accelerator",
                "accelerator_model"
            ),
            ("u2,acct-1,i-1,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,12,extra", "ragged-row", ""),
            ("u2,acct-1,i-\"1,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,", "malformed-csv", ""),
            // A row of 100 kB: an id of that size would be copied into every finding and page about it.
            (
                "u2,acct-1,i-\(String(repeating: "x", count: 100_000)),p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,",
                "oversized-row", ""
            ),
            // A figure no row can have: summed over a night it would pass what a number can hold.
            (
                "u2,acct-1,i-1,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,1e308", "absurd-quantity",
                "egress_bytes"
            ),
            // A time its offset carries past 9999: written as UTC it would no longer read back.
            (
                "u2,acct-1,i-1,p5.48xlarge,,,9999-12-31T20:00:00-05:00,9999-12-31T21:00:00-05:00,,",
                "unparseable-value",
                "start_time"
            ),
        ])
    func rejectReasons(row: String, reason: String, column: String) throws {
        let accounts = folder.write("accounts.csv", Self.accountsHeader + Self.accountsRow)
        let good = "u1,acct-1,i-0,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.9,100\n"
        let usage = folder.write("usage.csv", Self.usageHeader + good + row + "\n")
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .accounts, paths: [accounts]),
                InputSpecification(kind: .usage, paths: [usage], maxRejectShare: 1),
            ])
        ).run()
        let found = try rejects(in: folder.file("out"))
        #expect(found.count == 1)
        #expect(found.first?.reason == reason)
        #expect(found.first?.column == column)
        #expect(found.first?.line == 3)
        #expect(found.first?.file == usage)
        let input = try #require(manifest.inputs.last)
        #expect(input.rowsIn == 2 && input.rowsAccepted == 1 && input.rowsRejected == 1 && input.reconciles)
        #expect(input.rejectedByReason == [reason: 1])
    }

    /// The rejects of normalizing `row` of `kind` (after its header) beside one good row of each kind,
    /// each as `reason column`; the manifest's input for `kind` must reconcile.
    private func rejectsOfOneRow(_ kind: ExportKind, _ row: String) throws -> [String] {
        let good = [
            ExportKind.accounts: (Self.accountsHeader, Self.accountsRow),
            .usage: (
                Self.usageHeader, "u1,acct-1,i-0,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.9,100\n"
            ),
            .access: (
                "event_id,account_id,timestamp,source_ip,action,count\n",
                "e1,acct-1,2026-06-01T00:00:00Z,203.0.113.9,login,1\n"
            ),
        ]
        let inputs = ExportKind.allCases.map { each in
            let (header, line) = good[each]!
            let path = folder.write("\(each.rawValue).csv", header + line + (each == kind ? row + "\n" : ""))
            return InputSpecification(kind: each, paths: [path], maxRejectShare: 1)
        }
        let manifest = try NormalizeStage(configuration: configuration(inputs)).run()
        let reconciled = manifest.inputs.allSatisfy { $0.reconciles }
        #expect(reconciled)
        return try rejects(in: folder.file("out")).map { "\($0.reason) \($0.column)" }
    }

    @Test(
        "a usage or access time before 2000, a default or zero date no such record has, is quarantined as implausible-time",
        arguments: [
            (
                ExportKind.usage, "u2,acct-1,i-1,p5.48xlarge,,,1970-01-01T00:00:00Z,1970-01-01T01:00:00Z,,",
                "implausible-time start_time"
            ),
            (
                .usage, "u2,acct-1,i-1,p5.48xlarge,,,0000-01-01T00:00:00Z,0000-01-01T01:00:00Z,,",
                "implausible-time start_time"
            ),
            // Not a 56-year record (absurd-quantity): its start is what is wrong.
            (
                .usage, "u2,acct-1,i-1,p5.48xlarge,,,1970-01-01T00:00:00Z,2026-06-01T01:00:00Z,,",
                "implausible-time start_time"
            ),
            (
                .usage, "u2,acct-1,i-1,p5.48xlarge,,,1999-12-31T23:59:59.999Z,2000-01-01T01:00:00Z,,",
                "implausible-time start_time"
            ),
            (
                .usage, "u2,acct-1,i-1,p5.48xlarge,,,2026-06-01T00:00:00Z,1970-01-01T00:00:00Z,,",
                "implausible-time end_time"
            ),
            (.usage, "u2,acct-1,i-1,p5.48xlarge,,,2000-01-01T00:00:00Z,2000-01-01T01:00:00Z,,", ""),
            (.access, "e2,acct-1,1970-01-01T00:00:00Z,203.0.113.9,login,1", "implausible-time timestamp"),
            (.access, "e2,acct-1,0000-01-01T00:00:00Z,203.0.113.9,login,1", "implausible-time timestamp"),
            // A customer since before 2000 is a real record: its CIP record is kept.
            (.accounts, "acct-2,1995-03-01T00:00:00Z,organization,B,US,b@b.example,,,", ""),
            (.accounts, "acct-2,1970-01-01T00:00:00Z,organization,B,US,b@b.example,,,", ""),
        ])
    func implausibleTime(kind: ExportKind, row: String, reject: String) throws {
        #expect(try rejectsOfOneRow(kind, row) == (reject.isEmpty ? [] : [reject]))
    }

    @Test("an epoch time before 2000 is implausible-time too, as the integer it is read as")
    func implausibleEpoch() throws {
        let usage = folder.write(
            "usage.csv",
            "record_id,account_id,resource_id,accelerator_model,accelerator_count,start,end\n"
                + "u1,acct-1,i-0,H100,8,1780272000,1780275600000\nu2,acct-1,i-1,H100,8,0,3600000\n")
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(
                    kind: .usage, paths: [usage],
                    columns: [
                        "start_time": .column("start", format: .epochSeconds),
                        "end_time": .column("end", format: .epochMilliseconds),
                    ], maxRejectShare: 1)
            ])
        ).run()
        #expect(manifest.inputs[0].rejectedByReason == ["implausible-time": 1])
        #expect(try rejects(in: folder.file("out")).map(\.column) == ["start_time"])
    }

    @Test(
        "a required field of spaces or tabs alone is a missing-field reject, as an empty one is",
        arguments: [
            (ExportKind.usage, "w-1, ,r1,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.5,", "account_id"),
            (.usage, "w-1,\t,r1,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.5,", "account_id"),
            (.usage, "  ,acct-1,r1,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.5,", "record_id"),
            (.usage, "w-1,acct-1, ,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.5,", "resource_id"),
            (.usage, "w-1,acct-1,r1,p5.48xlarge,,, ,2026-06-01T01:00:00Z,0.5,", "start_time"),
            (.access, "  ,acct-1,2026-06-01T00:00:00Z,203.0.113.9,login,1", "event_id"),
            (.access, "e2, \t ,2026-06-01T00:00:00Z,203.0.113.9,login,1", "account_id"),
            (.access, "e2,acct-1,2026-06-01T00:00:00Z, ,login,1", "source_ip"),
            (.accounts, "  ,2025-01-02T03:04:05Z,organization,B,US,b@b.example,,,", "account_id"),
            (.accounts, "acct-2,2025-01-02T03:04:05Z,organization,\t,US,b@b.example,,,", "legal_name"),
            (.accounts, "acct-2,2025-01-02T03:04:05Z, ,B,US,b@b.example,,,", "customer_type"),
            (.accounts, "acct-2,2025-01-02T03:04:05Z,organization,B, ,b@b.example,,,", "country"),
        ])
    func blankRequiredField(kind: ExportKind, row: String, column: String) throws {
        #expect(try rejectsOfOneRow(kind, row) == ["missing-field \(column)"])
    }

    @Test("a required id with spaces around it is the id, as padded exports write it")
    func paddedRequiredField() throws {
        #expect(
            try rejectsOfOneRow(.usage, " w-2 ,acct-1, r2,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.5,")
                == [])
        let reader = try CSVReader(path: folder.file("out/usage.csv.zst"))
        #expect(try readRecords(reader).rows.map { $0[0] } == ["u1", "w-2"])
    }

    @Test(
        "a constant is read as a column's value is: nan, inf and hex are not numbers, and the stage does not start",
        arguments: ["nan", "inf", "0x10"])
    func constantNumbers(constant: String) throws {
        let usage = folder.write(
            "usage.csv",
            "record_id,account_id,resource_id,accelerator_model,accelerator_count,start_time,end_time\n"
                + "u1,acct-1,i-0,H100,8,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z\n")
        var input = InputSpecification(
            kind: .usage, paths: [usage], columns: ["egress_bytes": .constant(constant)], maxRejectShare: 1)
        input.file = "p.yaml"
        let error = kycError { _ = try NormalizeStage(configuration: configuration([input])).run() }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.location?.file == "p.yaml")
        #expect(
            error?.message.contains("egress_bytes '\(constant)' is not a number") == true,
            "\(String(describing: error))")
        #expect(!FileManager.default.fileExists(atPath: folder.file("out")))
    }

    @Test("a country constant the catalogue lacks stops the stage before any input is read, naming the constant")
    func countryConstant() throws {
        let accounts = folder.write("accounts.csv", Self.accountsHeader + Self.accountsRow)
        let parsed = try PipelineConfiguration.parse(
            yaml: "inputs:\n  - kind: accounts\n    path: accounts.csv\n    columns:\n"
                + "      country: { constant: Narnia }\n",
            file: folder.file("p.yaml"))
        #expect(parsed.inputs.first?.paths == [accounts])
        let error = kycError { _ = try NormalizeStage(configuration: configuration(parsed.inputs)).run() }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.location == SourceLocation(file: folder.file("p.yaml"), line: 5, column: 28))
        #expect(
            error?.message
                == "inputs[0].columns.country.constant: constant 'Narnia' is not a value country can hold (country "
                + "'Narnia' is not a known country code or name): every row would be rejected as unparseable-value",
            "\(String(describing: error))")
        let validated = kycError {
            _ = try PipelineValidator(configuration: configuration(parsed.inputs)).validate(sampleRows: 10)
        }
        #expect(validated == error)
    }

    @Test(
        "Slurm AllocTRES: a count not a whole number of at least 0, or GPU models not all known, is rejected",
        arguments: [
            ("gres/gpu:h100=-8", "negative-quantity"), ("gres/gpu=-8", "negative-quantity"),
            ("gres/gpu:h100=nan", "unparseable-value"), ("gres/gpu:h100=0x10", "unparseable-value"),
            ("gres/gpu:h100=1.5", "unparseable-value"), ("gres/gpu:h100=8,gres/gpu:a100=-1", "negative-quantity"),
            ("gres/gpu=26,gres/gpu:h100=8,gres/gpu:a100=16", "unknown-accelerator"),
            ("gres/gpu=16,gres/gpu:h100=8,gres/gpu:mi999=8", "unknown-accelerator"),
        ])
    func slurmCounts(tres: String, reason: String) throws {
        let usage = folder.write(
            "sacct.txt",
            "JobID|JobIDRaw|Cluster|Account|User|Partition|AllocTRES|Start|End|Elapsed|State|NodeList\n"
                + "4412|4412|c|lab|u|gpu|cpu=8,\(tres),node=1|2026-06-04T08:00:00|2026-06-04T09:00:00|01:00:00|COMPLETED|g1\n"
                + "4413|4413|c|lab|u|gpu|cpu=8,gres/gpu:h100=8,gres/gpu=8|2026-06-04T08:00:00|2026-06-04T09:00:00|01:00:00|COMPLETED|g1\n"
        )
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .usage, paths: [usage], layout: .slurm, maxRejectShare: 1)
            ])
        ).run()
        #expect(manifest.inputs.first?.rejectedByReason == [reason: 1])
        #expect(manifest.inputs.first?.rowsAccepted == 1)
    }

    @Test("sacct, which never quotes, reads a NUL byte as data: a row is rejected for one only in a column read")
    func slurmNUL() throws {
        let row = { (job: Int, user: String, cluster: String) in
            "\(job)|\(job)|\(cluster)|lab|\(user)|gpu|cpu=8,gres/gpu:h100=8|2026-06-04T08:00:00|2026-06-04T09:00:00|01:00:00|"
                + "COMPLETED|g1\n"
        }
        let usage = folder.write(
            "sacct.txt",
            "JobID|JobIDRaw|Cluster|Account|User|Partition|AllocTRES|Start|End|Elapsed|State|NodeList\n"
                + row(4411, "\u{0}u", "c") + row(4412, "u", "\u{0}c") + (4413..<4420).map { row($0, "u", "c") }.joined()
        )
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .usage, paths: [usage], layout: .slurm, maxRejectShare: 1)
            ])
        ).run()
        #expect(manifest.inputs.first?.rowsAccepted == 8)
        #expect(manifest.inputs.first?.rejectedByReason == ["nul-byte": 1])
    }

    @Test("a rejected accounts row with a padded id names the account as an accepted row would")
    func rejectedPaddedAccount() throws {
        let accounts = folder.write(
            "accounts.csv",
            Self.accountsHeader + "\"  acct-2 \",2025-01-02T03:04:05Z,organization,B,US,b@b.example,,,maybe\n")
        let manifest = try NormalizeStage(
            configuration: configuration([InputSpecification(kind: .accounts, paths: [accounts], maxRejectShare: 1)])
        ).run()
        #expect(manifest.inputs.first?.rejectedAccounts?.map(\.accountID) == ["acct-2"])
    }

    @Test(
        "epoch columns beyond the years a timestamp may have are rejected, not converted",
        arguments: [
            ("1e300", "1780272000000", "start_time"), ("-1e19", "1780272000000", "start_time"),
            ("1780272000", "9223372036854775807", "end_time"), ("nan", "1780272000000", "start_time"),
        ])
    func epochRange(seconds: String, milliseconds: String, column: String) throws {
        let accounts = folder.write("accounts.csv", Self.accountsHeader + Self.accountsRow)
        let usage = folder.write(
            "usage.csv",
            "record_id,account_id,resource_id,accelerator_model,accelerator_count,start,end\n"
                + "u1,acct-1,i-0,H100,8,1780272000,1780275600000\n"
                + "u2,acct-1,i-1,H100,8,\(seconds),\(milliseconds)\n")
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .accounts, paths: [accounts]),
                InputSpecification(
                    kind: .usage, paths: [usage],
                    columns: [
                        "start_time": .column("start", format: .epochSeconds),
                        "end_time": .column("end", format: .epochMilliseconds),
                    ], maxRejectShare: 1),
            ])
        ).run()
        let found = try rejects(in: folder.file("out"))
        #expect(found.map(\.reason) == ["unparseable-value"])
        #expect(found.map(\.column) == [column])
        #expect(manifest.inputs.last?.rowsAccepted == 1)
    }

    @Test(
        "an epoch value in the other unit than its mapping says is rejected with the format: to set",
        arguments: [
            // (start as epoch-seconds, end as epoch-millis, reason, message)
            (
                "1772409600000", "1772496000000", "unparseable-value",
                "start_time '1772409600000' is not a valid epoch-seconds value of years 0000 to 9999 (UTC): it reads "
                    + "as epoch-millis, 2026-03-02T00:00:00Z; set `format: epoch-millis` for start_time under `columns:` "
                    + "in the pipeline file (column 'start' of the file)"
            ),
            (
                "1772409600", "1772496000", "implausible-time",
                "end_time 1970-01-21T12:21:36Z is before 2000-01-01T00:00:00Z, which no usage or access record "
                    + "predates: written in another unit: it reads as epoch-seconds, 2026-03-03T00:00:00Z; set "
                    + "`format: epoch-seconds` for end_time under `columns:` in the pipeline file (column 'end' of the file)"
            ),
            // Wrong in either unit: no unit to suggest.
            (
                "99999999999999999", "1772496000000", "unparseable-value",
                "start_time '99999999999999999' is not a valid epoch-seconds value of years 0000 to 9999 (UTC) "
                    + "(column 'start' of the file)"
            ),
        ])
    func epochUnitHint(start: String, end: String, reason: String, message: String) throws {
        let usage = folder.write(
            "usage.csv",
            "record_id,account_id,resource_id,accelerator_model,accelerator_count,start,end\n"
                + "u1,acct-1,i-0,H100,8,\(start),\(end)\n")
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(
                    kind: .usage, paths: [usage],
                    columns: [
                        "start_time": .column("start", format: .epochSeconds),
                        "end_time": .column("end", format: .epochMilliseconds),
                    ], maxRejectShare: 1)
            ])
        ).run()
        #expect(manifest.inputs[0].rejectedByReason == [reason: 1])
        let reject = try #require(try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows.first)
        #expect(reject[4] == message)
    }

    @Test("a quote never closed rejects every line it took, so the reject policy sees them")
    func unterminatedQuoteCounts() throws {
        let accounts = folder.write("accounts.csv", Self.accountsHeader + Self.accountsRow)
        let row = { (id: Int) in "u\(id),acct-1,i-0,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.9,100\n" }
        let usage = folder.write(
            "usage.csv",
            Self.usageHeader + row(1) + "u2,acct-1,\"i-1,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,\n"
                + row(3) + row(4) + row(5))
        let stage = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .accounts, paths: [accounts]),
                InputSpecification(kind: .usage, paths: [usage], maxRejectShare: 0.5),
            ]))
        // Four of five rows rejected: over the policy's half, so the stage fails after writing the rejects.
        let failed = try stage.run()
        #expect(failed.status == "rejects-exceeded")
        #expect(stage.rejectPolicyError(failed)?.code == .rejectPolicyExceeded)
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .accounts, paths: [accounts]),
                InputSpecification(kind: .usage, paths: [usage], maxRejectShare: 1),
            ])
        ).run()
        let input = try #require(manifest.inputs.last)
        #expect(input.rowsIn == 5 && input.rowsAccepted == 1 && input.rowsRejected == 4 && input.reconciles)
        #expect(input.rejectedByReason == ["malformed-csv": 4])
        let found = try rejects(in: folder.file("out"))
        #expect(found.map(\.line) == [3])
    }

    @Test("an output that compresses past the bomb guard's ratio is still described; an input like it is refused")
    func ownOutputPastRatio() throws {
        let path = folder.file("findings.jsonl.zst")
        let writer = try OutputFile.create(path)
        let block = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<80 { try block.withUnsafeBytes { try writer.write($0) } }
        try writer.finish()
        let output = try NormalizeStage.describeOutput(path, rows: 1)
        #expect(output.bytes == Int(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? -1))
        let reader = try InputFile.open(path, limits: .default)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        let error = kycError { while try reader.read(into: buffer) > 0 {} }
        #expect(error?.code == .decompressionLimit)
    }

    @Test("catalogue fills accelerators; re-deliveries count once; unknown accounts are kept and flagged")
    func acceptedValues() throws {
        let accounts = folder.write("accounts.csv", Self.accountsHeader + Self.accountsRow)
        let usage = folder.write(
            "usage.csv",
            Self.usageHeader
                + "u1,acct-1,i-0,p5.48xlarge,,,2026-06-01T02:00:00+02:00,2026-06-01T01:00:00Z,,\n"
                + "u1,acct-1,i-0,p5.48xlarge,,,2026-06-01T02:00:00+02:00,2026-06-01T01:00:00Z,,\n"
                + "u3,acct-404,i-9,,nvidia h100 80gb hbm3,2,2026-06-01T00:00:00Z,2026-06-01T01:00:00.5Z,0.5,\n")
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .accounts, paths: [accounts]),
                InputSpecification(kind: .usage, paths: [usage]),
            ])
        ).run()
        let output = try readRecords(CSVReader(path: folder.file("out/usage.csv.zst")))
        let header = CanonicalRow.header(for: .usage)
        let model = header.firstIndex(of: "accelerator_model")!
        let count = header.firstIndex(of: "accelerator_count")!
        let start = header.firstIndex(of: "start_time")!
        let known = header.firstIndex(of: "account_known")!
        #expect(output.rows.count == 2)
        #expect(output.rows[0][model] == "H100-SXM5-80GB")
        #expect(output.rows[0][count] == "8")
        #expect(output.rows[0][start] == "2026-06-01T00:00:00Z")
        #expect(output.rows[1][model] == "H100-SXM5-80GB")
        #expect(output.rows[1][known] == "false")
        let input = try #require(manifest.inputs.last)
        #expect(input.rowsDeduplicated == 1)
        #expect(input.flagged == ["unknown-account": 1])
        #expect(input.reconciles)
    }

    /// The usage input's manifest entry after normalizing `rows` (of ``usageHeader``) beside one account.
    private func normalizedUsage(_ rows: String) throws -> StageManifest.Input {
        let accounts = folder.write("accounts.csv", Self.accountsHeader + Self.accountsRow)
        let usage = folder.write("usage.csv", Self.usageHeader + rows)
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .accounts, paths: [accounts]),
                InputSpecification(kind: .usage, paths: [usage]),
            ])
        ).run()
        return try #require(manifest.inputs.last)
    }

    @Test(
        "a row whose model or count contradicts its instance type is counted as written and flagged; a share is not",
        arguments: [
            ("A100", "", true, "A100-SXM4-40GB", "8"), ("", "16", true, "H100-SXM5-80GB", "16"),
            ("H100", "8", false, "H100-SXM5-80GB", "8"), ("", "4", false, "H100-SXM5-80GB", "4"),
            ("nvidia h100 80gb hbm3", "", false, "H100-SXM5-80GB", "8"),
        ])
    func instanceTypeConflict(model: String, count: String, flagged: Bool, written: String, writtenCount: String)
        throws
    {
        let input = try normalizedUsage(
            "u1,acct-1,n-1,p5.48xlarge,\(model),\(count),2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,\n")
        #expect(input.rowsAccepted == 1)
        #expect(input.flagged == (flagged ? [UsageDeliveryCheck.instanceTypeConflictFlag: 1] : [:]))
        let output = try readRecords(CSVReader(path: folder.file("out/usage.csv.zst")))
        let header = CanonicalRow.header(for: .usage)
        let row = try #require(output.rows.first)
        #expect(row[header.firstIndex(of: "accelerator_model")!] == written)
        #expect(row[header.firstIndex(of: "accelerator_count")!] == writtenCount)
    }

    @Test(
        "a row with accelerators of no known model names what the catalogue lacks, and the file to add it to",
        arguments: [
            ("m7i.large,,8,", "the instance type m7i.large is not in the catalogue; add it to instance_types.csv"),
            (",Zorblax-9000,8,", "the model Zorblax-9000 is not in the catalogue; add it to accelerators.csv"),
        ])
    func unknownAcceleratorMessage(fields: String, message: String) throws {
        let input = try normalizedUsage("u1,acct-1,n-1,\(fields)2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.5,\n")
        #expect(input.rejectedByReason == ["unknown-accelerator": 1])
        let rows = try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows
        #expect(rows.first?[4].contains(message) == true, "\(rows)")
    }

    @Test(
        "rows of instance types the catalogue lacks are kept with none and flagged by type, a re-delivery counted once"
    )
    func uncataloguedInstanceTypes() throws {
        let input = try normalizedUsage(
            "u1,acct-1,n-1,p6e-gb300.72xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,\n"
                + "u1,acct-1,n-1,p6e-gb300.72xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,\n"
                + "u2,acct-1,n-2,p6e-gb300.72xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,\n"
                + "u3,acct-1,n-3,BM.GPU.L40S.4,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,\n"
                + "u4,acct-1,n-4,m7i.large,,0,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,\n"
                + "u5,acct-1,n-5,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,\n")
        #expect(input.rowsAccepted == 5 && input.rowsDeduplicated == 1 && input.reconciles)
        #expect(input.flagged == [UsageDeliveryCheck.uncataloguedInstanceTypeFlag: 3])
        #expect(
            input.uncataloguedInstanceTypes == [
                .init(instanceType: "p6e-gb300.72xlarge", rows: 2), .init(instanceType: "BM.GPU.L40S.4", rows: 1),
            ])
        let output = try readRecords(CSVReader(path: folder.file("out/usage.csv.zst")))
        let count = CanonicalRow.header(for: .usage).firstIndex(of: "accelerator_count")!
        #expect(output.rows.map { $0[count] } == ["0", "0", "0", "0", "8"])
        // The manifest keeps the names, and reads them back.
        let read = try StageManifest.read(folder.file("out/manifest.json"))
        #expect(read.inputs.last?.uncataloguedInstanceTypes == input.uncataloguedInstanceTypes)
        let json = try String(contentsOfFile: folder.file("out/manifest.json"), encoding: .utf8)
        #expect(json.contains("\"instance_type\" : \"BM.GPU.L40S.4\""), "\(json)")
    }

    @Test(
        "a placeholder in an optional account field is written empty; a code the column reads is kept",
        arguments: [
            ("payment_fingerprint", "N/A", ""), ("payment_fingerprint", "none", ""), ("payment_fingerprint", "-", ""),
            ("payment_fingerprint", "0000", ""), ("payment_fingerprint", "unknown", ""),
            ("payment_fingerprint", "null", ""), ("payment_fingerprint", "n.a.", ""),
            ("payment_fingerprint", "   ", ""),
            ("payment_fingerprint", "0000-0000-0000-0000", ""), ("payment_fingerprint", "pm_0000", "pm_0000"),
            ("phone", "0000000000", ""), ("phone", "+1 555-555-5555", ""), ("phone", "N/A", ""),
            ("phone", "+1 415 555 0100", "+1 415 555 0100"), ("beneficial_owners", "Unknown", ""),
            ("beneficial_owners", "None", ""), ("beneficial_owners", "-", ""), ("beneficial_owners", "N/A:US", ":US"),
            ("beneficial_owners", "Unknown:CN", ":CN"),
            ("beneficial_owners", "Ann Lee:US; n/a (Russia)", "Ann Lee:US;:RU"),
            ("beneficial_owners", "Unknown:N/A", ""), ("beneficial_owners", "Ann Lee:N/A", "Ann Lee:"),
            ("address_line", "-", ""), ("address_line", "(none)", ""),
            ("city", "TBD", ""), ("region", "NA", "NA"), ("region", "n/a", ""), ("postal_code", "?", ""),
            ("headquarters_country", "N/A", ""), ("payment_country", "unknown", ""), ("payment_country", "NA", "NA"),
            ("reseller_country", "--", ""), ("parent_account_id", "none", ""), ("reseller_id", "N/A", ""),
            ("payment_method", "None", ""), ("identity_verified", "unknown", ""), ("identity_verified", "0", "false"),
            ("status", "null", ""),
        ])
    func placeholders(column: String, written: String, canonical: String) throws {
        let header = ExportKind.accounts.fields.map(\.name)
        var row = [
            "acct-1", "", "2025-01-02T03:04:05Z", "organization", "Acme", "1 Main St", "Austin", "TX", "78701", "US",
            "US", "ops@acme.example", "+1 212 555 0100", "card", "pm-1", "US", "rs-1", "US", "Ann Lee:US", "true",
            "active",
        ]
        #expect(row.count == header.count)
        let index = try #require(header.firstIndex(of: column))
        row[index] = written
        let accounts = folder.write(
            "accounts.csv", header.joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n")
        let manifest = try NormalizeStage(
            configuration: configuration([InputSpecification(kind: .accounts, paths: [accounts])])
        ).run()
        #expect(manifest.inputs.first?.rowsAccepted == 1)
        let output = try readRecords(CSVReader(path: folder.file("out/accounts.csv.zst")))
        #expect(output.rows.first?[index] == canonical)
    }

    @Test("an account repeated as it was is counted once; repeated with other details it is rejected")
    func repeatedAccounts() throws {
        let other = "acct-2,2025-01-02T03:04:05Z,person,Bea,DE,bea@example.de,,,false\n"
        let accounts = folder.write(
            "accounts.csv",
            Self.accountsHeader + Self.accountsRow + other + Self.accountsRow
                // acct-1 again with another legal name: a conflict, not a re-delivery.
                + Self.accountsRow.replacingOccurrences(of: "Acme", with: "Acme Holdings")
                // One id composed, then decomposed: equal as Strings, so the second is acct-\u{E9}
                // again, and its row (other bytes in the id) differs.
                + "acct-\u{E9}" + other.dropFirst("acct-2".count)
                + "acct-e\u{301}" + other.dropFirst("acct-2".count) + other)
        let usage = folder.write(
            "usage.csv",
            Self.usageHeader + "u1,acct-2,i-0,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,\n"
                + "u2,acct-e\u{301},i-0,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,,\n")
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .accounts, paths: [accounts], maxRejectShare: 1),
                InputSpecification(kind: .usage, paths: [usage]),
            ])
        ).run()
        let input = try #require(manifest.inputs.first)
        #expect(input.rowsIn == 7)
        #expect(input.rowsAccepted == 3)
        #expect(input.rowsDeduplicated == 2)
        #expect(input.rowsRejected == 2 && input.reconciles)
        let found = try rejects(in: folder.file("out"))
        #expect(found.map(\.line) == [5, 7])
        #expect(found.allSatisfy { $0.reason == "duplicate-account" && $0.column == "account_id" })
        // Both usage accounts are known: the decomposed id is the account added composed.
        #expect(manifest.inputs.last?.flagged[UsageDeliveryCheck.continuedJobFlag] == nil)
    }

    @Test(
        "SampleData normalizes with every planted dirty row quarantined, deduplicated or flagged as its ground truth says"
    )
    func sampleDataMatchesGroundTruth() throws {
        let truth = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.sampleData + "/ground-truth.json")))
        let dirty = try #require((truth as? [String: Any])?["dirty_rows"] as? [[String: Any]])
        let pipeline = try PipelineConfiguration.load(path: RepositoryPaths.root + "/Pipelines/nightly.yaml")
        var configuration = pipeline
        configuration.outputFolder = folder.file("night")
        let manifest = try NormalizeStage(configuration: configuration).run()
        let reconciled = manifest.inputs.allSatisfy { $0.reconciles }
        #expect(reconciled)
        let found = try rejects(in: folder.file("night"))
        let expected = dirty.filter { !["duplicate-record", "unknown-account"].contains($0["reason"] as? String) }
        let foundKeys = Set(found.map { "\($0.file.split(separator: "/").last!):\($0.line):\($0.reason)" })
        let expectedKeys = Set(expected.map { "\($0["file"]!):\($0["line"]!):\($0["reason"]!)" })
        #expect(foundKeys == expectedKeys)
        for input in manifest.inputs {
            let name = String(input.path.split(separator: "/").last!)
            let duplicates = dirty.filter {
                $0["file"] as? String == name && $0["reason"] as? String == "duplicate-record"
            }
            let unknown = dirty.filter { $0["file"] as? String == name && $0["reason"] as? String == "unknown-account" }
            #expect(input.rowsDeduplicated == duplicates.count, "\(name)")
            #expect(input.flagged["unknown-account", default: 0] == unknown.count, "\(name)")
        }
    }

    /// Takes usage batches as the detection state does, keeping each one's size and estimate.
    private final class EstimateSink: UsageDeliverySink {
        var batches: [(rows: Int, toCome: Int?)] = []

        func accept(deliveries batch: consuming UsageRowBatch, input: Int, accounts: AccountIDSet) {
            batches.append((batch.count, batch.inputRowsToCome))
        }
        func accept(_ account: AccountRecord, fields: [String]) {}
        func accept(_ usage: UsageRecord) {}
        func accept(_ access: AccessRecord) {}
    }

    @Test("each usage batch carries an estimate of the rows still to come, firming up as the file is read")
    func rowsToComeEstimate() throws {
        let stage = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .usage, paths: [RepositoryPaths.sampleData + "/usage.csv.zst"])
            ]))
        let sink = EstimateSink()
        let rejects = CSVWriter(destination: try OutputFile.create(folder.file("rejects.csv.zst")))
        let inputs = try stage.normalizeInputs(into: sink, rejects: rejects)
        try rejects.finish()
        let total = try #require(inputs.first).rowsIn
        #expect(sink.batches.count > 3)
        var delivered = 0
        for (index, batch) in sink.batches.enumerated() {
            delivered += batch.rows
            let toCome = try #require(batch.toCome, "batch \(index)")
            // Rows read count those rejected, which no batch holds: the estimate may run over by them.
            let error = Double(delivered + toCome - total) / Double(total)
            #expect(abs(error) < (index == 0 ? 0.5 : 0.2), "batch \(index): \(delivered) + \(toCome) for \(total)")
        }
        #expect(sink.batches.last?.toCome == 0)
    }

    @Test(
        "the rows to come are the rows read scaled by the bytes left",
        arguments: [
            (100, 1_000, 4_000, 300), (100, 4_000, 4_000, 0), (100, 5_000, 4_000, 0), (1, 3, 10, 2),
        ] as [(Int, Int, Int, Int)])
    func rowsToCome(rows: Int, bytes: Int, size: Int, expected: Int) {
        #expect(InputProcessor.rowsToCome(after: rows, bytes: bytes, of: size) == expected)
    }

    @Test("no estimate without a size, or before anything is read")
    func rowsToComeUnknown() {
        #expect(InputProcessor.rowsToCome(after: 100, bytes: 1_000, of: nil) == nil)
        #expect(InputProcessor.rowsToCome(after: 0, bytes: 0, of: 4_000) == nil)
        #expect(FileInput.size(of: "-") == nil)
        #expect(FileInput.size(of: RepositoryPaths.sampleData) == nil)
        #expect(FileInput.size(of: RepositoryPaths.sampleData + "/README.md").map { $0 > 0 } == true)
    }

    @Test("the same inputs and configuration give byte-identical outputs")
    func deterministic() throws {
        var digests: [[String]] = []
        for run in 0..<2 {
            let accounts = folder.write("a.csv", Self.accountsHeader + Self.accountsRow)
            let manifest = try NormalizeStage(
                configuration: configuration(
                    [InputSpecification(kind: .accounts, paths: [accounts])], out: folder.file("run\(run)"))
            ).run()
            digests.append(manifest.outputs.map(\.sha256))
        }
        #expect(digests[0] == digests[1])
    }

    @Test("the real FOCUS 1.0 sample: every row accepted, or rejected as a non-usage billing line")
    func focusSample() throws {
        let path = RepositoryPaths.fixtures + "/focus-sample.csv.zst"
        let manifest = try NormalizeStage(
            configuration: configuration([InputSpecification(kind: .usage, paths: [path], layout: .focus)])
        ).run()
        let input = try #require(manifest.inputs.first)
        #expect(input.rowsIn == 1000)
        #expect(input.reconciles)
        let raw = try readRecords(CSVReader(path: path))
        let category = try CSVReader(path: path).columnIndex("ChargeCategory")!
        let nonUsage = raw.rows.filter { $0[category] != "Usage" }.count
        // Lines that are not usage are skipped and counted, not rejected.
        #expect(input.skippedByReason == (nonUsage > 0 ? ["not-usage": nonUsage] : [:]))
        #expect(input.rowsSkipped == nonUsage)
        #expect(input.rejectedByReason.isEmpty)
        #expect(input.rowsAccepted == 1000 - nonUsage - input.rowsDeduplicated)
    }

    @Test(
        "a FOCUS export without Id, as FOCUS 1.0 defines it: each row's digest is its id, and a row sent twice alike counts once"
    )
    func focusWithoutID() throws {
        let sample = try readRecords(CSVReader(path: RepositoryPaths.fixtures + "/focus-sample.csv.zst"))
        let header = try CSVReader(path: RepositoryPaths.fixtures + "/focus-sample.csv.zst").header
        let id = try #require(header.firstIndex(of: "Id"))
        func withoutID(_ row: [String]) -> [String] { row.enumerated().filter { $0.offset != id }.map(\.element) }
        let writer = CSVWriter(destination: try OutputFile.create(folder.file("focus.csv.zst"), zstdLevel: 1))
        try writer.writeRow(withoutID(header))
        for row in sample.rows { try writer.writeRow(withoutID(row)) }
        try writer.writeRow(withoutID(sample.rows[0]))  // the first row again, as a re-delivery
        // And once more with its cost restated: the same charge, which counts once still.
        let cost = try #require(header.firstIndex(of: "EffectiveCost"))
        var restated = sample.rows[0]
        restated[cost] = "12345.67"
        try writer.writeRow(withoutID(restated))
        // And once more with its ids padded, as a fixed-width export writes them: the same line.
        var padded = sample.rows[0]
        for column in ["SubAccountId", "ResourceId"] {
            let index = try #require(header.firstIndex(of: column))
            padded[index] = "  " + padded[index] + "\t"
        }
        try writer.writeRow(withoutID(padded))
        try writer.finish()
        let specification = InputSpecification(
            kind: .usage, paths: [folder.file("focus.csv.zst")], layout: .focus, maxRejectShare: 1)
        let manifest = try NormalizeStage(configuration: configuration([specification])).run()
        let input = try #require(manifest.inputs.first)
        #expect(input.rowsIn == 1003)
        #expect(input.rowsDeduplicated == 3)
        #expect(input.rejectedByReason.isEmpty)
        #expect(input.reconciles)
        let ids = try readRecords(CSVReader(path: folder.file("out/usage.csv.zst"))).rows.map { $0[0] }
        #expect(ids.count == input.rowsAccepted)
        #expect(ids.allSatisfy { $0.hasPrefix("row-") && $0.count == 20 }, "\(ids.prefix(3))")
        #expect(Set(ids).count == ids.count)
        // The same file gives the same ids on every run.
        let again = try NormalizeStage(
            configuration: configuration([specification], out: folder.file("again"))
        ).run()
        #expect(again.outputs.first?.sha256 == manifest.outputs.first?.sha256)
    }

    /// A FOCUS export's header: the columns kycwatch reads, and beside them commitment columns it does not.
    private static let focusHeader =
        "BillingAccountId,SubAccountId,ResourceId,RegionId,AvailabilityZone,ChargePeriodStart,ChargePeriodEnd,"
        + "ChargeCategory,ChargeClass,ConsumedQuantity,ConsumedUnit,SkuId,ChargeDescription,ResourceType,"
        + "ServiceName,CommitmentDiscountId,CommitmentDiscountStatus,BilledCost,CapacityReservationId,"
        + "CapacityReservationStatus,InvoiceId\n"

    /// A line of ``focusHeader``: an hour of `description` on resource i-1 of account 111.
    private static func focusLine(
        quantity: String = "1", unit: String = "Hrs", sku: String = "SKU1",
        description: String = "$98.32 per On Demand Linux p5.48xlarge Instance Hour", chargeClass: String = "",
        commitment: String = "", status: String = "", cost: String = "98.32", reservation: String = "",
        reservationStatus: String = "", invoice: String = ""
    ) -> String {
        "B1,111,i-1,us-east-1,us-east-1a,2026-06-04T13:00:00Z,2026-06-04T14:00:00Z,Usage,\(chargeClass),"
            + "\(quantity),\(unit),\(sku),\(description),Instance,Amazon Elastic Compute Cloud,\(commitment),"
            + "\(status),\(cost),\(reservation),\(reservationStatus),\(invoice)\n"
    }

    /// Normalizes a FOCUS file of `lines` under ``focusHeader``: the input's counts, and the usage rows
    /// written, each by column name.
    private func normalizeFocus(_ lines: [String]) throws -> (StageManifest.Input, [[String: String]]) {
        let path = folder.write("focus.csv", Self.focusHeader + lines.joined())
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .usage, paths: [path], layout: .focus, maxRejectShare: 1)
            ])
        ).run()
        let header = CanonicalRow.header(for: .usage)
        let rows = try readRecords(CSVReader(path: folder.file("out/usage.csv.zst"))).rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(header, row))
        }
        return (try #require(manifest.inputs.first), rows)
    }

    @Test(
        "FOCUS charges alike but for a column kycwatch does not read are two charges; a row sent again, its cost restated or not, is one"
    )
    func focusDigestCoversEveryColumn() throws {
        // One instance-hour split between two Savings Plans, then the first half delivered again, and
        // again with its cost restated.
        let first = Self.focusLine(quantity: "0.5", commitment: "sp-A", status: "Used", cost: "0")
        let second = Self.focusLine(quantity: "0.5", commitment: "sp-B", status: "Used", cost: "0")
        let restated = Self.focusLine(quantity: "0.5", commitment: "sp-A", status: "Used", cost: "0.01")
        // Delivered again once the month was invoiced: FOCUS 1.2's InvoiceId filled in.
        let invoiced = Self.focusLine(quantity: "0.5", commitment: "sp-A", status: "Used", cost: "0", invoice: "INV-7")
        let (input, rows) = try normalizeFocus([first, second, first, restated, invoiced])
        #expect(input.rowsIn == 5 && input.rowsAccepted == 2 && input.rowsDeduplicated == 3)
        #expect(input.reconciles)
        #expect(Set(rows.map { $0["record_id"] }).count == 2)
        // Half an hour each of an 8-GPU instance: 8 GPUs in use over the hour, none lost.
        #expect(rows.map { $0["accelerator_count"] } == ["4", "4"])
    }

    @Test("FOCUS corrections to a billing period invoiced before are not usage: neither rejected nor counted again")
    func focusCorrections() throws {
        // An hour of p5.48xlarge, then a later correction withdrawing it and one restating it.
        let (input, rows) = try normalizeFocus([
            Self.focusLine(),
            Self.focusLine(quantity: "-1", chargeClass: "Correction", cost: "-98.32"),
            Self.focusLine(chargeClass: "correction ", cost: "90.00"),
        ])
        #expect(input.rowsIn == 3 && input.rowsAccepted == 1 && input.rowsRejected == 0)
        #expect(input.skippedByReason == ["not-usage": 2])
        #expect(input.reconciles)
        #expect(rows.map { $0["accelerator_count"] } == ["8"])
    }

    @Test("the unused part of a FOCUS commitment, its quantity empty, is not usage: skipped, not rejected")
    func focusUnusedCommitment() throws {
        let (input, rows) = try normalizeFocus([
            Self.focusLine(commitment: "sp-A", status: "Used", cost: "0"),
            Self.focusLine(
                quantity: "", unit: "",
                description: "USD 0.0 per Linux/UNIX (Amazon VPC) p5.48xlarge reserved instance applied",
                commitment: "ri-1", status: "Unused"),
        ])
        #expect(input.rowsIn == 2 && input.rowsAccepted == 1 && input.rowsRejected == 0)
        #expect(input.skippedByReason == ["not-usage": 1])
        #expect(rows.map { $0["accelerator_count"] } == ["8"])
    }

    @Test("the idle part of a FOCUS capacity reservation is not usage: its reserved instances ran nothing")
    func focusUnusedCapacityReservation() throws {
        // An hour of p5.48xlarge run in reservation cr-1, and the reservation's 63 idle instance-hours.
        let (input, rows) = try normalizeFocus([
            Self.focusLine(reservation: "cr-1", reservationStatus: "Used"),
            Self.focusLine(quantity: "63", cost: "6194.16", reservation: "cr-1", reservationStatus: "unused "),
        ])
        #expect(input.rowsIn == 2 && input.rowsAccepted == 1 && input.rowsRejected == 0)
        #expect(input.skippedByReason == ["not-usage": 1])
        #expect(input.reconciles)
        #expect(rows.map { $0["accelerator_count"] } == ["8"])
    }

    @Test(
        "a FOCUS file without ChargeCategory is one header error naming the file, in normalize and validate alike",
        arguments: [("ChargeType", true), ("Notes", false)])
    func focusWithoutChargeCategory(column: String, older: Bool) throws {
        // An export before FOCUS 1.0 (FOCUS 0.5 called the column ChargeType), or one that dropped it.
        let header = Self.focusHeader.replacingOccurrences(of: "ChargeCategory", with: column)
        let path = folder.write("focus.csv", header + Self.focusLine() + Self.focusLine(quantity: "2"))
        let configuration = configuration([
            InputSpecification(kind: .usage, paths: [path], layout: .focus, maxRejectShare: 1)
        ])
        let errors = [
            kycError { _ = try NormalizeStage(configuration: configuration).run() },
            kycError { _ = try PipelineValidator(configuration: configuration).validate(sampleRows: 10) },
        ]
        for error in errors {
            #expect(error?.code == .csvHeader, "\(String(describing: error))")
            #expect(error?.location?.file == path && error?.location?.line == 1)
            let message = error?.message ?? ""
            #expect(
                message.hasPrefix(
                    "the header of \(path) lacks ChargeCategory, which format focus-1.0 requires: FOCUS has it in "
                        + "every export, and without it no line can be told usage or billing"),
                "\(message)")
            #expect(message.contains("its ChargeType column is an older export's") == older, "\(message)")
            #expect(message.contains("convert the export to FOCUS 1.0, or read it with format kycwatch"))
        }
        // No rows were read, so no rejects were written.
        #expect(!FileManager.default.fileExists(atPath: folder.file("out/rejects.csv.zst")))
    }

    @Test("FOCUS lines per GPU name the model: GPU-hours or GPU-seconds over the charge period are the GPUs in use")
    func focusLinesPerGPU() throws {
        // As Google Cloud meters GPUs, apart from the machine's cores: 8 GPU-hours in a one-hour period,
        // once in seconds; the machine's cores meter no GPU, though its SKU id reads A100 in hex.
        let (input, rows) = try normalizeFocus([
            Self.focusLine(
                quantity: "28800", unit: "seconds", sku: "039F-D0DA-4055",
                description: "Nvidia Tesla A100 GPU running in Americas"),
            Self.focusLine(
                quantity: "8", unit: "hour", sku: "0CEC-A100-5B37",
                description: "Nvidia H100 80GB GPU running in Americas"),
            Self.focusLine(
                quantity: "345600", unit: "seconds", sku: "A100-2B3C-1D4E",
                description: "A3 Instance Core running in Americas"),
        ])
        #expect(input.rowsIn == 3 && input.rowsAccepted == 3 && input.rowsRejected == 0)
        #expect(rows.map { $0["accelerator_model"] } == ["A100-SXM4-40GB", "H100-SXM5-80GB", ""])
        #expect(rows.map { $0["accelerator_count"] } == ["8", "8", "0"])
        #expect(rows.map { $0["instance_type"] } == ["", "", ""])
    }

    @Test(
        "a FOCUS line that says GPU but names no catalogued instance type or model is rejected, never counted as none")
    func focusUnknownGPU() throws {
        let description = "Nvidia Tesla P100 GPU running in Americas"
        let (input, _) = try normalizeFocus([
            Self.focusLine(quantity: "8", unit: "hour", sku: "039F-D0DA-4055", description: description),
            Self.focusLine(quantity: "8", unit: "GB", description: "Nvidia H100 80GB GPU running in Americas"),
        ])
        #expect(input.rejectedByReason == ["unknown-accelerator": 1, "unparseable-value": 1])
        let rejected = try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows
        let unknown = try #require(rejected.first { $0[3] == "unknown-accelerator" })
        #expect(unknown[2] == "ChargeDescription")
        #expect(
            unknown[4].hasPrefix(
                "ChargeDescription '\(description)' says GPU but names no instance type or accelerator "),
            "\(unknown[4])")
        #expect(unknown[4].contains("as an alias in accelerators.csv"))
        #expect(rejected.contains { $0[3] == "unparseable-value" && $0[4].contains("ConsumedUnit 'GB'") })
    }

    @Test(
        "a FOCUS line of a machine the catalogue lacks, naming its GPU model, is rejected: one GPU an hour would undercount"
    )
    func focusUncataloguedMachineNamingModel() throws {
        let (input, rows) = try normalizeFocus([
            Self.focusLine(quantity: "1", unit: "Hrs", description: "Standard_ND96zz H100 v9 Linux Spot")
        ])
        #expect(rows.isEmpty)
        #expect(input.rejectedByReason == ["unknown-accelerator": 1])
        let reject = try #require(try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows.first)
        #expect(reject[4].contains("names H100-SXM5-80GB but no instance type of the catalogue"), "\(reject[4])")
        #expect(reject[4].contains("add the instance type to instance_types.csv"))
    }

    @Test("FOCUS GPU lines: 8 instance-hours of p5.48xlarge in a one-hour period is 64 H100 in use; credits set aside")
    func focusGPU() throws {
        let path = RepositoryPaths.fixtures + "/focus-gpu-lines.csv"
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .usage, paths: [path], layout: .focus, maxRejectShare: 1)
            ])
        ).run()
        #expect(manifest.inputs.first?.skippedByReason == ["not-usage": 1])
        let output = try readRecords(CSVReader(path: folder.file("out/usage.csv.zst")))
        let header = CanonicalRow.header(for: .usage)
        let row = try #require(output.rows.first)
        #expect(row[header.firstIndex(of: "instance_type")!] == "p5.48xlarge")
        #expect(row[header.firstIndex(of: "accelerator_model")!] == "H100-SXM5-80GB")
        #expect(row[header.firstIndex(of: "accelerator_count")!] == "64")
        #expect(row[header.firstIndex(of: "account_id")!] == "111122223333")
        #expect(row[header.firstIndex(of: "start_time")!] == "2026-06-04T13:00:00Z")
    }

    @Test("a glob in a pipeline file reads its files in sorted order, each held to the reject policy on its own")
    func globbedInputs() throws {
        let accounts = folder.write("accounts.csv", Self.accountsHeader + Self.accountsRow)
        func rows(_ ids: [String], start: String = "2026-06-01T00:00:00Z") -> String {
            Self.usageHeader
                + ids.map { "\($0),acct-1,i-0,p5.48xlarge,,,\(start),2026-06-01T01:00:00Z,0.9,100\n" }.joined()
        }
        // Written out of order; usage-b has 1 of 2 rows rejected (50 %), the three files 1 of 8 (12.5 %).
        let c = folder.write("usage-c.csv", rows(["c1", "c2", "c3"]))
        let b = folder.write(
            "usage-b.csv", rows(["b1"]) + "b2,acct-1,i-0,p5.48xlarge,,,yesterday,2026-06-01T01:00:00Z,,\n")
        let a = folder.write("usage-a.csv", rows(["a1", "a2", "a3"]))
        let parsed = try PipelineConfiguration.parse(
            yaml: "inputs:\n  - kind: accounts\n    path: accounts.csv\n  - kind: usage\n    path: usage-*.csv\n"
                + "    max_reject_share: 0.25\n",
            file: folder.file("p.yaml"))
        #expect(parsed.matchingGlobs().inputs.map(\.paths) == [[accounts], [a, b, c]])
        let stage = try NormalizeStage(configuration: configuration(parsed.inputs))
        let manifest = try stage.run()
        #expect(manifest.inputs.map(\.path) == [accounts, a, b, c])
        #expect(manifest.status == "rejects-exceeded")
        let violations = stage.rejectPolicyViolations(manifest.inputs)
        #expect(
            violations.count == 1 && violations.first?.hasPrefix("\(b): 1 of 2 rows rejected") == true, "\(violations)")
    }

    @Test(
        "a glob that matches no file is an input missing when the inputs are opened, as a missing file is",
        arguments: ["exports/usage-*.csv.zst", "exports/usage-2026-06-10.csv.zst"])
    func globMatchingNothing(path: String) throws {
        let accounts = folder.write("accounts.csv", Self.accountsHeader + Self.accountsRow)
        let parsed = try PipelineConfiguration.parse(
            yaml: "inputs:\n  - kind: accounts\n    path: accounts.csv\n  - kind: usage\n    path: \(path)\n",
            file: folder.file("p.yaml"))
        let missing = folder.file(path)
        #expect(parsed.inputs.map(\.paths) == [[accounts], [missing]])
        let stage = try NormalizeStage(configuration: configuration(parsed.inputs))
        let error = kycError { _ = try stage.run() }
        #expect(error?.code == .fileUnreadable)
        #expect(error?.location == SourceLocation(file: missing), "\(String(describing: error))")
        #expect(
            error?.message
                == (path.contains("*")
                    ? "cannot open for reading: no file matches this glob"
                    : "cannot open for reading: No such file or directory"),
            "\(String(describing: error))")
        // The folder is made, with no manifest: the night is unfinished, whichever path is missing.
        #expect(FileManager.default.fileExists(atPath: folder.file("out")))
        #expect(!FileManager.default.fileExists(atPath: folder.file("out/manifest.json")))
        let validated = kycError {
            _ = try PipelineValidator(configuration: configuration(parsed.inputs)).validate(sampleRows: 10)
        }
        #expect(validated == error)
    }

    @Test(
        "the reject share is over the rows that are not skipped, and a share exactly at the limit passes",
        arguments: [(0.5, true), (0.4, false)])
    func rejectShareWithoutSkipped(limit: Double, passes: Bool) throws {
        let lines = try String(contentsOfFile: RepositoryPaths.fixtures + "/focus-gpu-lines.csv", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        // A GPU line, the same with no number for its quantity, and a credit line.
        let broken = lines[1].replacingOccurrences(of: "8.000000000000000,\"Hrs\"", with: "nan,\"Hrs\"")
        #expect(broken != lines[1])
        let path = folder.write("focus.csv", [lines[0], lines[1], broken, lines[2]].joined(separator: "\n") + "\n")
        let stage = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .usage, paths: [path], layout: .focus, maxRejectShare: limit)
            ]))
        let manifest = try stage.run()
        let input = try #require(manifest.inputs.first)
        #expect(input.rowsIn == 3 && input.rowsSkipped == 1 && input.rowsRejected == 1 && input.rowsAccepted == 1)
        // One of the two usage lines rejected is 50 %: at a limit of 50 % it passes; over all three
        // lines it would be 33 %, under a limit of 40 %.
        #expect(manifest.status == (passes ? "succeeded" : "rejects-exceeded"))
        #expect(
            stage.rejectPolicyViolations(manifest.inputs)
                == (passes
                    ? []
                    : [
                        "\(path): 1 of 2 rows rejected (1 more skipped as not usage) (50%, policy allows 40%); "
                            + "most common: unparseable-value 1"
                    ]))
    }

    @Test(
        "FOCUS GPU lines of no quantity, a unit not hours or a period of no length are rejected, naming the file's column",
        arguments: [
            (
                "0x10", "\"Hrs\"", "2026-06-04 14:00:00", "unparseable-value", "ConsumedQuantity",
                "'0x10' is not a number"
            ),
            ("nan", "\"Hrs\"", "2026-06-04 14:00:00", "unparseable-value", "ConsumedQuantity", "'nan' is not a number"),
            ("-8", "\"Hrs\"", "2026-06-04 14:00:00", "negative-quantity", "ConsumedQuantity", "-8 is negative"),
            (
                "NULL", "\"Hrs\"", "2026-06-04 14:00:00", "missing-field", "ConsumedQuantity",
                "is 'NULL' on a line of p5"
            ),
            ("", "\"Hrs\"", "2026-06-04 14:00:00", "missing-field", "ConsumedQuantity", "is empty on a line of p5"),
            ("8", "NULL", "2026-06-04 14:00:00", "missing-field", "ConsumedUnit", "ConsumedUnit is 'NULL'"),
            ("8", "\"hourglass\"", "2026-06-04 14:00:00", "unparseable-value", "ConsumedUnit", "'hourglass' of a GPU"),
            ("8", "\"Hrs\"", "2026-06-04 13:00:00", "absurd-quantity", "end_time", "charge period of no length"),
        ])
    func focusGPUValues(
        quantity: String, unit: String, periodEnd: String, reason: String, column: String, message: String
    ) throws {
        let lines = try String(contentsOfFile: RepositoryPaths.fixtures + "/focus-gpu-lines.csv", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true)
        let line = String(lines[1])
            .replacingOccurrences(of: "8.000000000000000,\"Hrs\"", with: "\(quantity),\(unit)")
            .replacingOccurrences(of: "\"2026-06-04 14:00:00\"", with: "\"\(periodEnd)\"")
        #expect(line != String(lines[1]))
        let path = folder.write("focus.csv", lines[0] + "\n" + line + "\n")
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .usage, paths: [path], layout: .focus, maxRejectShare: 1)
            ])
        ).run()
        #expect(manifest.inputs.first?.rejectedByReason == [reason: 1])
        let reject = try #require(try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows.first)
        #expect(reject[2] == column)
        #expect(reject[4].contains(message), "\(reject[4])")
    }

    @Test(
        "Slurm sacct -P: GPUs from AllocTRES, steps and jobs never started set aside, a running job counted to its Elapsed"
    )
    func slurmSacct() throws {
        let path = RepositoryPaths.fixtures + "/slurm-sacct.txt"
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .usage, paths: [path], layout: .slurm, maxRejectShare: 1)
            ])
        ).run()
        let input = try #require(manifest.inputs.first)
        #expect(input.rowsIn == 10)
        #expect(input.rejectedByReason == ["unknown-accelerator": 2, "end-before-start": 1])
        // Job steps are skipped, not rejected: the job's own line carries their allocation. So are a
        // pending job and one cancelled before it started: they used nothing.
        #expect(input.skippedByReason == ["not-usage": 4])
        #expect(input.reconciles)
        #expect(try rejects(in: folder.file("out")).allSatisfy { $0.reason != "not-usage" })
        let output = try readRecords(CSVReader(path: folder.file("out/usage.csv.zst")))
        let header = CanonicalRow.header(for: .usage)
        let byJob = Dictionary(uniqueKeysWithValues: output.rows.map { ($0[0], $0) })
        #expect(byJob["frontier-a:4412"]?[header.firstIndex(of: "accelerator_count")!] == "16")
        #expect(byJob["frontier-a:4412"]?[header.firstIndex(of: "accelerator_model")!] == "H100-SXM5-80GB")
        #expect(byJob["frontier-a:4414"]?[header.firstIndex(of: "accelerator_count")!] == "0")
        // Still running at the export (End=Unknown): its usage so far, Start plus Elapsed (2-03:00:00).
        #expect(byJob["frontier-a:4415"]?[header.firstIndex(of: "end_time")!] == "2026-06-06T15:00:00Z")
        #expect(byJob["frontier-a:4415"]?[header.firstIndex(of: "accelerator_count")!] == "8")
    }

    @Test("a running Slurm job without Elapsed is rejected, saying what to add to sacct's format")
    func slurmRunningWithoutElapsed() throws {
        let usage = folder.write(
            "sacct.txt",
            "JobID|JobIDRaw|Cluster|Account|AllocTRES|Start|End|NodeList\n"
                + "9|9|c|lab|gres/gpu:h100=8|2026-06-04T12:00:00|Unknown|gpu1\n")
        _ = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .usage, paths: [usage], layout: .slurm, maxRejectShare: 1)
            ])
        ).run()
        let reject = try #require(try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows.first)
        #expect(reject[3] == "unparseable-value")
        #expect(reject[4].contains("add Elapsed to sacct's --format"), "\(reject[4])")
    }

    @Test(
        "a running Slurm job whose Elapsed is empty or no duration is rejected at Elapsed, saying so",
        arguments: [
            ("garbage", "unparseable-value", "Elapsed 'garbage' is no duration sacct writes"),
            ("-5:00:00", "unparseable-value", "Elapsed '-5:00:00' is no duration sacct writes"),
            ("", "missing-field", "Elapsed is empty"),
        ])
    func slurmRunningWithBadElapsed(elapsed: String, reason: String, message: String) throws {
        _ = try normalizeSlurmExports(["9|9|c|lab|gres/gpu:h100=8|2026-06-04T12:00:00|Unknown|\(elapsed)|gpu1"])
        let reject = try #require(try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows.first)
        #expect(reject[2] == "Elapsed" && reject[3] == reason, "\(reject)")
        #expect(reject[4].contains(message) && !reject[4].contains("add Elapsed"), "\(reject[4])")
    }

    /// Normalizes the Slurm exports `lines` (each a line of one export file, in order) and returns the
    /// manifest and the usage written.
    private func normalizeSlurmExports(_ lines: [String]) throws -> (StageManifest, [[String]]) {
        let header = "JobID|JobIDRaw|Cluster|Account|AllocTRES|Start|End|Elapsed|NodeList\n"
        let paths = lines.enumerated().map { folder.write("day\($0.offset).txt", header + $0.element + "\n") }
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .usage, paths: paths, layout: .slurm, maxRejectShare: 1)
            ])
        ).run()
        return (manifest, try readRecords(CSVReader(path: folder.file("out/usage.csv.zst"))).rows)
    }

    private static let runningJob = "9|9|c|lab|gres/gpu:h100=16|2026-06-04T08:00:00|Unknown|16:00:00|gpu[1-2]"
    private static let finishedJob =
        "9|9|c|lab|gres/gpu:h100=16|2026-06-04T08:00:00|2026-06-05T20:00:00|1-12:00:00|gpu[1-2]"

    @Test("a Slurm job read running in one export and finished in a later one counts once, in full")
    func slurmRunningThenFinished() throws {
        let (manifest, rows) = try normalizeSlurmExports([Self.runningJob, Self.finishedJob])
        let header = CanonicalRow.header(for: .usage)
        let column = { (name: String) in header.firstIndex(of: name)! }
        // The later line is kept for the time after the earlier one: 16 hours, then 20 more.
        #expect(rows.map { $0[column("record_id")] } == ["c:9", "c:9@2026-06-05T00:00:00Z"])
        #expect(rows.map { $0[column("start_time")] } == ["2026-06-04T08:00:00Z", "2026-06-05T00:00:00Z"])
        #expect(rows.map { $0[column("end_time")] } == ["2026-06-05T00:00:00Z", "2026-06-05T20:00:00Z"])
        #expect(rows.allSatisfy { $0[column("accelerator_count")] == "16" })
        let inputs = manifest.inputs
        #expect(inputs.map(\.rowsAccepted) == [1, 1])
        #expect(inputs.map(\.rowsRejected) == [0, 0])
        #expect(inputs.map { $0.flagged[UsageDeliveryCheck.continuedJobFlag] } == [nil, 1])
        #expect(inputs.allSatisfy { $0.reconciles })
    }

    @Test("a Slurm job holding two GPU models counts both, a record per model; the untyped total is not counted again")
    func slurmTwoModels() throws {
        let (manifest, rows) = try normalizeSlurmExports([
            "4412|4412|c|lab|billing=16,cpu=32,gres/gpu:a100=4,gres/gpu:v100=4,gres/gpu=8,mem=500G,node=2|"
                + "2026-06-04T08:00:00|2026-06-04T20:00:00|12:00:00|gpu[1-2]"
        ])
        let header = CanonicalRow.header(for: .usage)
        let column = { (name: String) in rows.map { $0[header.firstIndex(of: name)!] } }
        #expect(column("record_id") == ["c:4412#a100", "c:4412#v100"])
        #expect(column("job_id") == ["c:4412", "c:4412"])
        #expect(column("resource_id") == ["gpu[1-2]#a100", "gpu[1-2]#v100"])
        #expect(column("accelerator_model") == ["A100-SXM4-40GB", "V100-SXM2-16GB"])
        #expect(column("accelerator_count") == ["4", "4"])
        #expect(column("start_time") == ["2026-06-04T08:00:00Z", "2026-06-04T08:00:00Z"])
        #expect(column("end_time") == ["2026-06-04T20:00:00Z", "2026-06-04T20:00:00Z"])
        // One row in, one accepted, written as two records.
        let input = try #require(manifest.inputs.first)
        #expect(input.rowsIn == 1)
        #expect(input.rowsAccepted == 1)
        #expect(input.rowsRejected == 0)
        // Flags count rows too: the job's account, which no accounts export has, is one row's.
        #expect(input.flagged == ["several-gpu-models": 1, "unknown-account": 1])
        #expect(input.reconciles)
        #expect(manifest.outputs.first { $0.path.hasSuffix("usage.csv.zst") }?.rows == 2)
    }

    @Test(
        "AllocTRES items named like gres/gpu but not GPUs (gpumem, gpuutil) count no GPUs",
        arguments: [
            "cpu=64,gres/gpu:h100=8,gres/gpu=8,gres/gpuutil=100,mem=1T,node=1",
            "cpu=64,gres/gpumem=81920,gres/gpu:h100=8,gres/gpu=8,node=1",
            "cpu=64,gres/gpu:h100=8,gres/gpumem=80G,node=1",
        ])
    func slurmOtherGPUResources(tres: String) throws {
        let (manifest, rows) = try normalizeSlurmExports([
            "7|7|c|lab|\(tres)|2026-06-04T08:00:00|2026-06-04T10:00:00|02:00:00|g1"
        ])
        let header = CanonicalRow.header(for: .usage)
        #expect(rows.map { $0[header.firstIndex(of: "accelerator_count")!] } == ["8"])
        #expect(manifest.inputs.first?.rowsAccepted == 1)
    }

    @Test("a GPU model of no GPUs beside another is not a model of the job: its row is one record")
    func slurmModelOfNoGPUs() throws {
        let (manifest, rows) = try normalizeSlurmExports([
            "5|5|c|lab|gres/gpu:a100=4,gres/gpu:v100=0,gres/gpu=4|2026-06-04T08:00:00|2026-06-04T10:00:00|02:00:00|g1"
        ])
        let header = CanonicalRow.header(for: .usage)
        #expect(rows.map { $0[header.firstIndex(of: "record_id")!] } == ["c:5"])
        #expect(rows.map { $0[header.firstIndex(of: "accelerator_model")!] } == ["A100-SXM4-40GB"])
        #expect(rows.map { $0[header.firstIndex(of: "accelerator_count")!] } == ["4"])
        #expect(manifest.inputs.first?.flagged[UsageDeliveryCheck.severalModelsFlag] == nil)
    }

    @Test("a Slurm job of two GPU models read running, then finished, then again counts each model's time once")
    func slurmTwoModelsContinued() throws {
        let job = "9|9|c|lab|gres/gpu:v100=4,gres/gpu:a100=4,gres/gpu=8|2026-06-04T08:00:00|"
        let running = job + "Unknown|16:00:00|gpu[1-2]"
        let finished = job + "2026-06-05T20:00:00|1-12:00:00|gpu[1-2]"
        let (manifest, rows) = try normalizeSlurmExports([running, finished, finished])
        let header = CanonicalRow.header(for: .usage)
        let column = { (name: String) in rows.map { $0[header.firstIndex(of: name)!] } }
        #expect(
            column("record_id") == [
                "c:9#a100", "c:9#v100", "c:9@2026-06-05T00:00:00Z#a100", "c:9@2026-06-05T00:00:00Z#v100",
            ])
        #expect(
            column("accelerator_model") == ["A100-SXM4-40GB", "V100-SXM2-16GB", "A100-SXM4-40GB", "V100-SXM2-16GB"])
        #expect(
            column("end_time") == [
                "2026-06-05T00:00:00Z", "2026-06-05T00:00:00Z", "2026-06-05T20:00:00Z", "2026-06-05T20:00:00Z",
            ])
        let inputs = manifest.inputs
        #expect(inputs.map(\.rowsAccepted) == [1, 1, 0])
        #expect(inputs.map(\.rowsDeduplicated) == [0, 0, 1])
        #expect(inputs.map { $0.flagged[UsageDeliveryCheck.continuedJobFlag] } == [nil, 1, nil])
        #expect(inputs.allSatisfy { $0.reconciles })
        // The same job with another allocation is not the job read before: one conflict, its one row.
        let other = finished.replacingOccurrences(of: "v100=4,gres/gpu:a100=4", with: "v100=2,gres/gpu:a100=6")
        let (conflicted, kept) = try normalizeSlurmExports([running, other])
        #expect(kept.count == 2)
        #expect(conflicted.inputs.map(\.rowsRejected) == [0, 1])
        #expect(conflicted.inputs.allSatisfy { $0.reconciles })
    }

    @Test("a Slurm job read finished, then running in an older export, is a re-delivery")
    func slurmFinishedThenRunning() throws {
        let (manifest, rows) = try normalizeSlurmExports([Self.finishedJob, Self.runningJob])
        #expect(rows.count == 1)
        #expect(rows.first?[CanonicalRow.header(for: .usage).firstIndex(of: "end_time")!] == "2026-06-05T20:00:00Z")
        #expect(manifest.inputs.last?.rowsDeduplicated == 1)
        #expect(manifest.inputs.last?.flagged[UsageDeliveryCheck.continuedJobFlag] == nil)
    }

    @Test("a Slurm job read three times as it runs is continued each time, never counted twice")
    func slurmRunningThrice() throws {
        let later = Self.runningJob.replacingOccurrences(of: "16:00:00", with: "1-04:00:00")
        let (_, rows) = try normalizeSlurmExports([Self.runningJob, later, Self.runningJob, Self.finishedJob])
        let header = CanonicalRow.header(for: .usage)
        let interval = { (row: [String]) in
            row[header.firstIndex(of: "start_time")!] + " " + row[header.firstIndex(of: "end_time")!]
        }
        #expect(
            rows.map(interval) == [
                "2026-06-04T08:00:00Z 2026-06-05T00:00:00Z", "2026-06-05T00:00:00Z 2026-06-05T12:00:00Z",
                "2026-06-05T12:00:00Z 2026-06-05T20:00:00Z",
            ])
    }

    @Test("a Slurm job cut into daily slices (sacct --truncate) counts each slice once")
    func slurmTruncatedSlices() throws {
        let job = "900|900|c|lab|gres/gpu:h100=8|"
        let slices = [
            job + "2026-06-04T06:00:00|2026-06-05T00:00:00|18:00:00|gpu1",
            job + "2026-06-05T00:00:00|2026-06-06T00:00:00|1-00:00:00|gpu1",
            job + "2026-06-06T00:00:00|2026-06-06T12:00:00|12:00:00|gpu1",
        ]
        // The middle day arrives last, and the whole job read again adds nothing.
        let whole = job + "2026-06-04T06:00:00|2026-06-06T12:00:00|2-06:00:00|gpu1"
        let (manifest, rows) = try normalizeSlurmExports([slices[0], slices[2], slices[1], whole])
        let header = CanonicalRow.header(for: .usage)
        let column = { (name: String) in header.firstIndex(of: name)! }
        #expect(
            rows.map { $0[column("record_id")] } == [
                "c:900", "c:900@2026-06-06T00:00:00Z", "c:900@2026-06-05T00:00:00Z",
            ])
        let hours = rows.map { row in
            (TimestampParser.utc.parse(row[column("end_time")])! - TimestampParser.utc.parse(row[column("start_time")])!)
                / 3_600_000
        }
        #expect(hours.reduce(0, +) == 54)
        #expect(manifest.inputs.last?.rowsDeduplicated == 1)
    }

    @Test("the same JobIDRaw on two clusters is two jobs")
    func slurmTwoClusters() throws {
        let east = "4412|4412|east|lab-a|gres/gpu:h100=8|2026-06-04T08:00:00|2026-06-04T10:00:00|02:00:00|e1"
        let west = "4412|4412|west|lab-b|gres/gpu:h100=8|2026-06-04T08:00:00|2026-06-04T10:00:00|02:00:00|w1"
        let (manifest, rows) = try normalizeSlurmExports([east, west])
        let header = CanonicalRow.header(for: .usage)
        #expect(rows.map { $0[header.firstIndex(of: "record_id")!] } == ["east:4412", "west:4412"])
        #expect(rows.map { $0[header.firstIndex(of: "job_id")!] } == ["east:4412", "west:4412"])
        #expect(manifest.inputs.map(\.rowsRejected) == [0, 0])
    }

    @Test("a Slurm job read again under another account is not the same job: a conflict that says so")
    func slurmOtherAccount() throws {
        let other = Self.finishedJob.replacingOccurrences(of: "|lab|", with: "|other-lab|")
        let (_, rows) = try normalizeSlurmExports([Self.runningJob, other])
        #expect(rows.count == 1)
        let reject = try #require(try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows.first)
        #expect(reject[3] == "conflicting-delivery")
        #expect(reject[4].contains("another Account or AllocTRES"), "\(reject[4])")
    }

    @Test("sacct never quotes: a job name holding quotes is read as written, and does not swallow the lines after it")
    func slurmQuotesAreText() throws {
        let header = "JobID|JobIDRaw|JobName|Cluster|Account|AllocTRES|Start|End|NodeList\n"
        let usage = folder.write(
            "sacct.txt",
            header + "1|1|train \"big\" model|c|lab|gres/gpu:h100=8|2026-06-04T08:00:00|2026-06-04T10:00:00|gpu1\n"
                + "2|2|\"sweep lr=3e-4|c|lab|gres/gpu:h100=8|2026-06-04T08:00:00|2026-06-04T10:00:00|gpu2\n"
                + "3|3|plain|c|lab|gres/gpu:h100=8|2026-06-04T08:00:00|2026-06-04T10:00:00|gpu3\n"
                + "4|4|\"bad|c|lab|gres/gpu:h100=8|2026-06-04T08:00:00|Sometime|gpu4\n")
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .usage, paths: [usage], layout: .slurm, maxRejectShare: 1)
            ])
        ).run()
        #expect(manifest.inputs.first?.rowsAccepted == 3)
        let reject = try #require(try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows.first)
        #expect(reject[1] == "5")
        // The raw text is the line as written: no quoting added.
        #expect(reject[5] == "4|4|\"bad|c|lab|gres/gpu:h100=8|2026-06-04T08:00:00|Sometime|gpu4", "\(reject[5])")
    }

    @Test("a Slurm End in the hour the clocks go back is the occurrence Elapsed says")
    func slurmEndAtFallBack() throws {
        let usage = folder.write(
            "sacct.txt",
            "JobID|JobIDRaw|Cluster|Account|AllocTRES|Start|End|Elapsed|NodeList\n"
                + "1|1|c|lab|gres/gpu:h100=8|2026-11-01T01:30:00|2026-11-01T01:45:00|01:15:00|gpu1\n"
                + "2|2|c|lab|gres/gpu:h100=8|2026-11-01T01:30:00|2026-11-01T01:45:00|00:15:00|gpu2\n")
        _ = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .usage, paths: [usage], layout: .slurm, timeZone: "America/New_York")
            ])
        ).run()
        let rows = try readRecords(CSVReader(path: folder.file("out/usage.csv.zst"))).rows
        let end = CanonicalRow.header(for: .usage).firstIndex(of: "end_time")!
        #expect(rows.map { $0[end] } == ["2026-11-01T06:45:00Z", "2026-11-01T05:45:00Z"])
    }

    @Test("customer types and payment methods are read whatever their case, spaces or common synonym")
    func accountWordsAsWritten() throws {
        let header = "account_id,created_at,customer_type,legal_name,country,email,payment_method\n"
        let accounts = folder.write(
            "accounts.csv",
            header + "a1,2025-01-02,organization ,Acme,US,ops@acme.example,RESELLER \n"
                + "a2,2025-01-02,Corporation,Beta,US,ops@beta.example,card\n"
                + "a3,2025-01-02,personal,Cy Doe,US,cy@doe.example,\n"
                + "a4,2025-01-02,robot,Dee,US,dee@dee.example,\n")
        let manifest = try NormalizeStage(
            configuration: configuration([
                InputSpecification(kind: .accounts, paths: [accounts], maxRejectShare: 1)
            ])
        ).run()
        #expect(manifest.inputs.first?.rowsAccepted == 3)
        let rows = try readRecords(CSVReader(path: folder.file("out/accounts.csv.zst")))
        let type = try #require(CanonicalRow.header(for: .accounts).firstIndex(of: "customer_type"))
        let method = try #require(CanonicalRow.header(for: .accounts).firstIndex(of: "payment_method"))
        #expect(rows.rows.map { $0[type] } == ["organization", "organization", "individual"])
        #expect(rows.rows.first?[method] == "reseller")
        let reject = try #require(try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows.first)
        #expect(reject[4].contains("customer_type 'robot'"), "\(reject[4])")
    }

    @Test("a sacct export without AllocTRES is refused at its header: every job would read as without GPUs")
    func slurmWithoutAllocTRES() throws {
        let usage = folder.write(
            "sacct.txt",
            "JobID|JobIDRaw|Cluster|Account|AllocGRES|Start|End|NodeList\n"
                + "9|9|c|lab|gpu:a100:8|2026-06-04T08:00:00|2026-06-04T10:00:00|gpu1\n")
        let error = #expect(throws: KYCWatchError.self) {
            try NormalizeStage(
                configuration: configuration([InputSpecification(kind: .usage, paths: [usage], layout: .slurm)])
            ).run()
        }
        #expect(error?.message.contains("lacks AllocTRES") == true, "\(String(describing: error))")
        #expect(error?.location?.line == 1)
    }

    @Test("the model AllocTRES names wins over a mapped one, which serves untyped GPUs")
    func slurmTypedModelWins() throws {
        let usage = folder.write(
            "sacct.txt",
            "JobID|JobIDRaw|Cluster|Account|AllocTRES|Start|End|NodeList\n"
                + "1|1|c|lab|gres/gpu:a100=8,gres/gpu=8|2026-06-04T08:00:00|2026-06-04T10:00:00|gpu1\n"
                + "2|2|c|lab|gres/gpu=8|2026-06-04T08:00:00|2026-06-04T10:00:00|gpu2\n")
        _ = try NormalizeStage(
            configuration: configuration([
                InputSpecification(
                    kind: .usage, paths: [usage], layout: .slurm,
                    columns: ["accelerator_model": .constant("H100-SXM5-80GB")])
            ])
        ).run()
        let rows = try readRecords(CSVReader(path: folder.file("out/usage.csv.zst"))).rows
        #expect(
            rows.map { $0[CanonicalRow.header(for: .usage).firstIndex(of: "accelerator_model")!] } == [
                "A100-SXM4-40GB", "H100-SXM5-80GB",
            ])
    }

    @Test(
        "GPU models that do not account for the untyped total, or that the catalogue lacks, are rejected, saying which"
    )
    func slurmModelsRejected() throws {
        let times = "|2026-06-04T08:00:00|2026-06-04T10:00:00|02:00:00|gpu1"
        let (_, rows) = try normalizeSlurmExports([
            "3|3|c|lab|gres/gpu:a100=4,gres/gpu:v100=4,gres/gpu=10" + times,
            "4|4|c|lab|gres/gpu:a100=4,gres/gpu:mi999=4,gres/gpu=8" + times,
        ])
        #expect(rows.isEmpty)
        let rejects = try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows
        #expect(rejects.map { $0[3] } == ["unknown-accelerator", "unknown-accelerator"])
        #expect(rejects.first?[4].contains("2 of its 10 GPUs (gres/gpu=10) have no model") == true, "\(rejects)")
        #expect(rejects.last?[4].contains("mi999") == true, "\(rejects)")
        #expect(rejects.last?[4].contains("accelerators.csv") == true, "\(rejects)")
    }

    @Test(
        "a GPU item without a count, or one model beside a total it does not account for, is rejected, not counted as another",
        arguments: [
            ("gres/gpu:h100=4,gres/gpu=12", "unknown-accelerator", "8 of its 12 GPUs (gres/gpu=12) have no model"),
            ("gres/gpu:h100=12,gres/gpu=4", "unparseable-value", "names 12 GPUs by model (h100=12) but 4 in all"),
            ("gres/gpu:a100=4,gres/gpu:v100=4,gres/gpu=6", "unparseable-value", "names 8 GPUs by model"),
            ("cpu=8,gres/gpu:h100=,node=1", "unparseable-value", "AllocTRES item 'gres/gpu:h100=' has no whole count"),
            ("cpu=8,gres/gpu:h100,node=1", "unparseable-value", "AllocTRES item 'gres/gpu:h100' has no whole count"),
            ("gres/gpu=", "unparseable-value", "AllocTRES item 'gres/gpu=' has no whole count"),
        ])
    func slurmCountsUnaccounted(tres: String, reason: String, message: String) throws {
        let times = "|2026-06-04T08:00:00|2026-06-04T10:00:00|02:00:00|gpu1"
        let (_, rows) = try normalizeSlurmExports([
            "3|3|c|lab|\(tres)" + times, "4|4|c|lab|gres/gpu:h100=8,gres/gpu=8,gres/gpumem=80G" + times,
        ])
        // The job whose figures agree is read, with its 8 GPUs.
        #expect(rows.count == 1)
        let count = try #require(CanonicalRow.header(for: .usage).firstIndex(of: "accelerator_count"))
        #expect(rows.first?[count] == "8")
        let rejects = try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows
        #expect(rejects.map { $0[3] } == [reason], "\(rejects)")
        #expect(rejects.first?[4].contains(message) == true, "\(rejects)")
    }

    @Test("untyped GPUs without a mapped model are rejected, saying to map accelerator_model")
    func slurmUntypedWithoutModel() throws {
        let (_, rows) = try normalizeSlurmExports([
            "3|3|c|lab|gres/gpu=1|2026-06-04T08:00:00|2026-06-04T10:00:00|02:00:00|gpu1"
        ])
        #expect(rows.isEmpty)
        let reject = try #require(try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows.first)
        #expect(reject[2] == "accelerator_model")
        #expect(reject[4].contains("map accelerator_model under `columns:`"), "\(reject[4])")
    }

    @Test(
        "Slurm durations read as Elapsed writes them",
        arguments: [
            ("00:45", Int64(45_000)), ("01:30:00", 5_400_000), ("1-00:00:00", 86_400_000),
            ("12-03:04:05", 12 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5_000),
        ] as [(String, Int64)])
    func slurmDurations(text: String, milliseconds: Int64) {
        #expect(UsageNormalizer.slurmDuration(text) == milliseconds)
    }

    @Test(
        "text that is not a Slurm duration is not read as one",
        arguments: ["", "Unknown", "1:2:3:4", "00:60", "-1:00", "1-", "+1:00", "01:30:0x"])
    func notSlurmDurations(text: String) {
        #expect(UsageNormalizer.slurmDuration(text) == nil)
    }

    @Test("a reject names a mapped column as the file calls it too")
    func rejectNamesSourceColumn() throws {
        _ = folder.write(
            "u.csv",
            "RecId,account_id,resource_id,start_time,end_time,Util\n"
                + "r1,acct-1,i-1,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,n/a%\n")
        let yaml = """
            version: 1
            inputs:
              - kind: usage
                path: u.csv
                max_reject_share: 1
                columns:
                  record_id: { column: RecId }
                  accelerator_utilization: { column: Util }
            """
        var configuration = try PipelineConfiguration.parse(yaml: yaml, file: folder.file("p.yaml"))
        configuration.reference = .bundled(in: RepositoryPaths.reference)
        configuration.outputFolder = folder.file("out")
        _ = try NormalizeStage(configuration: configuration).run()
        let reject = try #require(try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows.first)
        #expect(reject[2] == "accelerator_utilization")
        #expect(reject[4].hasSuffix(" (column 'Util' of the file)"), "\(reject[4])")
    }

    @Test("a column the pipeline maps that the header lacks is the pipeline's mistake, at its line, leaving no folder")
    func mappedColumnMissing() async throws {
        let usage = folder.write("u.csv", Self.usageHeader)
        let yaml = """
            version: 1
            inputs:
              - kind: usage
                path: u.csv
                columns:
                  record_id: { column: RecId }
            """
        var configuration = try PipelineConfiguration.parse(yaml: yaml, file: folder.file("p.yaml"))
        configuration.reference = .bundled(in: RepositoryPaths.reference)
        configuration.outputFolder = folder.file("out")
        let error = kycError { try NormalizeStage(configuration: configuration).run() }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.location?.file == folder.file("p.yaml"))
        #expect(error?.location?.line == 3)
        #expect(error?.message.contains("record_id (from RecId), which the header of \(usage) lacks") == true)
        // Stopped so, the stage leaves no folder of its own making, normalize or run alike, and a folder
        // that was there before stays.
        #expect(!FileManager.default.fileExists(atPath: folder.file("out")))
        configuration.outputFolder = folder.file("night")
        let stage = DetectStage(configuration: configuration, runDate: "2026-11-28", shards: 2)
        let detectError = await #expect(throws: KYCWatchError.self) { _ = try await stage.run(stage: "run") }
        #expect(detectError?.code == .invalidConfiguration)
        #expect(!FileManager.default.fileExists(atPath: folder.file("night")))
        try FileManager.default.createDirectory(atPath: folder.file("kept"), withIntermediateDirectories: false)
        configuration.outputFolder = folder.file("kept")
        #expect(kycError { try NormalizeStage(configuration: configuration).run() }?.code == .invalidConfiguration)
        #expect(FileManager.default.fileExists(atPath: folder.file("kept")))
    }

    @Test(
        "an optional column the pipeline maps that the header lacks is the pipeline's mistake too, not a column left unread",
        arguments: [
            ("job_id", "Job_Name", "job_id (from Job_Name)"),
            ("accelerator_utilization", "Utilization", "accelerator_utilization (from Utilization)"),
            ("cluster_id", "cluster_id", "cluster_id"),
        ])
    func mappedOptionalColumnMissing(field: String, column: String, named: String) throws {
        let usage = folder.write("u.csv", Self.usageHeader)
        let yaml = """
            version: 1
            inputs:
              - kind: usage
                path: u.csv
                columns:
                  \(field): { column: \(column) }
            """
        var configuration = try PipelineConfiguration.parse(yaml: yaml, file: folder.file("p.yaml"))
        configuration.reference = .bundled(in: RepositoryPaths.reference)
        configuration.outputFolder = folder.file("out")
        let error = kycError { try NormalizeStage(configuration: configuration).run() }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.location?.file == folder.file("p.yaml"))
        #expect(error?.location?.line == 3)
        #expect(
            error?.message.contains("name \(named), which the header of \(usage) lacks") == true,
            "\(String(describing: error))")
    }

    @Test("a header read as one column because of another delimiter says which delimiter it looks like")
    func delimiterHint() throws {
        let usage = folder.write("u.csv", Self.usageHeader.replacingOccurrences(of: ",", with: ";"))
        let error = kycError {
            try NormalizeStage(configuration: configuration([InputSpecification(kind: .usage, paths: [usage])])).run()
        }
        #expect(error?.code == .csvHeader)
        #expect(
            error?.message.contains("it looks delimited by ';': set `delimiter:`") == true,
            "\(String(describing: error))")
    }

    @Test("a rejected row's raw text reads back as the row's fields, whatever they hold")
    func rawTextReadsBack() async {
        // Ten fields where the header has nine: every row is ragged, and its raw text is all there is of it.
        let rows = CSVRoundTripTests.field.array(of: 10...10).array(of: 1...8)
        await propertyCheck(count: 25, input: rows) { rows in
            let folder = TemporaryFolder()
            do {
                let writer = CSVWriter(destination: try OutputFile(path: folder.file("accounts.csv")))
                try writer.writeRow(Self.accountsHeader.dropLast().split(separator: ",").map(String.init))
                for row in rows { try writer.writeRow(row) }
                try writer.finish()
                _ = try NormalizeStage(
                    configuration: configuration(
                        [InputSpecification(kind: .accounts, paths: [folder.file("accounts.csv")], maxRejectShare: 1)],
                        out: folder.file("out"))
                ).run()
                let raw = try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows.map { $0[5] }
                let reread = folder.write(
                    "raw.csv", (["h1,h2,h3,h4,h5,h6,h7,h8,h9,h10"] + raw).joined(separator: "\n") + "\n")
                #expect(try readRecords(CSVReader(path: reread)).rows == rows)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test("a reject share over the policy fails the stage after writing the rejects")
    func rejectPolicy() throws {
        let accounts = folder.write(
            "accounts.csv",
            Self.accountsHeader + Self.accountsRow + "acct-2,not-a-date,organization,B,US,b@b.example,,,\n")
        let stage = try NormalizeStage(
            configuration: configuration([InputSpecification(kind: .accounts, paths: [accounts], maxRejectShare: 0.1)]))
        let error = stage.rejectPolicyError(try stage.run())
        #expect(error?.code == .rejectPolicyExceeded)
        #expect(error?.message.contains("1 of 2 rows rejected") == true)
        #expect(try rejects(in: folder.file("out")).map(\.reason) == ["unparseable-value"])
        #expect(FileManager.default.fileExists(atPath: folder.file("out/manifest.json")))
    }

    @Test("a header without a required column is an error naming it")
    func missingRequiredColumn() throws {
        let usage = folder.write("usage.csv", "record_id,account_id\nu1,a\n")
        let error = kycError {
            try NormalizeStage(configuration: configuration([InputSpecification(kind: .usage, paths: [usage])])).run()
        }
        #expect(error?.code == .csvHeader)
        #expect(error?.message.contains("resource_id") == true)
    }

    @Test(
        "a column kycwatch reads that the header names twice is an error at the second; one it does not read may repeat",
        arguments: [("accelerator_count", true), (" accelerator_count", true), ("notes", false)])
    func repeatedColumn(extra: String, refused: Bool) throws {
        let header = Self.usageHeader.dropLast() + ",\(extra),notes\n"
        let usage = folder.write(
            "usage.csv",
            header + "u1,acct-1,i-1,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.5,,1024,x\n")
        let error = kycError {
            try NormalizeStage(configuration: configuration([InputSpecification(kind: .usage, paths: [usage])])).run()
        }
        if refused {
            #expect(error?.code == .csvHeader)
            #expect(error?.location?.column == header.split(separator: ",").count - 1, "\(String(describing: error))")
            #expect(error?.message.contains("names column 'accelerator_count' twice (columns 6 and 11)") == true)
        } else {
            #expect(error == nil, "\(String(describing: error))")
        }
    }

    @Test("a value kycwatch reads that is not UTF-8 rejects its row, so ids never merge once repaired")
    func invalidUTF8() throws {
        var bytes = Array((Self.accountsHeader.dropLast() + ",notes\n").utf8)
        // Two ids that differ only in an invalid byte, a Latin-1 name, valid UTF-8, and Latin-1 in a
        // column kycwatch does not read.
        for (id, name, notes) in [
            ([0x61, 0xFF], [0x41], [0x78]), ([0x61, 0xFE], [0x41], [0x78]), ([0x62], [0x43, 0x61, 0x66, 0xE9], [0x78]),
            ([0x63], [0x43, 0x61, 0x66, 0xC3, 0xA9], [0x78]), ([0x64], [0x41], [0xE9]),
        ] as [([UInt8], [UInt8], [UInt8])] {
            bytes += id + Array(",2025-01-02T03:04:05Z,organization,".utf8) + name
            bytes += Array(",US,ops@acme.example,+1 415 555 0100,,true,".utf8) + notes + [0x0A]
        }
        let path = folder.file("accounts.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let manifest = try NormalizeStage(
            configuration: configuration([InputSpecification(kind: .accounts, paths: [path], maxRejectShare: 1)])
        ).run()
        #expect(manifest.inputs[0].rowsAccepted == 2)
        #expect(manifest.inputs[0].rejectedByReason == ["invalid-utf8": 3])
        #expect(
            try rejects(in: folder.file("out")).map { "\($0.line) \($0.column)" }
                == ["2 account_id", "3 account_id", "4 legal_name"])
    }

    @Test(
        "a NUL byte in a value kycwatch reads rejects its row, so a re-delivery with one is not another record",
        arguments: [0, 3, 7, 8, 15])
    func nulByte(place: Int) throws {
        // The same row three times: as delivered, with a NUL `place` bytes into its record id (padded so
        // the NUL falls at every offset of an eight-byte word), and with one in a column not read.
        let id = "u-" + String(repeating: "0", count: 14)
        var idWithNUL = Array(id.utf8)
        idWithNUL.insert(0, at: place)
        let row = ",acct-1,i-1,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.5,"
        var bytes = Array((Self.usageHeader.dropLast() + ",notes\n").utf8)
        bytes += Array((id + row + ",x\n").utf8)
        bytes += idWithNUL + Array((row + ",x\n").utf8)
        bytes += Array((id + row + ",").utf8) + [0x78, 0x00] + [0x0A]
        let path = folder.file("usage.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let manifest = try NormalizeStage(
            configuration: configuration([InputSpecification(kind: .usage, paths: [path], maxRejectShare: 1)])
        ).run()
        let input = try #require(manifest.inputs.first)
        #expect(input.rowsAccepted == 1 && input.rowsDeduplicated == 1 && input.reconciles)
        #expect(input.rejectedByReason == ["nul-byte": 1])
        let rejected = try rejects(in: folder.file("out"))
        #expect(rejected.map { "\($0.line) \($0.column) \($0.reason)" } == ["3 record_id nul-byte"])
    }

    @Test("text is plain (ASCII, no NUL) only where every byte is", arguments: 0..<40)
    func plainText(length: Int) {
        for place in 0..<max(1, length) {
            for byte: UInt8 in [0x00, 0x41, 0x80, 0xFF, 0x01, 0x7F] {
                var bytes = [UInt8](repeating: 0x61, count: length)
                if length > 0 { bytes[place] = byte }
                let expected = bytes.allSatisfy { $0 != 0 && $0 < 0x80 }
                #expect(bytes.withUnsafeBytes(FieldText.isPlainText) == expected, "\(bytes)")
            }
        }
    }

    @Test(
        "a ragged row of megabytes is an oversized row, its raw text cut like any other",
        arguments: [String(repeating: "z", count: 300_000), String(repeating: ",", count: 300_000)])
    func raggedAndOversized(tail: String) throws {
        let path = folder.write("accounts.csv", Self.accountsHeader + Self.accountsRow.dropLast() + "," + tail + "\n")
        let manifest = try NormalizeStage(
            configuration: configuration([InputSpecification(kind: .accounts, paths: [path], maxRejectShare: 1)])
        ).run()
        #expect(manifest.inputs[0].rejectedByReason == ["oversized-row": 1])
        let raw = try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows.map { $0[5] }
        #expect(raw.count == 1 && raw[0].utf8.count < 2_000)
    }

    @Test(
        "access addresses are written in one canonical form, so one address is one address",
        arguments: [
            ("203.0.113.9", "203.0.113.9"), ("::ffff:203.0.113.9", "203.0.113.9"), ("::FFFF:CB00:7109", "203.0.113.9"),
            ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"), ("2001:db8::0:1", "2001:db8::1"), ("::1", "::1"),
            // As logs write them: the address read is the one kept.
            ("203.0.113.9:443", "203.0.113.9"), ("[2001:db8::1]:443", "2001:db8::1"), ("[2001:db8::1]", "2001:db8::1"),
            ("fe80::1%eth0", "fe80::1"), (" 203.0.113.9 ", "203.0.113.9"), ("\"203.0.113.9, 10.0.0.1\"", "203.0.113.9"),
        ])
    func canonicalAddress(written: String, canonical: String) throws {
        let path = folder.write(
            "access.csv", "event_id,account_id,timestamp,source_ip\ne1,acct-1,2026-06-01T00:00:00Z,\(written)\n")
        _ = try NormalizeStage(configuration: configuration([InputSpecification(kind: .access, paths: [path])])).run()
        let reader = try CSVReader(path: folder.file("out/access.csv.zst"))
        let column = try #require(reader.header.firstIndex(of: "source_ip"))
        #expect(try readRecords(reader).rows.map { $0[column] } == [canonical])
    }

    @Test("a source_ip no address can be read from is rejected, the message saying which forms are read")
    func unreadableAddress() throws {
        let path = folder.write(
            "access.csv",
            "event_id,account_id,timestamp,source_ip\ne1,acct-1,2026-06-01T00:00:00Z,300.12.5.1:443\n"
                + "e2,acct-1,2026-06-01T00:00:00Z,203.0.113.9:443\n")
        let manifest = try NormalizeStage(
            configuration: configuration([InputSpecification(kind: .access, paths: [path], maxRejectShare: 1)])
        ).run()
        #expect(manifest.inputs[0].rowsAccepted == 1)
        #expect(manifest.inputs[0].rejectedByReason == ["unparseable-value": 1])
        let message = try #require(try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows.first?[4])
        #expect(message.hasPrefix("source_ip '300.12.5.1:443' is not an IP address"), "\(message)")
        for form in ["203.0.113.5:443", "[2001:db8::1]:443", "fe80::1%eth0", "X-Forwarded-For"] {
            #expect(message.contains(form), "\(message)")
        }
    }

    @Test(
        "an access event id delivered again as the same event is a re-delivery; as another event, a conflict",
        arguments: [
            // (the second delivery of e1, whether it is the same event)
            ("e1,acct-1,2026-06-01T00:00:00Z,203.0.113.9,login,3", true),
            ("e1,acct-1,2026-06-01T00:00:00+00:00,203.0.113.9:443,LOGIN,3", true),
            ("e1,acct-2,2026-06-01T00:00:00Z,203.0.113.9,login,3", false),
            ("e1,acct-1,2026-06-02T00:00:00Z,203.0.113.9,login,3", false),
            ("e1,acct-1,2026-06-01T00:00:00Z,203.0.113.10,login,3", false),
            ("e1,acct-1,2026-06-01T00:00:00Z,203.0.113.9,api,3", false),
            ("e1,acct-1,2026-06-01T00:00:00Z,203.0.113.9,login,50", false),
            ("e1,acct-1,2026-06-01T00:00:00Z,203.0.113.9,,3", false),
        ])
    func repeatedEventID(again: String, same: Bool) throws {
        let path = folder.write(
            "access.csv",
            "event_id,account_id,timestamp,source_ip,action,count\ne1,acct-1,2026-06-01T00:00:00Z,203.0.113.9,login,3\n"
                + again + "\ne2,acct-1,2026-06-01T00:00:00Z,203.0.113.9,login,1\n")
        let manifest = try NormalizeStage(
            configuration: configuration([InputSpecification(kind: .access, paths: [path], maxRejectShare: 1)])
        ).run()
        let input = manifest.inputs[0]
        #expect(input.rowsAccepted == 2)
        #expect(input.rowsDeduplicated == (same ? 1 : 0))
        #expect(input.rejectedByReason == (same ? [:] : ["conflicting-delivery": 1]))
        #expect(input.reconciles)
        let rejected = try readRecords(CSVReader(path: folder.file("out/rejects.csv.zst"))).rows
        if !same {
            // The conflict is in the rejects with its values as read; the first delivery is kept.
            #expect(
                rejected.map { [$0[1], $0[2], $0[3], $0[5]] } == [["3", "event_id", "conflicting-delivery", again]])
            #expect(rejected.first?[4].hasPrefix("event_id e1 was delivered before as another event") == true)
        }
        let kept = try readRecords(CSVReader(path: folder.file("out/access.csv.zst"))).rows
        #expect(
            kept.map { Array($0[0...3]) } == [
                ["e1", "acct-1", "2026-06-01T00:00:00Z", "203.0.113.9"],
                ["e2", "acct-1", "2026-06-01T00:00:00Z", "203.0.113.9"],
            ])
    }

    @Test(
        "an optional country written as a placeholder for none is empty; the row is kept",
        arguments: [
            ("N/A", nil), ("n/a", nil), ("-", nil), ("--", nil), ("none", nil), ("NONE", nil), ("Unknown", nil),
            (" null ", nil), ("n.a.", nil), ("Not applicable", nil), ("NA", "NA"), ("CN", "CN"),
            ("Hong Kong SAR, China", "HK"), ("EL", "GR"),
        ] as [(String, String?)])
    func countryPlaceholder(written: String, country: String?) throws {
        let header =
            "account_id,created_at,customer_type,legal_name,country,email,headquarters_country,payment_country,"
            + "reseller_id,reseller_country\n"
        let quoted = "\"\(written)\""
        let path = folder.write(
            "accounts.csv",
            header + "acct-1,2025-01-02T03:04:05Z,organization,Acme,US,ops@acme.example,\(quoted),\(quoted),r-1,"
                + "\(quoted)\n")
        let manifest = try NormalizeStage(
            configuration: configuration([InputSpecification(kind: .accounts, paths: [path], maxRejectShare: 1)])
        ).run()
        #expect(manifest.inputs[0].rowsAccepted == 1)
        let reader = try CSVReader(path: folder.file("out/accounts.csv.zst"))
        let columns = ["headquarters_country", "payment_country", "reseller_country"].map {
            reader.header.firstIndex(of: $0)
        }
        let row = try #require(try readRecords(reader).rows.first)
        for column in columns {
            #expect(row[try #require(column)] == (country ?? ""))
        }
    }

    @Test("a placeholder in the declared country, which is required, still rejects the row")
    func declaredCountryPlaceholder() throws {
        let path = folder.write(
            "accounts.csv", Self.accountsHeader + Self.accountsRow.replacingOccurrences(of: ",US,", with: ",N/A,"))
        let manifest = try NormalizeStage(
            configuration: configuration([InputSpecification(kind: .accounts, paths: [path], maxRejectShare: 1)])
        ).run()
        #expect(manifest.inputs[0].rejectedByReason == ["unparseable-value": 1])
    }

    @Test(
        "rows of the accounts export rejected are listed by their account, for the night to tell them from absent ones")
    func rejectedAccountRows() throws {
        let row = Self.accountsRow.dropLast()
        let path = folder.write(
            "accounts.csv",
            Self.accountsHeader
                + [
                    // Rejected, then accepted: the account has its record.
                    row.replacingOccurrences(of: "acct-1,", with: "acct-late,").replacingOccurrences(
                        of: "organization", with: "partnership"),
                    row.replacingOccurrences(of: "acct-1,", with: "acct-late,"),
                    // Rejected twice: the first is listed.
                    row.replacingOccurrences(of: "acct-1,", with: "acct-bad,").replacingOccurrences(
                        of: ",US,", with: ",Atlantis,"),
                    row.replacingOccurrences(of: "acct-1,", with: "acct-bad,").replacingOccurrences(
                        of: "organization", with: "partnership"),
                    // Accepted, then again with other details: the first is kept, nothing to list.
                    String(row), row.replacingOccurrences(of: "Acme", with: "Acme Two"),
                    // Ragged: listed by the field where the header has account_id.
                    "acct-ragged,2025-01-02T03:04:05Z",
                    // Ragged short of an account id: nothing to list it by.
                    ",2025-01-02T03:04:05Z",
                    // Malformed after its account id, which was read whole before the stray quote.
                    row.replacingOccurrences(of: "acct-1,", with: "acct-quote,").replacingOccurrences(
                        of: "Acme", with: "Ac\"me"),
                    // Malformed in its account id: it cannot be told.
                    row.replacingOccurrences(of: "acct-1,", with: "acct\"x,"),
                ].joined(separator: "\n") + "\n")
        let manifest = try NormalizeStage(
            configuration: configuration([InputSpecification(kind: .accounts, paths: [path], maxRejectShare: 1)])
        ).run()
        let listed = try #require(manifest.inputs[0].rejectedAccounts)
        #expect(
            listed == [
                RejectedAccountRow(
                    accountID: "acct-quote", file: path, line: 10, column: nil, reason: .malformedCSV,
                    message: "line 10, column 48: a quote inside an unquoted field: quote the whole field and double "
                        + "inner quotes (\"\")"),
                RejectedAccountRow(
                    accountID: "acct-bad", file: path, line: 4, column: "country", reason: .unparseableValue,
                    message: "country 'Atlantis' is not a known country code or name"),
                RejectedAccountRow(
                    accountID: "acct-ragged", file: path, line: 8, column: nil, reason: .raggedRow,
                    message: "2 fields where the header has 9"),
            ])
        // The manifest keeps them, and reads them back.
        let read = try StageManifest.read(folder.file("out/manifest.json"))
        #expect(read.inputs[0].rejectedAccounts == listed)
        let text = try String(contentsOfFile: folder.file("out/manifest.json"), encoding: .utf8)
        #expect(text.contains("\"rejected_accounts\"") && text.contains("\"account_id\" : \"acct-bad\""))
    }

    @Test("a manifest with no rejected account rows says nothing of them")
    func noRejectedAccountRows() throws {
        let path = folder.write("accounts.csv", Self.accountsHeader + Self.accountsRow)
        let manifest = try NormalizeStage(
            configuration: configuration([InputSpecification(kind: .accounts, paths: [path], maxRejectShare: 1)])
        ).run()
        #expect(manifest.inputs[0].rejectedAccounts == nil)
        let text = try String(contentsOfFile: folder.file("out/manifest.json"), encoding: .utf8)
        #expect(!text.contains("rejected_accounts"))
    }
}
