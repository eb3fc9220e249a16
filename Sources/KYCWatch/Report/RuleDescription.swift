/// What a reviewer needs to know about the rule behind a finding: title, what it checks, when it is
/// wrong, and what it rests on.
public struct RuleDescription: Sendable, Hashable {
    public var id: String
    public var version: Int
    public var title: String
    public var category: FindingCategory
    public var defaultSeverity: Severity
    /// What the rule flags, from its parameters and their defaults.
    public var rationale: String
    public var parameters: [RuleParameter]
    public var falsePositiveNotes: String
    public var references: [String]

    /// The description of a catalogue rule.
    public init(_ rule: any Rule) {
        id = rule.id
        version = rule.version
        title = rule.title
        category = rule.category
        defaultSeverity = rule.defaultSeverity
        parameters = rule.parameters
        rationale =
            rule.parameters.isEmpty
            ? rule.title
            : rule.title + ", flagged with: "
                + rule.parameters.map {
                    "\($0.meaning) (\($0.name), default \(FigureFormat.metric($0.name, $0.defaultValue)))"
                }
                .joined(separator: "; ")
        falsePositiveNotes = rule.falsePositiveNotes
        references = rule.references
    }

    /// Creates a description.
    public init(
        id: String, version: Int, title: String, category: FindingCategory, defaultSeverity: Severity,
        rationale: String, parameters: [RuleParameter], falsePositiveNotes: String, references: [String]
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.category = category
        self.defaultSeverity = defaultSeverity
        self.rationale = rationale
        self.parameters = parameters
        self.falsePositiveNotes = falsePositiveNotes
        self.references = references
    }

    /// Every rule that writes findings: the ``RuleEngine/catalogue`` and the cross-account CVT-002.
    public static let all: [RuleDescription] =
        RuleEngine.catalogue.map(RuleDescription.init) + [groupCoveredTransaction]

    /// The description of rule `id`, nil for an id no rule has.
    public static func named(_ id: String) -> RuleDescription? {
        all.first { $0.id == id }
    }

    /// CVT-002 runs over groups of accounts, outside the per-account catalogue, so its text is here.
    static let groupCoveredTransaction: RuleDescription = {
        let rule = GroupCoveredTransactionRule()
        return RuleDescription(
            id: rule.id, version: rule.version, title: "Likely covered transaction split across linked accounts",
            category: .coveredTransaction, defaultSeverity: .critical,
            rationale: "Accounts linked by a shared payment instrument, email address, phone, beneficial owner or "
                + "access address whose training runs reach the threshold together (threshold_operations, default "
                + "1e26 operations) though none does alone, with at least one likely foreign member "
                + "(foreign-person score ≥ 1); a key shared by more than max_accounts_per_key (default 5) accounts "
                + "is ignored",
            parameters: [
                RuleParameter("threshold_operations", 1e26, "training compute threshold for the group, operations"),
                RuleParameter("max_accounts_per_key", 5, "a linking key shared by more accounts is ignored"),
            ],
            falsePositiveNotes: "Linked accounts may be unrelated customers behind one reseller, payment processor "
                + "or shared office; check the links in the evidence before filing.",
            references: rule.references)
    }()
}
