/// The three exports kycwatch reads, each with its canonical columns.
public enum ExportKind: String, Sendable, Codable, CaseIterable {
    /// One row per customer account.
    case accounts
    /// One row per metered interval of one resource.
    case usage
    /// One row per console, API or admin access (or per account, IP and day with a count).
    case access

    /// The canonical columns, in output order, with whether each is required.
    public var fields: [CanonicalField] {
        switch self {
        case .accounts:
            CanonicalField.list(
                required: ["account_id", "created_at", "customer_type", "legal_name", "country", "email"],
                all: [
                    "account_id", "parent_account_id", "created_at", "customer_type", "legal_name", "address_line",
                    "city", "region", "postal_code", "country", "headquarters_country", "email", "phone",
                    "payment_method", "payment_fingerprint", "payment_country", "reseller_id", "reseller_country",
                    "beneficial_owners", "identity_verified", "status",
                ])
        case .usage:
            CanonicalField.list(
                required: ["record_id", "account_id", "resource_id", "start_time", "end_time"],
                all: [
                    "record_id", "account_id", "resource_id", "job_id", "cluster_id", "region", "zone",
                    "instance_type", "accelerator_model", "accelerator_count", "start_time", "end_time",
                    "accelerator_utilization", "interconnect_gbps", "egress_bytes", "storage_write_bytes",
                ])
        case .access:
            CanonicalField.list(
                required: ["event_id", "account_id", "timestamp", "source_ip"],
                all: ["event_id", "account_id", "timestamp", "source_ip", "action", "count"])
        }
    }

    /// The ordinal of the canonical column `name`.
    public func ordinal(of name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }
}
