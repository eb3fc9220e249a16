import Foundation

/// Builds the sample world in memory (accounts, resources, compact usage and access rows, and the
/// planted situations), then writes it out; see ``SampleWorld``.
///
/// Each part of the world draws from its own random stream, so the planted situations do not move
/// when the ordinary population changes size.
final class SampleWorldBuilder {
    let seed: UInt64
    let scale: SampleWorld.Scale
    let network = SampleNetworkPlan()

    var accounts: [SampleAccount] = []
    var resources: [SampleResource] = []
    var usage: [SampleUsageRow] = []
    var access: [SampleAccessRow] = []
    var situations: [SampleGroundTruth.Situation] = []
    /// Usage rows chosen to be re-delivered (copied later in the file), by index into `usage`.
    var redeliveredUsage: [Int] = []

    private var usedAccountIDs = Set<String>()
    private var usedPhones = Set<String>()
    private var usedEmails = Set<String>()
    private var usedFingerprints = Set<String>()
    private var usedOrganizationStems = Set<String>()
    private var usedResourceIDs = Set<String>()
    private var usedOwners = Set<String>()
    private var usedAddresses = Set<String>()

    init(seed: UInt64, scale: SampleWorld.Scale) {
        self.seed = seed
        self.scale = scale
    }

    /// A random stream for one part of the world.
    func random(_ stream: String) -> SampleRandom {
        SampleRandom(seed: seed, stream: stream)
    }

    /// Builds the whole world: planted situations first, then the ordinary population around them.
    func build() {
        var planted = random("planted")
        plantSituations(&planted)
        var population = random("population")
        addOrdinaryPopulation(&population)
        var decoys = random("decoys")
        plantPopulationDecoys(&decoys)
    }

    // MARK: - Identities

    /// A new 12-digit account id (leading zeros allowed: ids are text).
    func newAccountID(_ random: inout SampleRandom) -> String {
        while true {
            let id = random.digits(12)
            if usedAccountIDs.insert(id).inserted { return id }
        }
    }

    /// A new opaque payment-instrument fingerprint.
    func newFingerprint(_ random: inout SampleRandom) -> String {
        while true {
            let id = "pm_" + random.hex(20)
            if usedFingerprints.insert(id).inserted { return id }
        }
    }

    /// A new resource id in the style of `cloud`.
    func newResourceID(_ cloud: SampleInstanceType.Cloud, _ random: inout SampleRandom) -> String {
        while true {
            let id =
                switch cloud {
                case .aws: "i-0" + random.hex(16)
                case .azure: "azvm-" + random.hex(12)
                case .gcp: String(random.int(1...9)) + random.digits(18)
                }
            if usedResourceIDs.insert(id).inserted { return id }
        }
    }

    /// A phone number in `country` (in `city` for North America), unique in the world.
    func newPhone(in country: SampleCountry, city: SampleCountry.City, _ random: inout SampleRandom) -> String {
        while true {
            let phone: String
            if country.callingCode == "1" {
                let line = random.digits(4)
                let area = city.areaCode.isEmpty ? "212" : city.areaCode
                phone =
                    switch random.below(10) {
                    case 0...3: "+1 \(area)-555-\(line)"
                    case 4...5: "(\(area)) 555-\(line)"
                    case 6...7: "\(area)-555-\(line)"
                    default: "+1\(area)555\(line)"
                    }
            } else {
                let national = random.fill(country.phonePattern)
                phone =
                    random.chance(percent: 85)
                    ? "+\(country.callingCode) \(national)"
                    : "+\(country.callingCode)" + national.filter { $0.isNumber }
            }
            let key = phone.filter { $0.isNumber }
            if usedPhones.insert(country.callingCode == "1" ? "1" + key.suffix(10) : key).inserted { return phone }
        }
    }

    /// Claims `email` if no other account has it.
    func claimEmail(_ email: String) -> Bool {
        usedEmails.insert(email.lowercased()).inserted
    }

    /// A personal email for a person, on a free-mail domain of `country` unless `domain` is given.
    func newPersonalEmail(
        given: String, family: String, country: SampleCountry, domain: String? = nil, _ random: inout SampleRandom
    ) -> String {
        let first = Self.slug(given, separator: "")
        let last = Self.slug(family, separator: "")
        while true {
            let host = domain ?? random.element(country.freeMailDomains)
            let local =
                switch random.below(5) {
                case 0: "\(first).\(last)"
                case 1: "\(first)\(last)\(random.int(1...99))"
                case 2: "\(first.prefix(1))\(last)\(random.int(10...9999))"
                case 3: "\(last).\(first)\(random.int(1...999))"
                default: "\(first)_\(last)\(random.int(1...9999))"
                }
            let email = "\(local)@\(host)"
            if claimEmail(email) { return email }
        }
    }

    /// An organization's name stem (`Bluefin Robotics`), unique in the world, and its domain label.
    func newOrganizationStem(_ random: inout SampleRandom) -> (stem: String, label: String) {
        while true {
            var stem = "\(random.element(Self.namePrefixes)) \(random.element(Self.nameSectors))"
            if random.chance(percent: 20) {
                stem += " \(random.element(Self.nameQualifiers))"
            }
            if usedOrganizationStems.insert(stem).inserted {
                return (stem, Self.slug(stem, separator: "-"))
            }
        }
    }

    /// A host address in `country` no other customer uses, so addresses link only the accounts
    /// meant to share them.
    func newAddress(in country: String, _ random: inout SampleRandom) -> String {
        while true {
            let address = network.address(in: country, &random)
            if usedAddresses.insert(address).inserted { return address }
        }
    }

    /// An IPv6 host address in `country` no other customer uses.
    func newIPv6Address(in country: String, _ random: inout SampleRandom) -> String {
        while true {
            let address = network.ipv6Address(in: country, &random)
            if usedAddresses.insert(address).inserted { return address }
        }
    }

    /// An address in an anonymizer network of `kind` no other customer uses, with its country.
    func newAnonymizedAddress(kind: String, _ random: inout SampleRandom) -> (address: String, country: String) {
        while true {
            let pick = network.anonymizedAddress(kind: kind, &random)
            if usedAddresses.insert(pick.address).inserted { return pick }
        }
    }

    /// A beneficial owner (`Name:CC`) whose name no other owner in the world has, so owners link
    /// only the accounts meant to share them.
    func newOwner(in country: SampleCountry, _ random: inout SampleRandom) -> String {
        while true {
            let initial = String(UnicodeScalar(UInt8(ascii: "A") + UInt8(random.below(26))))
            let name =
                "\(random.element(country.givenNames)) \(initial). \(random.element(country.familyNames))"
            if usedOwners.insert(name).inserted { return "\(name):\(country.alpha2)" }
        }
    }

    /// Claims an organization stem chosen by hand, so no generated organization takes it.
    func claimOrganizationStem(_ stem: String) {
        usedOrganizationStems.insert(stem)
    }

    /// Lowercase ASCII letters and digits of `text`, accents removed, words joined by `separator`.
    static func slug(_ text: String, separator: String) -> String {
        let folded = text.decomposedStringWithCanonicalMapping
        var words: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            let special: String? =
                switch scalar {
                case "ß": "ss"
                case "ł", "Ł": "l"
                case "đ", "Đ": "d"
                case "ı": "i"
                case "ø", "Ø": "o"
                default: nil
                }
            if let special {
                current += special
            } else if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current += String(scalar).lowercased()
            } else if scalar.isASCII, !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.joined(separator: separator)
    }

    /// Text for a country as exports vary it: mostly alpha-2, sometimes alpha-3 or the English name.
    func countryText(_ alpha2: String, _ random: inout SampleRandom) -> String {
        let country = SampleCountry.named(alpha2)
        return switch random.below(100) {
        case 0..<90: alpha2
        case 90..<95: country.alpha3
        default: country.englishName
        }
    }

    /// A new account of a person or organization in `country`, complete and consistent.
    func makeAccount(
        in country: SampleCountry, organization: Bool, createdBetween created: ClosedRange<Int64>,
        _ random: inout SampleRandom
    ) -> SampleAccount {
        let city = random.element(country.cities)
        let given = random.element(country.givenNames)
        let family = random.element(country.familyNames)
        let createdAt = max(
            created.lowerBound + Int64(random.below(Int(created.upperBound - created.lowerBound) + 1)),
            created.lowerBound + Int64(random.below(Int(created.upperBound - created.lowerBound) + 1)))
        let legalName: String
        let email: String
        var owners = ""
        if organization {
            let (stem, label) = newOrganizationStem(&random)
            legalName = "\(stem) \(random.element(country.legalForms))"
            let suffix =
                country.alpha2 == SampleCountry.unitedStates && random.chance(percent: 12)
                ? random.element(["io", "ai", "co"]) : country.companyDomainSuffix
            let domain = "\(label).\(suffix)"
            var candidate = "\(random.element(Self.roleMailboxes))@\(domain)"
            if !claimEmail(candidate) {
                candidate = newPersonalEmail(given: given, family: family, country: country, domain: domain, &random)
            }
            email = candidate
            owners = (0..<random.int(1...2)).map { _ in newOwner(in: country, &random) }.joined(separator: ";")
        } else {
            legalName = "\(given) \(family)"
            email = newPersonalEmail(given: given, family: family, country: country, &random)
        }
        let payment: String =
            organization
            ? ["card", "invoice", "invoice", "bank", "card", "bank", "invoice"][random.below(7)]
            : ["card", "card", "card", "card", "card", "card", "card", "wallet", "bank", "card"][random.below(10)]
        let verified: String
        if country.alpha2 == SampleCountry.unitedStates {
            verified = ["true", "true", "true", "true", "true", "false", "false", "", "yes", "0"][random.below(10)]
        } else {
            verified = ["true", "true", "true", "true", "true", "true", "true", "yes", "1", "TRUE"][random.below(10)]
        }
        let number = random.int(1...980)
        let street = random.fill(random.element(country.streets))
        var addressLine = country.numberAfterStreet ? "\(street) \(number)" : "\(number) \(street)"
        if organization && random.chance(percent: 40) {
            addressLine += country.alpha2 == SampleCountry.unitedStates ? ", Suite \(random.int(100...1900))" : ""
        }
        return SampleAccount(
            id: newAccountID(&random), createdAt: createdAt, createdAtText: createdText(createdAt, &random),
            isOrganization: organization, legalName: legalName, addressLine: addressLine, city: city.name,
            region: city.region, postalCode: random.fill(city.postalPattern), country: country.alpha2,
            countryText: countryText(country.alpha2, &random), email: email,
            phone: newPhone(in: country, city: city, &random), paymentMethod: payment,
            paymentFingerprint: newFingerprint(&random), paymentCountryText: countryText(country.alpha2, &random),
            beneficialOwners: owners, identityVerified: verified, status: "active", accessCountry: country.alpha2)
    }

    /// `created_at` text: mostly UTC, sometimes with an offset or milliseconds.
    func createdText(_ instant: Int64, _ random: inout SampleRandom) -> String {
        switch random.below(20) {
        case 0: SampleTime.iso(instant, offsetMinutes: [-300, -420, 60, 120, 330, 540][random.below(6)])
        case 1: SampleTime.iso(instant, milliseconds: random.below(1000))
        default: SampleTime.iso(instant)
        }
    }

    /// Appends `account` and returns its index.
    @discardableResult
    func add(_ account: SampleAccount) -> Int {
        accounts.append(account)
        return accounts.count - 1
    }

    /// Appends a resource and returns its index.
    func add(_ resource: SampleResource) -> Int32 {
        resources.append(resource)
        return Int32(resources.count - 1)
    }

    static let namePrefixes = [
        "Northwind", "Bluefin", "Cedar", "Brightline", "Silverleaf", "Redwood", "Granite", "Harbor", "Summit",
        "Blue Heron", "Ironbark", "Lighthouse", "Meadow", "Polar", "Quarry", "Riverbend", "Sable", "Tidewater",
        "Upland", "Vantage", "Willow", "Zenith", "Aster", "Beacon", "Copper", "Driftwood", "Ember", "Fjord",
        "Helio", "Indigo", "Juniper", "Kestrel", "Lumen", "Maple", "Nimbus", "Orchid", "Pinnacle", "Quill",
        "Rosewood", "Saffron", "Tundra", "Verdant", "Wren", "Yarrow", "Alder", "Basalt", "Cobalt", "Dune",
        "Evergreen", "Foxglove", "Glacier", "Hawthorn", "Isle", "Jasper", "Kite", "Larch", "Mistral", "Nova",
        "Onyx", "Prairie", "Quartz", "Ridgeline", "Solstice", "Thistle", "Umbra", "Vela", "Wavecrest", "Aurora",
        "Bramble", "Cirrus", "Delta", "Estuary", "Fennel", "Garnet", "Halcyon", "Ibis", "Jetstream", "Kelp",
    ]
    static let nameSectors = [
        "Analytics", "Labs", "Robotics", "Systems", "Health", "Logistics", "Games", "Media", "Bio", "AI", "Data",
        "Software", "Vision", "Energy", "Finance", "Retail", "Research", "Networks", "Studios", "Genomics",
        "Imaging", "Mobility", "Security", "Learning", "Materials",
    ]
    static let nameQualifiers = ["Group", "Partners", "Works", "Collective", "Digital", "Cloud", "Technologies"]
    static let roleMailboxes = ["admin", "ops", "billing", "it", "cloud", "infra", "finance", "accounts", "devops"]
}
