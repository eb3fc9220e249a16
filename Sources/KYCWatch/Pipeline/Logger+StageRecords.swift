import Logging

/// The log records every stage writes the same way, so a log query reads `normalize`, `detect` and
/// `run` alike.
extension Logger {
    /// `input read` with the input's counts, `rows rejected` with its reasons when it has any, and a
    /// warning naming the instance types the catalogue lacks that rows were taken to have no
    /// accelerators of (``StageManifest/Input/uncataloguedInstanceTypes``), and one counting the rows
    /// whose model or count contradicts their instance type.
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
        if let types = input.uncataloguedInstanceTypes, !types.isEmpty {
            let shown = 5
            let named =
                types.prefix(shown).map { "\($0.instanceType)=\($0.rows)" }.joined(separator: ",")
                + (types.count > shown ? ",… (\(types.count - shown) more in the manifest)" : "")
            let message =
                "instance types of accelerator families not in the catalogue, taken as holding no accelerators: add "
                + "any that carries GPUs to instance_types.csv (the catalogue --reference or the pipeline file's reference: names)"
            warning(
                "\(message)",
                metadata: [
                    "file": "\(input.path)",
                    "rows": .stringConvertible(input.flagged[UsageDeliveryCheck.uncataloguedInstanceTypeFlag] ?? 0),
                    "instance_types": "\(named)", "flag": "\(UsageDeliveryCheck.uncataloguedInstanceTypeFlag)",
                ])
        }
        if let rows = input.flagged[UsageDeliveryCheck.instanceTypeConflictFlag], rows > 0 {
            let message =
                "rows whose accelerator model or count contradicts their catalogued instance type, counted as written: "
                + "check the export's columns, or the catalogue's instance_types.csv"
            warning(
                "\(message)",
                metadata: [
                    "file": "\(input.path)", "rows": .stringConvertible(rows),
                    "flag": "\(UsageDeliveryCheck.instanceTypeConflictFlag)",
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
