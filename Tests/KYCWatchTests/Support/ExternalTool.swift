import Foundation

/// Runs a command-line tool (the `zstd` CLI, for example) and returns its exit status and output.
enum ExternalTool {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// Runs `arguments` through `env`; output goes through temporary files so no pipe can fill and block.
    static func run(_ arguments: [String]) throws -> Result {
        let scratch = TemporaryFolder()
        let outPath = scratch.write("stdout", [])
        let errPath = scratch.write("stderr", [])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: try Data(contentsOf: URL(fileURLWithPath: outPath)),
            stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self))
    }
}
