extension ScreeningIndex {
    /// Screens one name and returns its matches, best first.
    ///
    /// Working memory the size of the index is kept between calls (``ScreeningScratchPool``), so
    /// screening one name after another on many threads sets it up once per thread.
    public func screen(_ query: ScreeningQuery) -> [ScreeningMatch] {
        scratches.withScratch { screen(query, threshold: configuration.threshold, scratch: &$0) }
    }

    /// Screens a batch of names, reusing working memory across them; one result per query, in order, each
    /// with the matches at or above the threshold, best first, at most
    /// ``ScreeningConfiguration/maximumMatchesPerName``.
    ///
    /// - Parameter threshold: overrides ``ScreeningConfiguration/threshold`` (to draw a
    ///   recall/false-positive curve, for example).
    public func screen(_ queries: [ScreeningQuery], threshold: Double? = nil) -> [[ScreeningMatch]] {
        let threshold = threshold ?? configuration.threshold
        return scratches.withScratch { scratch in queries.map { screen($0, threshold: threshold, scratch: &scratch) } }
    }

    /// A screened name, normalized, with the figures every candidate is scored against.
    struct PreparedQuery {
        var tokens: [String]
        /// The word's id on the lists, or -1 for a word no listed name has.
        var tokenIDs: [Int32]
        var tokenLetters: [UInt64]
        var weights: [Float]
        /// The weight of the words the lists have (a word they lack weighs as the word it pairs with).
        var seenWeight: Float
        var countryCodes: [String]
    }

    func prepare(_ query: ScreeningQuery, scratch: inout ScreeningScratch) -> PreparedQuery {
        let tokens = normalizer.normalize(query.name).tokens
        scratch.queryBytes.removeAll(keepingCapacity: true)
        scratch.queryEnds.removeAll(keepingCapacity: true)
        var prepared = PreparedQuery(
            tokens: tokens, tokenIDs: [], tokenLetters: [], weights: [], seenWeight: 0,
            countryCodes: query.countries.isEmpty ? [] : countries.codes(for: query.countries))
        prepared.tokenIDs.reserveCapacity(tokens.count)
        prepared.tokenLetters.reserveCapacity(tokens.count)
        prepared.weights.reserveCapacity(tokens.count)
        for var token in tokens {
            prepared.tokenLetters.append(token.withUTF8(JaroWinkler.letterSet(of:)))
            scratch.queryBytes.append(contentsOf: token.utf8)
            scratch.queryEnds.append(scratch.queryBytes.count)
            let id = tokenIDs[token] ?? -1
            prepared.tokenIDs.append(id)
            let weight = id >= 0 ? tokenWeights[Int(id)] : unseenWeight
            prepared.weights.append(weight)
            if id >= 0 { prepared.seenWeight += weight }
        }
        return prepared
    }

    func screen(_ query: ScreeningQuery, threshold: Double, scratch: inout ScreeningScratch) -> [ScreeningMatch] {
        let prepared = prepare(query, scratch: &scratch)
        guard !prepared.tokens.isEmpty, nameCount > 0 else { return [] }
        let bonus = prepared.countryCodes.isEmpty ? 0 : configuration.countryAgreementBonus
        // Half a rounding step below: a name score that rounds up to the bar reaches it.
        let minimumNameScore = Float(threshold - bonus - Self.scoreStep / 2)
        let incomplete = collectCandidates(prepared, scratch: &scratch)

        // The best name of every entry that reaches the minimum; allocated only when one does.
        var best: [Int32: (score: Float, name: Int)] = [:]
        for candidateIndex in scratch.candidates.indices {
            let name = Int(scratch.candidates[candidateIndex])
            guard
                upperBound(prepared, name: name, hits: scratch.masks[name], incomplete: incomplete) >= minimumNameScore
            else { continue }
            let score = score(prepared, againstName: name, scratch: &scratch, collectingPairs: false)
            guard score >= minimumNameScore else { continue }
            let entry = nameEntries[name]
            if let current = best[entry], current.score >= score { continue }
            best[entry] = (score, name)
        }
        guard !best.isEmpty else { return [] }

        var matches: [ScreeningMatch] = []
        for (entryIndex, found) in best {
            let nameScore = Self.rounded(Double(found.score))
            var score = nameScore
            var agreement = ScreeningMatch.CountryAgreement.unknown
            let codes = entryCountryCodes[Int(entryIndex)]
            if !prepared.countryCodes.isEmpty, !codes.isEmpty {
                let shared = prepared.countryCodes.filter(codes.contains)
                if shared.isEmpty {
                    agreement = .conflicts
                    score -= configuration.countryConflictPenalty
                } else {
                    agreement = .agrees(shared)
                    score += configuration.countryAgreementBonus
                }
            }
            score = Self.rounded(score)
            guard score >= threshold else { continue }
            _ = self.score(prepared, againstName: found.name, scratch: &scratch, collectingPairs: true)
            let entry = entries[Int(entryIndex)]
            let alias = Int(nameAliases[found.name])
            matches.append(
                ScreeningMatch(
                    list: entry.list, source: entry.source, entryID: entry.id, entryName: entry.name,
                    matchedName: alias < 0 ? entry.name : entry.aliases[alias], matchedAlias: alias >= 0,
                    programs: entry.programs, partyType: entry.partyType, score: score, nameScore: nameScore,
                    tokenPairs: scratch.pairs.map { pair in
                        ScreeningMatch.TokenPair(
                            query: prepared.tokens[pair.row], listed: tokenText[Int(pair.token)],
                            similarity: Double(pair.similarity), weight: Double(pair.weight))
                    },
                    countryAgreement: agreement, entryCountries: codes))
        }
        matches.sort {
            if $0.score != $1.score { return $0.score > $1.score }
            if $0.list != $1.list { return $0.list < $1.list }
            return $0.entryID < $1.entryID
        }
        if matches.count > configuration.maximumMatchesPerName {
            matches.removeLast(matches.count - configuration.maximumMatchesPerName)
        }
        return matches
    }

    /// Fills `scratch.candidates` with the names sharing a blocking key with the query, and returns the
    /// words (bit per word) whose keys were too common to look up.
    private func collectCandidates(_ query: PreparedQuery, scratch: inout ScreeningScratch) -> UInt64 {
        scratch.nextGeneration()
        scratch.probes.removeAll(keepingCapacity: true)
        var incomplete: UInt64 = 0
        var smallest: (word: Int, posting: Int, size: Int)?
        scratch.queryBytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for (word, end) in scratch.queryEnds.enumerated() where word < 64 {
                let token = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end
                Self.forEachBlockingKey(of: token) { key in
                    guard let posting = postingsByKey.value(for: key).map(Int.init) else { return }
                    let size = Int(postingEnds[posting]) - (posting == 0 ? 0 : Int(postingEnds[posting - 1]))
                    if size <= blockingLimit {
                        scratch.probes.append((word, posting))
                    } else {
                        incomplete |= 1 &<< UInt64(word)
                        if smallest == nil || size < smallest!.size { smallest = (word, posting, size) }
                    }
                }
            }
        }
        // Every word is common (`Muhammad Ali`): look up the least common one after all.
        if scratch.probes.isEmpty, let smallest {
            scratch.probes.append((smallest.word, smallest.posting))
        }
        // Unchecked buffers: this loop runs for every posting of every probed key.
        let generation = scratch.generation
        let probes = scratch.probes
        var candidates = scratch.candidates
        scratch.candidates = []
        scratch.stamps.withUnsafeMutableBufferPointer { stamps in
            scratch.masks.withUnsafeMutableBufferPointer { masks in
                postings.withUnsafeBufferPointer { postings in
                    for probe in probes {
                        let bit: UInt64 = 1 &<< UInt64(probe.word)
                        let start = probe.posting == 0 ? 0 : Int(postingEnds[probe.posting - 1])
                        for offset in start..<Int(postingEnds[probe.posting]) {
                            let name = Int(postings[offset])
                            if stamps[name] != generation {
                                stamps[name] = generation
                                masks[name] = bit
                                candidates.append(Int32(name))
                            } else {
                                masks[name] |= bit
                            }
                        }
                    }
                }
            }
        }
        scratch.candidates = candidates
        return incomplete
    }

    /// A cheap upper bound of the name score, to skip most candidates without comparing words.
    ///
    /// A screened word counts as possibly matched when blocking reached the name through it, or when its
    /// keys were too common to look up and it is unknown to the lists or the name has it. The name can pair
    /// at most that many of its words, so only its heaviest ones count.
    @inline(__always)
    private func upperBound(_ query: PreparedQuery, name: Int, hits: UInt64, incomplete: UInt64) -> Float {
        let start = name == 0 ? 0 : Int(nameTokenEnds[name - 1])
        let end = Int(nameTokenEnds[name])
        var possible = hits
        var unchecked = incomplete & ~hits
        while unchecked != 0 {
            let word = unchecked.trailingZeroBitCount
            unchecked &= unchecked &- 1
            let id = query.tokenIDs[word]
            if id < 0 || nameTokens[start..<end].contains(id) { possible |= 1 &<< UInt64(word) }
        }
        let minimumWeight = nameMinimumWeights[name]
        let heaviest = nameHeaviestWeights[start]
        var numerator: Float = 0
        var denominator: Float = 0
        var possibleCount = 0
        var possibleListedCount = 0
        for (word, weight) in query.weights.enumerated() {
            let isPossible = word >= 64 || possible & (1 &<< UInt64(word)) != 0
            if query.tokenIDs[word] >= 0 {
                denominator += weight
                if isPossible {
                    numerator += weight
                    possibleListedCount += 1
                }
            } else {
                denominator += minimumWeight
                if isPossible { numerator += heaviest }
            }
            if isPossible { possibleCount += 1 }
        }
        guard possibleCount > 0 else { return 0 }
        numerator += nameHeaviestWeights[start + min(possibleCount, end - start) - 1]
        // A short form pairs every screened word with itself, so each is on the lists and possible.
        let mayBeShortForm = nameShortForms[name] != Self.notShortened && possibleListedCount == query.weights.count
        let share = mayBeShortForm ? Self.shortFormUnpairedListedWordShare : Self.unpairedListedWordShare
        return numerator / (denominator + share * nameWeights[name])
    }

    /// The name score of the query against one indexed name; with `collectingPairs`, the word pairs are left
    /// in `scratch.pairs` in the query's word order.
    ///
    /// Words pair one to one, most similar pair first (ties to the heavier pair). A pair counts its
    /// similarity squared, so that two near misses weigh less than one exact word and one typo. A word no
    /// list has weighs as the listed word it pairs with: it is most likely that word misspelled. A listed
    /// word left unpaired counts ``unpairedListedWordShare`` of its weight: customers leave out middle
    /// names and second surnames more often than they add words; ``shortFormUnpairedListedWordShare``
    /// when the screened name is the person's short form.
    func score(_ query: PreparedQuery, againstName name: Int, scratch: inout ScreeningScratch, collectingPairs: Bool)
        -> Float
    {
        let start = name == 0 ? 0 : Int(nameTokenEnds[name - 1])
        let end = Int(nameTokenEnds[name])
        let rows = min(query.tokens.count, 64)
        let columns = min(end - start, 64)
        let floor = Float(configuration.minimumTokenSimilarity)
        scratch.similarities.removeAll(keepingCapacity: true)
        scratch.queryBytes.withUnsafeBufferPointer { queryBytes in
            tokenBytes.withUnsafeBufferPointer { listedBytes in
                var queryStart = 0
                for row in 0..<rows {
                    let queryEnd = scratch.queryEnds[row]
                    let queryWord = UnsafeBufferPointer(rebasing: queryBytes[queryStart..<queryEnd])
                    queryStart = queryEnd
                    for column in 0..<columns {
                        let id = nameTokens[start + column]
                        if id == query.tokenIDs[row] {
                            scratch.similarities.append(1)
                            continue
                        }
                        let listedStart = id == 0 ? 0 : Int(tokenEnds[Int(id) - 1])
                        let listedEnd = Int(tokenEnds[Int(id)])
                        // Words of one or two letters must be equal; others are compared only when their
                        // lengths and letters allow the floor to be reached.
                        guard queryWord.count > 2, listedEnd - listedStart > 2,
                            JaroWinkler.upperBound(
                                lengthA: queryWord.count, lettersA: query.tokenLetters[row],
                                lengthB: listedEnd - listedStart, lettersB: tokenLetters[Int(id)]) >= floor
                        else {
                            scratch.similarities.append(0)
                            continue
                        }
                        let listedWord = UnsafeBufferPointer(rebasing: listedBytes[listedStart..<listedEnd])
                        let similarity = Float(JaroWinkler.similarity(queryWord, listedWord))
                        scratch.similarities.append(similarity >= floor ? similarity : 0)
                    }
                }
            }
        }

        if collectingPairs { scratch.pairs.removeAll(keepingCapacity: true) }
        scratch.pairedColumns.removeAll(keepingCapacity: true)
        scratch.pairedColumns.append(contentsOf: repeatElement(-1, count: rows))
        var usedRows: UInt64 = 0
        var usedColumns: UInt64 = 0
        var allExact = true
        var numerator: Float = 0
        var denominator = query.seenWeight
        var pairedListedWeight: Float = 0
        for _ in 0..<min(rows, columns) {
            var bestValue: Float = 0
            var bestRow = -1
            var bestColumn = -1
            var bestWeight: Float = 0
            for row in 0..<rows where usedRows & (1 &<< UInt64(row)) == 0 {
                for column in 0..<columns where usedColumns & (1 &<< UInt64(column)) == 0 {
                    let value = scratch.similarities[row * columns + column]
                    guard value > 0, value >= bestValue else { continue }
                    let weight = query.weights[row] + tokenWeights[Int(nameTokens[start + column])]
                    if value > bestValue || weight > bestWeight {
                        bestValue = value
                        bestRow = row
                        bestColumn = column
                        bestWeight = weight
                    }
                }
            }
            guard bestRow >= 0 else { break }
            usedRows |= 1 &<< UInt64(bestRow)
            usedColumns |= 1 &<< UInt64(bestColumn)
            scratch.pairedColumns[bestRow] = Int32(bestColumn)
            if bestValue < 1 { allExact = false }
            let listedID = nameTokens[start + bestColumn]
            pairedListedWeight += tokenWeights[Int(listedID)]
            var weight = bestWeight
            if query.tokenIDs[bestRow] < 0 {
                let listedWeight = tokenWeights[Int(listedID)]
                denominator += listedWeight
                weight = 2 * listedWeight
            }
            numerator += bestValue * bestValue * weight
            if collectingPairs {
                scratch.pairs.append((bestRow, listedID, bestValue, weight))
            }
        }
        // Words no list has and nothing paired with keep their full weight.
        for row in 0..<query.tokens.count
        where query.tokenIDs[row] < 0 && (row >= 64 || usedRows & (1 &<< UInt64(row)) == 0) {
            denominator += query.weights[row]
        }
        let share =
            allExact && isShortForm(of: name, rows: query.tokens.count, columns: end - start, scratch: scratch)
            ? Self.shortFormUnpairedListedWordShare : Self.unpairedListedWordShare
        denominator += pairedListedWeight + share * (nameWeights[name] - pairedListedWeight)
        if collectingPairs { scratch.pairs.sort { $0.row < $1.row } }
        return numerator / denominator
    }

    /// Whether the screened name is the listed person's name without some of its words (the caller
    /// checks that every pair is exact): two words or more, every one paired, in the listed order, the
    /// first with the listed first word and the last with the listed last word or first surname
    /// (`Nicolas Maduro`, `Viktor Bout`, `Gregory Justice` for `MADURO MOROS, Nicolas`, `BOUT, Viktor
    /// Anatolijevitch`, `GREGORY ALLEN JUSTICE`).
    private func isShortForm(of name: Int, rows: Int, columns: Int, scratch: ScreeningScratch) -> Bool {
        let surname = nameShortForms[name]
        guard surname != Self.notShortened, rows >= 2, rows < columns, columns <= 64,
            scratch.pairedColumns.count == rows, scratch.pairedColumns[0] == 0
        else { return false }
        var previous: Int32 = 0
        for column in scratch.pairedColumns.dropFirst() {
            guard column > previous else { return false }
            previous = column
        }
        return previous == columns - 1 || previous == Int32(surname)
    }

    /// Scores are rounded to 1 / `scoreSteps` (4 decimals) before they are compared or reported.
    static let scoreSteps = 10_000.0

    /// The step scores are rounded to.
    static var scoreStep: Double { 1 / scoreSteps }

    /// `score` clamped to 0...1 and rounded to ``scoreStep``. Word weights are summed in single
    /// precision, so an exact name scored 0.99999994, 1 or 1.0000001 as the weights fell: rounded, the
    /// same names give the same score, and the same severity once countries move it (dividing, so that
    /// 0.95 is the double written 0.95).
    static func rounded(_ score: Double) -> Double {
        (min(1, max(0, score)) * scoreSteps).rounded() / scoreSteps
    }

    /// The share of its weight that a listed word left unpaired costs (a screened word left unpaired costs
    /// all of it); chosen with the evaluation set, see `Benchmarks/screening/README.md`.
    static var unpairedListedWordShare: Float { 0.75 }

    /// The share a listed word left unpaired costs when the screened name is the listed person's short
    /// form (`Nicolas Maduro`), every word of it exact: people go by first name and surname, and a rare
    /// middle name or second surname left out cost so much that `Nicolas Maduro` scored 0.819.
    static var shortFormUnpairedListedWordShare: Float { 0.5 }
}
