import ArgumentParser
import Foundation
import KYCWatch

/// `kycwatch run`: normalize and detect in one process, no intermediate files.
struct RunCommand: AsyncParsableCommand, LoggingCommand, SummaryLineCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the nightly job: read raw exports, normalize, run the rules, write findings.",
        discussion: """
            Writes findings.jsonl.zst (one JSON finding per line, sorted, byte-identical for the \
            same inputs, configuration, run date and version), suppressed.jsonl.zst, \
            resolved-covered.jsonl.zst (covered transactions gone, for the next night), report.html \
            (for reviewers), cases/ (a report draft per likely covered transaction), rejects.csv.zst \
            and manifest.json to the output folder. Rules run in parallel over account shards on all \
            cores. With --previous, each finding is new or ongoing and last night's findings that are \
            gone come back as resolved (or unchecked, when tonight does not make the check that found \
            them: see --previous); a suppression file hides reviewed findings until they expire.

            Examples:
              kycwatch run Pipelines/nightly.yaml
              kycwatch run nightly.yaml --out out/$(date -u +%F) --previous out/$(date -u -d yesterday +%F)
              kycwatch run nightly.yaml --suppressions reviewed.yaml --fail-on critical
              kycwatch run nightly.yaml --log-format json 2>> kycwatch.log
              kycwatch run --accounts a.csv.zst --usage u.csv.zst --access x.csv.zst --out /tmp/night
              kycwatch run --accounts a.csv.zst --usage u-part1.csv.zst --usage u-part2.csv.zst --out /tmp/night

            \(KYCWatchCommand.exitStatuses)
            """
    )

    @OptionGroup var inputs: PipelineInputOptions
    @OptionGroup var detection: DetectionOptions

    var logFormat: LogFormat { detection.logFormat }

    func validate() throws {
        if inputs.out == "-" { throw ValidationError(DetectionOptions.noStreamOut) }
    }

    func run() async throws {
        let (logger, console) = detection.startLogging()
        let configuration = try inputs.configuration(format: detection.logFormat)
        try await detection.execute(configuration: configuration, stage: "run", logger: logger, console: console)
    }
}
