import Foundation

/// Every name and alias of a set of restricted-party lists, normalized and indexed for fast fuzzy screening.
///
/// Built once per run, immutable afterwards, and `Sendable`: any number of tasks may screen against one
/// index at the same time (each call keeps its working memory to itself).
///
/// How a name is screened (see `ScreeningIndex+Matching.swift`):
/// - **Blocking.** Every listed word is indexed under itself and, when it has four letters or more, under
///   each form with one letter deleted, so a screened word reaches listed words within one typo
///   (substitution, insertion, deletion or swapped neighbours). Words on more than ``blockingLimit`` names
///   (`al`, `trading`, `muhammad`) are not used to find candidates when the name has rarer words.
/// - **Pruning.** A candidate is scored only when an upper bound of its score reaches the threshold. The
///   bound counts a screened word as matched when blocking reached the candidate through it, or, for a
///   word too common to look up, when the candidate has exactly that word: a common word that is only
///   similar (two typos, or too common to block on) cannot lift a candidate over the threshold on its own.
/// - **Scoring.** Words are paired one to one, most similar pair first (Jaro-Winkler, pairs under
///   ``ScreeningConfiguration/minimumTokenSimilarity`` left unpaired), and a pair counts its similarity
///   squared. Each word weighs by its rarity on the lists (inverse document frequency), so common words
///   cannot carry a match and an unmatched rare word costs a lot. The name score is the weighted share of
///   both names' words that pair; a listed word left unpaired costs three quarters of its weight (middle
///   names and second surnames go missing), half when the screened name is a person's short form (every
///   word exact, in the listed order, from the first to the last or first surname: `Nicolas Maduro`),
///   and a screened word left unpaired all of it.
/// - **Countries.** A shared country raises the score, conflicting countries lower it; a name whose score
///   stays below the threshold without the raise never matches.
/// - **Party types.** Parties of ``ScreeningConfiguration/unmatchedPartyTypes`` (vessels and aircraft) are
///   indexed for the words' rarity but never matched.
public struct ScreeningIndex: Sendable {
    /// The entries of all lists, in list order.
    public let entries: [RestrictedPartyEntry]
    /// The thresholds and weights in use.
    public let configuration: ScreeningConfiguration
    /// The normalizer applied to listed and screened names alike.
    public let normalizer: NameNormalizer
    /// How countries are compared.
    public let countries: ScreeningCountryResolver
    /// Listed words on more names than this are not used for blocking when a rarer word is available.
    public let blockingLimit: Int

    // Words: id → text, UTF-8 bytes (all in one buffer), weight.
    let tokenIDs: [String: Int32]
    let tokenText: [String]
    let tokenBytes: [UInt8]
    let tokenEnds: [Int32]
    let tokenWeights: [Float]
    /// ``JaroWinkler/letterSet(of:)`` of every word, to skip pairs that cannot be similar.
    let tokenLetters: [UInt64]
    /// The weight of a screened word that no listed name has.
    let unseenWeight: Float

    // Names (primary names and aliases): entry, alias number (-1 for the primary name), words, total weight.
    let nameEntries: [Int32]
    let nameAliases: [Int32]
    let nameTokenEnds: [Int32]
    let nameTokens: [Int32]
    let nameWeights: [Float]
    /// The weight of each name's lightest word.
    let nameMinimumWeights: [Float]
    /// Per name, aligned with `nameTokens`: the running sums of its word weights, heaviest first (the
    /// first is the heaviest word, the last the name's total).
    let nameHeaviestWeights: [Float]
    /// Per name, whether a screened name may be its short form (``shortFormUnpairedListedWordShare``):
    /// ``notShortened`` for an organization's name and names of fewer than three words, else the
    /// position of its first surname for a name listed `LAST1 LAST2, First` (whose words come given
    /// names first), or ``noSurnamePosition``.
    let nameShortForms: [Int8]
    static let notShortened: Int8 = -2
    static let noSurnamePosition: Int8 = -1

    /// Alpha-2 codes of each entry's countries, sorted.
    let entryCountryCodes: [[String]]
    /// Entry positions by list and id.
    let entryPositions: [EntryKey: Int]

    struct EntryKey: Hashable {
        var list: String
        var id: String
    }

    // Blocking keys (hash of a word or a one-deletion form) → the names holding it.
    let postingsByKey: BlockingKeyTable
    let postingEnds: [Int32]
    let postings: [Int32]
    /// Working memory kept between calls (``ScreeningScratchPool``).
    let scratches: ScreeningScratchPool

    /// Words this long or longer are also indexed under their one-deletion forms.
    static let minimumDeletionLength = 4
    /// Words longer than this are not: no name has such a word, and the forms of a word are as many as
    /// its bytes, each hashed over the whole word, so one word of 200,000 bytes took 45 s.
    static let maximumDeletionLength = 64

    /// Indexes the entries of `lists`.
    ///
    /// - Parameter blockingLimit: the posting size above which a word is too common to find candidates by;
    ///   `nil` picks 1 % of the names (at least 64).
    public init(
        lists: [RestrictedPartyList], configuration: ScreeningConfiguration = ScreeningConfiguration(),
        normalizer: NameNormalizer = NameNormalizer(), countries: ScreeningCountryResolver = ScreeningCountryResolver(),
        blockingLimit: Int? = nil
    ) {
        let entries = lists.flatMap(\.entries)
        self.entries = entries
        self.configuration = configuration
        self.normalizer = normalizer
        self.countries = countries
        entryCountryCodes = entries.map { countries.codes(for: $0.countries) }
        var entryPositions: [EntryKey: Int] = [:]
        for (position, entry) in entries.enumerated() {
            let key = EntryKey(list: entry.list, id: entry.id)
            if entryPositions[key] == nil { entryPositions[key] = position }
        }
        self.entryPositions = entryPositions

        var tokenIDs: [String: Int32] = [:]
        var tokenText: [String] = []
        var documentFrequency: [Int32] = []
        var nameEntries: [Int32] = []
        var nameAliases: [Int32] = []
        var nameTokenEnds: [Int32] = []
        var nameTokens: [Int32] = []
        var nameShortForms: [Int8] = []
        for (entryIndex, entry) in entries.enumerated() {
            var seenKeys: Set<[String]> = []
            for (aliasIndex, name) in ([entry.name] + entry.aliases).enumerated() {
                let tokens = normalizer.normalize(name).tokens
                guard !tokens.isEmpty, seenKeys.insert(tokens).inserted else { continue }
                nameShortForms.append(
                    entry.partyType == .organization || tokens.count < 3
                        ? Self.notShortened : Self.surnamePosition(of: name, tokens: tokens, normalizer: normalizer))
                var distinct: Set<Int32> = []
                for token in tokens {
                    let id: Int32
                    if let existing = tokenIDs[token] {
                        id = existing
                    } else {
                        id = Int32(tokenText.count)
                        tokenIDs[token] = id
                        tokenText.append(token)
                        documentFrequency.append(0)
                    }
                    if distinct.insert(id).inserted { documentFrequency[Int(id)] += 1 }
                    nameTokens.append(id)
                }
                nameEntries.append(Int32(entryIndex))
                nameAliases.append(Int32(aliasIndex - 1))
                nameTokenEnds.append(Int32(nameTokens.count))
            }
        }

        let nameCount = Float(max(nameEntries.count, 1))
        let tokenWeights = documentFrequency.map { Self.weight(documentFrequency: Float($0), names: nameCount) }
        var tokenBytes: [UInt8] = []
        var tokenEnds: [Int32] = []
        var tokenLetters: [UInt64] = []
        for var token in tokenText {
            tokenBytes.append(contentsOf: token.utf8)
            tokenEnds.append(Int32(tokenBytes.count))
            tokenLetters.append(token.withUTF8(JaroWinkler.letterSet(of:)))
        }
        var nameWeights: [Float] = []
        var nameMinimumWeights: [Float] = []
        var nameHeaviestWeights: [Float] = []
        var start = 0
        for end in nameTokenEnds {
            let weights = nameTokens[start..<Int(end)].map { tokenWeights[Int($0)] }
            nameWeights.append(weights.reduce(0, +))
            nameMinimumWeights.append(weights.min() ?? 0)
            var running: Float = 0
            for weight in weights.sorted(by: >) {
                running += weight
                nameHeaviestWeights.append(running)
            }
            start = Int(end)
        }

        // Blocking: (key, name) pairs, sorted and grouped into one posting array. Names of parties never
        // matched have no keys, so they are never candidates.
        var pairs: [(key: UInt64, name: Int32)] = []
        start = 0
        for (name, end) in nameTokenEnds.enumerated() {
            defer { start = Int(end) }
            guard !configuration.unmatchedPartyTypes.contains(entries[Int(nameEntries[name])].partyType) else {
                continue
            }
            var keys: Set<UInt64> = []
            for id in nameTokens[start..<Int(end)] {
                let range = Int(id == 0 ? 0 : tokenEnds[Int(id) - 1])..<Int(tokenEnds[Int(id)])
                tokenBytes.withUnsafeBufferPointer { bytes in
                    Self.forEachBlockingKey(of: UnsafeBufferPointer(rebasing: bytes[range])) { keys.insert($0) }
                }
            }
            for key in keys { pairs.append((key, Int32(name))) }
        }
        pairs.sort { $0.key != $1.key ? $0.key < $1.key : $0.name < $1.name }
        var distinctKeys = 0
        for offset in pairs.indices where offset == 0 || pairs[offset - 1].key != pairs[offset].key {
            distinctKeys += 1
        }
        var postingsByKey = BlockingKeyTable(capacityFor: distinctKeys)
        var postingEnds: [Int32] = []
        var postings: [Int32] = []
        postings.reserveCapacity(pairs.count)
        for (offset, pair) in pairs.enumerated() {
            if offset > 0, pairs[offset - 1].key != pair.key {
                postingEnds.append(Int32(postings.count))
            }
            if offset == 0 || pairs[offset - 1].key != pair.key {
                postingsByKey.insert(pair.key, value: Int32(postingEnds.count))
            }
            postings.append(pair.name)
        }
        if !pairs.isEmpty { postingEnds.append(Int32(postings.count)) }

        self.tokenIDs = tokenIDs
        self.tokenText = tokenText
        self.tokenBytes = tokenBytes
        self.tokenEnds = tokenEnds
        self.tokenWeights = tokenWeights
        self.tokenLetters = tokenLetters
        unseenWeight = Self.weight(documentFrequency: 0.5, names: nameCount)
        self.nameEntries = nameEntries
        self.nameAliases = nameAliases
        self.nameTokenEnds = nameTokenEnds
        self.nameTokens = nameTokens
        self.nameWeights = nameWeights
        self.nameMinimumWeights = nameMinimumWeights
        self.nameHeaviestWeights = nameHeaviestWeights
        self.nameShortForms = nameShortForms
        self.postingsByKey = postingsByKey
        self.postingEnds = postingEnds
        self.postings = postings
        self.blockingLimit = blockingLimit ?? max(64, nameEntries.count / 100)
        scratches = ScreeningScratchPool(nameCount: nameEntries.count)
    }

    /// The entry with `id` on `list` (the first, should a list repeat an id), for the details of a match.
    public func entry(list: String, id: String) -> RestrictedPartyEntry? {
        entryPositions[EntryKey(list: list, id: id)].map { entries[$0] }
    }

    /// The number of indexed names (primary names and distinct aliases).
    public var nameCount: Int { nameEntries.count }

    /// The number of distinct words on the indexed names.
    public var wordCount: Int { tokenText.count }

    /// The rarity weight of a normalized word: `ln(1 + names / names holding it)`; a word on no listed
    /// name weighs as if it were on half a name.
    public func weight(of word: String) -> Double {
        Double(tokenIDs[word].map { tokenWeights[Int($0)] } ?? unseenWeight)
    }

    /// Where the surnames of `LAST1 LAST2, First` start among its normalized words (`nicolas maduro
    /// moros`: 1), or ``noSurnamePosition`` when the name is not written so.
    private static func surnamePosition(of name: String, tokens: [String], normalizer: NameNormalizer) -> Int8 {
        let parts = name.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let surname = normalizer.normalize(String(parts[0])).tokens.first,
            tokens[0] != surname, let position = tokens.dropFirst().firstIndex(of: surname), position < 64
        else { return noSurnamePosition }
        return Int8(position)
    }

    static func weight(documentFrequency: Float, names: Float) -> Float {
        log1pf(names / documentFrequency)
    }

    /// Calls `body` with the blocking keys of a word: the word itself and, for words of 4 to 64 bytes,
    /// every form with one byte deleted.
    @inline(__always)
    static func forEachBlockingKey(of word: UnsafeBufferPointer<UInt8>, _ body: (UInt64) -> Void) {
        body(hash(word, skipping: -1))
        guard word.count >= minimumDeletionLength, word.count <= maximumDeletionLength else { return }
        for skipped in 0..<word.count { body(hash(word, skipping: skipped)) }
    }

    /// FNV-1a over the bytes of `word` except the one at `skipped`, with the length mixed in.
    @inline(__always)
    static func hash(_ word: UnsafeBufferPointer<UInt8>, skipping skipped: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in 0..<word.count where index != skipped {
            hash = (hash ^ UInt64(word[index])) &* 0x0000_0100_0000_01B3
        }
        return hash ^ UInt64(skipped < 0 ? word.count : word.count - 1) &* 0x9E37_79B9_7F4A_7C15
    }
}
