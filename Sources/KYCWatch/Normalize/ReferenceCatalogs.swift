/// The reference catalogues a run needs, loaded once and shared read-only.
public struct ReferenceCatalogs: Sendable {
    /// Countries with codes, calling codes, ccTLDs and groups.
    public let countries: CountryCatalog
    /// Accelerators and instance types.
    public let accelerators: AcceleratorCatalog

    /// Loads the catalogues named in `paths`; a missing or malformed file is an error naming it.
    public init(paths: ReferencePaths) throws(KYCWatchError) {
        do {
            countries = try CountryCatalog.load(path: paths.countries)
            accelerators = try AcceleratorCatalog.load(
                acceleratorsPath: paths.accelerators, instanceTypesPath: paths.instanceTypes)
        } catch  where error.code == .fileUnreadable {
            var error = error
            error.message +=
                "; the reference catalogues are read from the folder of the pipeline file's reference: section"
                + " (default: reference/ beside the pipeline file), or of --reference; with inputs named by flags"
                + " alone, from $KYCWATCH_REFERENCE, else Pipelines/reference in the working folder, else the"
                + " folder installed with kycwatch (PREFIX/share/kycwatch/reference)"
            throw error
        }
    }
}
