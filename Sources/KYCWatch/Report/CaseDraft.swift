/// A draft of what a covered-transaction report needs: the customer's CIP fields, the training
/// run's figures with the assumptions behind them, linked accounts, and the dates.
///
/// Written as `cases/<finding-id>.json` and `.md`. A field the accounts export lacks reads
/// ``notProvided`` and is listed in the customer's `not_provided`, so a gap is never a blank.
public struct CaseDraft: Sendable, Codable, Hashable {
    /// The text standing for a missing field.
    public static let notProvided = "not provided"

    /// A beneficial owner (≥ 25 % ownership or control).
    public struct Owner: Sendable, Codable, Hashable {
        public var name: String
        public var country: String
    }

    /// An address the customer used for access or administration.
    public struct AccessAddress: Sendable, Codable, Hashable {
        public var ip: String
        /// The country of the address, `unknown` when it is in no configured range.
        public var country: String
        public var events: Int
        public var firstSeen: String
        public var lastSeen: String
        /// The anonymizer network the address belongs to (`vpn`, `tor`, `hosting`), nil when none: its
        /// country is the exit's, not where the customer is.
        public var anonymizer: String?

        enum CodingKeys: String, CodingKey {
            case ip, country, events
            case firstSeen = "first_seen"
            case lastSeen = "last_seen"
            case anonymizer
        }
    }

    /// The file beside the draft with each access event of its accounts, or why there is none.
    public struct AccessLog: Sendable, Codable, Hashable {
        /// `<finding-id>.access.csv` in `cases/`, nil when it could not be written.
        public var file: String?
        /// Rows of the file, one per access row of the export.
        public var rows: Int
        /// Access events the rows stand for (a row may count several).
        public var events: Int
        /// Why the file is missing (``CaseAccessLog/unavailable``), nil when it was written.
        public var unavailable: String?
    }

    /// The CIP fields of one account.
    public struct Customer: Sendable, Codable, Hashable {
        public var accountID: String
        public var parentAccountID: String
        public var customerType: String
        public var legalName: String
        public var addressLine: String
        public var city: String
        public var region: String
        public var postalCode: String
        public var country: String
        public var headquartersCountry: String
        public var emails: [String]
        public var phones: [String]
        /// The means of payment: method and instrument id.
        public var paymentMethod: String
        public var paymentInstrument: String
        /// The source of payment: the instrument's issuing country, and a reseller when there is one.
        public var paymentCountry: String
        public var reseller: String
        public var resellerCountry: String
        public var beneficialOwners: [Owner]
        /// The parent account (its own, or one further up its parents) whose record gives the payment
        /// fields, for a member account billed through it (its own record giving none); nil when they are
        /// the account's own.
        public var paymentThrough: String?
        /// The parent account (its own, or one further up its parents) whose record gives the beneficial
        /// owners, for a member account listing none of its own; nil when they are the account's own.
        public var ownersThrough: String?
        /// `verified`, `not verified` or ``CaseDraft/notProvided``.
        public var identityVerification: String
        public var accountStatus: String
        public var createdAt: String
        public var accessAddresses: [AccessAddress]
        /// The CIP fields the export lacks, by name.
        public var notProvided: [String]

        enum CodingKeys: String, CodingKey {
            case accountID = "account_id"
            case parentAccountID = "parent_account_id"
            case customerType = "customer_type"
            case legalName = "legal_name"
            case addressLine = "address_line"
            case city, region
            case postalCode = "postal_code"
            case country
            case headquartersCountry = "headquarters_country"
            case emails, phones
            case paymentMethod = "payment_method"
            case paymentInstrument = "payment_instrument"
            case paymentCountry = "payment_country"
            case reseller
            case resellerCountry = "reseller_country"
            case beneficialOwners = "beneficial_owners"
            case paymentThrough = "payment_through_parent"
            case ownersThrough = "owners_through_parent"
            case identityVerification = "identity_verification"
            case accountStatus = "account_status"
            case createdAt = "created_at"
            case accessAddresses = "access_addresses"
            case notProvided = "not_provided"
        }
    }

    /// How operations were estimated for one run.
    public struct Utilization: Sendable, Codable, Hashable {
        /// `metered`, `partly metered, default elsewhere` or `not metered: default assumed`.
        public var basis: String
        /// Share of accelerator-seconds whose utilization was metered.
        public var meteredShare: Double
        /// Mean metered utilization, nil when none was metered.
        public var meteredMean: Double?
        /// The utilization assumed where it was not metered.
        public var defaultAssumed: Double
        /// Expected over upper-bound operations: the utilization the estimate amounts to.
        public var effective: Double

        enum CodingKeys: String, CodingKey {
            case basis
            case meteredShare = "metered_share"
            case meteredMean = "metered_mean"
            case defaultAssumed = "default_assumed"
            case effective
        }
    }

    /// The figures of one training run.
    public struct Run: Sendable, Codable, Hashable {
        public var accountID: String
        /// `job train-7`, `cluster pg-7`.
        public var run: String
        public var clusters: [String]
        public var regions: [String]
        public var start: String
        public var end: String
        public var days: Double
        /// Accelerator-hours by accelerator model.
        public var acceleratorHoursByModel: [String: Double]
        public var peakConcurrentAccelerators: Double
        public var acceleratorHours: Double
        public var peakClusterOpsPerSecond: Double
        public var interconnectGbps: Double?
        public var expectedOperations: Double
        public var upperBoundOperations: Double
        public var utilization: Utilization
        public var resources: Int
        public var records: Int
        /// The first usage record ids, for tracing.
        public var sampleRecordIDs: [String]

        enum CodingKeys: String, CodingKey {
            case accountID = "account_id"
            case run, clusters, regions, start, end, days
            case acceleratorHoursByModel = "accelerator_hours_by_model"
            case peakConcurrentAccelerators = "peak_concurrent_accelerators"
            case acceleratorHours = "accelerator_hours"
            case peakClusterOpsPerSecond = "peak_cluster_ops_per_second"
            case interconnectGbps = "interconnect_gbps"
            case expectedOperations = "expected_operations"
            case upperBoundOperations = "upper_bound_operations"
            case utilization, resources, records
            case sampleRecordIDs = "sample_record_ids"
        }
    }

    public var findingID: String
    public var rule: String
    public var ruleTitle: String
    public var severity: Severity
    public var summary: String
    /// `account` or `group`.
    public var subjectKind: String
    public var runDate: String
    public var knowledgeDate: String
    public var reportDue: String
    /// Start and end of the training evidence (ISO 8601 UTC).
    public var windowStart: String
    public var windowEnd: String
    /// Expected and upper-bound operations of the finding (summed over a group's runs).
    public var expectedOperations: Double?
    public var upperBoundOperations: Double?
    public var acceleratorHours: Double?
    public var thresholdOperations: Double?
    /// About the day the run's expected operations reached the threshold (``TrainingRun`` profile,
    /// utilization taken as even over the run), when the finding says.
    public var thresholdReachedAbout: String?
    /// How operations are estimated, in words.
    public var assumptions: [String]
    public var foreignSignals: [String]
    public var customers: [Customer]
    public var trainingRuns: [Run]
    /// The other accounts of a group finding and what links them; empty for one account.
    public var linkedAccounts: [String]
    public var links: [String]
    public var references: [String]
    /// The suppression that hides the finding from tonight's list, in words, when one does: a report
    /// stays due whatever a reviewer decided about the finding's place in the list.
    public var suppressed: String?
    /// Why the finding is carried unchecked, when it is (``FindingStatus/unchecked``): its figures are
    /// the night that found it, the facts around them tonight's.
    public var unchecked: String?
    /// Each access of the draft's accounts with its date and time, in a file of its own; nil when the
    /// night has no access export.
    public var accessLog: AccessLog?

    enum CodingKeys: String, CodingKey {
        case findingID = "finding_id"
        case rule
        case ruleTitle = "rule_title"
        case severity, summary
        case subjectKind = "subject_kind"
        case runDate = "run_date"
        case knowledgeDate = "knowledge_date"
        case reportDue = "report_due"
        case windowStart = "window_start"
        case windowEnd = "window_end"
        case expectedOperations = "expected_operations"
        case upperBoundOperations = "upper_bound_operations"
        case acceleratorHours = "accelerator_hours"
        case thresholdOperations = "threshold_operations"
        case thresholdReachedAbout = "threshold_reached_about"
        case assumptions
        case foreignSignals = "foreign_signals"
        case customers
        case trainingRuns = "training_runs"
        case linkedAccounts = "linked_accounts"
        case links, references, suppressed, unchecked
        case accessLog = "access_log"
    }
}
