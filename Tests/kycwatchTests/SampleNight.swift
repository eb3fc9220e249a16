import Foundation
import Testing

/// One `kycwatch run` of SampleData with a fixed run date, shared by the tests that read its outputs.
enum SampleNight {
    static let runDate = "2026-11-29"

    /// The output folder, made once per test process.
    static let folder: Result<String, SampleNightError> = {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kycwatch-night-\(UUID().uuidString)")
            .path
        do {
            let result = try KYCWatchBinary.run(["run", "Pipelines/nightly.yaml", "--out", out, "--run-date", runDate])
            guard result.status == 0 else { return .failure(SampleNightError(message: result.stderr)) }
            atexit {
                if case .success(let folder) = SampleNight.folder {
                    try? FileManager.default.removeItem(atPath: folder)
                }
            }
            return .success(out)
        } catch {
            return .failure(SampleNightError(message: "\(error)"))
        }
    }()

    struct SampleNightError: Error, CustomStringConvertible {
        var message: String
        var description: String { "kycwatch run on SampleData failed: \(message)" }
    }
}

/// Reference outputs under `Golden/`, reviewed like code.
///
/// To regenerate them after an intended change, run the tests with `KYCWATCH_UPDATE_GOLDEN=1`:
///
///     KYCWATCH_UPDATE_GOLDEN=1 swift test --filter kycwatchTests
///
/// and review the diff of `Tests/kycwatchTests/Golden` before committing it.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let updating = ProcessInfo.processInfo.environment["KYCWATCH_UPDATE_GOLDEN"] == "1"

    /// The message an update run fails with, so that it is never taken for a passing run.
    static let updatedMessage = "golden files updated: review the diff, then run again without KYCWATCH_UPDATE_GOLDEN"

    /// Compares `actual` with the golden file `name`, or writes it when updating.
    ///
    /// An update still records an issue: the run that wrote the files has checked nothing.
    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let url = folder.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("\(updatedMessage) (\(name))", sourceLocation: sourceLocation)
            return
        }
        let expected = try? String(contentsOf: url, encoding: .utf8)
        #expect(
            expected != nil, "missing golden file \(name); run with KYCWATCH_UPDATE_GOLDEN=1",
            sourceLocation: sourceLocation)
        guard let expected else { return }
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first =
                zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            Issue.record(
                """
                \(name) differs from the golden file at line \(first + 1) \
                (rerun with KYCWATCH_UPDATE_GOLDEN=1 to accept):
                  golden: \(first < expectedLines.count ? String(expectedLines[first]) : "<end>")
                  actual: \(first < actualLines.count ? String(actualLines[first]) : "<end>")
                """, sourceLocation: sourceLocation)
        }
    }

    /// Checks that the golden folder `subfolder` holds exactly the files `produced` (names inside it).
    ///
    /// When updating, the golden files the run no longer produces are deleted, and an issue is recorded.
    static func checkListing(
        of subfolder: String, against produced: Set<String>, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let url = folder.appendingPathComponent(subfolder)
        let present = Set((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
        let stale = present.subtracting(produced).sorted()
        guard !stale.isEmpty else { return }
        if updating {
            for name in stale { try FileManager.default.removeItem(at: url.appendingPathComponent(name)) }
            Issue.record(
                "\(updatedMessage) (removed from \(subfolder)/: \(stale.joined(separator: ", ")))",
                sourceLocation: sourceLocation)
            return
        }
        Issue.record(
            """
            golden \(subfolder)/ has files the run no longer writes: \(stale.joined(separator: ", ")) \
            (rerun with KYCWATCH_UPDATE_GOLDEN=1 to remove them)
            """, sourceLocation: sourceLocation)
    }
}
