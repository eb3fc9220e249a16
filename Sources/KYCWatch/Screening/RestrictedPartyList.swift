/// A restricted-party list as loaded from the files a user points at.
///
/// Loaders live in extensions by format (`RestrictedPartyList+OFAC.swift`, `+DeniedPersons`,
/// `+ConsolidatedScreeningList`); each fails with a ``KYCWatchError`` naming the file and line rather
/// than returning an empty list, because screening against nothing must never look like a clean result.
public struct RestrictedPartyList: Sendable {
    /// The name of the OFAC Specially Designated Nationals list.
    public static let ofacSDN = "OFAC SDN"
    /// The name of the BIS Denied Persons List.
    public static let deniedPersons = "BIS DPL"
    /// The name of the trade.gov Consolidated Screening List.
    public static let consolidatedScreeningList = "CSL"

    /// The list's name, carried into every match (e.g. `OFAC SDN`).
    public var name: String
    /// The files the list was read from, as given.
    public var files: [String]
    /// The entries, in file order.
    public var entries: [RestrictedPartyEntry]

    /// Creates a list from entries already read.
    public init(name: String, files: [String] = [], entries: [RestrictedPartyEntry]) {
        self.name = name
        self.files = files
        self.entries = entries
    }

    /// Removes the entries whose listing ended before `day` (a Denied Persons order that expired) and
    /// returns how many there were: a night screens against the parties listed on its run date.
    public mutating func removeEntries(listedBefore day: CalendarDay) -> Int {
        let count = entries.count
        entries.removeAll { $0.listedUntil.map { $0 < day } ?? false }
        return count - entries.count
    }

    /// The number of names (primary names and aliases) across all entries.
    public var nameCount: Int {
        entries.reduce(0) { $0 + 1 + $1.aliases.count }
    }
}
