/// What the sample world's generator planted, written beside the data as `ground-truth.json`, so
/// tests can check what kycwatch concludes against what is true.
///
/// Categories are the findings' categories (`large-training`, `foreign-person`,
/// `covered-transaction`, `cip-gap`, `data-quality`); reject reasons are the normalize stage's codes
/// (`missing-field`, `unparseable-value`, `end-before-start`, `negative-quantity`,
/// `utilization-out-of-range`, `unknown-accelerator`, `duplicate-record`, `malformed-csv`,
/// `ragged-row`, `unknown-account`).
public struct SampleGroundTruth: Codable, Sendable, Equatable {
    /// How the world was made.
    public struct Generator: Codable, Sendable, Equatable {
        /// The seed the world was generated from.
        public var seed: UInt64
        /// Ordinary (unplanted) accounts asked for.
        public var ordinaryAccounts: Int
        /// The metering period of the planted training runs, in days.
        public var trainingMeteringDays: Int
        /// The kycwatch version that wrote the world.
        public var version: String
    }

    /// The thresholds the expectations assume (the pipeline defaults).
    public struct Thresholds: Codable, Sendable, Equatable {
        /// Training operations at or above which a run is reportable.
        public var trainingOperations: Double
        /// Combined peak of a co-located cluster that makes it a covered computing cluster.
        public var clusterOpsPerSecond: Double
        /// Interconnect a covered cluster must exceed, Gbit/s.
        public var clusterInterconnectGbps: Double
        /// The utilization assumed where usage rows carry none.
        public var defaultUtilization: Double

        enum CodingKeys: String, CodingKey {
            case trainingOperations = "training_operations"
            case clusterOpsPerSecond = "cluster_ops_per_second"
            case clusterInterconnectGbps = "cluster_interconnect_gbps"
            case defaultUtilization = "default_utilization"
        }
    }

    /// One written file.
    public struct File: Codable, Sendable, Equatable {
        /// The name inside the output folder.
        public var name: String
        /// Data rows (lines after the header), dirty ones included.
        public var rows: Int
        /// The column names of the header row.
        public var columns: [String]
    }

    /// The ordinary population in figures.
    public struct Population: Codable, Sendable, Equatable {
        /// Rows in the accounts export, dirty ones included.
        public var accountRows: Int
        /// Accounts the export describes with a valid row (dirty rows and re-deliveries excluded).
        public var accounts: Int
        /// Accounts of individuals.
        public var individuals: Int
        /// Accounts of organizations.
        public var organizations: Int
        /// Accounts by declared country (alpha-2).
        public var byCountry: [String: Int]
        /// Accounts whose declared country is not the US.
        public var foreignDeclared: Int
        /// Accounts declared in a foreign-adversary jurisdiction.
        public var foreignAdversaryDeclared: Int
        /// Accounts whose email is on gmail.com.
        public var gmailAccounts: Int

        enum CodingKeys: String, CodingKey {
            case accountRows = "account_rows"
            case accounts, individuals, organizations
            case byCountry = "by_country"
            case foreignDeclared = "foreign_declared"
            case foreignAdversaryDeclared = "foreign_adversary_declared"
            case gmailAccounts = "gmail_accounts"
        }
    }

    /// Who a finding is about: one account, or a group of linked accounts.
    public struct Subject: Codable, Sendable, Equatable {
        /// `account` or `group`.
        public var kind: String
        /// The account ids.
        public var accounts: [String]
    }

    /// A foreign-person indicator the generator planted on an account.
    public struct Signal: Codable, Sendable, Equatable {
        /// The account carrying the indicator.
        public var account: String
        /// `declared-country`, `headquarters`, `payment-country`, `phone-calling-code`, `email-cctld`,
        /// `beneficial-owner`, `reseller`, `access-geography`, `anonymizer`, `us-declared-inconsistent`.
        public var kind: String
        /// The country the indicator points to (alpha-2), when it points to one.
        public var country: String?
        /// The value as exported (a phone number, a domain, an IP).
        public var value: String
    }

    /// An attribute two or more accounts share.
    public struct Link: Codable, Sendable, Equatable {
        /// `payment_fingerprint`, `phone`, `beneficial_owner`, `access_ip`, `email_domain`.
        public var kind: String
        /// The shared value as exported.
        public var value: String
        /// The accounts sharing it.
        public var accounts: [String]
    }

    /// The training compute the generator planted, from the usage rows it wrote (re-deliveries
    /// counted once).
    public struct Compute: Codable, Sendable, Equatable {
        /// The instance type the workload runs on.
        public var instanceType: String
        /// The catalogue's accelerator model of that type.
        public var acceleratorModel: String
        /// Peak dense BF16 TFLOP/s per accelerator used for the figures.
        public var peakBF16TFLOPS: Double
        /// Instances running at once at the workload's height.
        public var concurrentInstances: Int
        /// Their accelerators.
        public var concurrentAccelerators: Int
        /// Distinct resource ids (failed instances are replaced by new ones).
        public var resources: Int
        /// Usage rows written (re-deliveries not counted).
        public var usageRows: Int
        /// Days one row covers at most (rows are cut at period boundaries from the window's start).
        public var meteringDays: Int
        /// Σ accelerators × hours.
        public var acceleratorHours: Double
        /// The accelerator-seconds-weighted mean of the metered utilization, or nil when unmetered.
        public var meteredUtilization: Double?
        /// The utilization behind `expectedOperations` (the metered one, else the default).
        public var utilizationUsed: Double
        /// Σ accelerators × peak × seconds × utilization (metered, else the default).
        public var expectedOperations: Double
        /// Operations at utilization 1.
        public var upperBoundOperations: Double
        /// Combined peak OP/s of the largest co-located cluster (0 when nothing is co-located).
        public var peakClusterOpsPerSecond: Double
        /// The catalogue's per-node network bandwidth of the instance type.
        public var interconnectGbps: Double
        /// Placement groups the workload runs in.
        public var clusterIDs: [String]
        /// Distinct job ids.
        public var jobs: Int
        /// The first twenty job ids in order.
        public var jobIDs: [String]
        /// Regions the workload runs in.
        public var regions: [String]
        /// The start of its first usage row (ISO 8601, UTC).
        public var firstStart: String
        /// The end of its last usage row.
        public var lastEnd: String

        enum CodingKeys: String, CodingKey {
            case instanceType = "instance_type"
            case acceleratorModel = "accelerator_model"
            case peakBF16TFLOPS = "peak_bf16_tflops"
            case concurrentInstances = "concurrent_instances"
            case concurrentAccelerators = "concurrent_accelerators"
            case resources
            case usageRows = "usage_rows"
            case meteringDays = "metering_days"
            case acceleratorHours = "accelerator_hours"
            case meteredUtilization = "metered_utilization"
            case utilizationUsed = "utilization_used"
            case expectedOperations = "expected_operations"
            case upperBoundOperations = "upper_bound_operations"
            case peakClusterOpsPerSecond = "peak_cluster_ops_per_second"
            case interconnectGbps = "interconnect_gbps"
            case clusterIDs = "cluster_ids"
            case jobs
            case jobIDs = "job_ids"
            case regions
            case firstStart = "first_start"
            case lastEnd = "last_end"
        }
    }

    /// What is expected of one member of a group situation.
    public struct Member: Codable, Sendable, Equatable {
        /// The member account.
        public var account: String
        /// Categories that must be found for the account alone.
        public var expect: [String]
        /// Categories that must not be found for the account alone.
        public var mustNot: [String]
        /// The member's own share of the planted compute.
        public var compute: Compute?

        enum CodingKeys: String, CodingKey {
            case account, expect
            case mustNot = "must_not"
            case compute
        }
    }

    /// One planted situation and what kycwatch should conclude about it.
    public struct Situation: Codable, Sendable, Equatable {
        /// A stable kebab-case name.
        public var name: String
        /// What was planted, in words.
        public var description: String
        /// Every account the situation involves.
        public var accounts: [String]
        /// The account or group the expectations are about.
        public var subject: Subject
        /// Categories that must be found for the subject.
        public var expect: [String]
        /// Categories that must not be found for the subject.
        public var mustNot: [String]
        /// True when the accounts must not be linked into a group through what they share.
        public var mustNotLink: Bool?
        /// Expectations for each account of a group.
        public var members: [Member]?
        /// Foreign-person indicators planted on the accounts.
        public var signals: [Signal]?
        /// Attributes the accounts share.
        public var links: [Link]?
        /// The compute planted (for a group: the members summed).
        public var compute: Compute?
        /// Anything else a test or a reviewer should know.
        public var notes: String?

        enum CodingKeys: String, CodingKey {
            case name, description, accounts, subject, expect
            case mustNot = "must_not"
            case mustNotLink = "must_not_link"
            case members, signals, links, compute, notes
        }
    }

    /// A row written dirty on purpose, and the reason the normalize stage should give.
    public struct DirtyRow: Codable, Sendable, Equatable {
        /// The file name (`usage.csv.zst`).
        public var file: String
        /// The 1-based physical line (the header is line 1).
        public var line: Int
        /// The reject reason code.
        public var reason: String
        /// The column at fault, when one is.
        public var column: String?
        /// The row's record, event or account id.
        public var id: String?
        /// The account the row names, when it names one.
        public var account: String?
        /// For a re-delivery, the line of the first delivery.
        public var duplicateOf: Int?
        /// What is wrong with the row, in words.
        public var note: String

        enum CodingKeys: String, CodingKey {
            case file, line, reason, column, id, account
            case duplicateOf = "duplicate_of"
            case note
        }
    }

    /// How the world was made.
    public var generator: Generator
    /// The night the export was cut (ISO 8601, UTC).
    public var asOf: String
    /// The first instant of the usage and access history.
    public var windowStart: String
    /// The thresholds the expectations assume.
    public var thresholds: Thresholds
    /// The files written, with their row counts and columns.
    public var files: [File]
    /// The accounts export in figures.
    public var population: Population
    /// The planted situations and decoys.
    public var situations: [Situation]
    /// Every dirty row, by file and line.
    public var dirtyRows: [DirtyRow]
    /// The synthetic reference files the access rows are made against (paths inside the folder).
    public var referenceFiles: [String]

    enum CodingKeys: String, CodingKey {
        case generator
        case asOf = "as_of"
        case windowStart = "window_start"
        case thresholds, files, population, situations
        case dirtyRows = "dirty_rows"
        case referenceFiles = "reference_files"
    }
}

extension SampleGroundTruth.Generator {
    enum CodingKeys: String, CodingKey {
        case seed
        case ordinaryAccounts = "ordinary_accounts"
        case trainingMeteringDays = "training_metering_days"
        case version
    }
}

extension SampleGroundTruth {
    /// The situation named `name`, if planted.
    public func situation(_ name: String) -> Situation? {
        situations.first { $0.name == name }
    }
}
