import ArgumentParser
import Foundation
import KYCWatch

/// `kycwatch inspect FILE`: format, size, header, row count, sample rows and empty values per column.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe an export: storage format, size, header, row count, sample rows, empty values.",
        discussion: """
            Reads the whole file once. The format (zstd or plain) is detected from the file's first \
            bytes, not its name. Rows with bad quoting or a field count other than the header's are \
            counted and the first few listed, so one bad row does not hide the rest.

            Examples:
              kycwatch inspect SampleData/usage.csv.zst
              zstd -dc usage.csv.zst | kycwatch inspect -
              kycwatch inspect --json --sample 0 accounts.csv | jq .columns
            """
    )

    @Argument(help: "The export to read (`-` for standard input).")
    var file: String

    @Option(help: "How many leading rows to show.")
    var sample = 5

    @Option(help: "Field delimiter: a single character, or `tab`.")
    var delimiter = ","

    @Flag(help: "Print the profile as JSON.")
    var json = false

    @OptionGroup var limits: DecompressionLimitOptions

    func validate() throws {
        try SingleValueOption.refuseRepeats(of: ["sample", "delimiter"])
    }

    func run() throws {
        let profile = try CommandFailure.run {
            try ExportProfile.read(
                path: file, sampleRows: max(0, sample), delimiter: try DelimiterOption.parse(delimiter),
                limits: limits.limits)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            StandardOutput.write(try encoder.encode(profile))
            print()
        } else {
            print(profile.renderText(), terminator: "")
        }
    }
}
