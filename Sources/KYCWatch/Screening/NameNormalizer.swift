import Foundation

/// Reduces a person or company name to the tokens screening compares, so that the ways customers and lists
/// write one name agree.
///
/// In order:
/// 1. Folding: lower case, accents and other marks removed (canonical decomposition), full-width forms made
///    plain, letters without a decomposition written in Latin (`ł` → `l`, `ß` → `ss`), and other scripts
///    transliterated to Latin (ICU `Any-Latin`, only when such letters occur).
/// 2. Tokens: letters and digits; apostrophes join (`O'Brien` → `obrien`), dots join initials
///    (`S.A.` → `sa`); every other character separates words.
/// 3. Word order: `LAST, First` becomes `First LAST` unless what follows the comma is a legal form
///    (`CIMEX, S.A.`).
/// 4. Honorifics at the start (`Dr.`, `Sheikh`, …), legal forms at the end (`LLC`, `Co., Ltd.`, `PJSC`,
///    `S.A. de C.V.`, …, and long ones with a typo: `Limtied`) and at the start (`OOO`, `PT`, …), and stop
///    words are removed, never leaving the name empty.
/// 5. Spelling variants: each word is mapped to one key (`Mohammed`, `Muhammad` → `muhammad`;
///    `Yevgeny`, `Evgeniy` → `evgeny`; `-off` → `-ov`).
///
/// The tables are in `NameNormalizer+Tables.swift`. Names that are plain ASCII, the common case, take a
/// path without Foundation calls.
public struct NameNormalizer: Sendable {
    /// What the tables say about one folded word, found with a single lookup per word.
    struct WordFacts: Sendable {
        var variantKey: String?
        var isHonorific = false
        var isStopWord = false
        /// Legal-form phrases that end with this word, longest first.
        var suffixPhrases: [[String]] = []
        /// Legal-form phrases that start with this word, longest first.
        var prefixPhrases: [[String]] = []
    }

    private let factIndex: [String: Int]
    private let facts: [WordFacts]
    private let misspellableForms: [[UInt8]]

    /// Creates a normalizer with the built-in tables.
    public init() {
        var factIndex: [String: Int] = [:]
        var facts: [WordFacts] = []
        func update(_ word: String, _ change: (inout WordFacts) -> Void) {
            if factIndex[word] == nil {
                factIndex[word] = facts.count
                facts.append(WordFacts())
            }
            change(&facts[factIndex[word]!])
        }
        for (word, key) in Self.variantKeys where word != key { update(word) { $0.variantKey = key } }
        for word in Self.honorifics { update(word) { $0.isHonorific = true } }
        for word in Self.stopWords { update(word) { $0.isStopWord = true } }
        for phrase in Self.legalFormSuffixes { update(phrase[phrase.count - 1]) { $0.suffixPhrases.append(phrase) } }
        for phrase in Self.legalFormPrefixes { update(phrase[0]) { $0.prefixPhrases.append(phrase) } }
        self.factIndex = factIndex
        self.facts = facts
        misspellableForms = Self.misspellableLegalForms.map { Array($0.utf8) }
    }

    /// The normalized form of `name`; empty when the name has no letters or digits.
    public func normalize(_ name: String) -> NormalizedName {
        let (words, commaAt, commaCount) = Self.words(in: Self.foldedScalars(name))
        var known = words.map { factIndex[$0] ?? -1 }
        var tokens = words
        // `LAST, First` as `First LAST`, unless what follows the comma is only legal forms or the order is unclear.
        if let commaAt, commaAt > 0, commaAt < tokens.count, commaCount == 1 {
            var after = Array(tokens[commaAt...])
            var afterKnown = Array(known[commaAt...])
            stripLegalForms(&after, &afterKnown, keeping: 0)
            if !after.isEmpty {
                tokens = Array(tokens[commaAt...] + tokens[..<commaAt])
                known = Array(known[commaAt...] + known[..<commaAt])
            }
        }
        while tokens.count > 1, known[0] >= 0, facts[known[0]].isHonorific {
            tokens.removeFirst()
            known.removeFirst()
        }
        stripLegalForms(&tokens, &known, keeping: 1)
        if known.contains(where: { $0 >= 0 && facts[$0].isStopWord }),
            !known.allSatisfy({ $0 >= 0 && facts[$0].isStopWord })
        {
            var kept: [String] = []
            for (token, fact) in zip(tokens, known) where fact < 0 || !facts[fact].isStopWord { kept.append(token) }
            tokens = kept
            known = tokens.map { factIndex[$0] ?? -1 }
        }
        for index in tokens.indices {
            if known[index] >= 0, let key = facts[known[index]].variantKey {
                tokens[index] = key
            } else {
                tokens[index] = Self.rewritingEnding(of: tokens[index])
            }
        }
        return NormalizedName(tokens: tokens)
    }

    /// The word with its ending rewritten by the first matching ``endingRewrites`` rule (words of five or more).
    static func rewritingEnding(of word: String) -> String {
        let utf8 = word.utf8
        guard utf8.count >= 5, let last = utf8.last, last >= 0x40, endingLastBytes & (1 &<< UInt64(last - 0x40)) != 0
        else { return word }
        for rewrite in endingRewrites where utf8.reversed().starts(with: rewrite.ending.utf8.reversed()) {
            return String(decoding: utf8.dropLast(rewrite.ending.utf8.count) + rewrite.replacement.utf8, as: UTF8.self)
        }
        return word
    }

    /// The last bytes of the ``endingRewrites`` endings (bit `byte - 0x40`, all are letters), to pass over
    /// most words with one test.
    private static let endingLastBytes: UInt64 = endingRewrites.reduce(0) { set, rewrite in
        set | 1 &<< UInt64(rewrite.ending.utf8.last! - 0x40)
    }

    /// Removes legal forms from the end and the start, repeatedly, longest phrase first, leaving at least
    /// `keeping` words; then a misspelled long legal-form word at the end, and again.
    private func stripLegalForms(_ words: inout [String], _ known: inout [Int], keeping floor: Int) {
        var changed = true
        while changed {
            changed = false
            if let last = known.last, last >= 0 {
                for phrase in facts[last].suffixPhrases
                where words.count - phrase.count >= floor && words.suffix(phrase.count).elementsEqual(phrase) {
                    words.removeLast(phrase.count)
                    known.removeLast(phrase.count)
                    changed = true
                    break
                }
            }
            if let first = known.first, first >= 0 {
                for phrase in facts[first].prefixPhrases
                where words.count - phrase.count >= floor && words.prefix(phrase.count).elementsEqual(phrase) {
                    words.removeFirst(phrase.count)
                    known.removeFirst(phrase.count)
                    changed = true
                    break
                }
            }
            if !changed, words.count > floor, known.last == -1, isMisspelledLegalForm(words[words.count - 1]) {
                words.removeLast()
                known.removeLast()
                changed = true
            }
        }
    }

    /// Whether a word is a long legal-form word with one typo (`Limtied`, `Lumited`, `Comapny`).
    private func isMisspelledLegalForm(_ word: String) -> Bool {
        let length = word.utf8.count
        guard length >= 6, length <= 14 else { return false }
        let bytes = Array(word.utf8)
        return misspellableForms.contains { Self.isOneEditApart(bytes, $0) }
    }

    /// Whether two different words are one substitution, insertion, deletion or swap of neighbours apart.
    static func isOneEditApart(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a != b, abs(a.count - b.count) <= 1 else { return false }
        var prefix = 0
        while prefix < min(a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
        let restA = a[prefix...]
        let restB = b[prefix...]
        if a.count == b.count {
            if restA.dropFirst().elementsEqual(restB.dropFirst()) { return true }
            return restA.count >= 2 && restA.first == restB.dropFirst().first && restB.first == restA.dropFirst().first
                && restA.dropFirst(2).elementsEqual(restB.dropFirst(2))
        }
        return a.count > b.count ? restA.dropFirst().elementsEqual(restB) : restB.dropFirst().elementsEqual(restA)
    }

    /// The name in lower case without marks, as scalars (one array per name, not one string per character).
    static func foldedScalars(_ name: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(name.utf8.count)
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in name.utf8 {
                scalars.append(Unicode.Scalar(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte))
            }
            return scalars
        }
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive, .widthInsensitive]
        var text = name.folding(options: options, locale: nil)
        let needsTransliteration = text.unicodeScalars.contains {
            $0.value >= 0x370 && $0.properties.isAlphabetic
        }
        if needsTransliteration, let latin = text.applyingTransform(.toLatin, reverse: false) {
            text = latin.folding(options: options, locale: nil)
        }
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            // Marks, and format characters (zero-width spaces and joiners, a soft hyphen, direction
            // marks and overrides): invisible, they must not split or change a word (`Kim Jo\u{200B}ng Un`).
            case .nonspacingMark, .spacingMark, .enclosingMark, .format:
                continue
            default:
                if let plain = letterFoldings[scalar] {
                    scalars.append(contentsOf: plain.unicodeScalars)
                } else {
                    scalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            }
        }
        return scalars
    }

    /// The words of folded text, the index of the first word after the first comma, and the number of commas.
    static func words(in scalars: [Unicode.Scalar]) -> (words: [String], commaAt: Int?, commaCount: Int) {
        var words: [String] = []
        // The current word as UTF-8, one buffer reused across words.
        var current: [UInt8] = []
        current.reserveCapacity(32)
        var lettersSinceDot = 0
        var commaAt: Int?
        var commaCount = 0
        func flush() {
            if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
            lettersSinceDot = 0
        }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            defer { index += 1 }
            if isApostrophe(scalar) {
                continue
            }
            if isWordScalar(scalar) {
                if scalar.value < 0x80 {
                    current.append(UInt8(scalar.value))
                } else {
                    UTF8.encode(scalar) { current.append($0) }
                }
                lettersSinceDot += 1
                continue
            }
            // An initial followed by a dot and another single letter: join (`S.A.`, `U.S.A.`), but not `J.Smith`.
            if scalar == ".", lettersSinceDot == 1, index + 1 < scalars.count, isWordScalar(scalars[index + 1]),
                index + 2 == scalars.count || !isWordScalar(scalars[index + 2])
            {
                lettersSinceDot = 0
                continue
            }
            flush()
            if scalar == "," {
                commaCount += 1
                if commaAt == nil { commaAt = words.count }
            }
        }
        flush()
        return (words, commaAt, commaCount)
    }

    @inline(__always)
    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == "'" || scalar == "`" }
        return apostrophes.contains(scalar)
    }

    @inline(__always)
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
