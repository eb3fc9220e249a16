/// A detection rule: identity, documentation, parameters, and an evaluation per account.
///
/// Rules are value types run concurrently over account shards; a rule reads the shared, read-only
/// ``DetectionContext`` and one ``AccountEvidence`` and returns its findings.
public protocol Rule: Sendable {
    /// A stable id such as `LMT-001`.
    var id: String { get }
    /// Bumped when the logic changes, so findings can be traced to it.
    var version: Int { get }
    /// A short title.
    var title: String { get }
    /// The category of its findings.
    var category: FindingCategory { get }
    /// The severity of its findings unless the rule raises or lowers it.
    var defaultSeverity: Severity { get }
    /// Its parameters with defaults (set under `rules:` in the pipeline file).
    var parameters: [RuleParameter] { get }
    /// When it is known to be wrong, for reviewers.
    var falsePositiveNotes: String { get }
    /// The rule text or threshold it rests on.
    var references: [String] { get }

    /// The findings for one account.
    func evaluate(_ account: AccountEvidence, in context: DetectionContext) throws -> [Finding]
}

/// A rule parameter: name, default, meaning, and the values a pipeline file may give it.
public struct RuleParameter: Sendable, Hashable {
    public var name: String
    public var defaultValue: Double
    public var meaning: String
    /// The values that make sense; the detect stage refuses a pipeline file that sets another.
    public var range: ClosedRange<Double>
    /// Whether the parameter counts something (days, signals, accounts): a fraction is refused.
    public var isWholeNumber: Bool

    /// The largest value any parameter takes: far above every threshold of the rule (1e26 operations),
    /// and small enough that a parameter times a night's figures stays a finite number.
    public static let largest = 1e30

    /// The values it takes in words, `a number from 1 to 87600`, `a whole number from 0 to 365`, for
    /// messages and `kycwatch rules`.
    public var rangeText: String {
        (isWholeNumber ? "a whole number" : "a number")
            + " from \(range.lowerBound.formatted) to \(range.upperBound.formatted)"
    }

    /// The default as `kycwatch rules` writes it: `5` for a whole number, `72.0` for another.
    public var defaultText: String {
        isWholeNumber ? defaultValue.formatted : "\(defaultValue)"
    }

    public init(
        _ name: String, _ defaultValue: Double, _ meaning: String, range: ClosedRange<Double> = 0...largest,
        whole: Bool = false
    ) {
        self.name = name
        self.defaultValue = defaultValue
        self.meaning = meaning
        self.range = range
        isWholeNumber = whole
    }
}

extension Rule {
    /// The value of parameter `name`: the pipeline file's, else the default.
    func parameter(_ name: String, in context: DetectionContext) -> Double {
        parameter(name, in: context.ruleParameters)
    }

    /// The value of parameter `name` in `given` (the pipeline file's `rules:`), else the default.
    func parameter(_ name: String, in given: [String: [String: ParameterValue]]) -> Double {
        if case .number(let value)? = given[id]?[name] { return value }
        return parameters.first { $0.name == name }?.defaultValue ?? 0
    }

    /// A finding of this rule with its stable id.
    ///
    /// The id is the rule's, the subject's and the window start's, with `run`'s label when the finding
    /// is about one run: two jobs of one account started in the same second are two findings.
    func finding(
        subject: Finding.Subject, severity: Severity? = nil, window: Finding.Window?, run: TrainingRun? = nil,
        summary: String, evidence: [String: EvidenceValue], metrics: [String: Double] = [:]
    ) -> Finding {
        Finding(
            id: Finding.stableID(
                rule: id, subject: subject,
                windowStart: run.map { "\(window?.start ?? "") \($0.label)" } ?? window?.start),
            rule: id,
            ruleVersion: version,
            category: category, severity: severity ?? defaultSeverity, subject: subject, window: window,
            summary: summary, evidence: evidence, metrics: metrics, references: references, knowledgeDate: nil,
            reportDue: nil)
    }
}
