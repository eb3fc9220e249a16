/// How urgently a reviewer should look at a finding.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
