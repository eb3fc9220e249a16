/// One party on a restricted-party list: its names, what it is, why it is listed and where.
public struct RestrictedPartyEntry: Sendable, Hashable {
    /// What kind of party an entry is, as the list says.
    public enum PartyType: String, Sendable, Hashable, CaseIterable {
        /// A natural person.
        case individual
        /// A company, organization or other body.
        case organization
        /// A ship.
        case vessel
        /// An aircraft.
        case aircraft
        /// The list does not say.
        case unknown
    }

    /// The list the entry comes from, e.g. `OFAC SDN`, `BIS DPL`, `CSL`.
    public var list: String
    /// The underlying source list within a combined list (the CSL `source` column), when there is one.
    public var source: String?
    /// The entry's identifier on its list (OFAC `ent_num`, CSL `entity_number`, or the listed name).
    public var id: String
    /// The primary name as listed.
    public var name: String
    /// Alternate names (aka, fka, nka) as listed, without the primary name.
    public var aliases: [String]
    /// Person, organization, vessel or aircraft.
    public var partyType: PartyType
    /// Sanctions programs or legal bases (e.g. `SDGT`, `IRAN`); empty when the list has none.
    public var programs: [String]
    /// Addresses as listed, one string per address.
    public var addresses: [String]
    /// Countries linked to the party (addresses, nationality, citizenship) as the list writes them:
    /// English names for OFAC, ISO alpha-2 codes for the DPL and CSL.
    public var countries: [String]
    /// The last day the party is listed (a Denied Persons order's `Expiration_Date`, the CSL's
    /// `end_date`); `nil` when the list gives none. A party whose listing ended before the run date is
    /// not screened (``RestrictedPartyList/removeEntries(listedBefore:)``).
    public var listedUntil: CalendarDay?
    /// The file and line the entry was read from.
    public var location: SourceLocation?

    /// Creates an entry.
    public init(
        list: String, source: String? = nil, id: String, name: String, aliases: [String] = [],
        partyType: PartyType = .unknown, programs: [String] = [], addresses: [String] = [], countries: [String] = [],
        listedUntil: CalendarDay? = nil, location: SourceLocation? = nil
    ) {
        self.list = list
        self.source = source
        self.id = id
        self.name = name
        self.aliases = aliases
        self.partyType = partyType
        self.programs = programs
        self.addresses = addresses
        self.countries = countries
        self.listedUntil = listedUntil
        self.location = location
    }
}
