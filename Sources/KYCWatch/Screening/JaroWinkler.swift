/// Jaro-Winkler similarity of two words: 1 for equal words, near 1 for a typo or a swapped pair of letters,
/// with a bonus for a shared prefix of up to four characters (scaling 0.1, applied when Jaro exceeds 0.7).
///
/// Works on UTF-8 bytes (normalized names are almost always ASCII) and on the first 64 bytes of each word,
/// so the matched-character flags fit in two machine words and nothing is allocated.
public enum JaroWinkler {
    /// The similarity of `a` and `b`, from 0 to 1.
    public static func similarity(_ a: String, _ b: String) -> Double {
        var a = a
        var b = b
        return a.withUTF8 { first in b.withUTF8 { second in similarity(first, second) } }
    }

    /// The similarity of two byte strings, from 0 to 1.
    static func similarity(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        let jaro = jaroSimilarity(a, b)
        guard jaro > 0.7 else { return jaro }
        let limit = min(4, a.count, b.count)
        var prefix = 0
        while prefix < limit, a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    /// The Jaro similarity: matching characters within half the longer length, less half the transpositions.
    static func jaroSimilarity(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        let countA = min(a.count, 64)
        let countB = min(b.count, 64)
        if countA == 0 || countB == 0 { return countA == countB ? 1 : 0 }
        let window = max(0, max(countA, countB) / 2 - 1)
        var matchedA: UInt64 = 0
        var matchedB: UInt64 = 0
        var matches = 0
        for i in 0..<countA {
            let character = a[i]
            var j = i > window ? i - window : 0
            let end = min(countB, i + window + 1)
            while j < end {
                if b[j] == character, matchedB & (1 &<< UInt64(j)) == 0 {
                    matchedA |= 1 &<< UInt64(i)
                    matchedB |= 1 &<< UInt64(j)
                    matches += 1
                    break
                }
                j += 1
            }
        }
        guard matches > 0 else { return 0 }
        var mismatches = 0
        var remainingA = matchedA
        var remainingB = matchedB
        while remainingA != 0 {
            if a[remainingA.trailingZeroBitCount] != b[remainingB.trailingZeroBitCount] { mismatches += 1 }
            remainingA &= remainingA &- 1
            remainingB &= remainingB &- 1
        }
        let m = Double(matches)
        return (m / Double(countA) + m / Double(countB) + (m - Double(mismatches) / 2) / m) / 3
    }

    /// A cheap upper bound of the similarity from lengths and letter sets: a letter of one word that the other
    /// lacks cannot match. `lettersA` and `lettersB` are ``letterSet(of:)`` values.
    @inline(__always)
    static func upperBound(lengthA: Int, lettersA: UInt64, lengthB: Int, lettersB: UInt64) -> Float {
        let lengthA = min(lengthA, 64)
        let lengthB = min(lengthB, 64)
        let matchesA = lengthA - (lettersA & ~lettersB).nonzeroBitCount
        let matchesB = lengthB - (lettersB & ~lettersA).nonzeroBitCount
        let matches = Float(max(0, min(matchesA, matchesB, lengthA, lengthB)))
        let jaro = (matches / Float(lengthA) + matches / Float(lengthB) + 1) / 3
        return jaro + 0.4 * (1 - jaro)
    }

    /// The set of byte values in the first 64 bytes of a word, folded to 64 bits.
    static func letterSet(of word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var set: UInt64 = 0
        for byte in word.prefix(64) { set |= 1 &<< UInt64(byte & 63) }
        return set
    }
}
