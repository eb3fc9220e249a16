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
            record.beneficialOwners.map { owner in owner.country.map { "\(owner.name):\($0)" } ?? owner.name }
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

    /// ``fields(_:)-(UsageRecord)`` as one row written straight into `writer`, from fields still in a
    /// batch's bytes; the same bytes, with no `String` per value.
    static func write(
        _ record: UsageFields, accountKnown: Bool, to writer: CSVWriter, timestamps: inout TimestampWriter
    ) throws(KYCWatchError) {
        writer.appendField(record.recordID)
        writer.appendField(record.accountID)
        writer.appendField(record.resourceID)
        writer.appendField(record.jobID)
        writer.appendField(record.clusterID)
        writer.appendField(record.region)
        writer.appendField(record.zone)
        writer.appendField(record.instanceType)
        writer.appendField(record.acceleratorModel.map(FieldText.text))
        writer.appendNumber(record.acceleratorCount)
        writer.appendTimestamp(record.start, using: &timestamps)
        writer.appendTimestamp(record.end, using: &timestamps)
        writer.appendNumber(record.utilization)
        writer.appendNumber(record.interconnectGbps)
        writer.appendNumber(record.egressBytes)
        writer.appendNumber(record.storageWriteBytes)
        writer.appendFlag(accountKnown)
        try writer.endRow()
    }

    static func fields(_ record: AccessRecord) -> [String] {
        [
            record.eventID, record.accountID, TimestampParser.format(record.timestamp), record.sourceIP,
            record.action ?? "", String(record.count), record.accountKnown ? "true" : "false",
        ]
    }
}
