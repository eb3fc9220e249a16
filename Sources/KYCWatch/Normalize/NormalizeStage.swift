import Foundation
import Glibc
public import Logging

/// The normalize stage: reads every input of a pipeline, turns rows into canonical records,
/// quarantines what cannot be trusted, and accounts for every row in the manifest.
public struct NormalizeStage: Sendable {
    /// The pipeline being run.
    public let configuration: PipelineConfiguration
    /// The reference catalogues.
    public let catalogs: ReferenceCatalogs
    /// Where ``run(progress:)`` logs each input read and each earlier output it removes.
    public let logger: Logger
    /// Decides between a signal and the manifest, when the process stops on one and the folder is
    /// the output (not a stream's, which is finished when it is sent).
    public var manifestGate: ManifestGate?

    /// Prepares the stage, loading the reference catalogues.
    public init(configuration: PipelineConfiguration, logger: Logger = Logger(label: "kycwatch")) throws(KYCWatchError)
    {
        // The files of each glob are looked for now, when the stage is about to read them.
        self.configuration = configuration.matchingGlobs()
        catalogs = try ReferenceCatalogs(paths: configuration.reference)
        for input in configuration.inputs { try input.checkConstants(countries: catalogs.countries) }
        var logger = logger
        logger[metadataKey: "stage"] = "normalize"
        self.logger = logger
    }

    /// Normalizes every input into the output folder and returns the manifest (also written there).
    ///
    /// An input whose reject share passes its policy does not stop the stage: everything is written,
    /// the manifest's status is `rejects-exceeded`, and ``rejectPolicyError(_:)`` says why, for the
    /// caller to report once it has said what the stage did. `progress` hears about every batch read. A
    /// configuration error leaves no output folder the stage made (``removingNewFolder(_:on:)``).
    @discardableResult
    public func run(progress: ((StageProgress) -> Void)? = nil) throws(KYCWatchError) -> StageManifest {
        let folder = configuration.outputFolder
        let existed = FileManager.default.fileExists(atPath: folder)
        do {
            return try runInFolder(progress: progress)
        } catch {
            throw Self.removingNewFolder(existed ? nil : folder, on: error)
        }
    }

    /// `error`, after removing `folder`, one the stage made, when the error is one of configuration
    /// (exit 78: a column the header lacks, found once inputs are opened) and the folder holds nothing:
    /// a night stopped so leaves no folder, which the next night's `--previous` would refuse.
    static func removingNewFolder(_ folder: String?, on error: KYCWatchError) -> KYCWatchError {
        if let folder, error.code.kind == .configuration { rmdir(folder) }
        return error
    }

    private func runInFolder(progress: ((StageProgress) -> Void)?) throws(KYCWatchError) -> StageManifest {
        let started = ContinuousClock.now
        let folder = configuration.outputFolder
        try Self.checkInputsOutside(
            folder,
            writing: ExportKind.allCases.map { "\($0.rawValue).csv.zst" } + ["rejects.csv.zst", "manifest.json"],
            configuration: configuration)
        try Self.makeFolder(folder)
        let lock = try OutputFolderLock(folder: folder)
        defer { withExtendedLifetime(lock) {} }
        let earlierOutputs = EarlierOutputs(folder: folder)
        try earlierOutputs.withdrawManifest()
        let level = configuration.zstdLevel
        var writers: [ExportKind: CSVWriter] = [:]
        for kind in ExportKind.allCases where configuration.inputs.contains(where: { $0.kind == kind }) {
            let writer = CSVWriter(
                destination: try OutputFile.create("\(folder)/\(kind.rawValue).csv.zst", zstdLevel: level))
            try writer.writeRow(CanonicalRow.header(for: kind))
            writers[kind] = writer
        }
        let rejects = CSVWriter(destination: try OutputFile.create("\(folder)/rejects.csv.zst", zstdLevel: level))
        try rejects.writeRow(["file", "line", "column", "reason", "message", "raw"])

        progress?(.started(step: "read"))
        let inputs = try normalizeInputs(
            into: CanonicalFileSink(writers: writers), rejects: rejects, progress: progress)
        for input in inputs { logger.inputRead(input) }
        progress?(.started(step: "write"))
        var outputs: [StageManifest.Output] = []
        for kind in ExportKind.allCases {
            guard let writer = writers[kind] else { continue }
            try writer.finish()
            outputs.append(try Self.describeOutput("\(folder)/\(kind.rawValue).csv.zst", rows: writer.rowsWritten - 1))
        }
        try rejects.finish()
        outputs.append(try Self.describeOutput("\(folder)/rejects.csv.zst", rows: rejects.rowsWritten - 1))
        let violations = rejectPolicyViolations(inputs)
        let elapsed = ContinuousClock.now - started
        let manifest = StageManifest(
            stage: "normalize", pipeline: configuration.file,
            status: violations.isEmpty ? "succeeded" : "rejects-exceeded",
            inputs: inputs, outputs: outputs,
            timings: ["total_seconds": elapsed.seconds], exitStatus: violations.isEmpty ? 0 : 3)
        logger.earlierOutputs(earlierOutputs.sweep(stage: "normalize", written: outputs), in: folder)
        try (manifestGate ?? ManifestGate()).place { () throws(KYCWatchError) in
            try Self.writeManifest(manifest, to: "\(folder)/manifest.json")
        }
        progress?(.finished)
        return manifest
    }

    /// The error for inputs of `manifest` whose reject share passes their policy, naming the rejects
    /// file (`rejectsPath`, by default the output folder's); nil when every input is within its policy.
    public func rejectPolicyError(_ manifest: StageManifest, rejectsPath: String? = nil) -> KYCWatchError? {
        Self.rejectPolicyError(
            rejectPolicyViolations(manifest.inputs),
            rejectsPath: rejectsPath ?? "\(configuration.outputFolder)/rejects.csv.zst")
    }

    /// The error for `violations` (``rejectPolicyViolations(_:)``), nil when there are none.
    static func rejectPolicyError(_ violations: [String], rejectsPath: String) -> KYCWatchError? {
        guard !violations.isEmpty else { return nil }
        return KYCWatchError(
            .rejectPolicyExceeded,
            "reject policy exceeded; see \(rejectsPath)\n  " + violations.joined(separator: "\n  "))
    }

    /// Normalizes every input, accounts first (so usage and access can be checked against them),
    /// handing accepted records to `sink` and quarantined rows to `rejects`; `progress` hears each batch.
    ///
    /// A ``UsageDeliverySink`` de-duplicates usage rows and checks their accounts itself: its
    /// findings join the counts returned here through ``UsageDeliveryCheck/applying(_:to:)``.
    public func normalizeInputs(
        into sink: any RecordSink, rejects: CSVWriter, accessCutoff: Int64? = nil,
        progress: ((StageProgress) -> Void)? = nil
    ) throws(KYCWatchError) -> [StageManifest.Input] {
        var state = NormalizeState()
        var inputs: [StageManifest.Input] = []
        for specification in orderedInputs {
            for path in specification.paths {
                let label = configuration.inputLabels[path] ?? path
                var processor = InputProcessor(
                    specification: specification, path: path, label: label, ordinal: inputs.count, catalogs: catalogs,
                    sink: sink, rejects: rejects)
                processor.limits = configuration.decompressionLimits
                processor.accessCutoff = accessCutoff
                if let progress { processor.onBatch = { progress(.reading(file: label, rows: $0, storedBytes: $1)) } }
                do {
                    inputs.append(try processor.run(state: &state))
                } catch {
                    throw error.naming(path, label)
                }
            }
        }
        return inputs
    }

    /// The inputs in processing order: accounts, then usage, then access.
    private var orderedInputs: [InputSpecification] {
        configuration.inputs.sorted { Self.order($0.kind) < Self.order($1.kind) }
    }

    /// One line per input whose rejected share passes its policy (`inputs` in processing order).
    public func rejectPolicyViolations(_ inputs: [StageManifest.Input]) -> [String] {
        let specifications = orderedInputs.flatMap { specification in specification.paths.map { _ in specification } }
        return zip(specifications, inputs).compactMap { specification, input -> String? in
            // Rows skipped by design are neither faults nor candidates for one.
            let considered = input.rowsIn - input.rowsSkipped
            guard considered > 0 else { return nil }
            let share = Double(input.rowsRejected) / Double(considered)
            guard share > specification.maxRejectShare else { return nil }
            let top = input.rejectedByReason.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3)
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let skipped = input.rowsSkipped > 0 ? " (\(input.rowsSkipped) more skipped as not usage)" : ""
            return "\(input.path): \(input.rowsRejected) of \(considered) rows rejected\(skipped) "
                + String(format: "(%.3g%%, policy allows %.3g%%)", share * 100, specification.maxRejectShare * 100)
                + "; most common: \(top)"
        }
    }

    private static func order(_ kind: ExportKind) -> Int {
        switch kind {
        case .accounts: 0
        case .usage: 1
        case .access: 2
        }
    }

    static func makeFolder(_ path: String) throws(KYCWatchError) {
        try checkFolder(path)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw KYCWatchError(
                .writeFailed, "cannot create the output folder: \(error.localizedDescription)",
                at: SourceLocation(file: path))
        }
    }

    /// Refuses to write `names` into `folder` when one of them is a file `configuration` reads (an
    /// export, a reference file, the suppression file):
    /// `normalize --usage usage.csv.zst --out .` would replace the export it reads.
    static func checkInputsOutside(
        _ folder: String, writing names: [String], configuration: PipelineConfiguration
    ) throws(KYCWatchError) {
        try configuration.checkEachFileReadOnce()
        // The folder's lock and the temporary files a killed run left are removed as the stage starts.
        let outputs = names + [OutputFolderLock.fileName]
        for input in configuration.filesRead
        where outputs.contains(where: { PipelineConfiguration.samePlace(input, "\(folder)/\($0)") })
            || (PipelineConfiguration.samePlace(URL(fileURLWithPath: input).deletingLastPathComponent().path, folder)
                && OutputFile.isTemporaryName(URL(fileURLWithPath: input).lastPathComponent))
        {
            throw KYCWatchError(
                .invalidConfiguration,
                "is read by the night, and the output folder \(folder) would replace it with an output of the same "
                    + "name; name another output folder",
                at: SourceLocation(file: input))
        }
    }

    /// Checks, without creating anything, that `path` is a folder outputs can be written to, or one
    /// that can be made: an existing file of that name, or a parent that cannot be written, is an
    /// error saying which.
    public static func checkFolder(_ path: String) throws(KYCWatchError) {
        var isFolder: ObjCBool = false
        var place = URL(fileURLWithPath: path).standardizedFileURL
        // The folder itself when it exists, else the nearest parent that does, which must take a new folder.
        while !FileManager.default.fileExists(atPath: place.path, isDirectory: &isFolder) {
            let parent = place.deletingLastPathComponent()
            guard parent.path != place.path else { break }
            place = parent
        }
        guard isFolder.boolValue else {
            throw KYCWatchError(
                .writeFailed,
                place.path == URL(fileURLWithPath: path).standardizedFileURL.path
                    ? "is a file, not a folder: name a folder for the outputs"
                    : "cannot create the output folder: \(place.path) is a file, not a folder",
                at: SourceLocation(file: path))
        }
        guard access(place.path, W_OK | X_OK) == 0 else {
            throw KYCWatchError(
                .writeFailed, "cannot write in \(place.path): \(systemErrorDescription(errno))",
                at: SourceLocation(file: path))
        }
    }

    static func describeOutput(_ path: String, rows: Int) throws(KYCWatchError) -> StageManifest.Output {
        let reader = try InputFile.open(path, limits: .ownOutput)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        // The digest is of the stored file; reading it back also proves it decompresses.
        while try reader.read(into: buffer) > 0 {}
        return StageManifest.Output(
            path: path, sha256: reader.storedSHA256(), bytes: reader.storedBytesRead, rows: rows)
    }

    /// Writes a manifest atomically as pretty JSON, keys sorted and snake_cased, like every manifest.
    static func writeManifest(_ manifest: some Encodable, to path: String) throws(KYCWatchError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data: Data
        do {
            data = try encoder.encode(manifest)
        } catch {
            throw KYCWatchError(.internalError, "cannot encode the manifest: \(error)")
        }
        let file = try OutputFile(path: path)
        try file.write(Array(data) + [0x0A])
        try file.finish()
    }
}
