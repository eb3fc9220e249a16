import Logging

/// The log records every stage writes the same way, so a log query reads `normalize`, `detect` and
/// `run` alike.
extension Logger {
    /// `input read` with the input's counts, and `rows rejected` with its reasons when it has any.
    func inputRead(_ input: StageManifest.Input) {
        info(
            "input read",
            metadata: [
                "file": "\(input.path)", "kind": "\(input.kind)", "rows": .stringConvertible(input.rowsIn),
                "accepted": .stringConvertible(input.rowsAccepted), "rejected": .stringConvertible(input.rowsRejected),
                "deduplicated": .stringConvertible(input.rowsDeduplicated),
                "skipped": .stringConvertible(input.rowsSkipped), "bytes": .stringConvertible(input.bytes),
            ])
        if input.rowsRejected > 0 {
            warning(
                "rows rejected",
                metadata: [
                    "file": "\(input.path)", "rejected": .stringConvertible(input.rowsRejected),
                    "reasons": .dictionary(input.rejectedByReason.mapValues { .stringConvertible($0) }),
                ])
        }
    }

    /// `output written` with the file's rows and bytes.
    package func outputWritten(_ output: StageManifest.Output) {
        info(
            "output written",
            metadata: [
                "file": "\(output.path)", "rows": .stringConvertible(output.rows),
                "bytes": .stringConvertible(output.bytes),
            ])
    }

    /// `step finished` with the step's seconds, the process's peak memory so far and `more`.
    func stepFinished(_ step: String, took duration: Duration, _ more: Logger.Metadata = [:]) {
        var metadata: Logger.Metadata = [
            "step": "\(step)", "seconds": .stringConvertible((duration.seconds * 1000).rounded() / 1000),
            "peak_rss_mb": ProcessMemory.peakResidentMB().map { .stringConvertible($0) } ?? "unknown",
        ]
        metadata.merge(more) { own, _ in own }
        info("step finished", metadata: metadata)
    }

    /// What sweeping the output folder of an earlier run's outputs removed, and what it kept.
    func earlierOutputs(_ sweep: EarlierOutputs.Sweep, in folder: String) {
        for file in sweep.removed { info("earlier output removed", metadata: ["file": "\(folder)/\(file)"]) }
        if !sweep.kept.isEmpty {
            warning(
                "the output folder also holds outputs of an earlier \(sweep.keptStage ?? "") stage, kept",
                metadata: ["folder": "\(folder)", "files": "\(sweep.kept.joined(separator: ","))"])
        }
    }
}
