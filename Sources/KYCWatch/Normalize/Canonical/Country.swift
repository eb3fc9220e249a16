/// One ISO 3166-1 country or territory from the countries catalogue, with the signals kycwatch reads
/// from it.
public struct Country: Sendable, Hashable {
    /// ISO 3166-1 alpha-2 code, upper case (`DE`); the canonical country value everywhere in kycwatch.
    public var alpha2: String
    /// ISO 3166-1 alpha-3 code, upper case (`DEU`).
    public var alpha3: String
    /// ISO 3166-1 numeric code, three digits (`276`).
    public var numeric: String
    /// The ISO English short name (`Germany`).
    public var name: String
    /// Other names the country is written as (official names, common English forms).
    public var aliases: [String]
    /// E.164 country calling code without `+` (`49`; `1` for every NANP member), `nil` where none is
    /// assigned.
    public var callingCode: String?
    /// The country-code top-level domain with its dot (`.de`, `.uk` for GB), `nil` where none is delegated.
    public var cctld: String?
    /// The country's internationalized ccTLDs, each as written and in its ASCII form (`.рф` and
    /// `.xn--p1ai` for RU): an address under one says as much as one under ``cctld``.
    public var internationalizedTLDs: [String]
    /// Whether 15 CFR 791.4 names the jurisdiction a foreign adversary.
    public var isForeignAdversary: Bool
    /// Whether the country is in EAR Country Group D:5.
    public var isEARD5: Bool

    /// The codes of the United States and of its territories (American Samoa, Guam, the Northern
    /// Mariana Islands, Puerto Rico, the Minor Outlying Islands, the US Virgin Islands), which ISO 3166
    /// codes apart: a person there is in the United States, so none of them is foreign.
    public static let unitedStates: Set<String> = ["US", "AS", "GU", "MP", "PR", "UM", "VI"]

    /// Whether `code` is the United States or one of its territories (``unitedStates``).
    public static func isUnitedStates(_ code: String) -> Bool { unitedStates.contains(code) }

    /// Creates a country from its catalogue values.
    public init(
        alpha2: String, alpha3: String, numeric: String, name: String, aliases: [String] = [],
        callingCode: String? = nil, cctld: String? = nil, internationalizedTLDs: [String] = [],
        isForeignAdversary: Bool = false, isEARD5: Bool = false
    ) {
        self.alpha2 = alpha2
        self.alpha3 = alpha3
        self.numeric = numeric
        self.name = name
        self.aliases = aliases
        self.callingCode = callingCode
        self.cctld = cctld
        self.internationalizedTLDs = internationalizedTLDs
        self.isForeignAdversary = isForeignAdversary
        self.isEARD5 = isEARD5
    }
}
