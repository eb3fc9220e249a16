extension CountryCatalog {
    /// The columns a countries catalogue must have.
    static let requiredColumns = [
        "alpha2", "alpha3", "numeric", "name", "aliases", "calling_code", "cctld", "foreign_adversary", "ear_d5",
    ]

    /// Reads a countries catalogue in the `Pipelines/reference/countries.csv` layout; errors name the file
    /// and line of a row that cannot be used.
    public static func load(path: String) throws(KYCWatchError) -> CountryCatalog {
        let table = try ReferenceTable.read(path: path, describing: "countries catalogue", required: requiredColumns)
        let columns = requiredColumns.map(table.column)
        var countries: [Country] = []
        for row in table.rows {
            let cells = table.cells(of: row)
            let callingCode = cells.text(columns[5])
            // The ccTLD, then its internationalized ones after `|` (`.ru|.рф|.xn--p1ai`).
            let domains = cells.list(columns[6])
            countries.append(
                Country(
                    alpha2: try cells.required(columns[0], named: "alpha2").uppercased(),
                    alpha3: try cells.required(columns[1], named: "alpha3").uppercased(),
                    numeric: cells.text(columns[2]), name: try cells.required(columns[3], named: "name"),
                    aliases: cells.list(columns[4]), callingCode: callingCode.isEmpty ? nil : callingCode,
                    cctld: domains.first?.lowercased(),
                    internationalizedTLDs: domains.dropFirst().map { $0.lowercased() },
                    isForeignAdversary: try cells.flag(columns[7], named: "foreign_adversary"),
                    isEARD5: try cells.flag(columns[8], named: "ear_d5")))
        }
        guard !countries.isEmpty else {
            throw KYCWatchError(.emptyInput, "the countries catalogue has no rows", at: SourceLocation(file: path))
        }
        return try CountryCatalog(countries: countries, locations: table.rows.map(table.location))
    }
}
