import Foundation

/// Whether a run's metering looks like one training job or like an inference fleet of the same
/// size, from seven signals each read against its threshold; computed once per run and read by the
/// shape, compute and covered-transaction rules alike.
///
/// A training run is co-located (one job or cluster, many accelerators together), keeps the same
/// nodes, runs steadily at high utilization on a fast interconnect, writes checkpoints and sends
/// little out. An inference fleet starts and stops small instances with the clock, at low
/// utilization, and its egress is its output.
public struct TrainingShape: Sendable, Hashable {
    /// What a signal says.
    public enum Reading: String, Sendable, Hashable {
        case training, inference
        /// Not metered, so the signal says nothing.
        case unknown = "not metered"
    }

    /// The overall judgement.
    public enum Verdict: String, Sendable, Hashable {
        case training = "training-shaped"
        case inference = "inference-shaped"
        case undetermined = "shape undetermined"
    }

    /// One signal: its name, the figure seen, the threshold and what it says.
    public struct Signal: Sendable, Hashable {
        /// `co-location`, `resource-turnover`, `utilization`, `steadiness`, `interconnect`,
        /// `checkpoint-writes` or `egress`.
        public var name: String
        public var figure: Double?
        public var threshold: Double
        public var reading: Reading
        /// `utilization 0.52 ≥ 0.30 mean metered: training`.
        public var text: String
    }

    /// The thresholds, read from TRS-001's parameters.
    public struct Thresholds: Sendable, Hashable {
        public var minColocatedAccelerators: Double
        public var maxResourceTurnover: Double
        public var minUtilization: Double
        public var minSteadyShare: Double
        public var minInterconnectGbps: Double
        public var minCheckpointBytesPerAcceleratorHour: Double
        public var maxEgressBytesPerAcceleratorHour: Double
        public var minTrainingSignals: Double
        public var minInferenceSignals: Double

        /// TRS-001's parameters from the pipeline file, else their defaults.
        public init(_ given: [String: [String: ParameterValue]]) {
            let rule = TrainingShapeRule()
            minColocatedAccelerators = rule.parameter("min_colocated_accelerators", in: given)
            maxResourceTurnover = rule.parameter("max_resource_turnover", in: given)
            minUtilization = rule.parameter("min_utilization", in: given)
            minSteadyShare = rule.parameter("min_steady_share", in: given)
            minInterconnectGbps = rule.parameter("min_interconnect_gbps", in: given)
            minCheckpointBytesPerAcceleratorHour = rule.parameter(
                "min_checkpoint_bytes_per_accelerator_hour", in: given)
            maxEgressBytesPerAcceleratorHour = rule.parameter("max_egress_bytes_per_accelerator_hour", in: given)
            minTrainingSignals = rule.parameter("min_training_signals", in: given)
            minInferenceSignals = rule.parameter("min_inference_signals", in: given)
        }
    }

    public var signals: [Signal]
    public var verdict: Verdict

    /// Signals that read training.
    public var trainingSignals: Int { signals.filter { $0.reading == .training }.count }
    /// Signals that read inference.
    public var inferenceSignals: Int { signals.filter { $0.reading == .inference }.count }

    /// Reads `run`'s shape against `thresholds`.
    ///
    /// Training-shaped: at least `minTrainingSignals` signals read training and at most one reads
    /// inference. Inference-shaped: at least `minInferenceSignals` read inference and more read
    /// inference than training. Anything else, mixed or mostly unmetered, is undetermined.
    public init(run: TrainingRun, thresholds: Thresholds) {
        var signals: [Signal] = []
        func add(
            _ name: String, _ figure: Double?, _ format: String, _ unit: String, _ threshold: Double,
            trainingAbove: Bool, inclusive: Bool = true
        ) {
            guard let figure else {
                signals.append(
                    Signal(
                        name: name, figure: nil, threshold: threshold, reading: .unknown,
                        text: "\(name): not metered"))
                return
            }
            let above = inclusive ? figure >= threshold : figure > threshold
            let reading: Reading = above == trainingAbove ? .training : .inference
            let relation =
                above ? (inclusive ? "≥" : ">") : (inclusive ? "<" : "≤")
            signals.append(
                Signal(
                    name: name, figure: figure, threshold: threshold, reading: reading,
                    text: "\(name) \(FigureFormat.written(figure, format, beside: threshold)) \(relation) "
                        + String(format: format, threshold)
                        + "\(unit): \(reading.rawValue)"))
        }
        add(
            "co-location", run.basis == .loose ? 0 : run.peakConcurrentAccelerators, "%.0f",
            " accelerators at once", thresholds.minColocatedAccelerators, trainingAbove: true)
        add(
            "resource-turnover",
            run.peakConcurrentAccelerators > 0 ? run.provisionedAccelerators / run.peakConcurrentAccelerators : nil,
            "%.2f", " (accelerators provisioned / peak)", thresholds.maxResourceTurnover, trainingAbove: false,
            inclusive: false)
        add(
            "utilization", run.meteredShare >= 0.5 ? run.meteredUtilization : nil, "%.2f", " mean metered",
            thresholds.minUtilization,
            trainingAbove: true)
        add(
            "steadiness",
            run.peakConcurrentAccelerators > 0
                ? run.acceleratorHours / run.spanHours / run.peakConcurrentAccelerators : nil, "%.2f",
            " (mean accelerators in use / peak)", thresholds.minSteadyShare, trainingAbove: true)
        add(
            "interconnect", run.maxInterconnectGbps, "%.0f", " Gbit/s", thresholds.minInterconnectGbps,
            trainingAbove: true,
            inclusive: false)
        add(
            "checkpoint-writes", run.storageWriteBytesPerAcceleratorHour, "%.3g",
            " storage bytes written per accelerator-hour", thresholds.minCheckpointBytesPerAcceleratorHour,
            trainingAbove: true)
        add(
            "egress", run.egressBytesPerAcceleratorHour, "%.3g", " bytes per accelerator-hour",
            thresholds.maxEgressBytesPerAcceleratorHour,
            trainingAbove: false, inclusive: false)
        self.signals = signals
        let training = signals.filter { $0.reading == .training }.count
        let inference = signals.filter { $0.reading == .inference }.count
        if Double(training) >= thresholds.minTrainingSignals && inference <= 1 {
            verdict = .training
        } else if Double(inference) >= thresholds.minInferenceSignals && inference > training {
            verdict = .inference
        } else {
            verdict = .undetermined
        }
    }

    /// `training-shaped (6 of 7 signals training, 0 inference)`.
    public var summary: String {
        "\(verdict.rawValue) (\(trainingSignals) of \(signals.count) signals training, \(inferenceSignals) inference)"
    }
}
