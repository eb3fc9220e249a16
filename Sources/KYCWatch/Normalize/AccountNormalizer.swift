/// Turns account rows into ``AccountRecord``s: countries to alpha-2, phone to calling code, email
/// to domain, owners parsed, flags to booleans.
///
/// An optional field holding a placeholder (``PlaceholderValue``: `N/A`, `none`, `-`; for the payment
/// instrument also `0000`; for the phone a made-up number, ``PhoneNumber/isPlaceholder(_:catalog:)``)
/// is empty: it links no accounts and is a gap in the customer's record. A two-letter `region` is a
/// subdivision code (`NA`, Naples), never a placeholder.
struct AccountNormalizer: Sendable {
    let timestamps: TimestampParser
    let countries: CountryCatalog

    private static let kind = ExportKind.accounts
    private let accountID = kind.ordinal(of: "account_id")!
    private let parentAccountID = kind.ordinal(of: "parent_account_id")!
    private let createdAt = kind.ordinal(of: "created_at")!
    private let customerType = kind.ordinal(of: "customer_type")!
    private let legalName = kind.ordinal(of: "legal_name")!
    private let addressLine = kind.ordinal(of: "address_line")!
    private let city = kind.ordinal(of: "city")!
    private let region = kind.ordinal(of: "region")!
    private let postalCode = kind.ordinal(of: "postal_code")!
    private let country = kind.ordinal(of: "country")!
    private let headquartersCountry = kind.ordinal(of: "headquarters_country")!
    private let email = kind.ordinal(of: "email")!
    private let phone = kind.ordinal(of: "phone")!
    private let paymentMethod = kind.ordinal(of: "payment_method")!
    private let paymentFingerprint = kind.ordinal(of: "payment_fingerprint")!
    private let paymentCountry = kind.ordinal(of: "payment_country")!
    private let resellerID = kind.ordinal(of: "reseller_id")!
    private let resellerCountry = kind.ordinal(of: "reseller_country")!
    private let beneficialOwners = kind.ordinal(of: "beneficial_owners")!
    private let identityVerified = kind.ordinal(of: "identity_verified")!
    private let status = kind.ordinal(of: "status")!

    func normalize(_ row: SourceRow) throws(RowRejection) -> AccountRecord {
        let typeText = try row.required(customerType)
        let type: AccountRecord.CustomerType
        switch typeText.trimmingSpaces.lowercased() {
        case "individual", "person", "natural person", "personal", "consumer": type = .individual
        case "organization", "organisation", "company", "business", "entity", "legal entity", "corporation", "corp",
            "org", "enterprise":
            type = .organization
        default:
            throw RowRejection(
                .unparseableValue, column: "customer_type",
                "customer_type '\(typeText)' is neither individual nor organization")
        }
        let emailText = try row.required(email)
        guard let domain = EmailAddress.domain(of: emailText) else {
            throw RowRejection(.unparseableValue, column: "email", "email '\(emailText)' is not an address")
        }
        // The phone's own check covers the placeholders of any field (``PlaceholderValue``).
        let phoneText = row.text(phone).flatMap {
            PhoneNumber.isPlaceholder($0, catalog: countries) ? nil : $0
        }
        var owners: [BeneficialOwner] = []
        if let text = row.optionalText(beneficialOwners) {
            do {
                owners = try BeneficialOwnerList.parse(text, countries: countries)
            } catch {
                throw RowRejection(
                    .unparseableValue, column: "beneficial_owners", "beneficial_owners: \(error.message)")
            }
        }
        guard let declared = try row.country(country, catalog: countries) else {
            throw row.missing(country)
        }
        return AccountRecord(
            accountID: try row.required(accountID), parentAccountID: row.optionalText(parentAccountID),
            createdAt: try row.requiredTimestamp(createdAt, parser: timestamps), customerType: type,
            legalName: try row.required(legalName), addressLine: row.optionalText(addressLine),
            city: row.optionalText(city), region: regionText(row), postalCode: row.optionalText(postalCode),
            country: declared, headquartersCountry: try row.optionalCountry(headquartersCountry, catalog: countries),
            email: emailText, emailDomain: domain, phone: phoneText,
            phoneCallingCode: phoneText.flatMap { PhoneNumber.callingCode(of: $0, catalog: countries) },
            paymentMethod: row.optionalText(paymentMethod).map { $0.trimmingSpaces.lowercased() },
            paymentFingerprint: row.optionalText(paymentFingerprint).flatMap {
                PlaceholderValue.isPlaceholderIdentifier($0) ? nil : $0
            },
            paymentCountry: try row.optionalCountry(paymentCountry, catalog: countries),
            resellerID: row.optionalText(resellerID),
            resellerCountry: try row.optionalCountry(resellerCountry, catalog: countries), beneficialOwners: owners,
            identityVerified: try row.flag(identityVerified), status: row.optionalText(status)?.lowercased(),
            line: row.line)
    }

    /// The row's region: a two-letter one is a subdivision code, kept even where it reads as a
    /// placeholder (`NA` is Naples); any other placeholder is no region.
    private func regionText(_ row: SourceRow) -> String? {
        guard let text = row.text(region) else { return nil }
        let isCode = text.utf8.count == 2 && text.utf8.allSatisfy { FieldBytes.lowercased($0) &- 0x61 < 26 }
        return isCode || !PlaceholderValue.isPlaceholder(text) ? text : nil
    }
}
