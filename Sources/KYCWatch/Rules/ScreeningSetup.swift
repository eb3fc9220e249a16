/// The restricted-party index built once per run from the configured lists, with reviewed decisions.
public struct ScreeningSetup: Sendable {
    public var index: ScreeningIndex
    public var decisions: ScreeningDecisions

    /// Loads every configured list (an unreadable or malformed list is an error, never an empty list)
    /// and the reviewed decisions; a threshold out of ``ScreeningConfiguration/thresholds`` is a
    /// configuration error.
    public init(sources: ScreeningSources, countriesPath: String) throws(KYCWatchError) {
        var lists: [RestrictedPartyList] = []
        if let sdn = sources.ofacSDN {
            lists.append(
                try RestrictedPartyList.loadOFACSDN(
                    sdnPath: sdn, alternateNamesPath: sources.ofacAlternateNames, addressesPath: sources.ofacAddresses))
        }
        if let path = sources.deniedPersons { lists.append(try RestrictedPartyList.loadDeniedPersons(path: path)) }
        if let path = sources.consolidated {
            lists.append(try RestrictedPartyList.loadConsolidatedScreeningList(path: path))
        }
        var configuration = ScreeningConfiguration()
        if let threshold = sources.threshold { configuration.threshold = threshold }
        try configuration.validate()
        index = ScreeningIndex(
            lists: lists, configuration: configuration,
            countries: try ScreeningCountryResolver.load(path: countriesPath))
        decisions =
            try sources.decisions.map { path throws(KYCWatchError) in try ScreeningDecisions.load(path: path) }
            ?? ScreeningDecisions()
    }
}
