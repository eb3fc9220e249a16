/// The figures that decide when a screened name is reported as a match.
///
/// The defaults are chosen from the labelled evaluation set built from the real lists (see
/// `Benchmarks/screening/README.md` for the curve): recall at least 95 % with a false-positive rate under 1 %.
public struct ScreeningConfiguration: Sendable, Hashable {
    /// The lowest final score (name score adjusted by country evidence) reported as a match, 0 to 1.
    public var threshold: Double
    /// Added to the name score when the query and the entry share a country.
    public var countryAgreementBonus: Double
    /// Subtracted from the name score when both have countries and none is shared; at 0.05 an exact name
    /// stays at SCR-001's `critical_score` (0.95), since a list's countries are often a branch's.
    public var countryConflictPenalty: Double
    /// Word pairs less similar than this (Jaro-Winkler) count as unmatched.
    public var minimumTokenSimilarity: Double
    /// The most matches reported for one name, best first.
    public var maximumMatchesPerName: Int
    /// Listed parties of these types are never matched (their names still weigh in the words' rarity).
    ///
    /// Vessels and aircraft by default: customers and their owners are people and companies, and a
    /// company named after an ordinary word (`Dover Corporation`, `Helm AG`) is that word alone once
    /// its legal form is removed, which is the whole name of many a listed ship (`DOVER`, `HELM`).
    public var unmatchedPartyTypes: Set<RestrictedPartyEntry.PartyType>

    /// Creates a configuration; the defaults are the tuned values.
    public init(
        threshold: Double = 0.82, countryAgreementBonus: Double = 0.03, countryConflictPenalty: Double = 0.05,
        minimumTokenSimilarity: Double = 0.80, maximumMatchesPerName: Int = 10,
        unmatchedPartyTypes: Set<RestrictedPartyEntry.PartyType> = [.vessel, .aircraft]
    ) {
        self.threshold = threshold
        self.countryAgreementBonus = countryAgreementBonus
        self.countryConflictPenalty = countryConflictPenalty
        self.minimumTokenSimilarity = minimumTokenSimilarity
        self.maximumMatchesPerName = maximumMatchesPerName
        self.unmatchedPartyTypes = unmatchedPartyTypes
    }

    /// The thresholds a pipeline file may set: below 0.5, names sharing one ordinary word match
    /// (`John Smith` and `SHEHZAD JOHN` score 0.46), and the labelled set's curve starts at 0.70.
    public static let thresholds: ClosedRange<Double> = 0.5...1

    /// Checks that every figure is in range.
    public func validate() throws(KYCWatchError) {
        func check(_ ok: Bool, _ message: String) throws(KYCWatchError) {
            if !ok { throw KYCWatchError(.invalidConfiguration, "screening: \(message)") }
        }
        try check(
            Self.thresholds.contains(threshold),
            "threshold must be a match score from \(Self.thresholds.lowerBound) to \(Self.thresholds.upperBound), "
                + "is \(threshold)")
        try check(
            countryAgreementBonus >= 0 && countryAgreementBonus < threshold,
            "country agreement bonus must be at least 0 and below the threshold, is \(countryAgreementBonus)")
        try check(
            countryConflictPenalty >= 0 && countryConflictPenalty <= 1,
            "country conflict penalty must be in [0, 1], is \(countryConflictPenalty)")
        try check(
            minimumTokenSimilarity > 0 && minimumTokenSimilarity <= 1,
            "minimum token similarity must be in (0, 1], is \(minimumTokenSimilarity)")
        try check(maximumMatchesPerName >= 1, "maximum matches per name must be at least 1")
    }
}
