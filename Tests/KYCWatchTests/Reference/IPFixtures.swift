@testable import KYCWatch

/// Shared inputs of the IP catalogue tests: the countries catalogue, the committed sample files, and small
/// GeoLite2-layout files written at test time (so the test target has no unhandled resource files).
enum IPFixtures {
    /// The repository's countries catalogue, or why it did not load.
    static let countries: Result<CountryCatalog, KYCWatchError> = Result { () throws(KYCWatchError) in
        try CountryCatalog.load(path: RepositoryPaths.reference + "/countries.csv")
    }

    /// `SampleData/reference/ip-ranges.csv`: synthetic geography, plain `start,end,country`.
    static let sampleRanges = RepositoryPaths.sampleData + "/reference/ip-ranges.csv"
    /// `SampleData/reference/anonymizers.csv`: synthetic VPN, Tor and hosting networks.
    static let sampleAnonymizers = RepositoryPaths.sampleData + "/reference/anonymizers.csv"

    /// A GeoLite2 locations file: four countries and a continent-only entry (Europe, no country code).
    static let geoLite2Locations = """
        geoname_id,locale_code,continent_code,continent_name,country_iso_code,country_name,is_in_european_union
        6252001,en,NA,"North America",US,"United States",0
        2921044,en,EU,Europe,DE,Germany,1
        1814991,en,AS,Asia,CN,China,0
        2635167,en,EU,Europe,GB,"United Kingdom",0
        6255148,en,EU,Europe,,,0

        """

    /// A GeoLite2 IPv4 blocks file in the current layout (with `is_anycast`). Every network is made up, in
    /// documentation or reserved space: line 2 is US, 3 DE, 4 CN by its registered country only, 5 the
    /// continent entry, 6 no location at all, 7 GB.
    static let geoLite2IPv4 = """
        network,geoname_id,registered_country_geoname_id,represented_country_geoname_id,is_anonymous_proxy,\
        is_satellite_provider,is_anycast
        192.0.2.0/25,6252001,6252001,,0,0,
        192.0.2.128/25,2921044,6252001,,0,0,0
        198.51.100.0/24,,1814991,,0,0,
        203.0.113.0/24,6255148,6255148,,0,0,
        233.252.0.0/24,,,,0,1,
        100.64.0.0/10,2635167,2635167,6252001,0,0,1

        """

    /// A GeoLite2 IPv6 blocks file in the older layout (no `is_anycast`): halves of 2001:db8::/32 for US and CN,
    /// and 3fff::/20 for DE.
    static let geoLite2IPv6 = """
        network,geoname_id,registered_country_geoname_id,represented_country_geoname_id,is_anonymous_proxy,\
        is_satellite_provider
        2001:db8::/33,6252001,6252001,,0,0
        2001:db8:8000::/33,1814991,1814991,,0,0
        3fff::/20,2921044,,,0,0

        """

    /// Writes the three GeoLite2 files into `folder` under their MaxMind names, with optional replacements.
    static func writeGeoLite2(
        into folder: TemporaryFolder, ipv4: String = geoLite2IPv4, ipv6: String = geoLite2IPv6,
        locations: String = geoLite2Locations
    ) -> (ipv4: String, ipv6: String, locations: String) {
        (
            folder.write("GeoLite2-Country-Blocks-IPv4.csv", ipv4),
            folder.write("GeoLite2-Country-Blocks-IPv6.csv", ipv6),
            folder.write("GeoLite2-Country-Locations-en.csv", locations)
        )
    }

    /// `base` moved by `offset` addresses, wrapping around the ends of the address space.
    static func address(_ base: IPAddress, plus offset: Int) -> IPAddress {
        if offset >= 0 {
            let (low, carry) = base.low.addingReportingOverflow(UInt64(offset))
            return IPAddress(high: base.high &+ (carry ? 1 : 0), low: low)
        }
        let (low, borrow) = base.low.subtractingReportingOverflow(UInt64(-offset))
        return IPAddress(high: base.high &- (borrow ? 1 : 0), low: low)
    }

    /// Runs `body` and returns the ``KYCWatchError`` it throws, or `nil` when it throws nothing.
    static func error<Result>(_ body: () throws(KYCWatchError) -> Result) -> KYCWatchError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }
}
