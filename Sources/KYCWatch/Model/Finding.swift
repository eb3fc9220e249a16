/// One thing a rule concluded about an account or a group, with the figures behind it.
///
/// Findings say *likely*: the provider sees metering, not the workload.
public struct Finding: Sendable, Codable, Hashable {
    /// Who the finding is about.
    public struct Subject: Sendable, Codable, Hashable {
        /// `account` or `group`.
        public var kind: String
        /// The account ids, sorted.
        public var accounts: [String]

        /// One account.
        public static func account(_ id: String) -> Subject { Subject(kind: "account", accounts: [id]) }
        /// Linked accounts.
        public static func group(_ ids: [String]) -> Subject { Subject(kind: "group", accounts: ids.sorted()) }
    }

    /// The first and last time of the evidence (ISO 8601 UTC).
    public struct Window: Sendable, Codable, Hashable {
        public var start: String
        public var end: String

        /// The days the window covers, `2026-06-04 to 2026-10-02`, for a person: `end` is the instant
        /// the last record ended, so a window that ends at midnight ends on the day before it.
        public var days: String {
            var last = String(end.prefix(10))
            let time = end.dropFirst(11).prefix { $0 != "Z" }
            if end > start, !time.isEmpty, time.allSatisfy({ $0 == "0" || $0 == ":" || $0 == "." }) {
                last = CalendarDay.adding(days: -1, to: last)
            }
            return "\(start.prefix(10)) to \(last)"
        }
    }

    public var id: String
    public var rule: String
    public var ruleVersion: Int
    public var category: FindingCategory
    public var severity: Severity
    public var subject: Subject
    public var window: Window?
    public var summary: String
    /// Figures behind the finding: record ids (capped, with the total), counts, countries, IPs.
    public var evidence: [String: EvidenceValue]
    /// Measures such as accelerator-hours and estimated operations.
    public var metrics: [String: Double]
    /// The rule text or threshold it rests on.
    public var references: [String]
    /// For covered transactions: when the provider is taken to know, and when the report is due.
    public var knowledgeDate: String?
    public var reportDue: String?
    /// Across nights: `new`, `ongoing` or `resolved`; nil when no previous night was given.
    public var status: FindingStatus? = nil
    /// The run date (`YYYY-MM-DD`) of the first night that reported this finding.
    public var firstSeen: String? = nil
    /// The suppression hiding this finding; set only on the lines of `suppressed.jsonl.zst`.
    public var suppressedBy: Suppression? = nil

    enum CodingKeys: String, CodingKey {
        case id, rule, category, severity, subject, window, summary, evidence, metrics, references
        case ruleVersion = "rule_version"
        case knowledgeDate = "knowledge_date"
        case reportDue = "report_due"
        case status
        case firstSeen = "first_seen"
        case suppressedBy = "suppressed_by"
    }

    /// The stable id: a hash of rule id, subject and window start, so a finding keeps its id across nights.
    public static func stableID(rule: String, subject: Subject, windowStart: String?) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(rule)|\(subject.kind)|\(subject.accounts.joined(separator: ","))|\(windowStart ?? "")".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return "F-" + String(hash, radix: 16).leftPadded(to: 16)
    }
}
