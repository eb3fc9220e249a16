extension CaseDraft {
    /// The draft for a covered-transaction `finding`, from the night's evidence.
    ///
    /// `defaultUtilization` is the utilization the run estimates assumed where none was metered.
    public init(finding: Finding, evidence: EvidenceIndex, runDate: String, defaultUtilization: Double) {
        findingID = finding.id
        suppressed = finding.suppressedBy.map {
            "until \($0.expires) by \($0.reviewer): \($0.reason)"
        }
        if finding.status == .unchecked, let note = FindingStatus.unchecked.note {
            unchecked = note + "; the customer and access facts below are tonight's, read without that check"
        }
        rule = finding.rule
        ruleTitle = RuleDescription.named(finding.rule)?.title ?? finding.rule
        severity = finding.severity
        summary = finding.summary
        subjectKind = finding.subject.kind
        self.runDate = runDate
        knowledgeDate = finding.knowledgeDate ?? runDate
        // The due date is the rule's (`report_days` after knowledge, as configured): never one made up here.
        reportDue = finding.reportDue ?? Self.notProvided
        windowStart = finding.window?.start ?? Self.notProvided
        windowEnd = finding.window?.end ?? Self.notProvided
        expectedOperations = finding.metrics["expected_operations"]
        upperBoundOperations = finding.metrics["upper_bound_operations"]
        acceleratorHours = finding.metrics["accelerator_hours"]
        thresholdOperations = finding.metrics["threshold_operations"]
        if case .text(let day)? = finding.evidence["threshold_reached_about"] { thresholdReachedAbout = day }
        let percent = FigureFormat.percent(defaultUtilization)
        assumptions = [
            "operations = accelerators × peak dense OP/s of the model (BF16, else FP16) × seconds × utilization",
            "utilization as metered by the provider where metered; \(percent) assumed where not metered",
            "upper bound at utilization 100 %",
            "metering shows accelerator time, not the workload: the run is a likely training run, not a known one",
        ]
        if case .list(let signals)? = finding.evidence["foreign_signals"] {
            foreignSignals = signals
        } else {
            foreignSignals = []
        }
        customers = finding.subject.accounts.map { Self.customer($0, evidence: evidence) }
        trainingRuns = evidence.runs(for: finding).map { Self.run($0, defaultUtilization: defaultUtilization) }
        linkedAccounts = finding.subject.kind == "group" ? finding.subject.accounts : []
        if case .list(let list)? = finding.evidence["links"] { links = list } else { links = [] }
        references = finding.references
    }

    static func customer(_ accountID: String, evidence: EvidenceIndex) -> Customer {
        let record = evidence.record(accountID)
        var missing: [String] = []
        func field(_ name: String, _ value: String?) -> String {
            if let value, !value.isEmpty { return value }
            missing.append(name)
            return notProvided
        }
        let addresses = (evidence[accountID]?.addresses ?? [:]).map { address, use in
            AccessAddress(
                ip: address, country: use.country ?? "unknown", events: use.events,
                firstSeen: TimestampParser.format(use.first), lastSeen: TimestampParser.format(use.last),
                anonymizer: use.anonymizer)
        }
        .sorted { ($0.firstSeen, $0.ip) < ($1.firstSeen, $1.ip) }
        // A member account is billed through its parents, whose records carry the payment and the
        // owners (as CIP-001 and the foreign assessment read them): the draft gives those of the nearest
        // parent giving them, or else of its organization's top, where they are missing, saying whose.
        let parents = evidence[accountID]?.parents ?? []
        let payer =
            record?.paymentMethod == nil ? parents.first { $0.paymentMethod != nil } ?? parents.last ?? record : record
        let ownersHolder =
            record?.beneficialOwners.isEmpty == true
            ? parents.first { !$0.beneficialOwners.isEmpty } ?? parents.last ?? record : record
        var customer = Customer(
            accountID: accountID,
            // Without a record nothing is known, not even that a field is empty or does not apply.
            parentAccountID: record.map { $0.parentAccountID ?? "none" } ?? notProvided,
            customerType: field("customer type", record?.customerType.rawValue),
            legalName: field("legal name", record?.legalName),
            addressLine: field("address", record?.addressLine),
            city: field("city", record?.city),
            region: field("region", record?.region),
            postalCode: field("postal code", record?.postalCode),
            country: field("country", record?.country),
            headquartersCountry: record == nil || record?.customerType == .organization
                ? field("headquarters country", record?.headquartersCountry) : "not applicable",
            emails: [field("email", record?.email)],
            phones: [field("phone", record?.phone)],
            paymentMethod: field("payment method", payer?.paymentMethod),
            paymentInstrument: field("payment instrument", payer?.paymentFingerprint),
            paymentCountry: field("payment country", payer?.paymentCountry),
            reseller: record.map { $0.resellerID ?? "none" } ?? notProvided,
            resellerCountry: record != nil && record?.resellerID == nil
                ? "not applicable" : field("reseller country", record?.resellerCountry),
            beneficialOwners: (ownersHolder?.beneficialOwners ?? []).map {
                Owner(name: $0.name ?? notProvided, country: $0.country ?? notProvided)
            },
            paymentThrough: payer?.accountID == record?.accountID ? nil : payer?.accountID,
            ownersThrough: ownersHolder?.accountID == record?.accountID ? nil : ownersHolder?.accountID,
            identityVerification: record?.identityVerified.map { $0 ? "verified" : "not verified" } ?? notProvided,
            accountStatus: field("account status", record?.status),
            createdAt: record.map { TimestampParser.format($0.createdAt) } ?? notProvided,
            accessAddresses: addresses,
            notProvided: [])
        // An individual is its own owner: none listed is no gap (as CIP-001 has it).
        if ownersHolder?.beneficialOwners.isEmpty ?? true, ownersHolder?.customerType != .individual {
            missing.append("beneficial owners")
        } else if ownersHolder?.beneficialOwners.contains(where: { $0.name == nil }) == true {
            missing.append("beneficial owner names")
        }
        if record?.identityVerified == nil { missing.append("identity verification") }
        if record == nil {
            let why =
                evidence[accountID]?.rejectedRecord.map {
                    "the account's row in the accounts export was rejected (\($0.place): \($0.message))"
                } ?? "the account is missing from the accounts export"
            missing.insert("the whole CIP record: " + why, at: 0)
            missing += ["created at", "parent account", "reseller"]
        }
        if addresses.isEmpty { missing.append("access addresses") }
        customer.notProvided = missing
        return customer
    }

    static func run(_ run: TrainingRun, defaultUtilization: Double) -> Run {
        Run(
            accountID: run.accountID, run: run.label, clusters: run.clusterIDs, regions: run.regions,
            start: TimestampParser.format(run.first), end: TimestampParser.format(run.last), days: run.days,
            acceleratorHoursByModel: run.acceleratorHoursByModel,
            peakConcurrentAccelerators: run.peakConcurrentAccelerators, acceleratorHours: run.acceleratorHours,
            peakClusterOpsPerSecond: run.peakOperationsPerSecond, interconnectGbps: run.maxInterconnectGbps,
            expectedOperations: run.expectedOperations, upperBoundOperations: run.upperBoundOperations,
            utilization: Utilization(
                basis: run.utilizationBasis, meteredShare: run.meteredShare, meteredMean: run.meteredUtilization,
                defaultAssumed: defaultUtilization,
                effective: run.upperBoundOperations > 0 ? run.expectedOperations / run.upperBoundOperations : 0),
            resources: run.resources, records: run.records, sampleRecordIDs: run.sampleRecordIDs)
    }
}

extension TrainingRun {
    /// Whether the utilization behind the estimate was metered, in words.
    var utilizationBasis: String {
        if case .text(let basis)? = evidence["utilization_basis"] { return basis }
        return "unknown"
    }
}
