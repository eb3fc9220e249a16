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
        let type = try Self.customerType(row, customerType)
        let (emailText, domain) = try Self.email(row, email)
        // The phone's own check covers the placeholders of any field (``PlaceholderValue``).
        let phoneText = row.text(phone).flatMap {
            PhoneNumber.isPlaceholder($0, catalog: countries) ? nil : $0
        }
        let owners = try Self.owners(row, beneficialOwners, countries: countries)
        let declared = try Self.declaredCountry(row, country, countries: countries)
        return AccountRecord(
            accountID: try row.requiredIdentifier(accountID).string,
            parentAccountID: row.optionalText(parentAccountID).map(FieldText.trimmedIdentifier),
            createdAt: try row.requiredTimestamp(createdAt, parser: timestamps, earliest: .min), customerType: type,
            legalName: try row.required(legalName), addressLine: row.optionalText(addressLine),
            city: row.optionalText(city), region: regionText(row), postalCode: row.optionalText(postalCode),
            country: declared, headquartersCountry: try row.optionalCountry(headquartersCountry, catalog: countries),
            email: emailText, emailDomain: domain, phone: phoneText,
            phoneCallingCode: phoneText.flatMap { PhoneNumber.callingCode(of: $0, catalog: countries) },
            paymentMethod: row.optionalText(paymentMethod).map { $0.trimmingSpaces.lowercased() },
            paymentFingerprint: row.optionalText(paymentFingerprint).flatMap {
                let card = FieldText.trimmedIdentifier($0)
                return PlaceholderValue.isPlaceholderIdentifier(card) ? nil : card
            },
            paymentCountry: try row.optionalCountry(paymentCountry, catalog: countries),
            resellerID: row.optionalText(resellerID),
            resellerCountry: try row.optionalCountry(resellerCountry, catalog: countries), beneficialOwners: owners,
            identityVerified: try row.flag(identityVerified), status: row.optionalText(status)?.lowercased(),
            line: row.line)
    }

    /// Checks the constant of column `ordinal`, the only value `row` holds, as ``normalize(_:)`` checks
    /// that column's value, so a constant no row could be accepted with fails the pipeline file instead of
    /// every row. The country columns and the owners are checked only with `countries`.
    static func checkConstant(
        _ ordinal: Int, of row: SourceRow, timestamps: TimestampParser, countries: CountryCatalog?
    ) throws(RowRejection) {
        switch kind.fields[ordinal].name {
        case "account_id", "legal_name": _ = try row.required(ordinal)
        case "created_at": _ = try row.requiredTimestamp(ordinal, parser: timestamps, earliest: .min)
        case "customer_type": _ = try customerType(row, ordinal)
        case "email": _ = try email(row, ordinal)
        case "identity_verified": _ = try row.flag(ordinal)
        case "country":
            guard let countries else {
                _ = try row.required(ordinal)
                return
            }
            _ = try declaredCountry(row, ordinal, countries: countries)
        case "headquarters_country", "payment_country", "reseller_country":
            if let countries { _ = try row.optionalCountry(ordinal, catalog: countries) }
        case "beneficial_owners":
            if let countries { _ = try owners(row, ordinal, countries: countries) }
        default:
            break  // kept as written: no value of these rejects a row
        }
    }

    /// The customer type in column `ordinal` of `row`, read from its common spellings.
    private static func customerType(_ row: SourceRow, _ ordinal: Int) throws(RowRejection)
        -> AccountRecord.CustomerType
    {
        let text = try row.required(ordinal)
        switch text.trimmingSpaces.lowercased() {
        case "individual", "person", "natural person", "personal", "consumer": return .individual
        case "organization", "organisation", "company", "business", "entity", "legal entity", "corporation", "corp",
            "org", "enterprise":
            return .organization
        default:
            throw RowRejection(
                .unparseableValue, column: "customer_type",
                "customer_type '\(text)' is neither individual nor organization")
        }
    }

    /// The email address in column `ordinal` of `row`, and its domain.
    private static func email(_ row: SourceRow, _ ordinal: Int) throws(RowRejection) -> (String, String) {
        let text = try row.required(ordinal)
        guard let domain = EmailAddress.domain(of: text) else {
            throw RowRejection(.unparseableValue, column: "email", "email '\(text)' is not an address")
        }
        return (text, domain)
    }

    /// The beneficial owners listed in column `ordinal` of `row`, none when it is empty or a placeholder.
    private static func owners(_ row: SourceRow, _ ordinal: Int, countries: CountryCatalog) throws(RowRejection)
        -> [BeneficialOwner]
    {
        guard let text = row.optionalText(ordinal) else { return [] }
        do {
            return try BeneficialOwnerList.parse(text, countries: countries)
        } catch {
            throw RowRejection(.unparseableValue, column: "beneficial_owners", "beneficial_owners: \(error.message)")
        }
    }

    /// The declared country in column `ordinal` of `row`, as ISO alpha-2; it is required.
    private static func declaredCountry(_ row: SourceRow, _ ordinal: Int, countries: CountryCatalog)
        throws(RowRejection) -> String
    {
        guard let declared = try row.country(ordinal, catalog: countries) else {
            throw RowRejection(.missingField, column: "country", "country is required but empty")
        }
        return declared
    }

    /// The row's region: a two-letter one is a subdivision code, kept even where it reads as a
    /// placeholder (`NA` is Naples); any other placeholder is no region.
    private func regionText(_ row: SourceRow) -> String? {
        guard let text = row.text(region) else { return nil }
        let isCode = text.utf8.count == 2 && text.utf8.allSatisfy { FieldBytes.lowercased($0) &- 0x61 < 26 }
        return isCode || !PlaceholderValue.isPlaceholder(text) ? text : nil
    }
}
