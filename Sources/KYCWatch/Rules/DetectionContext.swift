/// What every rule may read: catalogues, parameters and the night being run.
public struct DetectionContext: Sendable {
    public var catalogs: ReferenceCatalogs
    /// Rule parameters by rule id, from the pipeline file.
    public var ruleParameters: [String: [String: ParameterValue]]
    /// The run date (UTC, ISO 8601 date), the knowledge date of covered transactions.
    public var runDate: String
    /// The accelerator precision and default utilization used for compute estimates.
    public var assumptions: RunAccumulator.Assumptions
    /// The restricted-party index and reviewed decisions, when lists are configured.
    public var screening: ScreeningSetup?
    /// How much more a signal pointing at a foreign-adversary jurisdiction weighs: FPI-001's
    /// `adversary_factor`, read once so that every rule weighing foreign signals weighs them alike.
    public var adversaryFactor: Double

    public init(
        catalogs: ReferenceCatalogs, ruleParameters: [String: [String: ParameterValue]], runDate: String,
        assumptions: RunAccumulator.Assumptions
    ) {
        self.catalogs = catalogs
        self.ruleParameters = ruleParameters
        self.runDate = runDate
        self.assumptions = assumptions
        adversaryFactor = ForeignIndicatorsRule().parameter("adversary_factor", in: ruleParameters)
    }
}
