@testable import KYCWatch

/// Small hand-made nights for the report tests: one customer with a hostile name and a training run.
enum ReportFixtures {
    static let hostile = "</script><script>alert(1)</script>"
    static let hostileMarkdown = "<img src=x onerror=alert(1)> *bold* [link](javascript:alert(1)) | cell\n# Heading"

    static func account(_ id: String, name: String, verified: Bool? = false) -> AccountRecord {
        AccountRecord(
            accountID: id, parentAccountID: nil, createdAt: 1_780_000_000_000, customerType: .organization,
            legalName: name, addressLine: nil, city: "Shenzhen & <Co>", region: nil, postalCode: "518000",
            country: "CN",
            headquartersCountry: nil, email: "ops@example.cn", emailDomain: "example.cn", phone: nil,
            phoneCallingCode: nil, paymentMethod: "card", paymentFingerprint: "pf-\(id)", paymentCountry: "CN",
            resellerID: nil, resellerCountry: nil, beneficialOwners: [BeneficialOwner(name: name, country: nil)],
            identityVerified: verified, status: "active", line: 2)
    }

    static let runStart: Int64 = 1_780_272_000_000  // 2026-06-01T00:00:00Z

    /// A run of `expected` operations (twice as many at the upper bound).
    static func run(_ account: String, expected: Double = 1.9e26) -> TrainingRun {
        let hour: Int64 = 3_600_000
        return TrainingRun(
            accountID: account, basis: .job, key: "train-<7>", clusterIDs: ["pg-7"], first: runStart,
            last: runStart + 24 * 90 * hour, acceleratorHours: 34_000_000,
            acceleratorHoursByModel: ["B200": 34_000_000],
            expectedOperations: expected, upperBoundOperations: 2 * expected, peakConcurrentAccelerators: 16_384,
            peakOperationsPerSecond: 3.7e19, meteredUtilization: 0.5, meteredShare: 1, maxInterconnectGbps: 3200,
            egressBytes: 1e9, storageWriteBytes: 2e12, resources: 2048, provisionedAccelerators: 16_384, jobs: 1,
            regions: ["us-east-1"],
            records: 36_864, sampleRecordIDs: ["r1", "r2"], activeHourShare: 1,
            profile: (0..<(24 * 90)).map { (runStart + Int64($0) * hour, $0 < 48 ? 8_192 : 16_384) })
    }

    static func evidence(name: String = hostile, expected: Double = 1.9e26) -> [AccountEvidence] {
        var evidence = AccountEvidence(accountID: "000000000042")
        evidence.account = account("000000000042", name: name)
        evidence.runs = [run("000000000042", expected: expected)]
        evidence.addresses = [
            "203.0.113.9": .init(events: 12, first: runStart, last: runStart + 86_400_000, country: "CN")
        ]
        evidence.accessEventsByCountry = ["CN": 12]
        return [evidence]
    }

    static func coveredFinding(
        summary: String = "Likely covered transaction by " + hostile, expected: Double = 1.9e26
    ) -> Finding {
        let run = run("000000000042", expected: expected)
        var finding = Finding(
            id: Finding.stableID(rule: "CVT-001", subject: .account("000000000042"), windowStart: run.window.start),
            rule: "CVT-001", ruleVersion: 1, category: .coveredTransaction, severity: .critical,
            subject: .account("000000000042"), window: run.window, summary: summary,
            evidence: run.evidence.merging(["foreign_signals": .list(["declared: " + hostile])]) { first, _ in first },
            metrics: run.metrics(threshold: 1e26), references: ["EO 14110 §4.2(c)"], knowledgeDate: "2026-11-29",
            reportDue: "2026-12-14")
        finding.status = nil
        return finding
    }

    static func manifest() -> StageManifest {
        StageManifest(
            stage: "run", pipeline: "nightly.yaml", status: "succeeded",
            inputs: [
                .init(
                    path: "accounts-\(hostile).csv", kind: "accounts", format: "kycwatch", sha256: "00", bytes: 10,
                    uncompressedBytes: 10, rowsIn: 10, rowsAccepted: 8, rowsRejected: 2, rowsDeduplicated: 0,
                    rejectedByReason: ["missing-field": 2], flagged: [:])
            ], outputs: [], timings: [:])
    }
}
