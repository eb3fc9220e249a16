import Testing

@testable import KYCWatch

@Suite("Usage normalizer")
struct UsageNormalizerTests {
    let folder = TemporaryFolder()

    /// What normalizing each row of `csv` (a file of `layout`) comes to: a batch of the rows kept, as
    /// the stage gathers them, and each row's rejection reason, nil for a row kept.
    private func normalize(_ csv: String, layout: InputLayout = .kycwatch) throws -> (
        batch: UsageRowBatch, reasons: [String?]
    ) {
        let path = folder.write("usage.csv", csv)
        let specification = InputSpecification(kind: .usage, paths: [path], layout: layout)
        let reader = try CSVReader(path: path, options: CSVOptions(delimiter: layout.delimiter))
        let mapping = try ColumnMapping(specification: specification, header: reader.header, file: path)
        let catalog = RunFixtures.catalogs.accelerators
        var normalizer = UsageNormalizer(layout: layout, timestamps: try TimestampParser(), accelerators: catalog)
        let records = try #require(try reader.nextBatch())
        var batch = UsageRowBatch(source: records.bytes, models: catalog.modelNames, reservingCapacity: records.count)
        var reasons: [String?] = []
        records.bytes.withUnsafeBytes { bytes in
            var row = SourceRow(
                bytes: bytes, batch: records, record: 0, mapping: mapping, nullIsEmpty: layout == .focus)
            for record in 0..<records.count {
                row.record = record
                do throws(RowRejection) {
                    batch.append(try normalizer.normalize(row), accountKnown: false, source: bytes)
                    reasons.append(nil)
                } catch {
                    reasons.append(error.reason.code)
                }
            }
        }
        return (batch, reasons)
    }

    private static let header =
        "record_id,account_id,resource_id,job_id,cluster_id,region,zone,instance_type,accelerator_model,"
        + "accelerator_count,start_time,end_time,accelerator_utilization,interconnect_gbps,egress_bytes,"
        + "storage_write_bytes\n"

    @Test("a plain row's texts stay in the source bytes, and read back as written")
    func plainRow() throws {
        let (batch, reasons) = try normalize(
            Self.header
                + "u-1,acct-7,i-0é,job-1,pg-2,us-east-1,us-east-1a,p5.48xlarge,,,2026-06-01T00:00:00Z,"
                + "2026-06-01T01:00:00Z,0.5,,12,34\n")
        #expect(reasons == [nil])
        #expect(batch.own.isEmpty)
        let record = batch.record(at: 0)
        #expect(record.recordID == "u-1" && record.accountID == "acct-7" && record.resourceID == "i-0é")
        #expect(record.jobID == "job-1" && record.clusterID == "pg-2")
        #expect(record.region == "us-east-1" && record.zone == "us-east-1a")
        #expect(record.instanceType == "p5.48xlarge")
        // The catalogue fills the model and count the row leaves empty.
        #expect(record.acceleratorModel == "H100-SXM5-80GB" && record.acceleratorCount == 8)
        #expect(record.start == 1_780_272_000_000 && record.end == record.start + 3_600_000)
        #expect(record.utilization == 0.5 && record.egressBytes == 12 && record.storageWriteBytes == 34)
        #expect(record.line == 2 && record.accountKnown == false)
    }

    @Test(
        "ids padded with spaces or tabs, as fixed-width exports write them, are the ids; ids of spaces alone are none",
        arguments: [" ", "  ", "\t", " \t"])
    func paddedIdentifiers(pad: String) throws {
        let (batch, reasons) = try normalize(
            Self.header
                + "\"\(pad)u-1\",\"acct-7\(pad)\",\"\(pad)i-1\(pad)\",\"\(pad)job-1\",\"pg-2\(pad)\",us-east-1,,p5.48xlarge,,,"
                + "2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.5,,,\n"
                + "u-2,acct-7,i-2,\"\(pad)\",\"\(pad)\",us-east-1,,p5.48xlarge,,,2026-06-01T00:00:00Z,"
                + "2026-06-01T01:00:00Z,0.5,,,\n"
                + "u-3,\"\(pad)\",i-3,,,us-east-1,,p5.48xlarge,,,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,0.5,,,\n")
        #expect(reasons == [nil, nil, "missing-field"])
        let padded = batch.record(at: 0)
        #expect(padded.recordID == "u-1" && padded.accountID == "acct-7" && padded.resourceID == "i-1")
        #expect(padded.jobID == "job-1" && padded.clusterID == "pg-2")
        let blank = batch.record(at: 1)
        #expect(blank.jobID == nil && blank.clusterID == nil)
    }

    @Test(
        "a row that had accelerators but cannot say how many is rejected, not kept with none",
        arguments: [
            // (instance type, model, count, utilization, reason)
            ("p7-z900.48xlarge", "", "", "0.5", "unknown-accelerator"),  // metered, type unknown
            ("", "H100-SXM5-80GB", "", "", "missing-field"),  // a model and no count to go with it
            ("m7i.large", "", "", "", nil),  // an unknown type unmetered: a CPU instance, kept with none
            ("m5.large", "", "", "0", nil),  // a CPU instance's export writing utilization 0
            ("", "", "", "0.5", "missing-field"),  // busy accelerators and nothing to count them by
            ("p5.48xlarge", "", "", "0.5", nil),  // the catalogue says 8
            ("", "H100-SXM5-80GB", "8", "0.5", nil),
        ])
    func acceleratorsUnknown(instance: String, model: String, count: String, utilization: String, reason: String?)
        throws
    {
        let (batch, reasons) = try normalize(
            Self.header
                + "u-1,acct-7,i-1,,,us-east-1,,\(instance),\(model),\(count),2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,"
                + "\(utilization),,,\n")
        #expect(reasons == [reason])
        if reason == nil {
            #expect(batch.record(at: 0).acceleratorCount == (instance == "m5.large" || instance == "m7i.large" ? 0 : 8))
        }
    }

    @Test(
        "instance types of accelerator families are told from CPU families by their names",
        arguments: [
            ("p6e-gb300.72xlarge", true), ("g3.4xlarge", true), ("g5g.16xlarge", true), ("gr6.4xlarge", true),
            ("trn3.48xlarge", true), ("inf3.xlarge", true), ("dl2q.24xlarge", true), ("ml.p5.48xlarge", true),
            ("Standard_ND96isr_H200_v5", true), ("standard_nc4as_t4_v3", true), ("g2-standard-8", true),
            ("a3-highgpu-8g", true), ("ct5lp-hightpu-4t", true), ("BM.GPU.L40S.4", true), (" VM.GPU.A10.1 ", true),
            ("ND96isr_B200_v6", true), ("NC80adis_H200_v6", true), ("nv36ads_a10_v5", true), ("ct7-standard-4t", true),
            ("c3-standard-8", false), ("n4-standard-8", false), ("Standard_NP10s", true),
            ("m7i.large", false), ("c7g.2xlarge", false), ("t3.medium", false), ("r7g.2xlarge", false),
            ("Standard_D4s_v5", false), ("Standard_E8s_v5", false), ("n2-standard-8", false), ("e2-medium", false),
            ("gp3", false), ("db.r6g.large", false), ("BM.Standard.E5.192", false), ("", false),
        ])
    func acceleratorFamilyNames(name: String, shaped: Bool) {
        let found = Array(name.utf8).withUnsafeBytes { AcceleratorCatalog.isAcceleratorFamilyShaped($0) }
        #expect(found == shaped)
    }

    @Test(
        "a row naming an instance type the catalogue lacks, and nothing else of its accelerators, is kept with none, marked",
        arguments: [
            // (instance type, model, count, marked)
            ("p6e-gb300.72xlarge", "", "", true),
            ("BM.GPU.L40S.4", "", "", true),
            ("m7i.large", "", "0", false),  // the row says it has none
            ("m7i.large", "", "", false),  // a CPU family: taken as what it looks like, not named
            ("Standard_D4s_v5", "", "", false),
            ("p7-z900.48xlarge", "H100-SXM5-80GB", "8", false),  // the row says what it has
            ("p5.48xlarge", "", "", false),  // the catalogue says
            ("", "", "", false),  // no instance type to look up
            ("  ", "", "", false),
        ])
    func uncataloguedInstanceType(instance: String, model: String, count: String, marked: Bool) throws {
        let (batch, reasons) = try normalize(
            Self.header
                + "u-1,acct-7,i-1,,,us-east-1,,\(instance),\(model),\(count),2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,"
                + ",,,\n")
        #expect(reasons == [nil])
        #expect(batch.rows.first?.uncataloguedInstanceType == marked)
        if marked {
            #expect(batch.record(at: 0).acceleratorCount == 0 && batch.record(at: 0).instanceType == instance)
        }
    }

    @Test("a job across the hour the clocks go back ends after it starts, read in the export's time zone")
    func fallBack() throws {
        let path = folder.write(
            "usage.csv",
            Self.header
                + "u-1,acct-7,i-1,,,us-east-1,,p5.48xlarge,,,2026-11-01 01:50:00,2026-11-01 01:10:00,0.5,,,\n")
        var specification = InputSpecification(kind: .usage, paths: [path])
        specification.timeZone = "America/New_York"
        let reader = try CSVReader(path: path)
        let mapping = try ColumnMapping(specification: specification, header: reader.header, file: path)
        var normalizer = UsageNormalizer(
            layout: .kycwatch, timestamps: try TimestampParser(naiveTimeZone: "America/New_York"),
            accelerators: RunFixtures.catalogs.accelerators)
        let records = try #require(try reader.nextBatch())
        let fields = try records.bytes.withUnsafeBytes { bytes throws(RowRejection) in
            try normalizer.normalize(
                SourceRow(bytes: bytes, batch: records, record: 0, mapping: mapping, nullIsEmpty: false))
        }
        // 01:50 EDT to 01:10 EST: twenty minutes.
        #expect(fields.end - fields.start == 20 * 60_000)
    }

    /// A FOCUS header with every column the layout maps or reads for usage.
    private static let focusHeader =
        "Id,BillingAccountId,SubAccountId,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ResourceId,ServiceName,"
        + "SkuId,ConsumedQuantity,ConsumedUnit,RegionId,AvailabilityZone\n"

    @Test("FOCUS fallbacks: the billing account for a missing sub-account, a service for a missing resource")
    func focusFallbacks() throws {
        // Neither row has a SubAccountId or a ResourceId, so the account is the billing account and
        // the resource is made from ServiceName, both copied in; the first row's consumed quantity is
        // not a number.
        let (batch, reasons) = try normalize(
            Self.focusHeader
                + "1,111,,Usage,2026-06-04 13:00:00,2026-06-04 14:00:00,,Amazon S3,p5.48xlarge,eight,Hrs,us-east-1,\n"
                + "2,111,,Usage,2026-06-04 13:00:00,2026-06-04 14:00:00,,Amazon S3,,2,GB,us-east-1,NULL\n",
            layout: .focus)
        #expect(reasons == ["unparseable-value", nil])
        #expect(batch.count == 1)
        let record = batch.record(at: 0)
        #expect(record.recordID == "2" && record.accountID == "111" && record.resourceID == "service:Amazon S3")
        #expect(record.region == "us-east-1" && record.zone == nil && record.acceleratorCount == 0)
        // The texts from outside the row are copied into the batch; the rest stay in the row's bytes.
        #expect(batch.own.count == "111".utf8.count + "service:Amazon S3".utf8.count)
    }

    @Test("an instance type the catalogue finds in another column is copied in; the row's own texts stay in place")
    func catalogueInstanceType() throws {
        let (batch, reasons) = try normalize(
            Self.focusHeader
                + "9,111,222,Usage,2026-06-04 13:00:00,2026-06-04 14:00:00,i-0gpu,Amazon EC2,p5.48xlarge,8,Hrs,,\n",
            layout: .focus)
        #expect(reasons == [nil])
        let record = batch.record(at: 0)
        #expect(record.instanceType == "p5.48xlarge")
        // 8 instance-hours of an 8-GPU instance in a one-hour period.
        #expect(record.acceleratorModel == "H100-SXM5-80GB" && record.acceleratorCount == 64)
        #expect(record.recordID == "9" && record.accountID == "222" && record.resourceID == "i-0gpu")
        #expect(batch.own.count == "p5.48xlarge".utf8.count)
    }

    @Test(
        "a FOCUS line naming an instance type the catalogue lacks is kept with none, marked, and its type written"
    )
    func focusUncataloguedInstanceType() throws {
        let header =
            "Id,BillingAccountId,SubAccountId,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ResourceId,ServiceName,"
            + "SkuId,ChargeDescription,ConsumedQuantity,ConsumedUnit\n"
        let (batch, reasons) = try normalize(
            header
                + "1,111,222,Usage,2026-06-04 13:00:00,2026-06-04 14:00:00,i-1,Amazon EC2,SQ37,"
                + "$1.14 per On Demand Linux g3.4xlarge Instance Hour,1,Hours\n"
                + "2,111,222,Usage,2026-06-04 13:00:00,2026-06-04 14:00:00,i-2,Amazon EC2,SQ38,"
                + "$98.32 per On Demand Linux p5.48xlarge Instance Hour,1,Hours\n"
                + "3,111,222,Usage,2026-06-04 13:00:00,2026-06-04 14:00:00,q-1,Amazon SQS,SQ39,"
                + "$0.40 per million Amazon SQS standard requests in Tier1,2,Requests\n",
            layout: .focus)
        #expect(reasons == [nil, nil, nil])
        #expect(batch.rows.map(\.uncataloguedInstanceType) == [true, false, false])
        #expect(batch.record(at: 0).instanceType == "g3.4xlarge" && batch.record(at: 0).acceleratorCount == 0)
        #expect(batch.record(at: 1).instanceType == "p5.48xlarge" && batch.record(at: 1).acceleratorCount == 8)
        #expect(batch.record(at: 2).instanceType == nil && batch.record(at: 2).acceleratorCount == 0)
        // The type is a view of the line's own bytes, not a copy.
        #expect(batch.own.count == "p5.48xlarge".utf8.count)
    }

    @Test(
        "a FOCUS line naming an instance counts its accelerators only when it meters the instance's own hours",
        arguments: [
            // (ServiceCategory, ChargeDescription, reason, accelerators)
            ("Compute", "$98.32 per On Demand Linux p5.48xlarge Instance Hour", nil, 8),
            ("compute ", "$98.32 per On Demand Linux p5.48xlarge Instance Hour", nil, 8),
            ("NULL", "$98.32 per On Demand Linux p5.48xlarge Instance Hour", nil, 8),
            ("AI and Machine Learning", "$98.32 per p5.48xlarge Instance Hour", nil, 8),
            ("Compute", "Nvidia H100 80GB GPU running in Americas", nil, 1),
            // AWS's EBS-optimized bandwidth that comes with the instance, with its category or without.
            (
                "Storage", "$0.00 for 80000 Mbps per p5.48xlarge instance-hour (or partial hour)", "not-instance-usage",
                0
            ),
            ("", "$0.00 for 80000 Mbps per p5.48xlarge instance-hour (or partial hour)", "not-instance-usage", 0),
            // Marketplace software run on the instance.
            ("Other", "AWS Marketplace hourly software usage|us-east-1|p5.48xlarge", "not-instance-usage", 0),
            ("Compute", "AWS Marketplace hourly software usage|us-east-1|p5.48xlarge", "not-instance-usage", 0),
            // Another service's fee per instance-hour.
            ("Analytics", "$0.27 per hour for EMR p5.48xlarge", "not-instance-usage", 0),
            ("Networking", "Nvidia H100 80GB GPU running in Americas", "not-instance-usage", 0),
            // Beside an instance the catalogue lacks: kept as any line without accelerators, not flagged.
            ("Storage", "$0.00 for 4245 Mbps per c6a.4xlarge instance-hour (or partial hour)", nil, 0),
        ] as [(String, String, String?, Double)])
    func focusLineBesideInstance(category: String, description: String, reason: String?, accelerators: Double) throws {
        let header =
            "Id,SubAccountId,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ResourceId,ServiceCategory,"
            + "ChargeDescription,ConsumedQuantity,ConsumedUnit\n"
        let (batch, reasons) = try normalize(
            header
                + "1,222,Usage,2026-06-04 13:00:00,2026-06-04 14:00:00,i-1,\(category),\"\(description)\",1,Hours\n",
            layout: .focus)
        #expect(reasons == [reason])
        if reason == nil {
            #expect(batch.record(at: 0).acceleratorCount == accelerators)
            #expect(batch.rows.first?.uncataloguedInstanceType == false)
        }
    }

    @Test(
        "FOCUS charge categories: usage in any case is usage, billing categories are skipped, others are rejected",
        arguments: [
            ("Usage", nil), ("usage", nil), ("USAGE ", nil), ("Tax", "not-usage"), ("credit", "not-usage"),
            ("Purchase", "not-usage"), ("Adjustment", "not-usage"), ("", "missing-field"), ("NULL", "missing-field"),
            ("null", "missing-field"),
            ("Refund", "unparseable-value"),
        ] as [(String, String?)])
    func focusChargeCategory(category: String, reason: String?) throws {
        let (_, reasons) = try normalize(
            Self.focusHeader
                + "9,111,222,\(category),2026-06-04 13:00:00,2026-06-04 14:00:00,i-1,Amazon EC2,p5.48xlarge,8,Hrs,,\n",
            layout: .focus)
        #expect(reasons == [reason])
    }

    @Test(
        "a FOCUS quantity past any real figure is absurd, as in kycwatch's own layout; one that is no number is not one",
        arguments: [("1e300", "absurd-quantity"), ("eight", "unparseable-value"), ("-1", "negative-quantity")])
    func focusQuantity(quantity: String, reason: String) throws {
        let (_, reasons) = try normalize(
            Self.focusHeader
                + "9,111,222,Usage,2026-06-04 13:00:00,2026-06-04 14:00:00,i-1,Amazon EC2,p5.48xlarge,\(quantity),Hrs,,\n",
            layout: .focus)
        #expect(reasons == [reason])
    }
}
