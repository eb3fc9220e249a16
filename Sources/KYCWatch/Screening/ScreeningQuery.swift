/// A name to screen, with the countries known for it (declared residence, incorporation, nationality).
public struct ScreeningQuery: Sendable, Hashable {
    /// The name as the customer wrote it.
    public var name: String
    /// Countries as names or ISO codes; they only raise or lower the score of a name that already matches.
    public var countries: [String]

    /// Creates a query.
    public init(name: String, countries: [String] = []) {
        self.name = name
        self.countries = countries
    }
}
