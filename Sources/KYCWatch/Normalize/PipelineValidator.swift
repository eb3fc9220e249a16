/// Checks a pipeline without running it: catalogues load, inputs open, headers map, and a sample
/// of rows normalizes, with the reject reasons it would produce.
public struct PipelineValidator: Sendable {
    /// What validation found for one input file.
    public struct Report: Sendable {
        public var path: String
        public var kind: ExportKind
        public var layout: InputLayout
        public var rowsTried: Int
        /// Whether the file has rows after the sample, which were not tried.
        public var rowsLeftUntried: Bool
        public var rowsRejected: Int
        public var maxRejectShare: Double
        /// The first message for each reject reason seen.
        public var examples: [String: String]
        /// The sample's rows as a stage's manifest would account them.
        public var input: StageManifest.Input
    }

    /// The pipeline to check.
    public let configuration: PipelineConfiguration

    /// Creates a validator.
    public init(configuration: PipelineConfiguration) {
        self.configuration = configuration
    }

    /// Validates the reference data and every input on its first `sampleRows` rows (every row when
    /// `Int.max`); throws on the first hard error.
    public func validate(sampleRows: Int) throws(KYCWatchError) -> [Report] {
        let catalogs = try ReferenceCatalogs(paths: configuration.reference)
        for input in configuration.inputs { try input.checkConstants(countries: catalogs.countries) }
        // The IP ranges and anonymizer networks a run would place access with.
        _ = try AddressLocation.locator(for: configuration.reference, countries: catalogs.countries)
        var state = NormalizeState()
        var reports: [Report] = []
        for specification in configuration.matchingGlobs().inputs {
            for path in specification.paths {
                var processor = InputProcessor(
                    specification: specification, path: path, label: path, ordinal: reports.count, catalogs: catalogs,
                    sink: nil, rejects: nil, rowLimit: sampleRows, limits: configuration.decompressionLimits)
                // Unknown accounts are expected when only a sample of accounts was read.
                let input = try processor.run(state: &state)
                reports.append(
                    Report(
                        path: path, kind: specification.kind, layout: specification.layout, rowsTried: input.rowsIn,
                        rowsLeftUntried: processor.rowsLeftUntried,
                        rowsRejected: input.rowsRejected, maxRejectShare: specification.maxRejectShare,
                        examples: processor.examples, input: input))
            }
        }
        return reports
    }
}
