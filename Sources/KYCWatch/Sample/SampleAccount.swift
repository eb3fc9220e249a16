/// One customer account of the sample world: the fields of its accounts row as exported, and the
/// facts behind them that only the generator knows (where the customer really logs in from).
struct SampleAccount {
    /// The columns of `accounts.csv`, in order.
    static let columns = [
        "account_id", "parent_account_id", "created_at", "customer_type", "legal_name", "address_line", "city",
        "region", "postal_code", "country", "headquarters_country", "email", "phone", "payment_method",
        "payment_fingerprint", "payment_country", "reseller_id", "reseller_country", "beneficial_owners",
        "identity_verified", "status",
    ]

    var id: String
    var parentID = ""
    var createdAt: Int64
    var createdAtText: String
    var isOrganization: Bool
    var legalName: String
    var addressLine: String
    var city: String
    var region: String
    var postalCode: String
    /// The declared country (alpha-2), whatever spelling `countryText` uses.
    var country: String
    var countryText: String
    var headquartersText = ""
    var email: String
    var phone: String
    var paymentMethod: String
    var paymentFingerprint: String
    var paymentCountryText: String
    var resellerID = ""
    var resellerCountryText = ""
    var beneficialOwners: String
    var identityVerified: String
    var status: String

    /// The country the customer's access really comes from.
    var accessCountry: String
    /// Addresses the customer usually connects from.
    var homeAddresses: [String] = []
    /// When usage and access stop (closed and suspended accounts), if they do.
    var inactiveFrom: Int64?
    /// False for the account that usage and access rows name but the accounts export lacks.
    var exported = true
    /// True for accounts in a planted situation.
    var planted = false

    var fields: [String] {
        [
            id, parentID, createdAtText, isOrganization ? "organization" : "individual", legalName, addressLine, city,
            region, postalCode, countryText, headquartersText, email, phone, paymentMethod, paymentFingerprint,
            paymentCountryText, resellerID, resellerCountryText, beneficialOwners, identityVerified, status,
        ]
    }

    /// The first instant the account can have usage or access.
    func activeFrom(_ windowStart: Int64) -> Int64 {
        max(createdAt + SampleTime.hour, windowStart)
    }

    /// The instant usage and access stop.
    func activeUntil(_ asOf: Int64) -> Int64 {
        min(inactiveFrom ?? asOf, asOf)
    }
}
