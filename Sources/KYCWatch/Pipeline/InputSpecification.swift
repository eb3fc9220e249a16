/// One export to read.
public struct InputSpecification: Sendable, Hashable {
    /// Which export this is.
    public var kind: ExportKind
    /// The files; of a ``glob`` not matched yet, the glob itself.
    public var paths: [String]
    /// The layout preset: `kycwatch` (native), `focus-1.0`, `slurm-sacct`.
    public var layout: InputLayout
    /// Overrides of the layout's column mapping, by canonical column.
    public var columns: [String: ColumnSource]
    /// The field separator; the layout's own when nil.
    public var delimiter: UInt8?
    /// The zone for timestamps without an offset: `UTC`, `+02:00` or an IANA name.
    public var timeZone: String
    /// The largest share of rows that may be rejected before the stage fails (0–1).
    public var maxRejectShare: Double
    /// The reject policy of an input no pipeline file sets one for: 5 %.
    public static let defaultMaxRejectShare = 0.05
    /// Where the entry is in the pipeline file, for messages.
    public var line: Int?
    /// The pipeline file the entry is in, nil for an input named by a flag.
    public var file: String?
    /// The glob a pipeline file's `path:` is (`exports/usage-*.csv.zst`), nil for a file named as it is.
    /// Its files are looked for when the inputs are opened (``matchingGlob()``), not when the pipeline
    /// file is loaded: an export not delivered yet is an input missing, as a file named so is, and
    /// `detect --pipeline`, which reads none of the file's inputs, never looks for them.
    public var glob: String?
    /// Where each constant under `columns:` is written in the pipeline file, by canonical column: one
    /// found wrong once the catalogues are loaded (``checkConstants(countries:)``) is reported there.
    public var constantPlaces: [String: ConstantPlace] = [:]

    /// Where a constant is written in a pipeline file.
    public struct ConstantPlace: Sendable, Hashable {
        /// The file, line and column of the value.
        public var location: SourceLocation
        /// Its key path, as errors of the pipeline file name it: `inputs[0].columns.country.constant`.
        public var keyPath: String

        /// Creates a place.
        public init(location: SourceLocation, keyPath: String) {
            self.location = location
            self.keyPath = keyPath
        }
    }

    /// Creates an input specification.
    public init(
        kind: ExportKind, paths: [String], layout: InputLayout = .kycwatch, columns: [String: ColumnSource] = [:],
        delimiter: UInt8? = nil, timeZone: String = "UTC", maxRejectShare: Double = defaultMaxRejectShare,
        line: Int? = nil
    ) {
        self.kind = kind
        self.paths = paths
        self.layout = layout
        self.columns = columns
        self.delimiter = delimiter
        self.timeZone = timeZone
        self.maxRejectShare = maxRejectShare
        self.line = line
    }
}
