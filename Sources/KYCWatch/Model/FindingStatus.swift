/// Where a finding stands compared with the previous night's findings.
public enum FindingStatus: String, Sendable, Codable, CaseIterable {
    /// Reported tonight and not the previous night.
    case new
    /// Reported tonight and the previous night (same finding id).
    case ongoing
    /// Reported the previous night, no longer tonight.
    case resolved
    /// Reported the previous night by a check that night made and tonight does not
    /// (``PipelineConfiguration/uncheckedRules(after:)``: no restricted-party lists named, say): carried
    /// as it was, neither seen again nor gone, so a night that checks less does not report fewer
    /// findings without a word. It counts as open.
    case unchecked

    /// What a status means for a reviewer, where it is not plain: why an unchecked finding is open.
    public var note: String? {
        self == .unchecked
            ? "carried from the night before as it was: tonight did not make the check that found it (the "
                + "manifest's checks_not_made says which), so nothing says it is gone"
            : nil
    }
}
