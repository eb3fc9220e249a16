// The conformances below are of public library types, so the protocol's module is imported publicly.
public import ArgumentParser
public import KYCWatch

extension Severity: ExpressibleByArgument {}
extension FindingCategory: ExpressibleByArgument {}

/// `--status` values: the finding statuses, and `none` for findings without one.
enum StatusOption: String, CaseIterable, ExpressibleByArgument {
    case new, ongoing, resolved, unchecked, none

    /// The status it selects (nil for `none`).
    var status: FindingStatus? { FindingStatus(rawValue: rawValue) }
}
