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

    // The names the sentences of ``referenceGaps`` open with.
    private static let noAccountsGap = "no accounts export"
    private static let noListsGap = "no restricted-party lists"
    private static let noIPRangesGap = "no IP ranges"
    private static let noAnonymizersGap = "no anonymizer ranges"

    /// Checks the rules cannot make tonight for want of reference data, one sentence each saying what
    /// is missing and where to name it: a night without them reports fewer findings, never silently.
    public var referenceGaps: [String] {
        // Each sentence opens with its gap's name, by which ``uncheckedRules(after:)`` knows it.
        var gaps: [String] = []
        let kinds = Set(inputs.map(\.kind))
        if !kinds.contains(.accounts) {
            gaps.append(
                Self.noAccountsGap + ": no customer has a CIP record, so CIP checks are not made, every account in "
                    + "usage or access is reported as unknown, and each is presumed foreign, so any run of theirs over "
                    + "the threshold is a covered transaction (name one with --accounts or under inputs:)")
        }
        if kinds.contains(.accounts), screening == nil {
            gaps.append(
                Self.noListsGap + ": SCR-001 screens no name tonight (name them under screening: in the "
                    + "pipeline file, or with --screening FOLDER)")
        }
        if kinds.contains(.accounts), let screening { gaps += screening.gaps }
        if kinds.contains(.access), reference.ipRanges == nil, reference.ipLocations == nil {
            gaps.append(
                Self.noIPRangesGap + ": access addresses are not placed in countries, so no access from abroad is seen "
                    + "(reference.ip_ranges in the pipeline file, or --ip-ranges)")
        }
        if kinds.contains(.access), reference.anonymizers == nil {
            gaps.append(
                Self.noAnonymizersGap + ": access through VPNs, Tor or hosting is not recognized "
                    + "(reference.anonymizers in the pipeline file, or --anonymizers)")
        }
        return gaps
    }

    /// The rules a check not made tonight leaves short, of those the night before made: a previous
    /// night's findings of theirs that are gone tonight are carried as ``FindingStatus/unchecked``,
    /// not resolved, since the check that would have seen them was not made. `previous` is the previous
    /// night's `checks_not_made`; a check it lacked too leaves nothing short (its findings were made
    /// without it), and a night that does not say is taken to have made every check.
    ///
    /// Restricted-party lists are SCR-001's; IP ranges and anonymizer networks feed the foreign-person
    /// score, which FPI-001, CIP-001, LNK-001, CVT-001 and CVT-002 weigh; the accounts export feeds it
    /// too, and is SCR-001's.
    public func uncheckedRules(after previous: [String]?) -> Set<String> {
        let foreignScore: Set<String> = ["FPI-001", "CIP-001", "LNK-001", "CVT-001", "CVT-002"]
        let screeningGaps = Set(screening?.gaps ?? [])
        var rules: Set<String> = []
        for gap in referenceGaps where !(previous ?? []).contains(gap) {
            if gap.hasPrefix(Self.noAccountsGap) {
                // Without customer records, every account is presumed foreign on no facts of its own.
                rules.formUnion(foreignScore.union(["CIP-001", "SCR-001"]))
            } else if gap.hasPrefix(Self.noIPRangesGap) || gap.hasPrefix(Self.noAnonymizersGap) {
                rules.formUnion(foreignScore)
            } else if gap.hasPrefix(Self.noListsGap) || screeningGaps.contains(gap) {
                rules.insert("SCR-001")
            }
        }
        return rules
    }

    /// Checks not made for usage `inputs` whose header maps neither a job nor a cluster id
    /// (``StageManifest/Input/noJobOrClusterId``), one sentence a layout naming its files.
    ///
    /// Known only once each header is read: `job_id` and `cluster_id` are optional columns, so a
    /// kycwatch-layout export may lack both as a FOCUS export does unless the pipeline maps one.
    public static func runKeyGaps(_ inputs: [StageManifest.Input]) -> [String] {
        let unmapped = inputs.filter { $0.kind == ExportKind.usage.rawValue && $0.noJobOrClusterId == true }
        return Dictionary(grouping: unmapped, by: \.format).sorted { $0.key < $1.key }.map { layout, inputs in
            "usage in layout \(layout) (\(inputs.map(\.path).joined(separator: ", "))) maps no job_id or cluster_id: "
                + "its accelerator usage makes no training run, so LMT-001, TRS-001, CLS-001, CVT-001 and CVT-002 weigh "
                + "none of it and DQ-002 reports it as usage with no job or cluster id (map a job or placement-group "
                + "column under columns:, e.g. cluster_id: { column: x_PlacementGroup })"
        }
    }

    /// Every reference file the night reads, by what it is: the catalogues, IP data, restricted-party
    /// lists and reviewed decisions that are named.
    public var referenceFiles: [(name: String, path: String)] {
        let named: [(String, String?)] = [
            ("accelerators", reference.accelerators), ("instance_types", reference.instanceTypes),
            ("countries", reference.countries), ("ip_ranges", reference.ipRanges),
            ("ip_locations", reference.ipLocations), ("anonymizers", reference.anonymizers),
            ("ofac_sdn", screening?.ofacSDN), ("ofac_alt", screening?.ofacAlternateNames),
            ("ofac_add", screening?.ofacAddresses), ("bis_dpl", screening?.deniedPersons),
            ("csl", screening?.consolidated), ("screening_decisions", screening?.decisions),
        ]
        return named.compactMap { name, path in path.map { (name, $0) } }
    }

    /// Every file the night reads: the pipeline file, the exports (the files a glob matches now), the
    /// reference files and the suppression file.
    public var filesRead: [String] {
        let pipeline = file.hasPrefix("<") ? [] : [file]
        return pipeline + matchingGlobs().inputs.flatMap(\.paths) + referenceFiles.map(\.path)
            + (suppressionsFile.map { [$0] } ?? [])
    }

    /// Refuses a file the inputs name twice, however it is spelt (`u.csv` and `./u.csv`, a symbolic
    /// link to it, a glob and a `path:` matching it): read twice, every row of it would be counted, and
    /// rejected, twice in the manifest.
    public func checkEachFileReadOnce() throws(KYCWatchError) {
        // By identity, once per file: a glob of thousands of daily parts is not compared pair by pair.
        var seen: [FileIdentity: (path: String, kind: ExportKind)] = [:]
        for input in matchingGlobs().inputs {
            for path in input.paths {
                let identity = Self.identity(of: path)
                if let first = seen[identity] {
                    let label = inputLabels[path] ?? path
                    throw KYCWatchError(
                        .invalidConfiguration,
                        "is the file \(inputLabels[first.path] ?? first.path), read already as \(first.kind.rawValue) "
                            + "input: each file is read once, so name it once",
                        at: SourceLocation(file: label))
                }
                seen[identity] = (path, input.kind)
            }
        }
    }

    /// What makes a path the file it is: its device and inode, or, for one that cannot be looked at,
    /// its place (``samePlace(_:_:)``).
    private enum FileIdentity: Hashable {
        case inode(device: UInt64, inode: UInt64)
        case place(String)
        case unreadableInput
    }

    /// The identity of `path`; `-` is the file standard input reads (`--usage - < u.csv`).
    private static func identity(of path: String) -> FileIdentity {
        var status = stat()
        if (path == "-" ? fstat(STDIN_FILENO, &status) : stat(path, &status)) == 0 {
            return .inode(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        }
        return path == "-" ? .unreadableInput : .place(resolvedPlace(path))
    }

    /// Whether `one` and `other` are one file: the same device and inode, so a symbolic or hard link
    /// and any spelling of the path are, and `-` is the file standard input reads; two paths of which
    /// one cannot be looked at are compared as places (``samePlace(_:_:)``).
    public static func sameFile(_ one: String, _ other: String) -> Bool {
        let first = identity(of: one)
        return first != .unreadableInput && first == identity(of: other)
    }

    /// The configuration with the files each input's glob matches now (``InputSpecification/matchingGlob()``):
    /// what a stage reads, looked for when it starts rather than when the pipeline file was loaded.
    public func matchingGlobs() -> PipelineConfiguration {
        var matched = self
        matched.inputs = inputs.map { $0.matchingGlob() }
        return matched
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
