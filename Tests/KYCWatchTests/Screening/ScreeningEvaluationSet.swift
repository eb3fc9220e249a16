@testable import KYCWatch

/// A labelled screening set built deterministically from the real lists: listed parties written the way
/// customers write them (positives, each labelled with the entry it must find) and ordinary people and
/// companies from word pools (negatives, which must find nothing).
struct ScreeningEvaluationSet {
    /// How a positive was derived from its listed name.
    enum Variant: String, CaseIterable, Sendable {
        /// People as `First Last` (lists write `LAST, First`); companies in title case.
        case reordered
        /// The legal form removed, or one added where the list has none (`Ltd`, `LLC`); a title for people.
        case legalForm
        /// One typo in a word of four letters or more: substitution, deletion, insertion or swapped letters.
        case typo
        /// An alternate name of the entry instead of its primary name.
        case alias
        /// Written with accents the list does not have (`José`, `Müller`).
        case accented
        /// All lower case.
        case lowercase
        /// People without a middle name or second surname (`Nicolas Maduro`); companies in title case.
        case shortened
    }

    struct Positive: Sendable {
        var query: String
        var variant: Variant
        var list: String
        var entryID: String
        var listedName: String
    }

    var positives: [Positive] = []
    var negatives: [String] = []
    /// Generated negatives dropped because they normalize to a listed name.
    var droppedNegatives: [String] = []

    /// Builds the set: `positiveCount` entries sampled across the lists (vessels and aircraft excluded,
    /// since customers are people and companies), and `negativeCount` distinct generated names.
    static func build(
        lists: [RestrictedPartyList], seed: UInt64 = 2026, positiveCount: Int = 300, negativeCount: Int = 2500
    ) -> ScreeningEvaluationSet {
        var random = SplitMix64(seed: seed)
        var set = ScreeningEvaluationSet()
        let normalizer = NameNormalizer()

        // Positives: a share per list, variants in rotation.
        let shares = [RestrictedPartyList.ofacSDN: 0.75, RestrictedPartyList.deniedPersons: 0.15]
        for list in lists {
            let eligible = list.entries.filter { $0.partyType != .vessel && $0.partyType != .aircraft }
            let share = shares[list.name] ?? 0.10
            let count = min(eligible.count, Int((Double(positiveCount) * share).rounded()))
            var pool = eligible.shuffled(using: &random)
            for _ in 0..<count {
                // The next variant in rotation goes to the next entry it changes: an entry without aliases
                // is no *alias* positive, nor one of two words a *shortened* one. A list with no entry for
                // the variant (the Denied Persons List says no one is a person) takes the next variant.
                let rotation = set.positives.count % Variant.allCases.count
                let choice = (0..<Variant.allCases.count).lazy.compactMap { step -> (Variant, Int)? in
                    let variant = Variant.allCases[(rotation + step) % Variant.allCases.count]
                    return pool.firstIndex { changes(variant, $0) }.map { (variant, $0) }
                }.first
                guard let (variant, position) = choice else { break }
                let entry = pool.remove(at: position)
                let query = write(entry, as: variant, random: &random)
                set.positives.append(
                    Positive(
                        query: query, variant: variant, list: entry.list, entryID: entry.id, listedName: entry.name))
            }
        }

        // Negatives: generated, distinct, and not a listed name once normalized.
        var listedKeys: Set<String> = []
        for list in lists {
            for entry in list.entries {
                for name in [entry.name] + entry.aliases {
                    listedKeys.insert(normalizer.normalize(name).unorderedKey)
                }
            }
        }
        var seen: Set<String> = []
        while set.negatives.count < negativeCount {
            let name = random.next() % 2 == 0 ? person(&random) : company(&random)
            guard seen.insert(name).inserted else { continue }
            if listedKeys.contains(normalizer.normalize(name).unorderedKey) {
                set.droppedNegatives.append(name)
            } else {
                set.negatives.append(name)
            }
        }
        return set
    }

    // MARK: Positives

    /// Whether `variant` writes `entry` other than the list does: only entries with aliases have an *alias*,
    /// only people of three words or more a *shortened* form.
    static func changes(_ variant: Variant, _ entry: RestrictedPartyEntry) -> Bool {
        switch variant {
        case .alias: !entry.aliases.isEmpty
        case .shortened: entry.partyType == .individual && firstLast(entry.name).split(separator: " ").count >= 3
        default: true
        }
    }

    private static func write(
        _ entry: RestrictedPartyEntry, as variant: Variant, random: inout SplitMix64
    ) -> String {
        let isPerson = entry.partyType == .individual
        switch variant {
        case .reordered:
            return isPerson ? firstLast(entry.name) : titleCased(entry.name)
        case .legalForm:
            if isPerson {
                return ["Mr. ", "Dr. ", "Mrs. "].randomElement(using: &random)! + firstLast(entry.name)
            }
            if let stripped = withoutLegalForm(entry.name) { return titleCased(stripped) }
            return titleCased(entry.name) + [" LLC", " Ltd", " Limited", " Inc.", " GmbH"].randomElement(
                using: &random)!
        case .typo:
            return withTypo(isPerson ? firstLast(entry.name) : entry.name, random: &random)
        case .alias:
            return entry.aliases.randomElement(using: &random)!
        case .accented:
            return accented(titleCased(isPerson ? firstLast(entry.name) : entry.name), random: &random)
        case .lowercase:
            return entry.name.lowercased()
        case .shortened:
            return shortened(entry.name, random: &random)
        }
    }

    /// A person's name as `First Last` without one middle name or, for `LAST1 LAST2, First`, without the
    /// second surname (`MADURO MOROS, Nicolas` → `Nicolas Maduro`), one of the two at random when both can go.
    private static func shortened(_ name: String, random: inout SplitMix64) -> String {
        let parts = name.split(separator: ",", maxSplits: 1)
        guard parts.count == 2 else {
            var words = titleCased(name).split(separator: " ")
            words.remove(at: Int.random(in: 1..<(words.count - 1), using: &random))
            return words.joined(separator: " ")
        }
        var given = titleCased(trimmed(parts[1])).split(separator: " ")
        var surnames = titleCased(trimmed(parts[0])).split(separator: " ")
        if surnames.count >= 2, given.count < 2 || Bool.random(using: &random) {
            surnames.removeLast()
        } else {
            given.remove(at: Int.random(in: 1..<given.count, using: &random))
        }
        return (given + surnames).joined(separator: " ")
    }

    /// `LAST, First Middle` as `First Middle Last`, title cased.
    static func firstLast(_ name: String) -> String {
        let parts = name.split(separator: ",", maxSplits: 1)
        guard parts.count == 2 else { return titleCased(name) }
        return titleCased(trimmed(parts[1]) + " " + trimmed(parts[0]))
    }

    static func titleCased(_ name: String) -> String {
        var result = ""
        var startOfWord = true
        for character in name {
            result += startOfWord ? character.uppercased() : character.lowercased()
            startOfWord = !(character.isLetter || character.isNumber || character == "'")
        }
        return result
    }

    /// Legal forms as customers and lists write them at the end of a name, longest first.
    private static let legalForms = [
        ", S.A. DE C.V.", " S.A. DE C.V.", " CO., LTD.", " CO. LTD.", ", LTD.", " LTD.", " LTD", " LIMITED", ", INC.",
        " INC.", " INC", " LLC", ", LLC", " L.L.C.", ", S.A.", " S.A.", " SA", " GMBH", " AG", ", OOO", " OOO",
        ", OAO", " OAO", ", AO", " AO", ", PJSC", " PJSC", ", JSC", " JSC", " COMPANY", " CO.", " CORPORATION",
        " CORP.", " FZE", " FZCO", " FZ-LLC", " PLC", " LLP", " PTE. LTD.", " PTE LTD", " SDN. BHD.", " SDN BHD",
        " B.V.", " BV", " S.R.L.", " SRL", " S.P.A.",
    ]

    private static func withoutLegalForm(_ name: String) -> String? {
        let upper = name.uppercased()
        for form in legalForms where upper.hasSuffix(form) && upper.count > form.count + 2 {
            return String(name.dropLast(form.count))
        }
        return nil
    }

    /// One typo in a random word of four letters or more (any word when none is that long).
    private static func withTypo(_ name: String, random: inout SplitMix64) -> String {
        var characters = Array(name)
        var words: [Range<Int>] = []
        var start: Int?
        for index in 0...characters.count {
            let isLetter = index < characters.count && characters[index].isLetter
            if isLetter, start == nil { start = index }
            if !isLetter, let wordStart = start {
                words.append(wordStart..<index)
                start = nil
            }
        }
        let long = words.filter { $0.count >= 4 }
        guard let word = (long.isEmpty ? words : long).randomElement(using: &random) else { return name }
        let position = Int.random(in: word, using: &random)
        let letter = Character(String(UnicodeScalar(UInt8.random(in: 97...122, using: &random))))
        let replacement = characters[position].isUppercase ? Character(letter.uppercased()) : letter
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            characters[position] = characters[position].lowercased() == String(letter) ? "x" : replacement
        case 1:
            characters.remove(at: position)
        case 2:
            characters.insert(replacement, at: position)
        default:
            let other = position + 1 < word.upperBound ? position + 1 : position - 1
            characters.swapAt(position, other)
        }
        return String(characters)
    }

    private static let accents: [Character: [Character]] = [
        "a": ["á", "à", "ä", "â"], "e": ["é", "è", "ë"], "i": ["í", "ï"], "o": ["ó", "ö", "ô"], "u": ["ú", "ü"],
        "n": ["ñ"], "c": ["ç"], "s": ["š"], "z": ["ž"],
    ]

    /// Accents on about a third of the letters that can carry one, at least one.
    private static func accented(_ name: String, random: inout SplitMix64) -> String {
        var characters = Array(name)
        let candidates = characters.indices.filter { accents[Character(characters[$0].lowercased())] != nil }
        guard !candidates.isEmpty else { return name }
        let chosen = candidates.filter { _ in Int.random(in: 0..<3, using: &random) == 0 }
        for index in chosen.isEmpty ? [candidates[0]] : chosen {
            let character = characters[index]
            let plain = Character(character.lowercased())
            let marked = accents[plain]!.randomElement(using: &random)!
            characters[index] = character.isUppercase ? Character(marked.uppercased()) : marked
        }
        return String(characters)
    }

    // MARK: Negatives

    /// `count` ordinary names, repeats allowed and unchecked against the lists: load for benchmarks.
    static func ordinaryNames(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in random.next() % 2 == 0 ? person(&random) : company(&random) }
    }

    private static func person(_ random: inout SplitMix64) -> String {
        let first = firstNames.randomElement(using: &random)!
        let last = lastNames.randomElement(using: &random)!
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return "\(last.uppercased()), \(first)"
        case 1:
            let initial = String(UnicodeScalar(UInt8.random(in: 65...90, using: &random)))
            return "\(first) \(initial). \(last)"
        case 2: return "\(first) \(last)-\(lastNames.randomElement(using: &random)!)"
        case 3: return "\(first) \(firstNames.randomElement(using: &random)!) \(last)"
        default: return "\(first) \(last)"
        }
    }

    private static func company(_ random: inout SplitMix64) -> String {
        let suffix = legalSuffixes.randomElement(using: &random)!
        let industry = industries.randomElement(using: &random)!
        let name: String
        switch Int.random(in: 0..<6, using: &random) {
        case 0: name = "\(lastNames.randomElement(using: &random)!) \(industry)"
        case 1:
            name = "\(lastNames.randomElement(using: &random)!) & \(lastNames.randomElement(using: &random)!)"
        case 2: name = "\(qualifiers.randomElement(using: &random)!) \(industry)"
        case 3: name = "\(places.randomElement(using: &random)!) \(industry)"
        case 4:
            name =
                "\(coinedStarts.randomElement(using: &random)!)\(coinedEnds.randomElement(using: &random)!) \(industry)"
        default:
            let initials = (0..<Int.random(in: 2...4, using: &random)).map { _ in
                String(UnicodeScalar(UInt8.random(in: 65...90, using: &random)))
            }
            name = "\(initials.joined()) \(industry)"
        }
        return suffix.isEmpty ? name : "\(name) \(suffix)"
    }

    static let firstNames = words(
        """
        James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony
        Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan
        Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Frank
        Alexander Raymond Patrick Jack Dennis Jerry Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica
        Sarah Karen Lisa Nancy Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa
        Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Anna Emma Olivia Sophia Lukas Jonas
        Felix Maximilian Lena Hannah Pierre Camille Louis Chloé Giulia Marco Luca Francesca Sofia Mateo Santiago
        Valentina Lucía Carlos Juan José María Ana Priya Rahul Arjun Ananya Wei Jing Hiroshi Yuki Haruto Sakura
        Minjun Jiwoo Olga Ivan Dmitry Anastasia Ahmed Fatima Omar Aisha Yusuf Mehmet Ayşe Emre Zeynep Kwame
        Amara Chinedu Ngozi Lars Ingrid Erik Astrid Sven Freya Mikko Aino Piotr Katarzyna Jan Eva Tomáš Petra
        """)

    static let lastNames = words(
        """
        Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson
        Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis
        Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall
        Rivera Campbell Mitchell Carter Roberts Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Dubois
        Moreau Laurent Lefebvre Rossi Russo Ferrari Esposito Bianchi Fernández Gómez Díaz Silva Santos Oliveira
        Pereira Costa Patel Sharma Singh Kumar Gupta Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Sato Suzuki
        Takahashi Tanaka Watanabe Kim Park Choi Jung Kang Ivanov Smirnov Kuznetsov Popov Sokolov Hassan Ali Khan
        Yilmaz Kaya Demir Şahin Okafor Mensah Nielsen Hansen Johansson Andersson Larsen Virtanen Korhonen Nowak
        Kowalski Wiśniewski Novak Horvat O'Brien Murphy Kelly Walsh MacDonald Jansen Janssens Peeters
        """)

    static let qualifiers = words(
        """
        Global International United General Advanced Digital Smart Blue Green Red Silver Golden Bright Prime Apex
        Summit Pioneer Northern Southern Eastern Western Modern Future First Royal Crystal Rapid Alpha Delta Omega
        Nova Quantum Vertex Horizon Evergreen Clear True Open Secure Swift Precision Allied Integrated Strategic
        """)

    static let places = words(
        """
        Nordic Baltic Alpine Iberian Bavaria Texas Pacific Atlantic Hudson Thames Rhine Danube Andes Gulf Asia Euro
        London Berlin Paris Tokyo Seoul Mumbai Singapore Toronto Sydney Boston Denver Chicago Austin Seattle Oslo
        Lisbon Madrid Milano Zurich Vienna Prague Warsaw Dublin Helsinki Lagos Nairobi Cairo Manila Jakarta Lima
        """)

    static let industries = phrases(
        """
        Trading, Consulting, Logistics, Software, Systems, Technologies, Analytics, Cloud Services, Cloud Analytics,
        Data Labs, Engineering, Solutions, Holdings, Partners, Capital, Ventures, Media, Foods, Pharma, Energy,
        Robotics, Networks, Security, Imports, Exports, Marine, Shipping, Construction, Design, Studios, Research,
        Medical, Health, AI Labs, Computing, Semiconductors, Textiles, Motors, Aviation, Education, Games,
        Trading Company, General Trading, Import Export, Investment Group, Machine Learning, Web Services,
        Consulting Group, Technology Group, Industries, Electronics, Telecom, Biotech, Insurance, Real Estate
        """)

    static let legalSuffixes = phrases(
        """
        LLC, Inc., Ltd, Ltd., Co., "Co., Ltd.", GmbH, AG, AB, AS, Oy, BV, NV, S.A., S.A. de C.V., SAS, SRL, S.p.A.,
        Pty Ltd, Pte. Ltd., Sdn Bhd, Limited, Corporation, Corp., PLC, LLP, KK, FZE, FZCO, JSC, OOO, , , ,
        """)

    static let coinedStarts = words(
        "Bright Data Blue Cloud Quant Nex Veri Lumi Opti Tera Zen Hyper Info Sky Sun Star Core Flex Geo Bio")
    static let coinedEnds = words(
        "path vane ly fy io ix scale grid wave point base works stack forge loop mind bit sync leaf nest")

    private static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    }

    /// Comma-separated phrases; `"Co., Ltd."` is quoted because it holds a comma; empty items stay.
    private static func phrases(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
            } else if character == ",", !quoted {
                items.append(trimmed(current))
                current = ""
            } else {
                current.append(character == "\n" ? " " : character)
            }
        }
        items.append(trimmed(current))
        return items
    }

    /// The text without spaces at either end.
    private static func trimmed(_ text: some StringProtocol) -> String {
        var text = Substring(text)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
