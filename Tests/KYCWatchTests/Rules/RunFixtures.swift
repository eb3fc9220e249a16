@testable import KYCWatch

/// Usage records and evidence for rule tests, built in code: a co-located training run and an
/// inference fleet of the same size, with the figures the shape rule reads.
///
/// One record stands for a whole metering period of one resource; resources carry 128
/// accelerators (sixteen 8-GPU nodes) so a 16,384-accelerator run stays a few thousand records.
enum RunFixtures {
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    /// The bundled catalogues.
    static let catalogs: ReferenceCatalogs = {
        do {
            return try ReferenceCatalogs(paths: .bundled(in: RepositoryPaths.reference))
        } catch {
            preconditionFailure("\(error)")
        }
    }()

    static func context(_ parameters: [String: [String: ParameterValue]] = [:]) -> DetectionContext {
        DetectionContext(
            catalogs: catalogs, ruleParameters: parameters, runDate: "2026-11-28",
            assumptions: .init(catalog: catalogs.accelerators, ruleParameters: parameters))
    }

    /// A B200 usage record of `accelerators` from `start` to `end`, with bytes per accelerator-hour.
    static func record(
        _ id: String, account: String = "a", resource: String, job: String? = nil, cluster: String? = "pg-7",
        accelerators: Double = 128, start: Int64, end: Int64, utilization: Double? = 0.5, gbps: Double? = 3200,
        egressPerAcceleratorHour: Double = 2e6, storagePerAcceleratorHour: Double = 4e8, model: String = "B200"
    ) -> UsageRecord {
        let acceleratorHours = accelerators * Double(end - start) / Double(hour)
        return UsageRecord(
            recordID: id, accountID: account, resourceID: resource, jobID: job, clusterID: cluster, region: "us-east-2",
            zone: nil, instanceType: nil, acceleratorModel: model, acceleratorCount: accelerators, start: start,
            end: end, utilization: utilization, interconnectGbps: gbps,
            egressBytes: egressPerAcceleratorHour * acceleratorHours,
            storageWriteBytes: storagePerAcceleratorHour * acceleratorHours, accountKnown: true, line: 1)
    }

    /// 16,384 B200 (128 resources of 128) in one cluster for `days` from `from`, metered per week:
    /// at utilization 0.5 for 120 days, ≈ 1.91e26 operations.
    static func trainingRun(
        account: String = "a", cluster: String = "pg-7", from: Int64 = 0, days: Int64 = 120, resources: Int = 128,
        utilization: Double? = 0.5, gbps: Double? = 3200, egress: Double = 2e6, storage: Double = 4e8
    ) -> [UsageRecord] {
        var records: [UsageRecord] = []
        let end = from + days * day
        for node in 0..<resources {
            var start = from
            while start < end {
                let stop = min(start + 7 * day, end)
                records.append(
                    record(
                        "\(account)-\(cluster)-\(from)-\(node)-\(start)", account: account, resource: "n\(node)",
                        cluster: cluster, start: start, end: stop, utilization: utilization, gbps: gbps,
                        egressPerAcceleratorHour: egress, storagePerAcceleratorHour: storage))
                start = stop
            }
        }
        return records
    }

    /// An inference fleet in one placement group for 90 days: 50 standing resources and 400 more
    /// started fresh each day for 12 daytime hours, at 20 % utilization, on 100 Gbit/s, with
    /// 20 GB of egress and 10 MB of writes per accelerator-hour: ≈ 1.1e26 operations, more than
    /// a training run's threshold.
    static func inferenceFleet(account: String = "f") -> [UsageRecord] {
        var records: [UsageRecord] = []
        for dayIndex in Int64(0)..<90 {
            let midnight = dayIndex * day
            for node in 0..<50 {
                records.append(
                    record(
                        "\(account)-s\(node)-\(dayIndex)", account: account, resource: "standing-\(node)",
                        cluster: "pg-serve", start: midnight, end: midnight + day, utilization: 0.2, gbps: 100,
                        egressPerAcceleratorHour: 2e10, storagePerAcceleratorHour: 1e7))
            }
            for node in 0..<400 {
                records.append(
                    record(
                        "\(account)-b\(node)-\(dayIndex)", account: account, resource: "burst-\(dayIndex)-\(node)",
                        cluster: "pg-serve", start: midnight + 8 * hour, end: midnight + 20 * hour, utilization: 0.2,
                        gbps: 100, egressPerAcceleratorHour: 2e10, storagePerAcceleratorHour: 1e7))
            }
        }
        return records
    }

    /// The runs of `records` with the default assumptions, or those `parameters` set.
    static func runs(_ records: [UsageRecord], parameters: [String: [String: ParameterValue]] = [:]) -> [TrainingRun] {
        var accumulator = RunAccumulator(
            assumptions: .init(catalog: catalogs.accelerators, ruleParameters: parameters))
        for record in records { accumulator.add(record) }
        return accumulator.runs()
    }

    /// The records of `parents`, nearest first, as the evidence builder gives them to a member account.
    static func records(_ parents: AccountEvidence...) -> [AccountRecord] { parents.compactMap(\.account) }

    /// Evidence of `account` with its runs and a CIP record of an organization declared in `country`,
    /// owned by a US person unless `owners` says otherwise (an organization listing none is presumed
    /// foreign).
    static func evidence(
        _ account: String, country: String = "US", runs: [TrainingRun] = [], card: String? = nil,
        email: String? = nil, phone: String? = nil, owners: [BeneficialOwner]? = nil, addresses: [String] = [],
        parent: String? = nil
    ) -> AccountEvidence {
        let owners = owners ?? [BeneficialOwner(name: "Owner of \(account)", country: "US")]
        var evidence = AccountEvidence(accountID: account)
        evidence.account = AccountRecord(
            accountID: account, parentAccountID: parent, createdAt: 0, customerType: .organization,
            legalName: account, addressLine: nil, city: nil, region: nil, postalCode: nil, country: country,
            headquartersCountry: nil, email: email ?? "\(account)@example.com", emailDomain: "example.com",
            phone: phone, phoneCallingCode: nil, paymentMethod: nil, paymentFingerprint: card, paymentCountry: nil,
            resellerID: nil, resellerCountry: nil, beneficialOwners: owners, identityVerified: nil, status: nil,
            line: 1)
        evidence.runs = runs
        for address in addresses {
            evidence.addresses[address] = AccountEvidence.AddressUse(events: 1, first: 0, last: 0, country: nil)
        }
        return evidence
    }
}
