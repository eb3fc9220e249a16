/// Which findings to show: a minimum severity and sets of rules, categories, accounts and statuses.
///
/// An empty set matches everything; values within one set are alternatives, sets combine with *and*.
public struct FindingFilter: Sendable, Hashable {
    /// Findings at or above this severity.
    public var minimumSeverity: Severity?
    /// Rule ids, compared without regard to case.
    public var rules: Set<String>
    public var categories: Set<FindingCategory>
    /// Account ids, without the whitespace around them, as exports' ids are read; a group finding
    /// matches when any member does.
    public var accounts: Set<String>
    /// Statuses; `nil` in the set matches findings without a status (no previous night).
    public var statuses: Set<FindingStatus?>

    /// Creates a filter; the defaults match every finding.
    public init(
        minimumSeverity: Severity? = nil, rules: Set<String> = [], categories: Set<FindingCategory> = [],
        accounts: Set<String> = [], statuses: Set<FindingStatus?> = []
    ) {
        self.minimumSeverity = minimumSeverity
        self.rules = Set(rules.map { $0.uppercased() })
        self.categories = categories
        self.accounts = Set(accounts.map(FieldText.trimmedIdentifier))
        self.statuses = statuses
    }

    /// Whether `finding` passes every part of the filter.
    public func matches(_ finding: Finding) -> Bool {
        if let minimumSeverity, finding.severity < minimumSeverity { return false }
        if !rules.isEmpty, !rules.contains(finding.rule.uppercased()) { return false }
        if !categories.isEmpty, !categories.contains(finding.category) { return false }
        if !accounts.isEmpty, !finding.subject.accounts.contains(where: accounts.contains) { return false }
        if !statuses.isEmpty, !statuses.contains(finding.status) { return false }
        return true
    }

    /// The matching findings, highest severity first, otherwise in their given (file) order.
    public func apply(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().filter { matches($0.element) }
            .sorted { ($1.element.severity, $0.offset) < ($0.element.severity, $1.offset) }
            .map(\.element)
    }
}
