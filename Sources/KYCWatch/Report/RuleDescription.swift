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

    /// Every rule that writes findings: the ``RuleEngine/catalogue``.
    public static let all: [RuleDescription] = RuleEngine.catalogue.map(RuleDescription.init)

    /// The description of rule `id`, nil for an id no rule has.
    public static func named(_ id: String) -> RuleDescription? {
        all.first { $0.id == id }
    }
}
