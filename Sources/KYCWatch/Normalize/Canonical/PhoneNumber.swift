/// Reads the country calling code from a telephone number as customers and exports write it.
public enum PhoneNumber {
    /// The E.164 country calling code of `text` as digits (`86`, `44`, `1`), or `nil` when the number
    /// does not say.
    ///
    /// The code is read only after an international prefix: `+` (`+86 10 1234 5678`, `+44(0)20 …`),
    /// `00` (most of the world), `011` (North America), `0011` (Australia) or `001` (Hong Kong, Korea,
    /// Singapore, Thailand, Indonesia; `001 86 …`, though `00 1 212 555 0100` is a North American number). A label or bracket before
    /// the number (`Tel:`, a `tel:` scheme, `(+86) 10 …`) is skipped, full-width forms read as ASCII, and
    /// an extension (`ext. 12`) is not part of the number (``PhoneDigits``).
    /// A number in national format (`(415) 555-0100`) yields `nil`: its country is unknown and not
    /// guessed. The code is the longest prefix of 1 to 4 digits that the catalogue assigns; NANP numbers
    /// (`+1 876 …` for Jamaica) all read as `1`.
    ///
    /// An `011` prefix is also how a few countries begin national numbers (Delhi's area code); such a
    /// number written without its country reads as an international one.
    public static func callingCode(of text: String, catalog: CountryCatalog) -> String? {
        FieldBytes.withBytes(of: text) { callingCode(of: $0, catalog: catalog) }
    }

    /// ``callingCode(of:catalog:)-(String,_)`` for field bytes.
    public static func callingCode(of bytes: UnsafeRawBufferPointer, catalog: CountryCatalog) -> String? {
        parse(bytes, catalog: catalog).map { String($0.code) }
    }

    /// The alpha-2 code of the country `text` is a number of, or `nil` when the number does not say
    /// (``callingCode(of:catalog:)-(String,_)``).
    ///
    /// Most calling codes belong to one country. Of a code shared by several, the national number's
    /// first digits pick the member where its numbering plan sets it apart (ITU-T E.164 assignments
    /// and the members' national plans): `+7 7…` and `+7 6…` are Kazakhstan, every other `+7` Russia;
    /// `+358 18` is Åland; `+44 1481`, `1534` and `1624` are Guernsey, Jersey and the Isle of Man.
    /// North American numbers by their area code: `+1 416 …` is Canada, `+1 876 …` Jamaica.
    /// Otherwise it is the code's principal member (`+1` the United States, its territories among it;
    /// `+44` the United Kingdom, `+212` Morocco), never merely the first in the catalogue.
    public static func country(of text: String, catalog: CountryCatalog) -> String? {
        FieldBytes.withBytes(of: text) { bytes in
            guard let (code, national) = parse(bytes, catalog: catalog) else { return nil }
            let members = catalog.countries(forCallingCode: String(code))
            guard members.count > 1 else { return members.first }
            if code == 1, let area = national.leading(3), let country = northAmericanAreaCodes[area],
                members.contains(country)
            {
                return country
            }
            for (prefix, country) in sharedCodePrefixes[code] ?? [] where national.starts(with: prefix) {
                if members.contains(country) { return country }
            }
            if let principal = principalMembers[code], members.contains(principal) { return principal }
            return members.first
        }
    }

    /// Whether `text` is no number that identifies anyone, so an account giving it has no phone: a
    /// placeholder (``PlaceholderValue/isPlaceholder(_:)``: `N/A`, `-`), a text without a digit, or a
    /// made-up number, whose digits (all of them, those after its calling code, or those after a
    /// trunk `0` or North American `1` of a number in national format) are one digit repeated
    /// (`0000000000`, `+1 555-555-5555`) or at least seven counting up (`123-456-7890`), or a North
    /// American `555-555-xxxx`.
    ///
    /// Such numbers are typed where a form requires one; shared by unrelated accounts, they would
    /// link them. North America's fictional `555-0100` to `555-0199` are real-looking numbers of one
    /// line each and are kept.
    public static func isPlaceholder(_ text: String, catalog: CountryCatalog) -> Bool {
        guard !PlaceholderValue.isPlaceholder(text) else { return true }
        let digits = PhoneDigits(text)
        let count = min(digits.count, PhoneDigits.capacity)
        guard count > 0 else { return true }
        // Whether the digits from `start` are made up.
        func madeUp(from start: Int) -> Bool {
            guard start < count else { return false }
            var same = true
            var rising = true
            for index in (start + 1)..<count {
                same = same && digits[index] == digits[start]
                rising = rising && digits[index] == (digits[index - 1] + 1) % 10
            }
            return same || (rising && count - start >= 7)
        }
        var national = 0
        var northAmerican = false
        if let parsed = parse(digits, catalog: catalog) {
            national = parsed.nationalStart
            northAmerican = parsed.code == 1
        } else if !digits.international, digits[0] == 0 || (digits[0] == 1 && count == 11) {
            national = 1
            northAmerican = digits[0] == 1
        }
        if madeUp(from: 0) || madeUp(from: national) { return true }
        // `555` is no North American area code in service, and its `555` exchange holds the fictional numbers.
        let nationalCount = count - national
        guard nationalCount == 10, northAmerican || national == 0 else { return false }
        for index in national..<(national + 6) where digits[index] != 5 { return false }
        return true
    }

    /// The principal member of each calling code several countries share.
    private static let principalMembers: [Int: String] = [
        1: "US", 7: "RU", 39: "IT", 44: "GB", 47: "NO", 61: "AU", 64: "NZ", 212: "MA", 262: "RE", 358: "FI",
        500: "FK", 590: "GP", 599: "CW", 672: "NF",
    ]

    /// The area codes of `+1` that are not the United States': NANPA's assignments (2025), Canada's
    /// geographic codes and 600, and the Caribbean members'. The US territories' (Puerto Rico's 787 and
    /// 939, the Virgin Islands' 340, Guam's 671, the Northern Marianas' 670, American Samoa's 684) read
    /// as the United States, whose persons their residents are.
    private static let northAmericanAreaCodes: [Int: String] = [
        204: "CA", 226: "CA", 236: "CA", 242: "BS", 246: "BB", 249: "CA", 250: "CA", 257: "CA", 263: "CA", 264: "AI",
        268: "AG", 284: "VG", 289: "CA", 306: "CA", 343: "CA", 345: "KY", 354: "CA", 365: "CA", 367: "CA", 368: "CA",
        382: "CA", 387: "CA", 403: "CA", 416: "CA", 418: "CA", 428: "CA", 431: "CA", 437: "CA", 438: "CA", 441: "BM",
        450: "CA", 468: "CA", 473: "GD", 474: "CA", 506: "CA", 514: "CA", 519: "CA", 548: "CA", 579: "CA", 581: "CA",
        584: "CA", 587: "CA", 600: "CA", 604: "CA", 613: "CA", 639: "CA", 647: "CA", 649: "TC", 658: "JM", 664: "MS",
        672: "CA", 683: "CA", 705: "CA", 709: "CA", 721: "SX", 742: "CA", 753: "CA", 758: "LC", 767: "DM", 778: "CA",
        780: "CA", 782: "CA", 784: "VC", 807: "CA", 809: "DO", 819: "CA", 825: "CA", 829: "DO", 849: "DO", 867: "CA",
        868: "TT", 869: "KN", 873: "CA", 876: "JM", 879: "CA", 902: "CA", 905: "CA", 942: "CA",
    ]

    /// National number prefixes (digits after the calling code, trunk `0` dropped but for Italy's
    /// plan, which keeps it) that belong to another member of a shared code.
    private static let sharedCodePrefixes: [Int: [([UInt8], String)]] = [
        7: [([6], "KZ"), ([7], "KZ")],
        39: [([0, 6, 6, 9, 8], "VA")],
        44: [([1, 4, 8, 1], "GG"), ([1, 5, 3, 4], "JE"), ([1, 6, 2, 4], "IM")],
        47: [([7, 9], "SJ")],
        61: [([8, 9, 1, 6, 2], "CC"), ([8, 9, 1, 6, 4], "CX")],
        262: [([2, 6, 9], "YT"), ([6, 3, 9], "YT")],
        358: [([1, 8], "AX")],
        599: [([7], "BQ")],
        672: [([1], "AQ")],
    ]

    /// The first digits of a national number, packed four bits each: parsing a number, as every
    /// account row's is, allocates nothing.
    private struct NationalDigits {
        private var packed: UInt64 = 0
        private var count = 0

        /// Adds `digit` (0–9) after the others; digits past the sixteenth are not kept.
        mutating func append(_ digit: UInt8) {
            guard count < 16 else { return }
            packed |= UInt64(digit) << (4 * count)
            count += 1
        }

        /// The first `length` digits as a number (`416` of `416 555 0199`), or nil when there are fewer.
        func leading(_ length: Int) -> Int? {
            guard length <= count else { return nil }
            return (0..<length).reduce(0) { $0 * 10 + Int(packed >> (4 * $1) & 0xF) }
        }

        /// Whether the number begins with `prefix`.
        func starts(with prefix: [UInt8]) -> Bool {
            guard prefix.count <= count else { return false }
            for (index, digit) in prefix.enumerated() where UInt8(packed >> (4 * index) & 0xF) != digit {
                return false
            }
            return true
        }
    }

    /// The calling code of `bytes` and the first digits of the national number after it.
    private static func parse(_ bytes: UnsafeRawBufferPointer, catalog: CountryCatalog) -> (
        code: Int, national: NationalDigits
    )? {
        parse(PhoneDigits(reading: bytes), catalog: catalog).map { ($0.code, $0.national) }
    }

    /// The calling code of `digits`, the first digits of the national number after it, and where in
    /// `digits` the national number starts.
    private static func parse(_ digits: PhoneDigits, catalog: CountryCatalog) -> (
        code: Int, national: NationalDigits, nationalStart: Int
    )? {
        let count = min(digits.count, PhoneDigits.capacity)
        func digit(_ index: Int) -> UInt8 { index < count ? digits[index] : 0xFF }
        let start: Int
        if digits.international {
            start = 0
        } else if digit(0) == 0, digit(1) == 0, digit(2) == 1, digit(3) == 1 {
            start = 4
        } else if digit(0) == 0, digit(1) == 1, digit(2) == 1 {
            start = 3
        } else if digit(0) == 0, digit(1) == 0, digit(2) == 1, digits.count > 13 {
            // `001`, the prefix of Hong Kong, Korea, Singapore, Thailand and Indonesia (`001 86 755 …`):
            // after `00`, a North American number is 1 and ten digits, thirteen in all, not more.
            start = 3
        } else if digit(0) == 0, digit(1) == 0 {
            start = 2
        } else {
            return nil
        }
        guard start < count, digits[start] != 0 else { return nil }
        var best: (value: Int, length: Int)?
        var value = 0
        var length = 0
        while length < 4, start + length < count {
            value = value * 10 + Int(digits[start + length])
            length += 1
            if catalog.isCallingCode(value, digits: length) { best = (value, length) }
        }
        guard let best else { return nil }
        var first = start + best.length
        // `+44 (0)20 …`: the trunk prefix written after the code is not part of the number.
        if best.value != 39, first < count, digits[first] == 0 { first += 1 }
        var national = NationalDigits()
        for index in first..<count { national.append(digits[index]) }
        return (best.value, national, first)
    }
}
