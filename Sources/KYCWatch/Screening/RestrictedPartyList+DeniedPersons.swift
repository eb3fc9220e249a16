extension RestrictedPartyList {
    /// The DPL columns the loader needs; the file names them in its header row.
    private static let deniedPersonsColumns = ["Name", "Street_Address", "City", "State", "Country", "Postal_Code"]

    /// Loads the BIS Denied Persons List: tab-separated with a header row, one row per address.
    ///
    /// Rows with the same name are one entry with several addresses; the entry id is the name as listed,
    /// since the file carries no identifier. `Expiration_Date`, when the file has the column, is the
    /// entry's ``RestrictedPartyEntry/listedUntil`` (the latest of its rows', none if a row has none).
    /// The file quotes every field and doubles quotes inside names (`"IHSAN MEDHAT ""SAMMY"" ELASHI"`),
    /// so ordinary CSV quoting reads it.
    public static func loadDeniedPersons(path: String) throws(KYCWatchError) -> RestrictedPartyList {
        let file = ScreeningListFile(
            path: path, layout: "BIS Denied Persons List, tab-separated",
            options: CSVOptions(delimiter: UInt8(ascii: "\t")))
        let (header, records) = try file.readAll(fieldCount: nil)
        var columns: [Int] = []
        for name in deniedPersonsColumns {
            guard let index = header.firstIndex(of: name) else {
                throw KYCWatchError(
                    .csvHeader,
                    "no '\(name)' column: expected the BIS Denied Persons List header "
                        + "(\(deniedPersonsColumns.joined(separator: ", ")), …)",
                    at: SourceLocation(file: path, line: 1))
            }
            columns.append(index)
        }
        let expiration = header.firstIndex(of: "Expiration_Date")
        var entries: [RestrictedPartyEntry] = []
        var indexByName: [String: Int] = [:]
        for record in records {
            let fields = record.fields
            guard let name = ScreeningListFile.value(fields[columns[0]]) else {
                throw file.invalid("a Denied Persons row has no name: its Name is empty", field: columns[0], of: record)
            }
            let address = columns[1...].compactMap { ScreeningListFile.value(fields[$0]) }.joined(separator: ", ")
            let country = ScreeningListFile.value(fields[columns[4]])
            let expires = try expiration.flatMap { column throws(KYCWatchError) in
                try file.day(in: record, field: column, column: "Expiration_Date")
            }
            let index: Int
            if let existing = indexByName[name] {
                index = existing
                entries[index].listedUntil = ScreeningListFile.lastListedDay(entries[index].listedUntil, expires)
            } else {
                index = entries.count
                indexByName[name] = index
                entries.append(
                    RestrictedPartyEntry(
                        list: deniedPersons, id: name, name: name, listedUntil: expires, location: record.location))
            }
            if !address.isEmpty, !entries[index].addresses.contains(address) {
                entries[index].addresses.append(address)
            }
            if let country, !entries[index].countries.contains(country) {
                entries[index].countries.append(country)
            }
        }
        return RestrictedPartyList(name: deniedPersons, files: [path], entries: entries)
    }
}
