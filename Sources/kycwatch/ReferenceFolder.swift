import Foundation
import KYCWatch

/// Where the reference catalogues are when no pipeline file names them: `--reference`, else
/// `$KYCWATCH_REFERENCE`, else `Pipelines/reference` in the working folder, else the one that came
/// with the executable, so that kycwatch run from a scheduler's own folder still finds them.
enum ReferenceFolder {
    /// The folder the catalogues are read from, `given` (the `--reference` option) when set.
    static func resolve(_ given: String?) -> String {
        if let given { return given }
        if let named = ProcessInfo.processInfo.environment["KYCWATCH_REFERENCE"], !named.isEmpty { return named }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/countries.csv") } ?? local
    }

    /// The folder in the working folder, the default of the option's help.
    static let local = "Pipelines/reference"

    /// The working folder's, then an install's (`PREFIX/bin/kycwatch`, `PREFIX/share/kycwatch/reference`),
    /// then a build's in the repository (`.build/release/kycwatch` or `.build/TRIPLE/release/kycwatch`).
    private static var candidates: [String] {
        // The running executable itself: argv[0] is a bare name when found on PATH.
        let path =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let executable = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
        var folders = [local, executable.appendingPathComponent("../share/kycwatch/reference").standardized.path]
        for depth in 2...3 {
            var root = executable
            for _ in 0..<depth { root = root.deletingLastPathComponent() }
            folders.append(root.appendingPathComponent("Pipelines/reference").path)
        }
        return folders
    }
}
