import Foundation

/// `manifest.json`: what a stage read and wrote, row by row accounted, so a scheduler and an
/// auditor can check a run without reading the data.
public struct StageManifest: Sendable, Codable {
    /// One input file and what became of its rows.
    public struct Input: Sendable, Codable {
        public var path: String
        public var kind: String
        public var format: String
        public var sha256: String
        public var bytes: Int
        public var uncompressedBytes: Int
        /// Data rows read (malformed ones included, the header and blank lines not).
        public var rowsIn: Int
        public var rowsAccepted: Int
        public var rowsRejected: Int
        public var rowsDeduplicated: Int
        /// Rows set aside by design, not for a fault: billing lines that are not usage (FOCUS credits,
        /// taxes, corrections to billing periods invoiced before, unused commitments), FOCUS lines that
        /// name an instance but bill something beside its own hours (its EBS-optimized bandwidth), and
        /// Slurm job steps, whose allocation the job's own line carries. They are not rejects: they do not
        /// count against the reject policy and are not written to the rejects file.
        public var rowsSkipped: Int = 0
        /// Rejected rows by reason code.
        public var rejectedByReason: [String: Int]
        /// Skipped rows by reason code (``rowsSkipped``).
        public var skippedByReason: [String: Int] = [:]
        /// Accepted rows carrying a flag (e.g. `unknown-account`), by flag.
        public var flagged: [String: Int]
        /// For an accounts export: the rows rejected by the account they name (after the row's own
        /// checks: a ragged or malformed row's fields are not read), first per account, of accounts no
        /// row of the file was accepted for; nil when there are none. The night tells their accounts'
        /// usage and access from that of accounts the export lacks.
        public var rejectedAccounts: [RejectedAccountRow]? = nil
        /// For a usage export: the instance types of the rows flagged `uncatalogued-instance-type`, taken
        /// as holding no accelerators since the catalogue lacks them, with their rows, most rows first;
        /// nil when there are none. One that carries GPUs belongs in `instance_types.csv`.
        public var uncataloguedInstanceTypes: [InstanceTypeRows]? = nil
        /// For a usage export whose header (with the pipeline's `columns:`) maps neither `job_id` nor
        /// `cluster_id`: true, since none of its usage can make a training run
        /// (``PipelineConfiguration/runKeyGaps(_:)``); nil otherwise.
        public var noJobOrClusterId: Bool? = nil
        /// Whether `rowsIn == rowsAccepted + rowsRejected + rowsDeduplicated + rowsSkipped`.
        public var reconciles: Bool { rowsIn == rowsAccepted + rowsRejected + rowsDeduplicated + rowsSkipped }
    }

    /// An instance type and the rows that named it.
    public struct InstanceTypeRows: Sendable, Codable, Equatable {
        public var instanceType: String
        public var rows: Int

        /// Creates the count of `rows` rows of `instanceType`.
        public init(instanceType: String, rows: Int) {
            self.instanceType = instanceType
            self.rows = rows
        }
    }

    /// One output file.
    public struct Output: Sendable, Codable {
        public var path: String
        public var sha256: String
        public var bytes: Int
        /// Data rows (or lines) written, the header excluded.
        public var rows: Int
    }

    public var tool = "kycwatch"
    public var version = KYCWatchVersion.current
    public var stage: String
    public var pipeline: String
    public var status: String
    public var inputs: [Input]
    public var outputs: [Output]
    /// Wall seconds per step.
    public var timings: [String: Double]
    /// For `detect` over a normalize stage's outputs: the raw exports as that stage read them (its
    /// manifest's inputs), since `inputs` are then the normalized files.
    public var normalizeInputs: [Input]?
    /// For `run` and `detect`: checks the rules could not make for want of reference data
    /// (``PipelineConfiguration/referenceGaps``), empty when none.
    public var checksNotMade: [String]?
    /// The exit status the stage ends with when nothing goes wrong after the manifest is written: 0,
    /// 3 (a reject policy exceeded) or, for `run` and `detect`, 4 (`--fail-on`). A scheduler reading the
    /// manifest need not have seen the process end. Absent from manifests of earlier versions.
    public var exitStatus: Int32?

    enum CodingKeys: String, CodingKey {
        case tool, version, stage, pipeline, status, inputs, outputs, timings, normalizeInputs, checksNotMade
        case exitStatus
    }

    /// The inputs the night started from: the raw exports, also when this stage read normalized files.
    public var sourceInputs: [Input] { normalizeInputs ?? inputs }

    /// Reads a manifest written by `normalize`, `run` or `detect` (JSON with snake_case keys).
    public static func read(_ path: String) throws(KYCWatchError) -> StageManifest {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw KYCWatchError(.fileUnreadable, "cannot read the manifest file", at: SourceLocation(file: path))
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(StageManifest.self, from: data)
        } catch {
            throw KYCWatchError(
                .manifestInvalid, "not a kycwatch manifest (\(error)); was it written by another program?",
                at: SourceLocation(file: path))
        }
    }
}

extension StageManifest.Input {
    private enum CodingKeys: String, CodingKey {
        case path, kind, format, sha256, bytes, uncompressedBytes, rowsIn, rowsAccepted, rowsRejected
        case rowsDeduplicated, rowsSkipped, rejectedByReason, skippedByReason, flagged, rejectedAccounts
        case uncataloguedInstanceTypes, noJobOrClusterId
    }

    /// Decodes an input; manifests written before rows were skipped have no skipped counts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        kind = try container.decode(String.self, forKey: .kind)
        format = try container.decode(String.self, forKey: .format)
        sha256 = try container.decode(String.self, forKey: .sha256)
        bytes = try container.decode(Int.self, forKey: .bytes)
        uncompressedBytes = try container.decode(Int.self, forKey: .uncompressedBytes)
        rowsIn = try container.decode(Int.self, forKey: .rowsIn)
        rowsAccepted = try container.decode(Int.self, forKey: .rowsAccepted)
        rowsRejected = try container.decode(Int.self, forKey: .rowsRejected)
        rowsDeduplicated = try container.decode(Int.self, forKey: .rowsDeduplicated)
        rowsSkipped = try container.decodeIfPresent(Int.self, forKey: .rowsSkipped) ?? 0
        rejectedByReason = try container.decode([String: Int].self, forKey: .rejectedByReason)
        skippedByReason = try container.decodeIfPresent([String: Int].self, forKey: .skippedByReason) ?? [:]
        flagged = try container.decode([String: Int].self, forKey: .flagged)
        rejectedAccounts = try container.decodeIfPresent([RejectedAccountRow].self, forKey: .rejectedAccounts)
        uncataloguedInstanceTypes = try container.decodeIfPresent(
            [StageManifest.InstanceTypeRows].self, forKey: .uncataloguedInstanceTypes)
        noJobOrClusterId = try container.decodeIfPresent(Bool.self, forKey: .noJobOrClusterId)
    }
}
