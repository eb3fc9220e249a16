/// A listed party whose name or alias is close enough to a screened name, with the evidence behind it.
public struct ScreeningMatch: Sendable, Hashable {
    /// A word of the screened name paired with a word of the listed name.
    public struct TokenPair: Sendable, Hashable {
        /// The normalized word of the screened name.
        public var query: String
        /// The normalized word of the listed name.
        public var listed: String
        /// Their Jaro-Winkler similarity (1 when equal).
        public var similarity: Double
        /// How much the word pair counts, from the rarity of the words on the lists.
        public var weight: Double

        /// Creates a pair.
        public init(query: String, listed: String, similarity: Double, weight: Double) {
            self.query = query
            self.listed = listed
            self.similarity = similarity
            self.weight = weight
        }
    }

    /// Whether the countries of the screened name and of the entry agree.
    public enum CountryAgreement: Sendable, Hashable {
        /// Both share these alpha-2 codes; the score was raised.
        case agrees([String])
        /// Both have countries and share none; the score was lowered.
        case conflicts
        /// One side has no known country; the score is the name score.
        case unknown
    }

    /// The list, e.g. `OFAC SDN`.
    public var list: String
    /// The source list within a combined list (CSL), when there is one.
    public var source: String?
    /// The entry's identifier on its list.
    public var entryID: String
    /// The entry's primary name as listed.
    public var entryName: String
    /// The listed name or alias that matched, as listed.
    public var matchedName: String
    /// Whether ``matchedName`` is an alias rather than the primary name.
    public var matchedAlias: Bool
    /// The entry's sanctions programs.
    public var programs: [String]
    /// Person, organization, vessel or aircraft.
    public var partyType: RestrictedPartyEntry.PartyType
    /// The final score, 0 to 1: the name score adjusted by country evidence, rounded to 4 decimals.
    public var score: Double
    /// The score from the names alone, 0 to 1, rounded to 4 decimals.
    public var nameScore: Double
    /// The word pairs that matched, in the screened name's word order.
    public var tokenPairs: [TokenPair]
    /// How the countries compare.
    public var countryAgreement: CountryAgreement
    /// The entry's countries as alpha-2 codes, sorted: those of its addresses, nationality and
    /// citizenship that resolve.
    public var entryCountries: [String]

    /// Creates a match.
    public init(
        list: String, source: String?, entryID: String, entryName: String, matchedName: String, matchedAlias: Bool,
        programs: [String], partyType: RestrictedPartyEntry.PartyType, score: Double, nameScore: Double,
        tokenPairs: [TokenPair], countryAgreement: CountryAgreement, entryCountries: [String] = []
    ) {
        self.list = list
        self.source = source
        self.entryID = entryID
        self.entryName = entryName
        self.matchedName = matchedName
        self.matchedAlias = matchedAlias
        self.programs = programs
        self.partyType = partyType
        self.score = score
        self.nameScore = nameScore
        self.tokenPairs = tokenPairs
        self.countryAgreement = countryAgreement
        self.entryCountries = entryCountries
    }
}
