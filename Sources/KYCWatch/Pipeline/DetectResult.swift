/// What `run` or `detect` produced: the manifest it wrote and the night's review.
public struct DetectResult: Sendable {
    /// The stage manifest (inputs, outputs with SHA-256, timings).
    public var manifest: StageManifest
    /// Tonight's findings compared with the previous night, with suppressions applied.
    public var review: NightReview
    /// The manifest's review section.
    public var reviewSummary: ReviewManifest
    /// Why the inputs failed the reject policy, when they did: the stage still wrote every output,
    /// and the caller reports this after saying what the stage did.
    public var rejectPolicyError: KYCWatchError?

    /// Creates a result.
    public init(
        manifest: StageManifest, review: NightReview, reviewSummary: ReviewManifest,
        rejectPolicyError: KYCWatchError? = nil
    ) {
        self.manifest = manifest
        self.review = review
        self.reviewSummary = reviewSummary
        self.rejectPolicyError = rejectPolicyError
    }

    /// Data rows of the exports the night started from (``StageManifest/sourceInputs``).
    public var rowsIn: Int { manifest.sourceInputs.reduce(0) { $0 + $1.rowsIn } }
    /// Rows rejected on the way to the findings: by the normalize stage, when this stage read its
    /// outputs, and by this one.
    public var rowsRejected: Int {
        let own = manifest.inputs.reduce(0) { $0 + $1.rowsRejected }
        return own + (manifest.normalizeInputs?.reduce(0) { $0 + $1.rowsRejected } ?? 0)
    }
    /// Rows skipped by design (``StageManifest/Input/rowsSkipped``) in the exports the night started from.
    public var rowsSkipped: Int { manifest.sourceInputs.reduce(0) { $0 + $1.rowsSkipped } }
    /// Wall seconds of the whole stage.
    public var seconds: Double { manifest.timings["total_seconds"] ?? 0 }
}
