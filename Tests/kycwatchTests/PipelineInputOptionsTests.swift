import ArgumentParser
import KYCWatch
import Testing

@testable import kycwatch

@Suite("Input options of run, normalize and validate")
struct PipelineInputOptionsTests {
    @Test("every file an input option names is read, as one input of several files")
    func repeatedInputOptions() throws {
        let options = try PipelineInputOptions.parse([
            "--accounts", "a.csv", "--usage", "u-1.csv", "--usage", "u-2.csv", "--usage", "u-3.csv", "--access",
            "x-1.csv", "--access", "x-2.csv", "--usage-format", "slurm-sacct", "--out", "night",
        ])
        let inputs = try options.configuration().inputs
        #expect(inputs.map(\.kind) == [.accounts, .usage, .access])
        #expect(inputs.map(\.paths) == [["a.csv"], ["u-1.csv", "u-2.csv", "u-3.csv"], ["x-1.csv", "x-2.csv"]])
        #expect(inputs[1].layout == .slurm)
    }

    @Test(
        "a file one input option names twice is refused",
        arguments: [["--usage", "u.csv", "--usage", "u.csv"], ["--accounts", "a.csv", "--accounts", "a.csv"]])
    func sameFileTwice(arguments: [String]) throws {
        #expect(throws: (any Error).self) { try PipelineInputOptions.parse(arguments + ["--out", "night"]) }
    }

    @Test(
        "an option that takes one value is refused when given twice, naming the values",
        arguments: [
            (["kycwatch", "run", "--out", "a", "--usage", "u.csv", "--out", "b"], "--out is given 2 times ('a', 'b')"),
            (["kycwatch", "run", "--out=a", "--out", "b"], "--out is given 2 times ('a', 'b')"),
            (
                ["kycwatch", "normalize", "--usage-format", "focus-1.0", "--usage-format=slurm-sacct"],
                "--usage-format is given 2 times ('focus-1.0', 'slurm-sacct')"
            ),
        ])
    func singleValueRepeated(arguments: [String], words: String) throws {
        let error = #expect(throws: ValidationError.self) {
            try SingleValueOption.refuseRepeats(of: PipelineInputOptions.singleValued, in: arguments)
        }
        #expect(error?.message.contains(words) == true, "\(String(describing: error))")
    }

    @Test(
        "an option given once, a repeatable one, or a word after -- is no repeat",
        arguments: [
            ["kycwatch", "run", "--out", "a", "--usage", "u-1.csv", "--usage", "u-2.csv"],
            ["kycwatch", "run", "--out", "a", "--", "--out"],
            ["kycwatch", "run", "--outside", "a", "--out", "b"],
        ])
    func noRepeat(arguments: [String]) throws {
        try SingleValueOption.refuseRepeats(of: PipelineInputOptions.singleValued, in: arguments)
    }
}
