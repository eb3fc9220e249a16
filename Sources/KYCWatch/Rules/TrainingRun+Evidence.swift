import Foundation

extension TrainingRun {
    /// `job train-7`, `cluster pg-7`, or `loose usage`.
    var label: String {
        switch basis {
        case .job: "job \(key ?? "")"
        case .cluster: "cluster \(key ?? "")"
        case .loose: "loose usage"
        }
    }

    var window: Finding.Window {
        Finding.Window(start: TimestampParser.format(first), end: TimestampParser.format(last))
    }

    /// `job train-7: 2026-06-01T00:00:00Z to 2026-07-01T00:00:00Z`, the run and its window, as
    /// `evidence.run_windows` of a covered transaction over several runs lists it: a later night
    /// tells by it whether a run of the same label is the same training or a later one.
    var labelledWindow: String { "\(label): \(window.start) to \(window.end)" }

    /// The model with most accelerator-hours.
    var mainModel: String? {
        acceleratorHoursByModel.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    /// `B200`, or for a run of several models `accelerators (A10G, H100-SXM5-80GB)`.
    var acceleratorsText: String {
        guard acceleratorHoursByModel.count > 1 else { return mainModel ?? "accelerators" }
        return "accelerators (\(acceleratorHoursByModel.keys.sorted().joined(separator: ", ")))"
    }

    /// "~1.9e26 operations (upper bound 3.8e26) on 16,384 B200 in cluster pg-7, 2026-06-04 to 2026-10-02, by a customer declared in CN (unverified)";
    /// the figures written on their own side of `threshold`; an account without a record read is
    /// described by `missingRecord` (``AccountEvidence/missingRecordPhrase``).
    func computeSentence(
        customer: AccountRecord?, threshold: Double, missingRecord: String = "missing from the accounts export"
    ) -> String {
        let who: String
        if let customer {
            let verified = customer.identityVerified.map { $0 ? "verified" : "unverified" } ?? "verification unknown"
            who = "a customer declared in \(customer.country) (\(verified))"
        } else {
            who = "an account \(missingRecord)"
        }
        return "~\(FigureFormat.scientific(expectedOperations, beside: threshold)) operations "
            + "(upper bound \(FigureFormat.scientific(upperBoundOperations, beside: threshold))) on "
            + "\(FigureFormat.grouped(peakConcurrentAccelerators)) \(acceleratorsText) in \(label), "
            + "\(window.days), by \(who)" + caveats
    }

    /// What a reader of the run's figures must know: `; 1,200 accelerator-hours of A10G not counted (no
    /// peak figure in the catalogue)`, `; its records overlap …`, or nothing.
    var caveats: String {
        Self.unratedClause(hours: unratedAcceleratorHours, models: unratedModels)
            + (overlapText.map { "; \($0)" } ?? "")
    }

    /// Whether records of one resource overlap (a resource metered twice, as by a daily and hourly lines
    /// of the same hours): in some hour more accelerators are in use than all the run's resources hold,
    /// or a resource was metered for more than it holds from its first record to its last (seen also
    /// while the run's other resources are idle).
    var hasOverlappingRecords: Bool {
        provisionedAccelerators > 0 && peakConcurrentAccelerators > provisionedAccelerators * (1 + 1e-9)
            || overlappingAcceleratorHours > 0
    }

    /// What the overlap means for the figures, in words; nil when there is none.
    var overlapText: String? {
        guard hasOverlappingRecords else { return nil }
        let seen =
            peakConcurrentAccelerators > provisionedAccelerators * (1 + 1e-9)
            ? "\(FigureFormat.grouped(peakConcurrentAccelerators)) accelerators at once on resources holding "
                + FigureFormat.grouped(provisionedAccelerators)
            : "records of one resource cover the same time: at least "
                + (overlappingAcceleratorHours >= 1
                    ? FigureFormat.grouped(overlappingAcceleratorHours)
                    : FigureFormat.decimal(overlappingAcceleratorHours)) + " accelerator-hours metered twice"
        return "its records overlap (\(seen)): hours metered twice are counted twice, so the figures are high"
    }

    /// The clause for `hours` of `models` without a peak figure, or nothing when there are none.
    static func unratedClause(hours: Double, models: [String]) -> String {
        guard hours > 0 else { return "" }
        return "; \(FigureFormat.grouped(hours)) accelerator-hours of \(models.joined(separator: ", ")) not counted"
            + " (no peak figure in the catalogue)"
    }

    var evidence: [String: EvidenceValue] {
        var evidence: [String: EvidenceValue] = [
            "run": .text(label),
            "clusters": .list(clusterIDs),
            "regions": .list(regions),
            "record_ids": .list(sampleRecordIDs),
            "records_total": .number(Double(records)),
            "resources": .number(Double(resources)),
            "accelerator_models": .list(acceleratorHoursByModel.keys.sorted()),
            "models_without_peak": .list(unratedModels),
            "utilization_basis": .text(
                meteredShare >= 0.999
                    ? "metered"
                    : meteredShare > 0 ? "partly metered, default elsewhere" : "not metered: default assumed"),
        ]
        if let overlapText { evidence["overlapping_records"] = .text(overlapText) }
        return evidence
    }

    /// About the day the run's expected operations reached `threshold`, read off its hourly profile
    /// with utilization taken as even over the run; nil when they do not pass it (a run at the
    /// threshold exactly has not crossed it), or for loose usage, which has no profile.
    ///
    /// Each hour weighs its accelerators' peak OP/s (``operationsProfile``) where the run mixes
    /// models, so an hour of H100 counts three of A100, as in the operations themselves.
    /// The knowledge date of a covered transaction is the night kycwatch saw it; this says how long
    /// before that night the run had crossed, for the reviewer weighing the deadline.
    func dayReaching(_ threshold: Double) -> String? {
        Self.dayReaching(threshold, together: [self])
    }

    /// About the day `runs` together reached `threshold`: each run's expected operations spread over
    /// its hours as ``dayReaching(_:)`` spreads them, added up hour by hour across the runs; nil when
    /// they do not pass it. A split covered transaction (one account's runs, a group's) crossed then.
    static func dayReaching(_ threshold: Double, together runs: [TrainingRun]) -> String? {
        guard threshold > 0, runs.reduce(0, { $0 + $1.expectedOperations }) > threshold else { return nil }
        var hours: [(hour: Int64, operations: Double)] = []
        for run in runs {
            let weights =
                run.operationsProfile.count == run.profile.count ? run.operationsProfile : run.profile.map(\.1)
            let total = weights.reduce(0, +)
            guard total > 0 else { continue }
            for (index, weight) in weights.enumerated() {
                hours.append((run.profile[index].0, weight / total * run.expectedOperations))
            }
        }
        guard let last = hours.map(\.hour).max() else { return nil }
        if runs.count > 1 { hours.sort { $0.hour < $1.hour } }
        var sum = 0.0
        for (hour, operations) in hours {
            sum += operations
            if sum >= threshold { return FigureFormat.day(hour) }
        }
        // The sum of the parts rounded just below the whole: the last hour passed it.
        return FigureFormat.day(last)
    }

    /// The run's evidence with the day it reached `threshold`, when it did.
    func evidence(threshold: Double) -> [String: EvidenceValue] {
        var evidence = evidence
        if let day = dayReaching(threshold) { evidence["threshold_reached_about"] = .text(day) }
        return evidence
    }

    /// Whether the run's peaks (accelerators in use at once, and their OP/s) were measured: they are
    /// read off its hourly profile, which loose usage does not get, so for it they are unknown, not 0.
    var hasMeasuredPeaks: Bool { basis != .loose }

    /// The run's figures; the peaks only where they were measured (``hasMeasuredPeaks``), egress and
    /// storage writes only where metered, so a figure never stands for what was not measured.
    func metrics(threshold: Double?) -> [String: Double] {
        var metrics: [String: Double] = [
            "accelerator_hours": acceleratorHours,
            "expected_operations": expectedOperations,
            "upper_bound_operations": upperBoundOperations,
            "days": days,
        ]
        // Egress and storage writes only where some record metered them: unmetered, they are unknown,
        // and a 0 would read as the little egress of a training run.
        if egressBytesPerAcceleratorHour != nil { metrics["egress_bytes"] = egressBytes }
        if storageWriteBytesPerAcceleratorHour != nil { metrics["storage_write_bytes"] = storageWriteBytes }
        if hasMeasuredPeaks {
            metrics["peak_concurrent_accelerators"] = peakConcurrentAccelerators
            metrics["peak_cluster_ops_per_second"] = peakOperationsPerSecond
        }
        if let meteredUtilization {
            // With the share of accelerator time metered, the expected figure can be rebuilt from the
            // finding alone: the metered utilization there, the default elsewhere.
            metrics["metered_utilization"] = meteredUtilization
            metrics["metered_share"] = meteredShare
        }
        if !unratedModels.isEmpty { metrics["accelerator_hours_without_peak"] = unratedAcceleratorHours }
        if let maxInterconnectGbps { metrics["interconnect_gbps"] = maxInterconnectGbps }
        if let threshold { metrics["threshold_operations"] = threshold }
        return metrics
    }
}
