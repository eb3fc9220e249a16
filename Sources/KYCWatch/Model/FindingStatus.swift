/// Where a finding stands compared with the previous night's findings.
public enum FindingStatus: String, Sendable, Codable, CaseIterable {
    /// Reported tonight and not the previous night.
    case new
    /// Reported tonight and the previous night (same finding id).
    case ongoing
    /// Reported the previous night, no longer tonight.
    case resolved
}
