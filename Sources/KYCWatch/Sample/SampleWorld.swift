/// A deterministic, realistic small world of IaaS customers in the kycwatch export format, with
/// the situations the rules exist for planted in it and the ground truth written beside it.
///
/// `generate` writes `accounts.csv.zst`, `usage.csv.zst`, `access.csv.zst`, `ground-truth.json`
/// and the synthetic `reference/ip-ranges.csv` and `reference/anonymizers.csv`. The same seed and
/// scale give byte-identical files on every machine (with the same zstd library): the world draws
/// from its own seeded generator, never from the clock or the system's randomness, and its night
/// is fixed at 2026-11-28T00:00:00Z.
public enum SampleWorld {
    /// The seed of the committed `SampleData/`.
    public static let defaultSeed: UInt64 = 20_261_128

    /// The instant the world's exports were cut, ISO 8601.
    public static let asOf = "2026-11-28T00:00:00Z"

    /// The name of the ground-truth file inside the output folder.
    public static let groundTruthFile = "ground-truth.json"

    /// How big a world to make. The planted situations are the same at every scale; only the
    /// ordinary population and the metering period of the planted training runs change.
    public struct Scale: Sendable, Hashable {
        /// Accounts of ordinary (unplanted) customers.
        public var ordinaryAccounts: Int
        /// Days covered by one usage row of a planted training run (7: one row per instance and week).
        public var trainingMeteringDays: Int

        /// Creates a scale; `trainingMeteringDays` must be at least 1.
        public init(ordinaryAccounts: Int, trainingMeteringDays: Int) {
            precondition(ordinaryAccounts >= 100, "the world needs at least 100 ordinary accounts")
            precondition(trainingMeteringDays >= 1, "a metering period is at least one day")
            self.ordinaryAccounts = ordinaryAccounts
            self.trainingMeteringDays = trainingMeteringDays
        }

        /// The committed sample: about 3,000 accounts and 300,000 usage rows.
        public static let full = Scale(ordinaryAccounts: 2_940, trainingMeteringDays: 7)
        /// A quick world for tests: the same situations, 300 ordinary accounts, monthly training rows.
        public static let small = Scale(ordinaryAccounts: 300, trainingMeteringDays: 28)
    }

    /// Generates the world for `seed` into `folder` (created if missing; files in it are replaced
    /// atomically) and returns its ground truth.
    ///
    /// - Parameter zstdLevel: the compression level of the `.csv.zst` exports. The committed sample
    ///   uses 12: about a fifth smaller than zstd's default 3 and still quick to write (level 19
    ///   saves another third but takes a minute).
    @discardableResult
    public static func generate(
        seed: UInt64 = defaultSeed, into folder: String, scale: Scale = .full, zstdLevel: Int32 = 12
    ) throws(KYCWatchError) -> SampleGroundTruth {
        let builder = SampleWorldBuilder(seed: seed, scale: scale)
        builder.build()
        return try builder.write(to: folder, zstdLevel: zstdLevel)
    }
}
