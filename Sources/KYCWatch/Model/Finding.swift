/// One thing a rule concluded about an account or a group, with the figures behind it.
///
/// Findings say *likely*: the provider sees metering, not the workload.
public struct Finding: Sendable, Codable, Hashable, CustomDebugStringConvertible {
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

    /// What the finding says, in one box: findings are copied into every list the review, the
    /// report and the case drafts make, and a copy of a box retains one object where a copy of the
    /// fields retained each of their texts, arrays and dictionaries.
    private var storage: Storage
    /// The id: ``stableID(rule:subject:windowStart:)``.
    public var id: String {
        get { storage.fields.id }
        set { update { $0.id = newValue } }
    }
    /// The id of the rule that made the finding.
    public var rule: String {
        get { storage.fields.rule }
        set { update { $0.rule = newValue } }
    }
    /// The version of that rule.
    public var ruleVersion: Int {
        get { storage.fields.ruleVersion }
        set { update { $0.ruleVersion = newValue } }
    }
    public var category: FindingCategory {
        get { storage.fields.category }
        set { update { $0.category = newValue } }
    }
    public var severity: Severity {
        get { storage.fields.severity }
        set { update { $0.severity = newValue } }
    }
    public var subject: Subject {
        get { storage.fields.subject }
        set { update { $0.subject = newValue } }
    }
    public var window: Window? {
        get { storage.fields.window }
        set { update { $0.window = newValue } }
    }
    /// A sentence a reviewer understands without the code.
    public var summary: String {
        get { storage.fields.summary }
        set { update { $0.summary = newValue } }
    }
    /// Figures behind the finding: record ids (capped, with the total), counts, countries, IPs.
    public var evidence: [String: EvidenceValue] {
        get { storage.fields.evidence }
        set { update { $0.evidence = newValue } }
    }
    /// Measures such as accelerator-hours and estimated operations.
    public var metrics: [String: Double] {
        get { storage.fields.metrics }
        set { update { $0.metrics = newValue } }
    }
    /// The rule text or threshold it rests on.
    public var references: [String] {
        get { storage.fields.references }
        set { update { $0.references = newValue } }
    }
    /// For covered transactions (and a critical DQ-002, which may be one): when the provider is taken
    /// to know, and when the report is due.
    public var knowledgeDate: String? {
        get { storage.fields.knowledgeDate }
        set { update { $0.knowledgeDate = newValue } }
    }
    public var reportDue: String? {
        get { storage.fields.reportDue }
        set { update { $0.reportDue = newValue } }
    }
    /// Whether a report is due for the finding from its knowledge date: a covered transaction, or a
    /// finding dated as one may be (a critical DQ-002, usage that is a covered transaction if it is one
    /// run). Such a finding keeps its first knowledge date across nights, a night gone between.
    public var isReportable: Bool { category == .coveredTransaction || reportDue != nil }
    /// Across nights: `new`, `ongoing` or `resolved`; nil when no previous night was given.
    public var status: FindingStatus? {
        get { storage.fields.status }
        set { update { $0.status = newValue } }
    }
    /// The run date (`YYYY-MM-DD`) of the first night that reported this finding.
    public var firstSeen: String? {
        get { storage.fields.firstSeen }
        set { update { $0.firstSeen = newValue } }
    }
    /// The suppression hiding this finding; set only on the lines of `suppressed.jsonl.zst`.
    public var suppressedBy: Suppression? {
        get { storage.fields.suppressedBy }
        set { update { $0.suppressedBy = newValue } }
    }

    /// A finding with these fields.
    public init(
        id: String, rule: String, ruleVersion: Int, category: FindingCategory, severity: Severity, subject: Subject,
        window: Window?, summary: String, evidence: [String: EvidenceValue], metrics: [String: Double],
        references: [String], knowledgeDate: String? = nil, reportDue: String? = nil, status: FindingStatus? = nil,
        firstSeen: String? = nil, suppressedBy: Suppression? = nil
    ) {
        storage = Storage(
            Fields(
                id: id, rule: rule, ruleVersion: ruleVersion, category: category, severity: severity,
                subject: subject, window: window, summary: summary, evidence: evidence, metrics: metrics,
                references: references, knowledgeDate: knowledgeDate, reportDue: reportDue, status: status,
                firstSeen: firstSeen, suppressedBy: suppressedBy))
    }

    public init(from decoder: any Decoder) throws {
        storage = Storage(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.fields.encode(to: encoder)
    }

    public static func == (left: Finding, right: Finding) -> Bool {
        left.storage === right.storage || left.storage.fields == right.storage.fields
    }

    public func hash(into hasher: inout Hasher) {
        storage.fields.hash(into: &hasher)
    }

    /// The fields, as the finding was before they were boxed: what a failed test's message shows.
    public var debugDescription: String { "Finding(\(String(describing: storage.fields).dropFirst("Fields(".count))" }

    /// Changes the fields, in a box of this finding's own when another finding shares the box.
    private mutating func update(_ change: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
        change(&storage.fields)
    }

    /// The stable id: a hash of rule id, subject and window start, so a finding keeps its id across nights.
    public static func stableID(rule: String, subject: Subject, windowStart: String?) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(rule)|\(subject.kind)|\(subject.accounts.joined(separator: ","))|\(windowStart ?? "")".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return "F-" + String(hash, radix: 16).leftPadded(to: 16)
    }

    /// The fields of a finding, as `findings.jsonl.zst` names them.
    private struct Fields: Sendable, Codable, Hashable {
        var id: String
        var rule: String
        var ruleVersion: Int
        var category: FindingCategory
        var severity: Severity
        var subject: Subject
        var window: Window?
        var summary: String
        var evidence: [String: EvidenceValue]
        var metrics: [String: Double]
        var references: [String]
        var knowledgeDate: String?
        var reportDue: String?
        var status: FindingStatus?
        var firstSeen: String?
        var suppressedBy: Suppression?

        enum CodingKeys: String, CodingKey {
            case id, rule, category, severity, subject, window, summary, evidence, metrics, references
            case ruleVersion = "rule_version"
            case knowledgeDate = "knowledge_date"
            case reportDue = "report_due"
            case status
            case firstSeen = "first_seen"
            case suppressedBy = "suppressed_by"
        }
    }

    /// The box of a finding's fields. Its fields change only through ``Finding/update(_:)``, which
    /// first gives the finding a box of its own: a box shared between findings, or between threads,
    /// is never written.
    private final class Storage: @unchecked Sendable {
        var fields: Fields

        init(_ fields: Fields) { self.fields = fields }
    }
}
