/// The countries catalogue, indexed for reading the ways exports write a country: alpha-2, alpha-3,
/// numeric code, English name or alias, in any case, with or without accents, punctuation and spaces
/// (`U.S.A.`, `united states`, `Korea, Republic of`, `Türkiye`, `turkey`).
///
/// Lookups take field bytes and allocate nothing beyond the two-letter result.
public struct CountryCatalog: Sendable {
    /// Every country, in catalogue order.
    public let countries: [Country]
    /// Folded alpha-3 codes, names and aliases to the country's index.
    private var keys = ByteKeyTable()
    /// Country index by alpha-2 code (26 × 26 letters), -1 where unassigned.
    private var alpha2Index = [Int16](repeating: -1, count: 26 * 26)
    /// Country index by numeric code, -1 where unassigned.
    private var numericIndex = [Int16](repeating: -1, count: 1000)
    /// Lower-case ccTLD letters (no dot) to the country's index.
    private var domains = ByteKeyTable()
    /// Alpha-2 codes sharing each calling code, in catalogue order.
    private var callingCodeMembers: [String: [String]] = [:]
    /// Whether each calling code of 1 to 4 digits is assigned: slot ``callingCodeSlot(_:digits:)``.
    private var callingCodeAssigned = [Bool](repeating: false, count: 11_110)

    /// Indexes `countries`; fails when two countries share a code or when a name or alias of one
    /// country reads the same as another's.
    public init(countries: [Country]) throws(KYCWatchError) {
        try self.init(countries: countries, locations: countries.map { _ in nil })
    }

    /// Indexes `countries`, naming `locations` (one per country, when known) in errors.
    init(countries: [Country], locations: [SourceLocation?]) throws(KYCWatchError) {
        self.countries = countries
        for (index, country) in countries.enumerated() {
            let location = locations[index]
            func fail(_ message: String) -> KYCWatchError {
                KYCWatchError(.referenceCatalogInvalid, "country \(country.alpha2): \(message)", at: location)
            }
            guard let slot = Self.alpha2Slot(country.alpha2) else {
                throw fail("alpha2 '\(country.alpha2)' is not two letters")
            }
            guard alpha2Index[slot] < 0 else { throw fail("alpha2 '\(country.alpha2)' is listed twice") }
            alpha2Index[slot] = Int16(index)
            guard country.alpha3.utf8.count == 3,
                country.alpha3.utf8.allSatisfy({ FieldBytes.lowercased($0) &- 0x61 < 26 })
            else { throw fail("alpha3 '\(country.alpha3)' is not three letters") }
            if !country.numeric.isEmpty {
                guard country.numeric.utf8.count == 3, country.numeric.utf8.allSatisfy(FieldBytes.isDigit),
                    let number = Int(country.numeric)
                else { throw fail("numeric code '\(country.numeric)' is not three digits") }
                guard numericIndex[number] < 0 else {
                    throw fail(
                        "numeric code '\(country.numeric)' is also \(countries[Int(numericIndex[number])].alpha2)")
                }
                numericIndex[number] = Int16(index)
            }
            for name in [country.alpha3, country.name] + country.aliases {
                let key = LookupKey.key(name)
                guard !key.isEmpty else { throw fail("name '\(name)' has no letters or digits") }
                if let other = keys.insert(key, value: Int32(index)), Int(other) != index {
                    throw fail("'\(name)' also names \(countries[Int(other)].alpha2)")
                }
            }
            if let code = country.callingCode {
                let digits = Array(code.utf8)
                guard (1...4).contains(digits.count), digits.allSatisfy(FieldBytes.isDigit) else {
                    throw fail("calling code '\(code)' is not 1 to 4 digits")
                }
                callingCodeAssigned[
                    Self.callingCodeSlot(digits.reduce(0) { $0 * 10 + Int($1 &- 0x30) }, digits: digits.count)] =
                    true
                callingCodeMembers[code, default: []].append(country.alpha2)
            }
            for domain in (country.cctld.map { [$0] } ?? []) + country.internationalizedTLDs {
                var letters = Array(domain.utf8.map(FieldBytes.lowercased))
                if letters.first == UInt8(ascii: ".") { letters.removeFirst() }
                guard (1...Self.longestTLD).contains(letters.count), Self.isTopLevelDomain(letters) else {
                    throw fail(
                        "ccTLD '\(domain)' is not a dot and letters, an internationalized name, or its xn-- form "
                            + "(up to \(Self.longestTLD) bytes)")
                }
                if let other = domains.insert(letters, value: Int32(index)), Int(other) != index {
                    throw fail("ccTLD '\(domain)' is also \(countries[Int(other)].alpha2)'s")
                }
            }
        }
        // A two-letter name must not be another country's alpha-2 code, which bare letters match first.
        for (index, country) in countries.enumerated() {
            for name in [country.name] + country.aliases {
                let key = LookupKey.key(name)
                guard key.count == 2, let slot = Self.alpha2Slot(String(decoding: key, as: UTF8.self)) else { continue }
                let owner = Int(alpha2Index[slot])
                if owner >= 0, owner != index {
                    throw KYCWatchError(
                        .referenceCatalogInvalid,
                        "country \(country.alpha2): '\(name)' is the alpha-2 code of \(countries[owner].alpha2)",
                        at: locations[index])
                }
            }
        }
    }

    /// The alpha-2 code of a country written as an alpha-2, alpha-3 or numeric code, a name or an alias;
    /// `nil` when the catalogue does not know it.
    ///
    /// An alpha-2 code matches only as two bare letters, so `N/A` and `n.a.` are not Namibia; a numeric
    /// code only as three digits (`076`), so a calling code is not read as one; names, aliases and alpha-3
    /// codes match on their letters and digits (`U.S.A.` is `USA`).
    public func code(for name: String) -> String? {
        FieldBytes.withBytes(of: name) { code(for: $0) }
    }

    /// The alpha-2 code of the country the field bytes name; `nil` when the catalogue does not know it.
    public func code(for bytes: UnsafeRawBufferPointer) -> String? {
        index(for: bytes).map { countries[$0].alpha2 }
    }

    /// The country the field bytes name, as ``code(for:)-(UnsafeRawBufferPointer)`` reads them.
    public func country(named bytes: UnsafeRawBufferPointer) -> Country? {
        index(for: bytes).map { countries[$0] }
    }

    /// The country the text names, as ``code(for:)-(String)`` reads it.
    public func country(named name: String) -> Country? {
        FieldBytes.withBytes(of: name) { country(named: $0) }
    }

    /// The country with this alpha-2 code (either case).
    public func country(_ alpha2: String) -> Country? {
        guard let slot = Self.alpha2Slot(alpha2) else { return nil }
        let index = alpha2Index[slot]
        return index < 0 ? nil : countries[Int(index)]
    }

    /// The alpha-2 codes of the countries with this calling code (digits, an optional `+`), in catalogue
    /// order: `44` is GB, GG, IM and JE; `1` is every NANP member.
    public func countries(forCallingCode callingCode: String) -> [String] {
        var code = Substring(callingCode)
        while code.first == " " || code.first == "+" { code = code.dropFirst() }
        return callingCodeMembers[String(code)] ?? []
    }

    /// The alpha-2 code of the country a ccTLD belongs to: `.de` or `de` is `DE`, `uk` is `GB`.
    public func country(forTLD domain: String) -> String? {
        FieldBytes.withBytes(of: domain) { bytes in
            var field = FieldBytes.trimmed(bytes)
            if let first = field.first, first == UInt8(ascii: ".") {
                field = UnsafeRawBufferPointer(rebasing: field[1...])
            }
            guard field.count <= Self.longestTLD else { return nil }
            return withUnsafeTemporaryAllocation(byteCount: Self.longestTLD, alignment: 1) { buffer in
                for (offset, byte) in field.enumerated() { buffer[offset] = FieldBytes.lowercased(byte) }
                let key = UnsafeRawBufferPointer(rebasing: buffer[0..<field.count])
                return domains.value(for: key).map { countries[Int($0)].alpha2 }
            }
        }
    }

    /// The longest ccTLD in bytes, without its dot: an internationalized one's xn-- form runs to about 25.
    static let longestTLD = 32

    /// Whether `letters` (lower case, no dot) are a ccTLD: ASCII letters (`de`), an xn-- form of
    /// letters, digits and hyphens (`xn--p1ai`), or a name in another script (`рф`), whose bytes are all
    /// past ASCII.
    private static func isTopLevelDomain(_ letters: [UInt8]) -> Bool {
        if letters.allSatisfy({ $0 &- 0x61 < 26 }) { return true }
        if letters.starts(with: Array("xn--".utf8)) {
            return letters.count > 4
                && letters.dropFirst(4).allSatisfy { $0 &- 0x61 < 26 || FieldBytes.isDigit($0) || $0 == 0x2D }
        }
        return letters.allSatisfy { $0 >= 0x80 }
    }

    /// Whether a calling code of `digits` digits with this value is assigned.
    @inline(__always)
    func isCallingCode(_ value: Int, digits: Int) -> Bool {
        callingCodeAssigned[Self.callingCodeSlot(value, digits: digits)]
    }

    /// The index of the country the bytes name.
    private func index(for bytes: UnsafeRawBufferPointer) -> Int? {
        let field = FieldBytes.trimmed(bytes)
        guard !field.isEmpty else { return nil }
        if field.count == 2 {
            let first = FieldBytes.lowercased(field[0]) &- 0x61
            let second = FieldBytes.lowercased(field[1]) &- 0x61
            if first < 26, second < 26 {
                let index = alpha2Index[Int(first) * 26 + Int(second)]
                if index >= 0 { return Int(index) }
            }
        }
        // ISO numeric codes are always three digits; "86" or "44" is more likely a calling code.
        if field.allSatisfy(FieldBytes.isDigit) {
            guard field.count == 3 else { return nil }
            let number = field.reduce(0) { $0 * 10 + Int($1 &- 0x30) }
            let index = numericIndex[number]
            return index < 0 ? nil : Int(index)
        }
        return LookupKey.withKey(of: field) { key -> Int? in
            if let index = keys.value(for: key) { return Int(index) }
            // "The Netherlands", "the Gambia": try again without a leading article.
            if key.count > 3, key[0] == UInt8(ascii: "t"), key[1] == UInt8(ascii: "h"), key[2] == UInt8(ascii: "e"),
                let index = keys.value(for: UnsafeRawBufferPointer(rebasing: key[3...]))
            {
                return Int(index)
            }
            return nil
        }
    }

    /// The slot of an alpha-2 code (either case), or `nil` when it is not two ASCII letters.
    private static func alpha2Slot(_ code: String) -> Int? {
        var bytes = code.utf8.makeIterator()
        guard let high = bytes.next(), let low = bytes.next(), bytes.next() == nil else { return nil }
        let first = FieldBytes.lowercased(high) &- 0x61
        let second = FieldBytes.lowercased(low) &- 0x61
        guard first < 26, second < 26 else { return nil }
        return Int(first) * 26 + Int(second)
    }

    /// Calling codes of 1, 2, 3 and 4 digits occupy slots 0-9, 10-109, 110-1109 and 1110-11109.
    @inline(__always)
    private static func callingCodeSlot(_ value: Int, digits: Int) -> Int {
        switch digits {
        case 1: return value
        case 2: return 10 + value
        case 3: return 110 + value
        default: return 1110 + value
        }
    }
}
