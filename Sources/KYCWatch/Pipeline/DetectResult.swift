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
    /// Visible findings reported tonight at or above ``PipelineConfiguration/failOn``; 0 without it.
    public var failOnFindings: Int

    /// The exit status when inputs failed the reject policy (every output is still written).
    public static let rejectPolicyStatus: Int32 = 3
    /// The exit status when `--fail-on` finds a visible finding at or above its severity (every
    /// output written). Distinct from 3 and from the sysexits codes of errors.
    public static let failOnStatus: Int32 = 4

    /// Creates a result.
    public init(
        manifest: StageManifest, review: NightReview, reviewSummary: ReviewManifest,
        rejectPolicyError: KYCWatchError? = nil, failOnFindings: Int = 0
    ) {
        self.manifest = manifest
        self.review = review
        self.reviewSummary = reviewSummary
        self.rejectPolicyError = rejectPolicyError
        self.failOnFindings = failOnFindings
    }

    /// The night's exit status, as the manifest records it: 3 for the reject policy, else 4 for
    /// `--fail-on`, else 0.
    public var exitStatus: Int32 {
        Self.exitStatus(rejectPolicyFailed: rejectPolicyError != nil, failOnFindings: failOnFindings)
    }

    static func exitStatus(rejectPolicyFailed: Bool, failOnFindings: Int) -> Int32 {
        rejectPolicyFailed ? rejectPolicyStatus : failOnFindings > 0 ? failOnStatus : 0
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
