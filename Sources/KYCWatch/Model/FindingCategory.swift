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
