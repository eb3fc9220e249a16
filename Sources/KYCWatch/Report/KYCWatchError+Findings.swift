extension KYCWatchError.Code {
    /// A findings file has a line that is not a finding.
    public static let findingsMalformed = KYCWatchError.Code("findings.malformed", kind: .input)
    /// No finding has the id asked for; the command line is wrong, so it exits as a usage error.
    public static let findingNotFound = KYCWatchError.Code("findings.unknown-id", kind: .configuration)
}
