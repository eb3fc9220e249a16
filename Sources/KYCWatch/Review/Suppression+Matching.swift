extension Suppression {
    /// Whether this entry names `finding`: by id, or by rule and the one account it is about.
    public func hides(_ finding: Finding) -> Bool {
        if let findingID { return findingID == finding.id }
        guard let rule, let account else { return false }
        return finding.rule == rule && finding.subject.kind == "account" && finding.subject.accounts == [account]
    }

    /// Whether `runDate` is on or before the expiry.
    public func isInForce(on runDate: CalendarDay) -> Bool {
        CalendarDay(expires).map { runDate <= $0 } ?? false
    }
}
