/// How far a stage has got, for a progress display; reported from batch loops, never per row.
public enum StageProgress: Sendable {
    /// A step began: `read`, `rules` or `write`.
    case started(step: String)
    /// A batch of `file` was read: its data rows and stored (compressed) bytes read so far.
    case reading(file: String, rows: Int, storedBytes: Int)
    /// The stage is done; a display clears itself.
    case finished
}
