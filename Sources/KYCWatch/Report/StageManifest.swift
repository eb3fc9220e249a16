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
        /// taxes) and Slurm job steps, whose allocation the job's own line carries. They are not
        /// rejects: they do not count against the reject policy and are not written to the rejects file.
        public var rowsSkipped: Int = 0
        /// Rejected rows by reason code.
        public var rejectedByReason: [String: Int]
        /// Skipped rows by reason code (``rowsSkipped``).
        public var skippedByReason: [String: Int] = [:]
        /// Accepted rows carrying a flag (e.g. `unknown-account`), by flag.
        public var flagged: [String: Int]
        /// Whether `rowsIn == rowsAccepted + rowsRejected + rowsDeduplicated + rowsSkipped`.
        public var reconciles: Bool { rowsIn == rowsAccepted + rowsRejected + rowsDeduplicated + rowsSkipped }
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

    enum CodingKeys: String, CodingKey {
        case tool, version, stage, pipeline, status, inputs, outputs, timings
    }
}
