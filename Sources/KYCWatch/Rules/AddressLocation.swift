/// Builds the address locator from the configured IP range and anonymizer files, when any are set.
enum AddressLocation {
    /// A locator over the configured tables, or nil when neither IP ranges nor anonymizers are configured.
    ///
    /// `ip_ranges` is read as GeoLite2 blocks when `ip_locations` names a GeoLite2 locations file,
    /// else as a plain `start,end,country` CSV.
    static func locator(for reference: ReferencePaths, countries: CountryCatalog) throws(KYCWatchError)
        -> EvidenceBuilder.AddressLocator?
    {
        var table: IPCountryTable?
        if let ranges = reference.ipRanges {
            if let locations = reference.ipLocations {
                let blocks = ranges.split(separator: ",").map(String.init)
                table = try IPCountryTable.loadGeoLite2(blocks: blocks, locations: locations, countries: countries)
            } else {
                table = try IPCountryTable.loadRanges(path: ranges, countries: countries)
            }
        }
        let anonymizers = try reference.anonymizers.map { path throws(KYCWatchError) in
            try AnonymizerTable.load(path: path)
        }
        guard table != nil || anonymizers != nil else { return nil }
        return { [table, anonymizers] text in
            guard let address = IPAddress(text) else { return (nil, nil) }
            return (table?.country(of: address), anonymizers?.kind(of: address)?.rawValue)
        }
    }
}
