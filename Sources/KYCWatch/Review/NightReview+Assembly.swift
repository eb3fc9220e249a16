extension NightReview {
    /// The review of tonight's findings: compared with the previous night when one is given, then
    /// with the suppression file applied.
    ///
    /// Findings come out sorted by rule, subject, window start and id, resolved ones among them.
    /// A suppression in force hides a matching finding whatever its status; expired ones hide nothing.
    /// The previous night's findings of the rules in `unchecked`, and those carried unchecked already
    /// of the rules in `stillShort` (``PipelineConfiguration/uncheckedRules(after:)``), are carried, not
    /// resolved.
    public init(
        tonight: [Finding], previous: PreviousNight?, suppressions: SuppressionFile?, runDate: CalendarDay,
        unchecked: Set<String> = [], stillShort: Set<String> = []
    ) {
        var compared =
            previous?.compare(tonight, runDate: runDate, unchecked: unchecked, stillShort: stillShort) ?? tonight
        compared.sort(by: Self.precedes)
        var visible: [Finding] = []
        var suppressed: [SuppressedFinding] = []
        for finding in compared {
            if let suppression = suppressions?.suppression(hiding: finding, on: runDate) {
                suppressed.append(SuppressedFinding(finding: finding, suppression: suppression))
            } else {
                visible.append(finding)
            }
        }
        self.init(
            findings: visible, suppressed: suppressed, expiringSoon: suppressions?.expiringSoon(on: runDate) ?? [],
            expired: suppressions?.expired(on: runDate) ?? [], previousFolder: previous?.folder)
        resolvedCovered = previous?.resolvedCovered(after: compared) ?? []
        let used = Set(suppressed.map(\.suppression))
        matchedNothing = suppressions?.suppressions.filter { $0.isInForce(on: runDate) && !used.contains($0) } ?? []
    }

    /// The stable order of findings files: rule, subject, window start, id.
    static func precedes(_ lhs: Finding, _ rhs: Finding) -> Bool {
        (lhs.rule, lhs.subject.accounts.joined(separator: ","), lhs.window?.start ?? "", lhs.id)
            < (rhs.rule, rhs.subject.accounts.joined(separator: ","), rhs.window?.start ?? "", rhs.id)
    }

    /// Visible findings reported tonight (not resolved), the ones a scheduler's `--fail-on` looks at.
    public var actionable: [Finding] {
        findings.filter { $0.status != .resolved }
    }

    /// Visible findings with `status`.
    public func count(_ status: FindingStatus) -> Int {
        findings.count { $0.status == status }
    }

    /// Visible findings reported tonight at `severity` or above.
    public func actionable(atOrAbove severity: Severity) -> [Finding] {
        actionable.filter { $0.severity >= severity }
    }
}
