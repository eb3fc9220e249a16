import Foundation
import Testing

@testable import KYCWatch

/// A signal and the manifest that finishes a stage's folder: whichever comes first decides, so the
/// exit status always says what is in the folder.
@Suite("The manifest gate between a signal and the manifest")
struct ManifestGateTests {
    @Test("a stop before the manifest keeps it from being written, and stops the stage")
    func stopFirst() {
        let gate = ManifestGate()
        var stopped = false
        #expect(gate.stop { stopped = true })
        #expect(stopped)
        #expect(gate.current == .stopped)
        var written = false
        #expect(throws: KYCWatchError.self) { try gate.place { written = true } }
        #expect(!written)
        #expect(gate.current == .stopped)
        // A second signal stops it still.
        #expect(gate.stop())
    }

    @Test("a stop once the manifest is in place is let pass, and changes nothing")
    func placedFirst() throws {
        let gate = ManifestGate()
        var written = false
        try gate.place { written = true }
        #expect(written)
        #expect(gate.current == .placed)
        var stopped = false
        #expect(!gate.stop { stopped = true })
        #expect(!stopped)
        #expect(gate.current == .placed)
    }

    @Test("a manifest that fails to be written is not in place: a stop afterwards stops the stage")
    func failedWrite() {
        let gate = ManifestGate()
        #expect(throws: KYCWatchError.self) {
            try gate.place { () throws(KYCWatchError) in throw KYCWatchError(.writeFailed, "disk full") }
        }
        #expect(gate.current == .running)
        #expect(gate.stop())
        #expect(gate.current == .stopped)
    }

    @Test("run places its manifest through the gate: a stop after the night is let pass")
    func runPlacesManifest() async throws {
        let folder = TemporaryFolder()
        var stage = try Self.stage(in: folder)
        let gate = ManifestGate()
        stage.manifestGate = gate
        _ = try await stage.run(stage: "run")
        #expect(FileManager.default.fileExists(atPath: folder.file("manifest.json")))
        #expect(gate.current == .placed)
        #expect(!gate.stop())
    }

    @Test("run stopped before its manifest writes none, so the folder is no finished night")
    func runStoppedWritesNoManifest() async throws {
        let folder = TemporaryFolder()
        var stage = try Self.stage(in: folder)
        let gate = ManifestGate()
        #expect(gate.stop())
        stage.manifestGate = gate
        await #expect(throws: KYCWatchError.self) { _ = try await stage.run(stage: "run") }
        #expect(!FileManager.default.fileExists(atPath: folder.file("manifest.json")))
    }

    @Test("normalize places its manifest through the gate, and writes none once stopped")
    func normalize() throws {
        var configuration = try PipelineConfiguration.load(path: RepositoryPaths.root + "/Pipelines/nightly.yaml")
        let placed = TemporaryFolder()
        configuration.outputFolder = placed.path
        var stage = try NormalizeStage(configuration: configuration)
        let gate = ManifestGate()
        stage.manifestGate = gate
        try stage.run()
        #expect(gate.current == .placed)
        #expect(FileManager.default.fileExists(atPath: placed.file("manifest.json")))

        let stopped = TemporaryFolder()
        configuration.outputFolder = stopped.path
        stage = try NormalizeStage(configuration: configuration)
        let stoppedGate = ManifestGate()
        #expect(stoppedGate.stop())
        stage.manifestGate = stoppedGate
        #expect(throws: KYCWatchError.self) { try stage.run() }
        #expect(!FileManager.default.fileExists(atPath: stopped.file("manifest.json")))
    }

    /// The nightly pipeline on SampleData, writing into `folder`.
    static func stage(in folder: TemporaryFolder) throws -> DetectStage {
        var configuration = try PipelineConfiguration.load(path: RepositoryPaths.root + "/Pipelines/nightly.yaml")
        configuration.outputFolder = folder.path
        return DetectStage(configuration: configuration, runDate: "2026-11-28", shards: 2)
    }
}
