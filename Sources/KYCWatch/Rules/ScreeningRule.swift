import Foundation

/// SCR-001: the account's legal name and each beneficial owner against the restricted-party lists.
public struct ScreeningRule: Rule {
    public init() {}
    public let id = "SCR-001"
    public let version = 1
    public let title = "Restricted-party screening"
    public let category = FindingCategory.screening
    public let defaultSeverity = Severity.high
    public let parameters = [
        RuleParameter("critical_score", 0.95, "match score from which a hit is critical", range: 0...1)
    ]
    public let falsePositiveNotes =
        "Fuzzy name matching: common names can match a listed party; a reviewed decision closes a false positive for good."
    public let references = [
        "OFAC SDN list (31 CFR 501); BIS Denied Persons List (15 CFR 764); Consolidated Screening List (trade.gov)"
    ]

    public func evaluate(_ account: AccountEvidence, in context: DetectionContext) throws -> [Finding] {
        guard let screening = context.screening, let record = account.account else { return [] }
        var queries = [(role: "customer", query: ScreeningQuery(name: record.legalName, countries: [record.country]))]
        // An owner whose name is not given has nothing to screen.
        for owner in record.beneficialOwners {
            guard let name = owner.name else { continue }
            queries.append(
                ("beneficial owner", ScreeningQuery(name: name, countries: owner.country.map { [$0] } ?? [])))
        }
        var findings: [Finding] = []
        for (role, query) in queries {
            for match in screening.index.screen(query) {
                let subject = Finding.Subject.account(account.accountID)
                let findingID = Finding.stableID(
                    rule: id, subject: subject, windowStart: "\(match.list)/\(match.entryID)/\(query.name)")
                if screening.decisions.decision(findingID: findingID, account: account.accountID, match: match) != nil {
                    continue
                }
                var result = finding(
                    subject: subject,
                    severity: match.score >= parameter("critical_score", in: context) ? .critical : .high,
                    window: nil,
                    summary: "The \(role) name '\(query.name)' matches \(match.list) entry \(match.entryID) "
                        + "'\(match.matchedName)'\(match.matchedAlias ? " (alias of \(match.entryName))" : "") "
                        + String(format: "with score %.2f", match.score),
                    evidence: [
                        "role": .text(role), "queried_name": .text(query.name), "list": .text(match.list),
                        "entry_id": .text(match.entryID), "entry_name": .text(match.entryName),
                        "matched_name": .text(match.matchedName), "programs": .list(match.programs),
                        "matched_tokens": .list(
                            match.tokenPairs.map { "\($0.query)~\($0.listed) \(String(format: "%.2f", $0.similarity))" }
                        ),
                    ], metrics: ["score": match.score, "name_score": match.nameScore])
                result.id = findingID
                findings.append(result)
            }
        }
        return findings
    }
}
