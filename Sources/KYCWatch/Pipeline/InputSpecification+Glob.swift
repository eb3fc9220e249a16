import Foundation
import Glibc

extension InputSpecification {
    /// Whether a pipeline file's `path:` is a glob: it holds `*`, `?` or `[`.
    static func isGlob(_ path: String) -> Bool {
        path.contains { "*?[".contains($0) }
    }

    /// The input with the files its ``glob`` matches now in ``paths``, sorted; when none does, the glob
    /// itself, which reading reports as an input missing (``missingGlobError(path:label:)``). An input
    /// without a glob is returned as it is.
    public func matchingGlob() -> InputSpecification {
        guard let glob else { return self }
        var matches = glob_t()
        defer { globfree(&matches) }
        var matched = self
        // POSIX glob has no pattern it refuses (a `[` left open is a character like any other): anything
        // but files found means none are.
        if Glibc.glob(glob, 0, nil, &matches) == 0 {
            matched.paths = (0..<Int(matches.gl_pathc)).compactMap {
                matches.gl_pathv[$0].map { String(cString: $0) }
            }.sorted()
        } else {
            matched.paths = [glob]
        }
        return matched
    }

    /// The error for reading `path` of this input, called `label`, when it is the ``glob`` that matched
    /// no file: the same as for a file named in the pipeline file that is not there (exit 66). Nil for
    /// any other path.
    func missingGlobError(path: String, label: String) -> KYCWatchError? {
        guard path == glob, !FileManager.default.fileExists(atPath: path) else { return nil }
        return KYCWatchError(
            .fileUnreadable, "cannot open for reading: no file matches this glob", at: SourceLocation(file: label))
    }
}
