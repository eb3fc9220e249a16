/// A rule over groups of linked accounts rather than one account at a time.
///
/// Group rules sit in the same catalogue as account rules (so `kycwatch rules` lists them with
/// their parameters); the engine links the accounts once and hands every group rule the result.
public protocol GroupRule: Rule {
    /// The findings for the linked groups of `accounts`.
    func evaluate(_ linking: EntityLinker.Linking, accounts: [AccountEvidence], in context: DetectionContext)
        -> [Finding]
}

extension GroupRule {
    /// Group rules find nothing about one account alone.
    public func evaluate(_ account: AccountEvidence, in context: DetectionContext) throws -> [Finding] { [] }
}
