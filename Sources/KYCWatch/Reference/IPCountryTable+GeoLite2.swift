extension IPCountryTable {
    /// Reads the MaxMind GeoLite2 Country CSV layout: blocks files (`GeoLite2-Country-Blocks-IPv4.csv`,
    /// `-IPv6.csv`, any number of them) and the locations file (`GeoLite2-Country-Locations-en.csv`).
    ///
    /// A block's country is its `geoname_id`'s, or, when that is empty, its `registered_country_geoname_id`'s;
    /// a block with neither, or whose location has no `country_iso_code` (a continent), is kept and looks up as
    /// no country. A malformed network, an unknown geoname id, a country code `countries` does not know, a
    /// repeated geoname id or an overlap is an error naming the file and line.
    public static func loadGeoLite2(
        blocks blockPaths: [String], locations locationsPath: String,
        countries: CountryCatalog
    ) throws(KYCWatchError) -> IPCountryTable {
        guard !blockPaths.isEmpty else {
            throw KYCWatchError(.invalidConfiguration, "no GeoLite2 blocks file was given")
        }
        var codes = CountrySlots()
        let locations = try readGeoLite2Locations(path: locationsPath, countries: countries, codes: &codes)
        var entries: [IPRangeIndex<UInt16>.Entry] = []
        for (fileIndex, path) in blockPaths.enumerated() {
            let file = try IPCatalogFile(
                path: path, describing: "GeoLite2 blocks file",
                required: ["network", "geoname_id", "registered_country_geoname_id"])
            let network = file.column("network")
            let geoname = file.column("geoname_id")
            let registered = file.column("registered_country_geoname_id")
            let represented = file.optionalColumn("represented_country_geoname_id")
            let flags = ["is_anonymous_proxy", "is_satellite_provider", "is_anycast"].compactMap { name in
                file.optionalColumn(name).map { (name, $0) }
            }
            let rows = try file.forEachRow { (row) throws(KYCWatchError) in
                let block: IPNetwork
                switch IPNetwork.parse(row.field(network)) {
                case .success(let parsed): block = parsed
                case .failure(let malformed):
                    throw row.error("network '\(row.text(network))': \(malformed.reason)", at: network)
                }
                var slot = noCountry
                var id = try row.number(geoname, named: "geoname_id")
                var idColumn = geoname
                if id == nil {
                    id = try row.number(registered, named: "registered_country_geoname_id")
                    idColumn = registered
                }
                if let id {
                    guard let found = locations[id] else {
                        throw row.error("geoname id \(id) is not in the locations file \(locationsPath)", at: idColumn)
                    }
                    slot = found
                }
                if let represented { _ = try row.number(represented, named: "represented_country_geoname_id") }
                for (name, column) in flags {
                    let value = row.field(column)
                    guard value.isEmpty || (value.count == 1 && (value[0] == 0x30 || value[0] == 0x31)) else {
                        throw row.error("\(name) is '\(row.text(column))', expected 0 or 1", at: column)
                    }
                }
                entries.append(
                    .init(first: block.first, last: block.last, value: slot, file: fileIndex, line: row.line))
            }
            guard rows > 0 else {
                throw KYCWatchError(.emptyInput, "the GeoLite2 blocks file has no rows", at: SourceLocation(file: path))
            }
        }
        return try IPCountryTable(entries: entries, codes: codes.codes, files: blockPaths)
    }

    /// Reads a GeoLite2 locations file into geoname id → country slot (``noCountry`` for a continent).
    private static func readGeoLite2Locations(path: String, countries: CountryCatalog, codes: inout CountrySlots)
        throws(KYCWatchError) -> [Int: UInt16]
    {
        let file = try IPCatalogFile(
            path: path, describing: "GeoLite2 locations file", required: ["geoname_id", "country_iso_code"])
        let geoname = file.column("geoname_id")
        let country = file.column("country_iso_code")
        var locations: [Int: UInt16] = [:]
        var lines: [Int: Int] = [:]
        let rows = try file.forEachRow { (row) throws(KYCWatchError) in
            guard let id = try row.number(geoname, named: "geoname_id") else {
                throw row.error("geoname_id is empty", at: geoname)
            }
            if let earlier = lines[id] {
                throw row.error("geoname id \(id) is listed twice (also line \(earlier))", at: geoname)
            }
            lines[id] = row.line
            let code = row.text(country)
            if code.isEmpty {
                locations[id] = noCountry
            } else if code.utf8.count == 2, let known = countries.country(code) {
                locations[id] = codes.slot(for: known.alpha2)
            } else {
                throw row.error(
                    "country_iso_code '\(code)' is not an alpha-2 code in the countries catalogue; add it there",
                    at: country)
            }
        }
        guard rows > 0 else {
            throw KYCWatchError(.emptyInput, "the GeoLite2 locations file has no rows", at: SourceLocation(file: path))
        }
        return locations
    }
}
