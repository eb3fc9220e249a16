import ArgumentParser
import Foundation
import KYCWatch

/// `kycwatch run`: normalize and detect in one process, no intermediate files.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the nightly job: read raw exports, normalize, run the rules, write findings.",
        discussion: """
            Writes findings.jsonl.zst (one JSON finding per line, sorted, byte-identical for the \
            same inputs, configuration, run date and version), report.html (for reviewers), \
            cases/ (a report draft per likely covered transaction), rejects.csv.zst and \
            manifest.json to the output folder. Rules run in parallel over account shards on all cores.

            Examples:
              kycwatch run Pipelines/nightly.yaml
              kycwatch run --accounts a.csv.zst --usage u.csv.zst --access x.csv.zst --out /tmp/night
            """
    )

    @OptionGroup var inputs: PipelineInputOptions
    @OptionGroup var detection: DetectionOptions

    func run() async throws {
        let configuration = try inputs.configuration()
        try await detection.execute(configuration: configuration, stage: "run")
    }
}

/// `kycwatch detect`: the rules over a normalize stage's output folder.
struct DetectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Run the rules over normalized files (the output folder of `kycwatch normalize`).",
        discussion: """
            Example:
              kycwatch normalize Pipelines/nightly.yaml --out /tmp/n && kycwatch detect --in /tmp/n --out /tmp/d
            """
    )

    @Option(name: .customLong("in"), help: "The normalize stage's output folder.")
    var input: String

    @Option(help: "Output folder.")
    var out: String

    @Option(help: "A pipeline file for reference data and rule parameters (its inputs are ignored).")
    var pipeline: String?

    @Option(help: "Reference catalogue folder, when no pipeline file is given.")
    var reference: String = "Pipelines/reference"

    @OptionGroup var detection: DetectionOptions

    func run() async throws {
        var base = PipelineConfiguration(
            file: "<flags>", inputs: [], reference: .bundled(in: reference), outputFolder: out)
        if let pipeline { base = try CommandFailure.run { try PipelineConfiguration.load(path: pipeline) } }
        var configuration = DetectStage.normalizedInputs(in: input, base: base)
        configuration.outputFolder = out
        guard !configuration.inputs.isEmpty else {
            throw ValidationError("no accounts.csv.zst, usage.csv.zst or access.csv.zst in \(input)")
        }
        try await detection.execute(configuration: configuration, stage: "detect")
    }
}

/// Options shared by `run` and `detect`.
struct DetectionOptions: ParsableArguments {
    @Option(help: "The run date (YYYY-MM-DD, UTC): the knowledge date of covered transactions. Default: today.")
    var runDate: String?

    @Option(help: "IP ranges to country (plain start,end,country CSV); overrides the pipeline file.")
    var ipRanges: String?

    @Option(help: "Anonymizer networks (network,kind CSV); overrides the pipeline file.")
    var anonymizers: String?

    func execute(configuration: PipelineConfiguration, stage stageName: String) async throws {
        var configuration = configuration
        if let ipRanges { configuration.reference.ipRanges = ipRanges }
        if let anonymizers { configuration.reference.anonymizers = anonymizers }
        let date = runDate ?? String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let stage = DetectStage(
            configuration: configuration, runDate: date, shards: ProcessInfo.processInfo.activeProcessorCount * 4)
        let manifest: StageManifest
        do {
            manifest = try await stage.run(stage: stageName)
        } catch {
            _ = try CommandFailure.run { throw error }
            return
        }
        let findings = manifest.outputs.first?.rows ?? 0
        print("\(findings) findings -> \(configuration.outputFolder)/findings.jsonl.zst")
        let drafts = manifest.outputs.filter { $0.path.hasSuffix(".md") }.count
        print("report -> \(configuration.outputFolder)/report.html, \(drafts) case drafts in cases/")
    }
}
