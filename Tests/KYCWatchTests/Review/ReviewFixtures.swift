@testable import KYCWatch

/// Small findings for the review tests: one rule, one account, an optional window start.
enum ReviewFixtures {
    static func finding(
        _ rule: String, _ account: String, severity: Severity = .medium, group: [String]? = nil,
        windowStart: String? = nil
    ) -> Finding {
        let subject = group.map { Finding.Subject.group($0) } ?? .account(account)
        return Finding(
            id: Finding.stableID(rule: rule, subject: subject, windowStart: windowStart), rule: rule, ruleVersion: 1,
            category: .foreignPerson, severity: severity, subject: subject,
            window: windowStart.map { Finding.Window(start: $0, end: $0) }, summary: "\(rule) on \(account)",
            evidence: [:], metrics: [:], references: [], knowledgeDate: nil, reportDue: nil)
    }

    static func day(_ text: String) -> CalendarDay { CalendarDay(text)! }
}
