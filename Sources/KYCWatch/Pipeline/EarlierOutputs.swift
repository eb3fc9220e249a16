import Foundation

/// What an earlier stage left in an output folder and tonight's stage did not write, found by the
/// earlier stage's manifest.
///
/// A folder used again by the same kind of stage (normalize after normalize; run or detect after run
/// or detect) is left holding what tonight wrote only: an earlier output tonight did not replace
/// (the accounts file of a night that had an accounts export, a rejects file under another name) is
/// removed, so no stale file stands beside tonight's under the new manifest. Outputs of another kind
/// of stage (a normalize stage's files in the folder detect writes to, which may be its inputs) are
/// kept, and reported for a warning.
enum EarlierOutputs {
    /// What ``sweep(folder:stage:written:)`` did.
    struct Sweep: Equatable {
        /// Files removed, relative to the folder.
        var removed: [String] = []
        /// Files of another kind of stage kept, relative to the folder, and that stage.
        var kept: [String] = []
        var keptStage: String?
    }

    /// Sweeps `folder` before `stage` writes its manifest there, given the outputs it `written`;
    /// nothing when the folder has no manifest of an earlier stage.
    static func sweep(folder: String, stage: String, written: [StageManifest.Output]) -> Sweep {
        let manifestPath = "\(folder)/manifest.json"
        guard FileManager.default.fileExists(atPath: manifestPath),
            let earlier = try? StageManifest.read(manifestPath)
        else { return Sweep() }
        let tonight = Set(written.map { relative($0.path) })
        let left = earlier.outputs.map { relative($0.path) }.filter {
            !tonight.contains($0) && FileManager.default.fileExists(atPath: "\(folder)/\($0)")
        }
        guard !left.isEmpty else { return Sweep() }
        guard family(earlier.stage) == family(stage) else {
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
