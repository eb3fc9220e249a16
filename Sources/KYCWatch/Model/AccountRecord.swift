/// A customer account after normalization: canonical countries, parsed owners, derived contact facts.
public struct AccountRecord: Sendable, Hashable {
    /// `individual` or `organization`.
    public enum CustomerType: String, Sendable, Hashable, Codable {
        case individual
        case organization
    }

    public var accountID: String
    public var parentAccountID: String?
    /// Creation time, Unix epoch milliseconds UTC.
    public var createdAt: Int64
    public var customerType: CustomerType
    public var legalName: String
    public var addressLine: String?
    public var city: String?
    public var region: String?
    public var postalCode: String?
    /// Declared residence or incorporation country, ISO alpha-2.
    public var country: String
    /// The parent company's country (alpha-2), for organizations.
    public var headquartersCountry: String?
    public var email: String
    /// The email's domain, lower-cased.
    public var emailDomain: String?
    public var phone: String?
    /// The phone number's E.164 calling code digits, when the number carries one.
    public var phoneCallingCode: String?
    public var paymentMethod: String?
    public var paymentFingerprint: String?
    /// The payment instrument's issuing country, alpha-2.
    public var paymentCountry: String?
    public var resellerID: String?
    /// The reseller's country, alpha-2.
    public var resellerCountry: String?
    /// Owners of at least 25 % or with control.
    public var beneficialOwners: [BeneficialOwner]
    public var identityVerified: Bool?
    public var status: String?
    /// Where the row came from.
    public var line: Int
}
