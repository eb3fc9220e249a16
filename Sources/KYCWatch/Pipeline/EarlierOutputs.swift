import Foundation

/// What an earlier stage left in an output folder, found by its manifest, read when tonight's stage
/// starts.
///
/// A folder used again by the same kind of stage (normalize after normalize; run or detect after run
/// or detect) is left holding what tonight wrote only: an earlier output tonight did not replace
/// (the accounts file of a night that had an accounts export, a rejects file under another name) is
/// removed, so no stale file stands beside tonight's under the new manifest. Outputs of another kind
/// of stage (a normalize stage's files in the folder detect writes to, which may be its inputs) are
/// kept, and reported for a warning.
///
/// The earlier manifest is withdrawn as soon as tonight's stage holds the folder
/// (``withdrawManifest()``): a stage that fails or is stopped before it finishes (an input missing, a
/// full disk, a scheduler's kill) leaves a folder without a manifest, which no later night and no
/// monitor takes for a finished one, rather than an earlier night's manifest vouching for a night
/// that did not finish, or for tonight's half-written files.
struct EarlierOutputs {
    /// What ``sweep(stage:written:)`` did.
    struct Sweep: Equatable {
        /// Files removed, relative to the folder.
        var removed: [String] = []
        /// Files of another kind of stage kept, relative to the folder, and that stage.
        var kept: [String] = []
        var keptStage: String?
    }

    /// The output folder.
    let folder: String
    /// The earlier stage's manifest; nil when the folder had none.
    private let earlier: StageManifest?

    /// Reads what an earlier stage wrote to `folder`.
    init(folder: String) {
        self.folder = folder
        let path = "\(folder)/manifest.json"
        earlier = FileManager.default.fileExists(atPath: path) ? try? StageManifest.read(path) : nil
    }

    /// Removes the earlier manifest, before tonight reads its first input or replaces any output.
    func withdrawManifest() throws(KYCWatchError) {
        let path = "\(folder)/manifest.json"
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw KYCWatchError(
                .writeFailed,
                "cannot remove the earlier run's manifest before writing over its outputs: \(error.localizedDescription)",
                at: SourceLocation(file: path))
        }
    }

    /// Sweeps the folder before `stage` writes its manifest there, given the outputs it `written`;
    /// nothing when the folder had no manifest of an earlier stage.
    func sweep(stage: String, written: [StageManifest.Output]) -> Sweep {
        guard let earlier else { return Sweep() }
        let tonight = Set(written.map { Self.relative($0.path) })
        let left = earlier.outputs.map { Self.relative($0.path) }.filter {
            !tonight.contains($0) && FileManager.default.fileExists(atPath: "\(folder)/\($0)")
        }
        guard !left.isEmpty else { return Sweep() }
        guard Self.family(earlier.stage) == Self.family(stage) else {
            return Sweep(kept: left.sorted(), keptStage: earlier.stage)
        }
        var sweep = Sweep()
        for file in left.sorted() where (try? FileManager.default.removeItem(atPath: "\(folder)/\(file)")) != nil {
            sweep.removed.append(file)
        }
        return sweep
    }

    /// A manifest's output path relative to its folder: outputs are files of the folder or of its `cases/`.
    private static func relative(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent().lastPathComponent
        return parent == "cases" ? "cases/\(url.lastPathComponent)" : url.lastPathComponent
    }

    /// Stages that write the same kind of outputs.
    private static func family(_ stage: String) -> String {
        stage == "normalize" ? "normalize" : "findings"
    }
}
