extension KYCWatchError.Code {
    /// A reference catalogue (accelerators, instance types, countries) has a row that cannot be used: a
    /// value that does not parse, a duplicate key or alias, or a reference to a row that does not exist.
    public static let referenceCatalogInvalid = KYCWatchError.Code("reference.invalid", kind: .input)
}
