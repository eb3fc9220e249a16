import Foundation

/// FPI-001: one finding per account with foreign-person signals, its score and every signal behind it.
public struct ForeignIndicatorsRule: Rule {
    public init() {}
    public let id = "FPI-001"
    public let version = 8
    public let title = "Foreign-person indicators"
    public let category = FindingCategory.foreignPerson
    public let defaultSeverity = Severity.medium
    public let parameters = [
        RuleParameter("likely_score", 1.0, "score at which the customer is treated as likely foreign"),
        RuleParameter(
            "adversary_factor", 1.5,
            "weight multiplier for foreign-adversary jurisdictions, in every rule that weighs foreign signals",
            range: 0...100),
    ]
    public let falsePositiveNotes =
        "A US person abroad, a US company paying with a foreign card, or a shared VPN can raise signals; the score weighs them, and a few logins abroad do not count. Access through an anonymizer counts as anonymizer use, not as access from the country of its exit."
    public let references = ["EO 13984 §1 (CIP); 89 FR 5698, proposed 15 CFR 791.301 (US person and foreign person)"]

    public func evaluate(_ account: AccountEvidence, in context: DetectionContext) throws -> [Finding] {
        let assessment = ForeignAssessment(account: account, in: context)
        // A missing record (DQ-001's) or missing owners (CIP-001's) carry the presumption alone: no indicator.
        guard assessment.hasIndicators else { return [] }
        let likely = assessment.score >= parameter("likely_score", in: context)
        let severity: Severity = likely ? (assessment.involvesAdversary ? .high : .medium) : .low
        let declared = account.account?.country ?? "unknown"
        var evidence: [String: EvidenceValue] = [
            "signals": .list(
                assessment.signals.map { "\($0.kind): \($0.detail) (weight \(String(format: "%.2f", $0.weight)))" }),
            "declared_country": .text(declared),
        ]
        let countries = Set(assessment.signals.flatMap(\.countries)).sorted()
        evidence["countries"] = .list(countries)
        if let flag = assessment.licensingRedFlag {
            evidence["licensing_red_flag"] = .text(flag)
        }
        if assessment.unlocatedAccessEvents > 0 {
            evidence["access_events_not_located"] = .number(Double(assessment.unlocatedAccessEvents))
        }
        return [
            finding(
                subject: .account(account.accountID), severity: severity, window: nil,
                summary:
                    "\(likely ? "Likely foreign person" : "Foreign indicator") (score \(String(format: "%.2f", assessment.score))): "
                    + assessment.signals.map(\.detail).joined(separator: "; ")
                    + (assessment.licensingRedFlag.map { "; \($0)" } ?? ""),
                evidence: evidence, metrics: ["score": assessment.score])
        ]
    }
}
