import ArgumentParser
import KYCWatch

/// `kycwatch sample`: writes the deterministic synthetic world used by tests and demos.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Generate the synthetic SampleData world (exports plus ground truth), deterministically.",
        discussion: """
            The same seed gives byte-identical files on every machine. The world holds ordinary \
            customers and the situations the rules exist for; ground-truth.json lists them.

            Example:
              kycwatch sample --out SampleData
            """
    )

    @Option(help: "The seed.")
    var seed: UInt64 = SampleWorld.defaultSeed

    @Option(help: "The folder to write.")
    var out: String

    @Flag(help: "A small world (300 accounts) for quick experiments.")
    var small = false

    func validate() throws {
        try SingleValueOption.refuseRepeats(of: ["seed", "out"])
    }

    func run() throws {
        let truth = try CommandFailure.run {
            try SampleWorld.generate(seed: seed, into: out, scale: small ? .small : .full)
        }
        for file in truth.files {
            print("\(out)/\(file.name): \(file.rows) rows")
        }
    }
}
