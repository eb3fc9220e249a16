/// A known export layout: how its columns map onto the canonical ones.
public enum InputLayout: String, Sendable, Hashable, CaseIterable {
    /// kycwatch's own export format (DESIGN.md tables): columns named as the canonical ones.
    case kycwatch
    /// FinOps FOCUS 1.0 billing export (usage).
    case focus = "focus-1.0"
    /// Slurm job accounting, `sacct -P` output (usage).
    case slurm = "slurm-sacct"

    /// The export kinds this layout can describe.
    public var kinds: [ExportKind] {
        switch self {
        case .kycwatch: ExportKind.allCases
        case .focus, .slurm: [.usage]
        }
    }

    /// The layout's field separator.
    public var delimiter: UInt8 {
        self == .slurm ? UInt8(ascii: "|") : UInt8(ascii: ",")
    }

    /// The layout's quote byte: `"` for CSV; for sacct, which never quotes (a job name may hold a `"`
    /// as any other character), the NUL byte, which no text export holds.
    public var quote: UInt8 {
        self == .slurm ? 0 : UInt8(ascii: "\"")
    }

    /// The layout's mapping of canonical columns to its own columns.
    public func defaultColumns(for kind: ExportKind) -> [String: ColumnSource] {
        switch self {
        case .kycwatch:
            return Dictionary(uniqueKeysWithValues: kind.fields.map { ($0.name, .column($0.name, format: .canonical)) })
        case .focus:
            return [
                "record_id": .column("Id", format: .canonical),
                "account_id": .column("SubAccountId", format: .canonical),
                "resource_id": .column("ResourceId", format: .canonical),
                "region": .column("RegionId", format: .canonical),
                "zone": .column("AvailabilityZone", format: .canonical),
                "start_time": .column("ChargePeriodStart", format: .canonical),
                "end_time": .column("ChargePeriodEnd", format: .canonical),
            ]
        case .slurm:
            return [
                "record_id": .column("JobIDRaw", format: .canonical),
                "account_id": .column("Account", format: .canonical),
                "resource_id": .column("NodeList", format: .canonical),
                "job_id": .column("JobID", format: .canonical),
                "cluster_id": .column("Cluster", format: .canonical),
                "start_time": .column("Start", format: .canonical),
                "end_time": .column("End", format: .canonical),
            ]
        }
    }

    /// Whether a row's record id is a digest of the row when the export has no id column: FOCUS 1.0
    /// defines none (`Id` is an addition some exports make), and rows alike in every field are one
    /// charge delivered twice.
    public var identifiesRowsByDigest: Bool { self == .focus }

    /// Columns of ``extraColumns`` a file of the layout cannot do without: FOCUS requires
    /// `ChargeCategory` of every export, and without it no line can be told usage or billing.
    public var requiredExtraColumns: [String] { self == .focus ? ["ChargeCategory"] : [] }

    /// Source columns a layout reads beyond its mapping (for derived values), checked by `validate`.
    public var extraColumns: [String] {
        switch self {
        case .kycwatch: []
        case .focus:
            [
                "ChargeCategory", "ConsumedQuantity", "ConsumedUnit", "SkuId", "ChargeDescription", "ResourceType",
                "ServiceName", "BillingAccountId", "ChargeClass", "CommitmentDiscountStatus", "ServiceCategory",
                "CapacityReservationStatus",
            ]
        case .slurm: ["AllocTRES", "Elapsed"]
        }
    }
}
