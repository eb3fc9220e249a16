/// The restricted-party index built once per run from the configured lists, with reviewed decisions.
public struct ScreeningSetup: Sendable {
    public var index: ScreeningIndex
    public var decisions: ScreeningDecisions

    /// Checks what a night's screening needs before any input is read: its reviewed decisions, loaded
    /// (returned), and each list file, opened; the lists themselves are read when the rules run.
    public static func check(_ sources: ScreeningSources) throws(KYCWatchError) -> ScreeningDecisions? {
        for path in [
            sources.ofacSDN, sources.ofacAlternateNames, sources.ofacAddresses, sources.deniedPersons,
            sources.consolidated,
        ].compactMap({ $0 }) {
            _ = try FileInput(path: path)
        }
        return try sources.decisions.map { path throws(KYCWatchError) in try ScreeningDecisions.load(path: path) }
    }

    /// Loads every configured list (an unreadable or malformed list is an error, never an empty list),
    /// and the reviewed decisions unless they are given, loaded already.
    public init(
        sources: ScreeningSources, countriesPath: String, decisions loaded: ScreeningDecisions? = nil
    ) throws(KYCWatchError) {
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
        index = ScreeningIndex(
            lists: lists, configuration: configuration,
            countries: try ScreeningCountryResolver.load(path: countriesPath))
        if let loaded {
            decisions = loaded
        } else {
            decisions =
                try sources.decisions.map { path throws(KYCWatchError) in try ScreeningDecisions.load(path: path) }
                ?? ScreeningDecisions()
        }
    }
}
