/// The canonical CSV columns of each record type: the export format's columns with canonical
/// values, then derived columns a data engineer would otherwise recompute.
///
/// Normalized files are valid kycwatch-format input, so later stages read them with the same code.
enum CanonicalRow {
    static func header(for kind: ExportKind) -> [String] {
        let derived: [String]
        switch kind {
        case .accounts: derived = ["email_domain", "phone_calling_code"]
        case .usage, .access: derived = ["account_known"]
        }
        return kind.fields.map(\.name) + derived
    }

    static func fields(_ record: AccountRecord) -> [String] {
        [
            record.accountID, record.parentAccountID ?? "", TimestampParser.format(record.createdAt),
            record.customerType.rawValue, record.legalName, record.addressLine ?? "", record.city ?? "",
            record.region ?? "", record.postalCode ?? "", record.country, record.headquartersCountry ?? "",
            record.email, record.phone ?? "", record.paymentMethod ?? "", record.paymentFingerprint ?? "",
            record.paymentCountry ?? "", record.resellerID ?? "", record.resellerCountry ?? "",
            // `Name:CC`, `Name:` without a country (so that `Harbor Holdings (US)` is not read back as
            // an owner in the US), `:CC` for an owner whose name is not given.
            record.beneficialOwners.map { owner in "\(owner.name ?? ""):\(owner.country ?? "")" }
                .joined(separator: ";"),
            record.identityVerified.map { $0 ? "true" : "false" } ?? "", record.status ?? "",
            record.emailDomain ?? "", record.phoneCallingCode ?? "",
        ]
    }

    static func fields(_ record: UsageRecord) -> [String] {
        [
            record.recordID, record.accountID, record.resourceID, record.jobID ?? "", record.clusterID ?? "",
            record.region ?? "", record.zone ?? "", record.instanceType ?? "", record.acceleratorModel ?? "",
            record.acceleratorCount.formatted, TimestampParser.format(record.start), TimestampParser.format(record.end),
            record.utilization?.formatted ?? "", record.interconnectGbps?.formatted ?? "",
            record.egressBytes?.formatted ?? "", record.storageWriteBytes?.formatted ?? "",
            record.accountKnown ? "true" : "false",
        ]
    }

    /// ``fields(_:)-(UsageRecord)`` as one row written straight into `writer`, from a checked row
    /// whose texts are in `texts` and accelerator model in `models`; the same bytes, with no
    /// `String` made per value.
    static func write(
        _ row: UsageRowBatch.Row, texts: UsageRowBatch.Texts, models: [String], to writer: CSVWriter,
        timestamps: inout TimestampWriter
    ) throws(KYCWatchError) {
        func append(_ span: UsageRowBatch.Span) {
            writer.appendField(span.bytes(in: texts) ?? UnsafeRawBufferPointer(start: nil, count: 0))
        }
        append(row.recordID)
        append(row.accountID)
        append(row.resourceID)
        append(row.jobID)
        append(row.clusterID)
        append(row.region)
        append(row.zone)
        append(row.instanceType)
        if let model = row.acceleratorModel(in: models) { writer.appendField(model) } else { append(.none) }
        writer.appendNumber(row.acceleratorCount)
        writer.appendTimestamp(row.start, using: &timestamps)
        writer.appendTimestamp(row.end, using: &timestamps)
        writer.appendNumber(row.utilization)
        writer.appendNumber(row.interconnectGbps)
        writer.appendNumber(row.egressBytes)
        writer.appendNumber(row.storageWriteBytes)
        writer.appendFlag(row.accountKnown)
        try writer.endRow()
    }

    static func fields(_ record: AccessRecord) -> [String] {
        [
            record.eventID, record.accountID, TimestampParser.format(record.timestamp), record.sourceIP,
            record.action ?? "", String(record.count), record.accountKnown ? "true" : "false",
        ]
    }
}
