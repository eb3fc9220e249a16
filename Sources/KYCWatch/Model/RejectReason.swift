/// Why a row was quarantined: a stable code for counting and a message for the person fixing it.
public struct RejectReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The stable, kebab-case reason code, e.g. `end-before-start`.
    public var code: String

    /// Creates a reason from its code.
    public init(_ code: String) { self.code = code }

    public init(from decoder: any Decoder) throws {
        code = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    public var description: String { code }

    /// A required column is empty.
    public static let missingField = RejectReason("missing-field")
    /// A value cannot be parsed as its type (timestamp, number, boolean, country, IP address).
    public static let unparseableValue = RejectReason("unparseable-value")
    /// The interval ends before it starts.
    public static let endBeforeStart = RejectReason("end-before-start")
    /// A usage or access time before 2000-01-01T00:00:00Z, which no such record predates: a default or zero
    /// date (1970-01-01, 0000-01-01) that would stretch a run over decades.
    public static let implausibleTime = RejectReason("implausible-time")
    /// A count, size or quantity is negative (or, for an access row's count of events, below 1).
    public static let negativeQuantity = RejectReason("negative-quantity")
    /// A quantity is beyond what any real resource meters (e.g. a million accelerators on one resource).
    public static let absurdQuantity = RejectReason("absurd-quantity")
    /// Utilization outside 0–1.
    public static let utilizationOutOfRange = RejectReason("utilization-out-of-range")
    /// The accelerator model is not in the catalogue, yet the row says accelerators are attached.
    public static let unknownAccelerator = RejectReason("unknown-accelerator")
    /// The CSV quoting of the row is malformed.
    public static let malformedCSV = RejectReason("malformed-csv")
    /// The row has a different number of fields than the header.
    public static let raggedRow = RejectReason("ragged-row")
    /// The row is longer than any row of an export (``InputProcessor``'s limit): binary data, or a
    /// value run away. Ids of megabytes, kept, would be copied into every finding and page about them.
    public static let oversizedRow = RejectReason("oversized-row")
    /// The row is not metered usage (a FOCUS credit, tax, refund or purchase, a Slurm job step): the
    /// row is skipped and counted (``StageManifest/Input/rowsSkipped``), not rejected.
    public static let notUsage = RejectReason("not-usage")
    /// A FOCUS usage line that names an instance type (or a GPU model) but bills something beside the
    /// instance's own hours, which its own line meters: AWS's EBS-optimized bandwidth per instance-hour,
    /// Marketplace software, another service's charge (`ServiceCategory` `Storage`, `Analytics`). Counted
    /// as the instance's accelerators, it would count them twice; the row is skipped and counted, as a
    /// ``notUsage`` row is.
    public static let notInstanceUsage = RejectReason("not-instance-usage")
    /// Whether a row of this reason is skipped by design (``StageManifest/Input/rowsSkipped``), not
    /// rejected: not written to the rejects file and not held against the reject policy.
    public var skipsRow: Bool { self == .notUsage || self == .notInstanceUsage }
    /// A value kycwatch reads is not valid UTF-8 (an export written in another encoding): repaired,
    /// ids that differ only in their invalid bytes would read as one.
    public static let invalidUTF8 = RejectReason("invalid-utf8")
    /// A value kycwatch reads holds a NUL byte, which no text export holds: binary data, or an export
    /// written in UTF-16. Kept, `ur-1\0` would be another record than `ur-1`, and a NUL written into the
    /// canonical files would end the value for many a tool reading them.
    public static let nulByte = RejectReason("nul-byte")
    /// The account id appears twice in the accounts export with different content.
    public static let duplicateAccount = RejectReason("duplicate-account")
    /// A usage record id delivered before with other figures (account, resource, job, cluster, times,
    /// accelerators, utilization, bytes), or an access event id delivered before as another event
    /// (account, timestamp, address, action, count): not a re-delivery of the same record, so not
    /// dropped unseen; the first delivery is kept.
    public static let conflictingDelivery = RejectReason("conflicting-delivery")
}
