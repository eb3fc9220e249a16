extension RestrictedPartyList {
    /// Loads the trade.gov Consolidated Screening List CSV, which combines the Treasury, Commerce and State
    /// lists (SDN, Entity List, Denied Persons, Unverified, ITAR debarred, …); each entry keeps its `source`.
    ///
    /// Columns are found by name: `source` and `name` are required; `entity_number`, `type`, `programs`,
    /// `alt_names`, `addresses`, `nationalities`, `citizenships` and `end_date` (the entry's
    /// ``RestrictedPartyEntry/listedUntil``) are read when present. Lists inside a
    /// cell are `; `-separated; the country of an address is its last `, `-separated part when that is an
    /// alpha-2 code. An entry without `entity_number` gets its name as id, and the rows of one source
    /// list with that name are one entry.
    public static func loadConsolidatedScreeningList(path: String) throws(KYCWatchError) -> RestrictedPartyList {
        let file = ScreeningListFile(path: path, layout: "Consolidated Screening List CSV", options: CSVOptions())
        let (header, records) = try file.readAll(fieldCount: nil)
        func column(_ name: String, required: Bool = false) throws(KYCWatchError) -> Int? {
            let index = header.firstIndex(of: name)
            if required, index == nil {
                throw KYCWatchError(
                    .csvHeader, "no '\(name)' column: expected a Consolidated Screening List header",
                    at: SourceLocation(file: path, line: 1))
            }
            return index
        }
        let source = try column("source", required: true)!
        let name = try column("name", required: true)!
        let number = try column("entity_number")
        let type = try column("type")
        let programs = try column("programs")
        let altNames = try column("alt_names")
        let addresses = try column("addresses")
        let nationalities = try column("nationalities")
        let citizenships = try column("citizenships")
        let endDate = try column("end_date")

        var entries: [RestrictedPartyEntry] = []
        var unnumbered: [UnnumberedParty: Int] = [:]
        for record in records {
            let fields = record.fields
            func values(_ column: Int?) -> [String] {
                column.map { ScreeningListFile.values(fields[$0], separatedBy: ";") } ?? []
            }
            guard let entryName = ScreeningListFile.value(fields[name]) else {
                throw file.invalid(
                    "a Consolidated Screening List row has no name: its name is empty", field: name, of: record)
            }
            let entryAddresses = values(addresses)
            var countries = entryAddresses.compactMap(addressCountry)
            countries += values(nationalities).flatMap { ScreeningListFile.values($0, separatedBy: ",") }
            countries += values(citizenships).flatMap { ScreeningListFile.values($0, separatedBy: ",") }
            let entrySource = ScreeningListFile.value(fields[source])
            let entryNumber = number.flatMap { ScreeningListFile.value(fields[$0]) }
            let listedUntil = try endDate.flatMap { column throws(KYCWatchError) in
                try file.day(in: record, field: column, column: "end_date")
            }
            // The Entity List and the Denied Persons List give a party without a number one row per
            // address: one entry, as the Denied Persons loader makes.
            if entryNumber == nil, let existing = unnumbered[UnnumberedParty(source: entrySource, name: entryName)] {
                entries[existing].aliases = uniqued(entries[existing].aliases + values(altNames))
                entries[existing].programs = uniqued(entries[existing].programs + values(programs))
                entries[existing].addresses = uniqued(entries[existing].addresses + entryAddresses)
                entries[existing].countries = uniqued(entries[existing].countries + countries)
                entries[existing].listedUntil = ScreeningListFile.lastListedDay(
                    entries[existing].listedUntil, listedUntil)
                continue
            }
            if entryNumber == nil { unnumbered[UnnumberedParty(source: entrySource, name: entryName)] = entries.count }
            entries.append(
                RestrictedPartyEntry(
                    list: consolidatedScreeningList, source: entrySource, id: entryNumber ?? entryName,
                    name: entryName, aliases: values(altNames), partyType: cslPartyType(type.map { fields[$0] } ?? ""),
                    programs: values(programs), addresses: entryAddresses, countries: uniqued(countries),
                    listedUntil: listedUntil, location: record.location))
        }
        return RestrictedPartyList(name: consolidatedScreeningList, files: [path], entries: entries)
    }

    /// A party the CSL gives no `entity_number`: known by its source list and name.
    private struct UnnumberedParty: Hashable {
        var source: String?
        var name: String
    }

    /// The trailing alpha-2 code of a CSL address (`…, Moscow, 119180, RU`), if it ends with one.
    private static func addressCountry(_ address: String) -> String? {
        guard let last = address.split(separator: ",").last.map({ ScreeningListFile.value(String($0)) ?? "" }),
            last.utf8.count == 2, last.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
        else { return nil }
        return last
    }

    private static func cslPartyType(_ value: String) -> RestrictedPartyEntry.PartyType {
        switch ScreeningListFile.value(value)?.lowercased() {
        case "individual": .individual
        case "entity": .organization
        case "vessel": .vessel
        case "aircraft": .aircraft
        default: .unknown
        }
    }
}
