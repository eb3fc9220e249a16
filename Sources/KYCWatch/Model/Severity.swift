/// How urgently a reviewer should look at a finding.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// What a finding is about.
public enum FindingCategory: String, Sendable, Codable, CaseIterable {
    case largeTraining = "large-training"
    case foreignPerson = "foreign-person"
    case coveredTransaction = "covered-transaction"
    case cipGap = "cip-gap"
    case screening
    case dataQuality = "data-quality"
    case linking
}
