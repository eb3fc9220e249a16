/// Reads the `beneficial_owners` column: `Name:CC;Name:CC`.
///
/// The canonical form, which normalize writes and reads back, is `Name:CC` parts joined by `;`:
/// `Name:` for an owner without a country (a name ending in `(US)` stays a name), `:CC` for an owner
/// whose name is not given.
public enum BeneficialOwnerList {
    /// The owners listed in `text`: parts separated by `;`, each `Name`, `Name:Country`,
    /// `Name (Country)` or `Name [Country]`, where the country is anything
    /// ``CountryCatalog/code(for:)-(String)`` reads (alpha-2, alpha-3, a name). An owner's share may
    /// follow the country (`Name:US:60%`, `Name (US, 60%)`); kycwatch does not keep it. Spaces around
    /// parts and an empty part (a trailing `;`) are ignored; an empty text is no owners.
    /// An owner's placeholder country (`Ann Lee:N/A`) is no country. A part naming its owner by a
    /// placeholder (`Unknown:CN`, `N/A (RU)`, ``PlaceholderValue/isPlaceholder(_:)``) or by nothing
    /// (`:CN`) is an owner whose name is not given (``BeneficialOwner/name`` nil) when it gives a
    /// country, as the country still says where an owner is; without one (`Unknown`, `N/A:N/A`) it
    /// is no owner.
    ///
    /// Throws a ``ParseError`` naming the part when a country is not in the catalogue or a name holds
    /// a `:` (owners joined by another separator), so the caller can quarantine the row.
    public static func parse(_ text: String, countries: CountryCatalog) throws(ParseError) -> [BeneficialOwner] {
        let result = FieldBytes.withBytes(of: text) { bytes in
            Result { () throws(ParseError) -> [BeneficialOwner] in try parse(bytes, countries: countries) }
        }
        return try result.get()
    }

    /// ``parse(_:countries:)-(String,_)`` for field bytes.
    public static func parse(_ bytes: UnsafeRawBufferPointer, countries: CountryCatalog) throws(ParseError)
        -> [BeneficialOwner]
    {
        var owners: [BeneficialOwner] = []
        var partStart = 0
        var partNumber = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ";") {
            defer { partStart = index + 1 }
            var part = FieldBytes.trimmed(UnsafeRawBufferPointer(rebasing: bytes[partStart..<index]))
            guard !part.isEmpty else { continue }
            partNumber += 1
            // `Name:US:60%`: the share after the country is not kept.
            if let colon = part.lastIndex(of: UInt8(ascii: ":")),
                isShare(UnsafeRawBufferPointer(rebasing: part[(colon + 1)...])),
                part[..<colon].contains(UInt8(ascii: ":"))
            {
                part = UnsafeRawBufferPointer(rebasing: part[..<colon])
            }
            var colon = part.count
            while colon > 0, part[colon - 1] != UInt8(ascii: ":") { colon -= 1 }
            let nameBytes = colon > 0 ? UnsafeRawBufferPointer(rebasing: part[0..<(colon - 1)]) : part
            let collapsed = collapsedName(nameBytes)
            // `Unknown:CN`, `N/A:RU`, `:CN`: an owner named by a placeholder, or by nothing, has no name
            // given; its country, if any, is still read.
            let name = PlaceholderValue.isPlaceholder(collapsed) ? nil : collapsed
            guard name == nil || !nameBytes.contains(UInt8(ascii: ":")) else {
                throw ParseError(kind: .colonInName, part: FieldBytes.string(part), position: partNumber)
            }
            var country: String?
            if colon == 0, let (named, code) = parenthesizedCountry(nameBytes, countries: countries) {
                // `Ann Smith (US)`: the country written after the name, as people do.
                owners.append(BeneficialOwner(name: PlaceholderValue.isPlaceholder(named) ? nil : named, country: code))
                continue
            }
            if colon > 0 {
                let countryBytes = FieldBytes.trimmed(UnsafeRawBufferPointer(rebasing: part[colon...]))
                if !countryBytes.isEmpty, !isPlaceholderCountry(countryBytes, countries: countries) {
                    guard let code = countries.code(for: countryBytes) else {
                        throw ParseError(kind: .unknownCountry, part: FieldBytes.string(part), position: partNumber)
                    }
                    country = code
                }
            }
            // `Unknown`, `N/A:N/A`: neither a name nor a country, so no owner at all.
            guard name != nil || country != nil else { continue }
            owners.append(BeneficialOwner(name: name, country: country))
        }
        return owners
    }

    /// Whether `bytes` is a placeholder (`Ann Lee:N/A`) that names no country (`NA` is Namibia).
    private static func isPlaceholderCountry(_ bytes: UnsafeRawBufferPointer, countries: CountryCatalog) -> Bool {
        countries.code(for: bytes) == nil && PlaceholderValue.isPlaceholder(FieldBytes.string(bytes))
    }

    /// The name and country of `Ann Smith (US)` or `Ann Smith [US]` (a country the catalogue reads in
    /// the closing brackets, a share after it allowed: `(US, 60%)`); nil for any other text,
    /// `Acme (Holdings)` included.
    private static func parenthesizedCountry(_ bytes: UnsafeRawBufferPointer, countries: CountryCatalog) -> (
        String, String
    )? {
        let trimmed = FieldBytes.trimmed(bytes)
        guard let close = trimmed.last, close == UInt8(ascii: ")") || close == UInt8(ascii: "]"),
            let open = trimmed.lastIndex(of: close == UInt8(ascii: ")") ? UInt8(ascii: "(") : UInt8(ascii: "[")),
            open > 0
        else {
            return nil
        }
        var inside = FieldBytes.trimmed(UnsafeRawBufferPointer(rebasing: trimmed[(open + 1)..<(trimmed.count - 1)]))
        if let comma = inside.lastIndex(of: UInt8(ascii: ",")),
            isShare(UnsafeRawBufferPointer(rebasing: inside[(comma + 1)...]))
        {
            inside = FieldBytes.trimmed(UnsafeRawBufferPointer(rebasing: inside[..<comma]))
        }
        guard !inside.isEmpty, let code = countries.code(for: inside) else { return nil }
        let name = collapsedName(UnsafeRawBufferPointer(rebasing: trimmed[0..<open]))
        return name.isEmpty ? nil : (name, code)
    }

    /// Whether `bytes` is an ownership share: digits, perhaps with a decimal point, then `%`
    /// (`60%`, `12.5 %`), spaces around allowed.
    private static func isShare(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let trimmed = FieldBytes.trimmed(bytes)
        guard trimmed.last == UInt8(ascii: "%") else { return false }
        let number = FieldBytes.trimmed(UnsafeRawBufferPointer(rebasing: trimmed[..<(trimmed.count - 1)]))
        return !number.isEmpty && number.first.map(FieldBytes.isDigit) == true
            && number.allSatisfy { FieldBytes.isDigit($0) || $0 == UInt8(ascii: ".") }
    }

    /// The name trimmed, with each run of whitespace written as one space: a no-break, ideographic or
    /// other Unicode space too (`Li\u{00A0}Wei` is `Li Wei`), as exports pasted from documents write them.
    private static func collapsedName(_ bytes: UnsafeRawBufferPointer) -> String {
        let trimmed = FieldBytes.trimmed(bytes)
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(trimmed.count)
        var previousSpace = true
        var index = trimmed.startIndex
        while index < trimmed.endIndex {
            let byte = trimmed[index]
            let space = FieldBytes.isSpace(byte) ? 1 : byte >= 0xC2 ? unicodeSpaceLength(trimmed, at: index) : 0
            if space > 0 {
                if !previousSpace { collapsed.append(UInt8(ascii: " ")) }
                previousSpace = true
                index += space
            } else {
                collapsed.append(byte)
                previousSpace = false
                index += 1
            }
        }
        if collapsed.last == UInt8(ascii: " ") { collapsed.removeLast() }
        return String(decoding: collapsed, as: UTF8.self)
    }

    /// The length in bytes of the Unicode space (Zs, other than U+0020 and U+1680) whose UTF-8 starts at
    /// `index` of `bytes`, or 0 when none does.
    private static func unicodeSpaceLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int {
        let rest = bytes.endIndex - index
        if rest >= 2, bytes[index] == 0xC2, bytes[index + 1] == 0xA0 { return 2 }  // U+00A0
        guard rest >= 3 else { return 0 }
        switch (bytes[index], bytes[index + 1], bytes[index + 2]) {
        case (0xE2, 0x80, 0x80...0x8A), (0xE2, 0x80, 0xAF), (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80): return 3
        default: return 0
        }
    }
}
