extension IPCountryTable {
    /// Reads a plain ranges file: a header with `start,end,country`, then one range per row.
    ///
    /// `start` and `end` are IPv4 or IPv6 addresses of one family, inclusive; `country` is an alpha-2 or alpha-3
    /// code or an English name that `countries` knows. Any row that cannot be used is an error naming the file
    /// and line, and so is an empty file: a geography file is trusted, so nothing in it is skipped.
    public static func loadRanges(path: String, countries: CountryCatalog) throws(KYCWatchError) -> IPCountryTable {
        let file = try IPCatalogFile(path: path, describing: "IP ranges file", required: ["start", "end", "country"])
        let start = file.column("start")
        let end = file.column("end")
        let country = file.column("country")
        var codes = CountrySlots()
        var entries: [IPRangeIndex<UInt16>.Entry] = []
        let rows = try file.forEachRow { (row) throws(KYCWatchError) in
            guard let first = IPAddress(bytes: row.field(start)) else {
                throw row.error("start '\(row.text(start))' is not an IPv4 or IPv6 address", at: start)
            }
            guard let last = IPAddress(bytes: row.field(end)) else {
                throw row.error("end '\(row.text(end))' is not an IPv4 or IPv6 address", at: end)
            }
            guard first.isIPv4 == last.isIPv4 else {
                throw row.error("start \(first) and end \(last) are not both IPv4 or both IPv6", at: end)
            }
            guard first <= last else { throw row.error("start \(first) is after end \(last)", at: end) }
            guard !row.field(country).isEmpty else { throw row.error("country is empty", at: country) }
            guard let code = countries.code(for: row.field(country)) else {
                throw row.error("country '\(row.text(country))' is not in the countries catalogue", at: country)
            }
            entries.append(.init(first: first, last: last, value: codes.slot(for: code), file: 0, line: row.line))
        }
        guard rows > 0 else {
            throw KYCWatchError(.emptyInput, "the IP ranges file has no rows", at: SourceLocation(file: path))
        }
        return try IPCountryTable(entries: entries, codes: codes.codes, files: [path])
    }
}
