import Foundation

/// A pipeline file: which exports to read and how, the reference data, where outputs go, and the
/// reject policy and rule parameters.
///
/// Relative paths are resolved against the folder of the pipeline file, so a pipeline and its
/// data can move together.
public struct PipelineConfiguration: Sendable {
    /// The file the configuration came from (`<flags>` when built from command-line flags).
    public var file: String
    /// The inputs, in the order given.
    public var inputs: [InputSpecification]
    /// Reference data paths, already resolved.
    public var reference: ReferencePaths
    /// The output folder, resolved.
    public var outputFolder: String
    /// zstd level for outputs.
    public var zstdLevel: Int32
    /// Rule parameters by rule id, as given; checked by the detect stage.
    public var ruleParameters: [String: [String: ParameterValue]]
    /// Restricted-party lists to screen names against, when configured.
    public var screening: ScreeningSources?
    /// The previous night's output folder, to mark findings new, ongoing or resolved; nil for no comparison.
    public var previousFolder: String?
    /// The suppression file (YAML) of reviewed findings to hide, when one is used.
    public var suppressionsFile: String?
    /// The decompression-bomb guard every input is read with.
    public var decompressionLimits = DecompressionLimits.default
    /// How many days past the run date a suppression may expire at most.
    public var suppressionMaxDays = SuppressionFile.defaultMaxDays
    /// The severity at or above which a visible finding makes the night's exit status 4 (`--fail-on`).
    public var failOn: Severity?
    /// What the manifest, the rejects and error messages call an input file, by the path it is read
    /// from, when that path is not where it came from: a stage stream's files are read from a
    /// temporary folder gone after the run, but came from standard input.
    public var inputLabels: [String: String] = [:]
    /// When the inputs are a normalize stage's outputs: that stage's manifest, whose inputs are the
    /// raw exports the night started from, and its rejects file. `detect` reports both as its own,
    /// so that the rows quarantined before it are not lost from the night's accounting.
    public var normalizedBy: (manifest: StageManifest, rejects: String?)?

    /// Creates a configuration directly (for flags-only runs and tests).
    public init(
        file: String, inputs: [InputSpecification], reference: ReferencePaths, outputFolder: String,
        zstdLevel: Int32 = ZstdWriter.defaultLevel, ruleParameters: [String: [String: ParameterValue]] = [:]
    ) {
        self.file = file
        self.inputs = inputs
        self.reference = reference
        self.outputFolder = outputFolder
        self.zstdLevel = zstdLevel
        self.ruleParameters = ruleParameters
    }

    /// Checks the rules cannot make tonight for want of reference data, one sentence each saying what
    /// is missing and where to name it: a night without them reports fewer findings, never silently.
    public var referenceGaps: [String] {
        var gaps: [String] = []
        let kinds = Set(inputs.map(\.kind))
        if !kinds.contains(.accounts) {
            gaps.append(
                "no accounts export: no customer has a CIP record, so CIP checks are not made and every account in "
                    + "usage or access is reported as unknown (name one with --accounts or under inputs:)")
        }
        if kinds.contains(.accounts), screening == nil {
            gaps.append(
                "no restricted-party lists: SCR-001 screens no name tonight (name them under screening: in the "
                    + "pipeline file, or with --screening FOLDER)")
        }
        if kinds.contains(.accounts), let screening { gaps += screening.gaps }
        if kinds.contains(.access), reference.ipRanges == nil, reference.ipLocations == nil {
            gaps.append(
                "no IP ranges: access addresses are not placed in countries, so no access from abroad is seen "
                    + "(reference.ip_ranges in the pipeline file, or --ip-ranges)")
        }
        if kinds.contains(.access), reference.anonymizers == nil {
            gaps.append(
                "no anonymizer ranges: access through VPNs, Tor or hosting is not recognized "
                    + "(reference.anonymizers in the pipeline file, or --anonymizers)")
        }
        return gaps
    }

    /// The configuration of a run named by command-line flags alone, with the catalogues in `reference`.
    ///
    /// No restricted-party list is taken by default, not even the copy in the reference folder: lists
    /// change weekly, and a copy that ages would screen against parties long added or removed. A
    /// run without lists says so (``referenceGaps``); `--screening` names them.
    public static func flags(reference: String, outputFolder: String) -> PipelineConfiguration {
        PipelineConfiguration(
            file: "<flags>", inputs: [], reference: .bundled(in: reference), outputFolder: outputFolder)
    }
}

/// One export to read.
public struct InputSpecification: Sendable, Hashable {
    /// Which export this is.
    public var kind: ExportKind
    /// The files (a glob in the pipeline file expands to its matches, sorted).
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
    /// Where the entry is in the pipeline file, for messages.
    public var line: Int?
    /// The pipeline file the entry is in, nil for an input named by a flag.
    public var file: String?

    /// Creates an input specification.
    public init(
        kind: ExportKind, paths: [String], layout: InputLayout = .kycwatch, columns: [String: ColumnSource] = [:],
        delimiter: UInt8? = nil, timeZone: String = "UTC", maxRejectShare: Double = 0.05, line: Int? = nil
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

/// Where a canonical column's value comes from.
public enum ColumnSource: Sendable, Hashable {
    /// A source column by header name, with the value's format.
    case column(String, format: ValueFormat)
    /// The same value on every row.
    case constant(String)
}

/// How a mapped source value is written, when it is not the canonical form.
public enum ValueFormat: String, Sendable, Hashable, CaseIterable {
    /// The canonical form (ISO 8601 for timestamps).
    case canonical = "iso8601"
    /// Unix epoch seconds.
    case epochSeconds = "epoch-seconds"
    /// Unix epoch milliseconds.
    case epochMilliseconds = "epoch-millis"
}

/// The restricted-party list files a user has, and reviewed decisions; every path is optional.
public struct ScreeningSources: Sendable, Hashable {
    /// OFAC SDN legacy CSV set: `sdn.csv`, with `alt.csv` and `add.csv` beside it when given.
    public var ofacSDN: String?
    public var ofacAlternateNames: String?
    public var ofacAddresses: String?
    /// BIS Denied Persons list (tab separated).
    public var deniedPersons: String?
    /// Consolidated Screening List CSV.
    public var consolidated: String?
    /// Reviewed "not the same party" decisions (YAML).
    public var decisions: String?
    /// The match score threshold, when not the calibrated default.
    public var threshold: Double?

    /// What the lists given leave unscreened, one sentence each: the Consolidated Screening List
    /// alone brings the Entity List and the other lists it merges; without it, OFAC's parties need
    /// the SDN list and denied persons the Denied Persons list; an SDN list without its aliases
    /// misses parties known by another name.
    public var gaps: [String] {
        var gaps: [String] = []
        let given = [
            (ofacSDN, "OFAC SDN"), (deniedPersons, "BIS Denied Persons"), (consolidated, "Consolidated Screening List"),
        ].filter { $0.0 != nil }.map(\.1)
        if given.isEmpty {
            return [
                "screening names no restricted-party list (an OFAC SDN, BIS Denied Persons or Consolidated "
                    + "Screening List): SCR-001 screens no name tonight"
            ]
        }
        if consolidated == nil {
            gaps.append(
                "no Consolidated Screening List (csl.csv): the Entity List and the other lists it merges are not "
                    + "screened tonight, only the \(given.joined(separator: " and ")) list")
            if ofacSDN == nil { gaps.append("no OFAC SDN list (sdn.csv) and no Consolidated Screening List") }
            if deniedPersons == nil {
                gaps.append("no BIS Denied Persons list (dpl.txt) and no Consolidated Screening List")
            }
        }
        if ofacSDN != nil, ofacAlternateNames == nil {
            gaps.append("OFAC SDN list without its aliases (alt.csv): parties known by another name are not matched")
        }
        return gaps
    }

    /// The lists in `folder` under the names kycwatch ships them with (`sdn.csv.zst`, `alt.csv.zst`,
    /// `add.csv.zst`, `dpl.txt.zst`, `csl.csv.zst`, each also uncompressed); nil when it has none.
    public static func lists(in folder: String) -> ScreeningSources? {
        func present(_ name: String) -> String? {
            [name + ".zst", name].map { folder + "/" + $0 }.first { FileManager.default.fileExists(atPath: $0) }
        }
        let sources = ScreeningSources(
            ofacSDN: present("sdn.csv"), ofacAlternateNames: present("alt.csv"), ofacAddresses: present("add.csv"),
            deniedPersons: present("dpl.txt"), consolidated: present("csl.csv"))
        guard sources.ofacSDN != nil || sources.deniedPersons != nil || sources.consolidated != nil else { return nil }
        return sources
    }

    public init(
        ofacSDN: String? = nil, ofacAlternateNames: String? = nil, ofacAddresses: String? = nil,
        deniedPersons: String? = nil, consolidated: String? = nil, decisions: String? = nil, threshold: Double? = nil
    ) {
        self.ofacSDN = ofacSDN
        self.ofacAlternateNames = ofacAlternateNames
        self.ofacAddresses = ofacAddresses
        self.deniedPersons = deniedPersons
        self.consolidated = consolidated
        self.decisions = decisions
        self.threshold = threshold
    }
}

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

/// A rule parameter value as written in the pipeline file.
public enum ParameterValue: Sendable, Hashable {
    case number(Double)
    case text(String)
    case flag(Bool)
}
