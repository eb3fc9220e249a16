import Foundation
import KYCWatch
import Testing

/// Usage lines whose accelerators the catalogue cannot tell, or which only name an instance, as a
/// night reads them.
@Suite("kycwatch run: usage lines and the instance catalogue")
struct InstanceUsageNightTests {
    static let focusHeader =
        "Id,BillingAccountId,SubAccountId,ResourceId,RegionId,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,"
        + "ConsumedQuantity,ConsumedUnit,SkuId,ChargeDescription,ResourceType,ServiceName"

    static let usageHeader =
        "record_id,account_id,resource_id,job_id,instance_type,accelerator_model,accelerator_count,start_time,end_time"

    /// A FOCUS line of `acct-cn` metering `hours` of `description` on `resource` for a day.
    static func focusLine(_ id: String, _ resource: String, _ description: String, hours: String = "24") -> String {
        "\(id),payer,acct-cn,\(resource),us-east-1,Usage,2026-03-01T00:00:00Z,2026-03-02T00:00:00Z,\(hours),Hrs,SKU,"
            + "\(description),instance,Amazon Elastic Compute Cloud"
    }

    @Test(
        "FOCUS lines that only name an instance (its EBS bandwidth, Marketplace software) are skipped, not counted again"
    )
    func linesBesideInstances() throws {
        let fixture = try NightFixture()
        // 2,048 p5.48xlarge (8 H100 each) for 100 days in placement group pg-1, each billed as AWS bills
        // it: the instance's own line, the $0.00 EBS-optimized bandwidth line beside it, and for one of
        // them Marketplace software on the instance (its resource the instance's ARN).
        var rows: [String] = []
        for instance in 0..<2048 {
            let period = "acct-cn,i-\(instance),us-east-1,Usage,2026-01-01T00:00:00Z,2026-04-11T00:00:00Z,2400,Hrs"
            rows.append(
                "b\(instance),\(period),BOX,$98.32 per On Demand Linux p5.48xlarge Instance Hour,instance,Compute,pg-1")
            rows.append(
                "e\(instance),\(period),EBSOPT,$0.00 for 80000 Mbps per p5.48xlarge instance-hour (or partial hour),,"
                    + "Storage,pg-1")
        }
        rows.append(
            "m0,acct-cn,arn:aws:ec2:us-east-1:1:instance/i-0,us-east-1,Usage,2026-01-01T00:00:00Z,"
                + "2026-04-11T00:00:00Z,2400,Hrs,MKT,AWS Marketplace hourly software usage|us-east-1|p5.48xlarge,,"
                + "Other,pg-1")
        let (_, findings, usage) = try Self.night(
            fixture,
            header: "Id,SubAccountId,ResourceId,RegionId,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,"
                + "ConsumedQuantity,ConsumedUnit,SkuId,ChargeDescription,ResourceType,ServiceCategory,x_PlacementGroup",
            rows: rows)
        // 2,048 × 8 × 2,400 h = 39,321,600 H100-hours, 5.6e25 operations at 0.4: approaching the
        // threshold, no covered transaction. Counted twice, it was 1.1e26 and a covered transaction.
        #expect(findings.first("CVT-001", "acct-cn") == nil, "\(findings.map(\.summary))")
        let training = try #require(findings.first("LMT-001", "acct-cn"))
        #expect(training.severity == .medium)
        let hours = try #require(training.metrics["accelerator_hours"])
        #expect(abs(hours - 2048 * 8 * 2400) < 1e-3, "\(hours)")
        #expect(!training.summary.contains("overlap"), "\(training.summary)")
        #expect(usage["rows_accepted"] as? Int == 2048, "\(usage)")
        #expect(usage["skipped_by_reason"] as? [String: Int] == ["not-instance-usage": 2049], "\(usage)")
        #expect((usage["rejected_by_reason"] as? [String: Int])?.isEmpty == true, "\(usage)")
        let report = try String(contentsOfFile: fixture.path("out/night/report.html"), encoding: .utf8)
        #expect(
            report.contains("skipped (not-instance-usage) 2,049")
                || report.contains("skipped (not-instance-usage) 2049"))
    }

    /// Runs the night of `accounts` (`acct-cn` alone by default) on a usage export in `format` of `header`
    /// and `rows`, a FOCUS export's placement group (`x_PlacementGroup`) mapped as the cluster id, with the
    /// repository's catalogues; returns the night's log, its findings and the usage input's manifest entry.
    static func night(
        _ fixture: NightFixture, format: String = "focus-1.0", header: String, rows: [String],
        accounts: [String] = [NightFixture.china]
    ) throws -> (log: String, findings: [Finding], usage: [String: Any]) {
        try fixture.writeExport("accounts.csv.zst", header: NightFixture.accountsHeader, rows: accounts)
        try fixture.writeExport("usage.csv.zst", header: header, rows: rows)
        let pipeline = fixture.path("pipeline.yaml")
        try Data(
            """
            version: 1
            inputs:
              - kind: accounts
                path: accounts.csv.zst
              - kind: usage
                path: usage.csv.zst
                format: \(format)
            \(format == "kycwatch" ? "" : "    columns:\n      cluster_id: { column: x_PlacementGroup }")
            reference:
              accelerators: \(reference)/accelerators.csv
              instance_types: \(reference)/instance_types.csv
              countries: \(reference)/countries.csv
            output:
              folder: out/night
            """.utf8
        ).write(to: URL(fileURLWithPath: pipeline))
        let result = try KYCWatchBinary.run(["run", pipeline, "--run-date", "2026-04-15"])
        #expect(result.status == 0, "\(result.stderr)")
        let inputs = try #require(try fixture.manifest(night: "night")["inputs"] as? [[String: Any]])
        return (result.stderr, try fixture.findings(night: "night"), try #require(inputs.last))
    }

    /// The repository's reference catalogues.
    static let reference = KYCWatchBinary.repositoryRoot.path + "/Pipelines/reference"

    /// The text of a zstd-compressed output.
    static func text(of path: String) throws -> String {
        let reader = try InputFile.open(path)
        var bytes: [UInt8] = []
        let piece = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { piece.deallocate() }
        while case let count = try reader.read(into: piece), count > 0 { bytes += piece[0..<count] }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("the unused part of a commitment beside its used hours is skipped and counted in the manifest")
    func unusedCommitment() throws {
        let fixture = try NightFixture()
        // 2,048 p5.48xlarge reserved for 100 days, each billed as AWS bills a reservation: the hours
        // used, and beside them the same hours of the reservation left unused (its quantity null, or
        // written as the hours by an export that fills it).
        var rows: [String] = []
        for instance in 0..<2048 {
            let period = "acct-cn,i-\(instance),us-east-1,Usage,2026-01-01T00:00:00Z,2026-04-11T00:00:00Z"
            let description = "$0.00 per Linux/UNIX (Amazon VPC) p5.48xlarge reserved instance applied"
            rows.append("u\(instance),\(period),2400,Hrs,RI,\(description),instance,Compute,ri-1,Used,pg-1")
            rows.append(
                "n\(instance),\(period),\(instance == 0 ? "2400" : ""),\(instance == 0 ? "Hrs" : ""),RI,"
                    + "\(description),instance,Compute,ri-1,Unused,pg-1")
        }
        let (_, findings, usage) = try Self.night(
            fixture,
            header: "Id,SubAccountId,ResourceId,RegionId,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,"
                + "ConsumedQuantity,ConsumedUnit,SkuId,ChargeDescription,ResourceType,ServiceCategory,"
                + "CommitmentDiscountId,CommitmentDiscountStatus,x_PlacementGroup",
            rows: rows)
        // The used hours alone: 2,048 × 8 × 2,400 h = 39,321,600 H100-hours, 5.6e25 operations.
        let training = try #require(findings.first("LMT-001", "acct-cn"), "\(findings.map(\.summary))")
        let hours = try #require(training.metrics["accelerator_hours"])
        #expect(abs(hours - 2048 * 8 * 2400) < 1e-3, "\(hours)")
        #expect(findings.first("CVT-001", "acct-cn") == nil)
        #expect(usage["rows_in"] as? Int == 4096, "\(usage)")
        #expect(usage["rows_accepted"] as? Int == 2048, "\(usage)")
        #expect(usage["skipped_by_reason"] as? [String: Int] == ["not-usage": 2048], "\(usage)")
        #expect((usage["rejected_by_reason"] as? [String: Int])?.isEmpty == true, "\(usage)")
    }

    @Test("a FOCUS line billed per TPU chip is rejected saying how the catalogue can carry it, which then reads it")
    func tpuChipLines() throws {
        let fixture = try NightFixture()
        // As Google Cloud bills TPUs, per chip-hour and with no instance type: 32 chip-hours in an hour.
        let line =
            "t1,payer,acct-cn,tpu-node-1,us-east5,Usage,2026-03-01T00:00:00Z,2026-03-01T01:00:00Z,32,hour,"
            + "E3B1-5A6C-0D2F,TPU v5p chip running in Americas,,Compute Engine"
        let usage = try fixture.writeExport("usage.csv.zst", header: Self.focusHeader, rows: [line])
        let rejected = try KYCWatchBinary.run(
            ["normalize", "--usage", usage, "--usage-format", "focus-1.0", "--out", fixture.path("rejected")])
        #expect(rejected.status == 3, "\(rejected.stderr)")
        let rejects = try Self.text(of: fixture.path("rejected/rejects.csv.zst"))
        let suggestion = "TPU_v5p_chip,gcp,TPU-v5p,1,,<source>"
        #expect(
            rejects.contains(
                "ChargeDescription 'TPU v5p chip running in Americas' names TPU-v5p but no instance type: a line billed "
                    + "per TPU chip"), "\(rejects)")
        #expect(rejects.contains(suggestion), "\(rejects)")
        // Done as the message says, the line is 32 chips of TPU v5p in use over the hour.
        let reference = fixture.path("reference")
        try FileManager.default.createDirectory(atPath: reference, withIntermediateDirectories: true)
        for file in ["accelerators.csv", "countries.csv"] {
            try FileManager.default.copyItem(atPath: "\(Self.reference)/\(file)", toPath: "\(reference)/\(file)")
        }
        let instanceTypes = try String(contentsOfFile: "\(Self.reference)/instance_types.csv", encoding: .utf8)
        try Data((instanceTypes + suggestion.replacingOccurrences(of: "<source>", with: "chip-hours") + "\n").utf8)
            .write(to: URL(fileURLWithPath: "\(reference)/instance_types.csv"))
        let read = try KYCWatchBinary.run(
            [
                "normalize", "--usage", usage, "--usage-format", "focus-1.0", "--reference", reference, "--out",
                fixture.path("read"),
            ])
        #expect(read.status == 0, "\(read.stderr)")
        let records = try Self.text(of: fixture.path("read/usage.csv.zst"))
        #expect(records.contains("TPU-v5p,32,"), "\(records)")
    }

    @Test(
        "a SageMaker instance (ml.p5.48xlarge) counts as the EC2 hardware it runs on, unflagged",
        arguments: ["kycwatch", "focus-1.0"])
    func sageMakerInstances(format: String) throws {
        let fixture = try NightFixture()
        // 2,048 instances of 8 H100 for 100 days in one job (kycwatch) or placement group (FOCUS), for
        // acct-cn on SageMaker's ml.p5.48xlarge and for acct-de on EC2's p5.48xlarge.
        var rows: [String] = []
        for (account, type) in [("acct-cn", "ml.p5.48xlarge"), ("acct-de", "p5.48xlarge")] {
            for instance in 0..<2048 {
                let period = "2026-01-01T00:00:00Z,2026-04-11T00:00:00Z"
                rows.append(
                    format == "kycwatch"
                        ? "\(account)-\(instance),\(account),\(account)-i-\(instance),j-\(account),\(type),,,\(period)"
                        : "\(account)-\(instance),\(account),\(account)-i-\(instance),us-east-1,Usage,\(period),2400,Hrs,"
                            + "SKU,$37.69 per Hour for Train:\(type) in US East (N. Virginia),\(type),"
                            + "AI and Machine Learning,pg-\(account)")
            }
        }
        let header =
            format == "kycwatch"
            ? Self.usageHeader
            : "Id,SubAccountId,ResourceId,RegionId,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ConsumedQuantity,"
                + "ConsumedUnit,SkuId,ChargeDescription,ResourceType,ServiceCategory,x_PlacementGroup"
        let (log, findings, usage) = try Self.night(
            fixture, format: format, header: header, rows: rows, accounts: [NightFixture.china, NightFixture.germany])
        #expect(!log.contains("ml.p5.48xlarge"), "\(log)")
        // 2,048 × 8 × 2,400 h = 39,321,600 H100-hours each, 5.6e25 operations at 0.4. Read as an
        // instance type without accelerators, SageMaker's made none.
        let sageMaker = try #require(findings.first("LMT-001", "acct-cn"), "\(findings.map(\.summary))")
        let ec2 = try #require(findings.first("LMT-001", "acct-de"))
        for key in ["accelerator_hours", "expected_operations", "peak_concurrent_accelerators"] {
            #expect(sageMaker.metrics[key] != nil && sageMaker.metrics[key] == ec2.metrics[key], "\(key)")
        }
        #expect(abs((sageMaker.metrics["accelerator_hours"] ?? 0) - 2048 * 8 * 2400) < 1e-3)
        #expect(usage["rows_accepted"] as? Int == 4096, "\(usage)")
        #expect((usage["flagged"] as? [String: Int])?["uncatalogued-instance-type"] == nil, "\(usage)")
        #expect(usage["uncatalogued_instance_types"] == nil, "\(usage)")
    }

    @Test(
        "usage of instance types the catalogue lacks is kept with none, flagged, and named in log, manifest and report",
        arguments: [
            (
                "focus-1.0", focusHeader,
                [
                    focusLine("f1", "i-1", "$1.14 per On Demand Linux g3.4xlarge Instance Hour"),
                    focusLine("f2", "i-2", "$1.14 per On Demand Linux g3.4xlarge Instance Hour"),
                    focusLine("f3", "i-3", "$4.00 per On Demand Linux g5g.16xlarge Instance Hour"),
                    focusLine("f4", "i-4", "$98.32 per On Demand Linux p5.48xlarge Instance Hour"),
                    focusLine("f5", "i-5", "$0.10 per On Demand Linux m7i.large Instance Hour"),
                ],
                "g3.4xlarge=2,g5g.16xlarge=1"
            ),
            (
                "kycwatch", usageHeader,
                [
                    "k1,acct-cn,n1,j1,p6e-gb300.72xlarge,,,2026-03-01T00:00:00Z,2026-03-02T00:00:00Z",
                    "k2,acct-cn,n2,j1,BM.GPU.L40S.4,,,2026-03-01T00:00:00Z,2026-03-02T00:00:00Z",
                    "k3,acct-cn,n3,j1,BM.GPU.L40S.4,,,2026-03-01T00:00:00Z,2026-03-02T00:00:00Z",
                    "k4,acct-cn,n4,j1,p7-z900.48xlarge,H100-SXM5-80GB,8,2026-03-01T00:00:00Z,2026-03-02T00:00:00Z",
                    "k5,acct-cn,n5,j2,m7i.large,,,2026-03-01T00:00:00Z,2026-03-02T00:00:00Z",
                ],
                "BM.GPU.L40S.4=2,p6e-gb300.72xlarge=1"
            ),
        ])
    func uncataloguedInstanceTypes(format: String, header: String, rows: [String], named: String) throws {
        let fixture = try NightFixture()
        let accounts = try fixture.writeExport(
            "accounts.csv.zst", header: NightFixture.accountsHeader, rows: [NightFixture.china])
        let usage = try fixture.writeExport("usage.csv.zst", header: header, rows: rows)
        let run = try fixture.run(
            ["--accounts", accounts, "--usage", usage, "--usage-format", format], night: "run", date: "2026-03-10")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "instance types of accelerator families not in the catalogue, taken as holding no accelerators: "
                    + "add any that carries GPUs to instance_types.csv"), "\(run.stderr)")
        #expect(run.stderr.contains("instance_types=\(named)"), "\(run.stderr)")
        let inputs = try #require(try fixture.manifest(night: "run")["inputs"] as? [[String: Any]])
        let input = try #require(inputs.last)
        // The CPU instance (m7i.large) is kept as one, not named.
        #expect(input["rows_accepted"] as? Int == 5, "\(input)")
        #expect((input["flagged"] as? [String: Int])?["uncatalogued-instance-type"] == 3, "\(input)")
        let listed = (input["uncatalogued_instance_types"] as? [[String: Any]])?.map {
            "\($0["instance_type"] ?? "")=\($0["rows"] ?? "")"
        }
        #expect(listed?.joined(separator: ",") == named, "\(input)")
        // The report names them too, and so does detect's over the normalize stage's outputs.
        let normalized = try KYCWatchBinary.run(
            [
                "normalize", "--accounts", accounts, "--usage", usage, "--usage-format", format, "--out",
                fixture.path("n"),
            ])
        #expect(normalized.status == 0, "\(normalized.stderr)")
        #expect(normalized.stderr.contains("instance_types=\(named)"), "\(normalized.stderr)")
        let detected = try KYCWatchBinary.run(
            ["detect", "--in", fixture.path("n"), "--out", fixture.path("out/detect"), "--run-date", "2026-03-10"])
        #expect(detected.status == 0, "\(detected.stderr)")
        for night in ["run", "detect"] {
            let report = try String(contentsOfFile: fixture.path("out/\(night)/report.html"), encoding: .utf8)
            #expect(report.contains("<h3>Instance types not in the catalogue</h3>"), "\(night)")
            let first = try #require(named.split(separator: "=").first)
            #expect(report.contains("<td><code>\(first)</code></td>"), "\(night)")
        }
    }
}
