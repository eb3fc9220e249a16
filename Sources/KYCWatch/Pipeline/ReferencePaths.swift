/// Paths of the reference catalogues.
public struct ReferencePaths: Sendable, Hashable {
    public var accelerators: String
    public var instanceTypes: String
    public var countries: String
    /// IP ranges to country (plain `start,end,country` or GeoLite2 blocks); optional.
    public var ipRanges: String?
    /// GeoLite2 locations file, when `ipRanges` is in GeoLite2 layout.
    public var ipLocations: String?
    /// Anonymizer networks (`network,kind`); optional.
    public var anonymizers: String?

    /// The catalogues shipped in `folder` (normally `Pipelines/reference`).
    public static func bundled(in folder: String) -> ReferencePaths {
        ReferencePaths(
            accelerators: folder + "/accelerators.csv", instanceTypes: folder + "/instance_types.csv",
            countries: folder + "/countries.csv", ipRanges: nil, ipLocations: nil, anonymizers: nil)
    }

    /// Reads the accelerator, instance type and country catalogues from `folder` instead; IP data
    /// is left as it is.
    public mutating func useCatalogues(in folder: String) {
        let catalogues = Self.bundled(in: folder)
        accelerators = catalogues.accelerators
        instanceTypes = catalogues.instanceTypes
        countries = catalogues.countries
    }
}
