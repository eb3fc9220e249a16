/// A name reduced to its matching tokens by ``NameNormalizer``: folded, without punctuation, legal forms or
/// honorifics, in "First Last" order, with spelling variants mapped to one key.
public struct NormalizedName: Sendable, Hashable, CustomStringConvertible {
    /// The tokens, in order.
    public var tokens: [String]

    /// Creates a normalized name from tokens already normalized.
    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Whether nothing is left to match (the name was empty or only punctuation).
    public var isEmpty: Bool { tokens.isEmpty }

    /// The tokens joined by single spaces: equal keys mean names that normalize alike.
    public var key: String { tokens.joined(separator: " ") }

    /// The tokens sorted and joined: equal for the same words in any order.
    public var unorderedKey: String { tokens.sorted().joined(separator: " ") }

    public var description: String { key }
}
