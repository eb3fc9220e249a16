/// The restricted-party index built once per run from the configured lists, with reviewed decisions.
public struct ScreeningSetup: Sendable {
    public var index: ScreeningIndex
    public var decisions: ScreeningDecisions
    /// Per list, the parties left out because their listing ended before the run date (Denied Persons
    /// orders that expired); lists that left none out are not in it.
    public var expiredEntries: [String: Int]

    /// Loads every configured list (an unreadable or malformed list is an error, never an empty list)
    /// and the reviewed decisions; a threshold out of ``ScreeningConfiguration/thresholds`` is a
    /// configuration error. Parties whose listing ended before `runDate` are left out. A file that
    /// cannot be read is named with the key or option that named it (``ScreeningSources/naming(_:)``).
    public init(sources: ScreeningSources, countriesPath: String, runDate: CalendarDay) throws(KYCWatchError) {
        do {
            try self.init(loading: sources, countriesPath: countriesPath, runDate: runDate)
        } catch {
            throw sources.naming(error)
        }
    }

    private init(loading sources: ScreeningSources, countriesPath: String, runDate: CalendarDay)
        throws(KYCWatchError)
    {
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
        var expiredEntries: [String: Int] = [:]
        for index in lists.indices {
            let count = lists[index].removeEntries(listedBefore: runDate)
            if count > 0 { expiredEntries[lists[index].name, default: 0] += count }
        }
        self.expiredEntries = expiredEntries
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

    /// What the expired listings left out come to, for the log and `validate`: `276 BIS DPL`; nil when
    /// none was.
    public var expiredEntriesSummary: String? {
        guard !expiredEntries.isEmpty else { return nil }
        return expiredEntries.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    }
}
