extension KYCWatchError.Code {
    /// A restricted-party list file has the wrong layout, no rows, or a row that cannot be read.
    public static let screeningListInvalid = KYCWatchError.Code("screening.list-invalid", kind: .input)
    /// A file of reviewed screening decisions cannot be read as decisions.
    public static let screeningDecisionsInvalid = KYCWatchError.Code(
        "screening.decisions-invalid", kind: .configuration)
}
