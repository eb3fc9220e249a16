extension KYCWatchError.Code {
    /// The previous night's output folder is damaged: a findings line or its manifest does not parse.
    public static let previousNightInvalid = KYCWatchError.Code("previous.invalid", kind: .input)
    /// The suppression file is wrong: unknown keys, missing fields, bad dates, an expiry too far ahead.
    public static let suppressionsInvalid = KYCWatchError.Code("suppressions.invalid", kind: .configuration)
}
