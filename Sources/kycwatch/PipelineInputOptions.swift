import ArgumentParser
import KYCWatch

/// A pipeline file, or inputs named by flags, plus an output folder override.
struct PipelineInputOptions: ParsableArguments {
    @Argument(help: "The pipeline file (YAML). Optional when inputs are named with flags.")
    var pipeline: String?

    @Option(help: "An accounts export (kycwatch format); repeat it to read several files.")
    var accounts: [String] = []

    @Option(help: "A usage export; repeat it to read several files (--usage part1.csv --usage part2.csv).")
    var usage: [String] = []

    @Option(
        help: ArgumentHelp(
            "The layout of the usage exports named by --usage: kycwatch, focus-1.0 or slurm-sacct.",
            discussion: "Default: kycwatch. One layout for every --usage file; a pipeline file sets it per input."))
    var usageFormat: String?

    @Option(help: "An access export (kycwatch format); repeat it to read several files.")
    var access: [String] = []

    @Option(
        help: ArgumentHelp(
            "The field delimiter of the inputs named by flags: a single character, or `tab`.",
            discussion: "Default: each format's own (`,`; `|` for slurm-sacct). A pipeline file sets it per input."))
    var delimiter: String?

    // Taken whatever it looks like: a negative offset (-05:00) would read as an option otherwise.
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "The time zone of timestamps written without an offset, in the inputs named by flags.",
            discussion: "UTC, an offset (+02:00, -05:00) or a zone name (America/Chicago). Default: UTC. sacct "
                + "writes the cluster's local time without an offset: name the cluster's zone. A pipeline file "
                + "sets `time_zone:` per input."))
    var timeZone: String?

    @Option(
        help: ArgumentHelp(
            "Reference catalogue folder (accelerators.csv, instance_types.csv, countries.csv).",
            discussion: "Overrides the catalogues of a pipeline file. Default: $KYCWATCH_REFERENCE, else "
                + "Pipelines/reference in the working folder, else the one installed with kycwatch."))
    var reference: String?

    @Option(help: "Output folder (overrides the pipeline file's).")
    var out: String?

    @OptionGroup var limits: DecompressionLimitOptions

    /// The options of this group that take one value.
    static let singleValued = ["usage-format", "delimiter", "time-zone", "reference", "out"]

    /// Whether any input is named by a flag.
    private var namesInputs: Bool { !(accounts.isEmpty && usage.isEmpty && access.isEmpty) }

    func validate() throws {
        try SingleValueOption.refuseRepeats(of: Self.singleValued)
        try SingleValueOption.refuseEmpty(
            [("usage-format", usageFormat), ("reference", reference), ("out", out)]
                + accounts.map { ("accounts", $0) } + usage.map { ("usage", $0) } + access.map { ("access", $0) })
        if (accounts + usage + access).filter({ $0 == "-" }).count > 1 {
            throw ValidationError("only one input can be read from standard input (-); name files for the others")
        }
        for (option, paths) in [("accounts", accounts), ("usage", usage), ("access", access)] {
            // However it is spelt: `u.csv` and `./u.csv`, or a link to it.
            if let path = paths.enumerated().first(where: { entry in
                paths[..<entry.offset].contains { PipelineConfiguration.sameFile($0, entry.element) }
            })?.element {
                throw ValidationError("--\(option) names \(path) twice: each file is read once, so name it once")
            }
        }
        // Both apply to inputs named by flags only; ignored, they would leave a pipeline file's inputs
        // read otherwise than the command line says.
        if delimiter != nil, !namesInputs {
            throw ValidationError(
                "--delimiter applies only to inputs named by flags (--accounts, --usage, --access); "
                    + "set `delimiter:` for an input in the pipeline file instead")
        }
        // Taken unconditionally, the value may be the option that follows a --time-zone left without one.
        if let timeZone, timeZone.hasPrefix("--") {
            throw ValidationError(
                "--time-zone needs a value before \(timeZone): UTC, an offset (+02:00, -05:00) or a zone name "
                    + "(America/Chicago)")
        }
        if timeZone != nil, !namesInputs {
            throw ValidationError(
                "--time-zone applies only to inputs named by flags (--accounts, --usage, --access); "
                    + "set `time_zone:` for an input in the pipeline file instead")
        }
        if let timeZone, (try? TimestampParser(naiveTimeZone: timeZone)) == nil {
            throw ValidationError(
                "--time-zone '\(timeZone)' is not UTC, an offset (+02:00, -05:00) or a zone name (America/Chicago)")
        }
        if usageFormat != nil, usage.isEmpty {
            throw ValidationError(
                "--usage-format applies only to the usage export named by --usage; "
                    + "set `format:` for an input in the pipeline file instead")
        }
    }

    /// The configuration from the pipeline file, with flags added or overriding; errors are reported
    /// in `format`. `writes`: whether the command writes outputs, so that flags alone need `--out`.
    func configuration(format: LogFormat = .text, writes: Bool = true) throws -> PipelineConfiguration {
        var configuration: PipelineConfiguration
        if let pipeline {
            configuration = try CommandFailure.run(format: format) { try PipelineConfiguration.load(path: pipeline) }
        } else {
            guard namesInputs else {
                throw ValidationError("name a pipeline file, or inputs with --accounts, --usage or --access")
            }
            guard out != nil || !writes else {
                throw ValidationError("--out is required when no pipeline file is given")
            }
            configuration = PipelineConfiguration.flags(
                reference: ReferenceFolder.resolve(reference), outputFolder: ".")
        }
        guard let layout = InputLayout(rawValue: usageFormat ?? InputLayout.kycwatch.rawValue) else {
            throw ValidationError(
                "--usage-format must be one of \(InputLayout.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let byte = try delimiter.map(DelimiterOption.parse)
        let zone = timeZone ?? "UTC"
        // Several files of one kind are one input of several paths, as a pipeline file's glob makes.
        if !accounts.isEmpty {
            configuration.inputs.append(
                InputSpecification(kind: .accounts, paths: accounts, delimiter: byte, timeZone: zone))
        }
        if !usage.isEmpty {
            configuration.inputs.append(
                InputSpecification(kind: .usage, paths: usage, layout: layout, delimiter: byte, timeZone: zone))
        }
        if !access.isEmpty {
            configuration.inputs.append(
                InputSpecification(kind: .access, paths: access, delimiter: byte, timeZone: zone))
        }
        if let out { configuration.outputFolder = PipelineConfiguration.resolve(out, against: ".") }
        configuration.decompressionLimits = limits.limits
        if pipeline != nil, let reference { configuration.reference.useCatalogues(in: reference) }
        return configuration
    }
}
