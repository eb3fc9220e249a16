import Foundation

/// A stage's output folder as one stream on a pipe, so stages chain without shared folders:
/// `kycwatch normalize … --out - | kycwatch detect --in - --out night/`.
///
/// The stream is a POSIX tar archive (readable with `tar -t`) of the canonical files, in the
/// order a later stage reads them, then the rejects and the manifest. Files keep their zstd
/// compression inside the archive.
public enum StageStream {
    /// The entries a stream may hold, in the order they are sent.
    public static let entryNames = [
        "accounts.csv.zst", "usage.csv.zst", "access.csv.zst", "rejects.csv.zst", "manifest.json",
    ]

    /// Sends the stage outputs found in `folder` to `path` (`-` for standard output).
    public static func send(folder: String, to path: String = "-") throws(KYCWatchError) {
        let archive = TarArchiveWriter(destination: try OutputFile(path: path))
        for name in entryNames where FileManager.default.fileExists(atPath: "\(folder)/\(name)") {
            try archive.append(file: "\(folder)/\(name)", as: name)
        }
        try archive.finish()
    }

    /// Receives a stream from `path` (`-` for standard input) into `folder`; returns the entry names.
    ///
    /// Every entry must be one of ``entryNames``, at most once, so a stream cannot write elsewhere.
    public static func receive(from path: String = "-", into folder: String) throws(KYCWatchError) -> [String] {
        let archive = try TarArchiveReader(path: path)
        var received: [String] = []
        while let entry = try archive.nextEntry() {
            let location = SourceLocation(file: path)
            guard entryNames.contains(entry.name) else {
                throw KYCWatchError(
                    .stageStream,
                    "unexpected entry '\(entry.name)'; a stage stream holds only \(entryNames.joined(separator: ", "))",
                    at: location)
            }
            guard !received.contains(entry.name) else {
                throw KYCWatchError(.stageStream, "entry '\(entry.name)' appears twice", at: location)
            }
            let file = try OutputFile(path: "\(folder)/\(entry.name)")
            try archive.copyEntry(to: file)
            try file.finish()
            received.append(entry.name)
        }
        guard !received.isEmpty else {
            throw KYCWatchError(.stageStream, "the stage stream holds no files", at: SourceLocation(file: path))
        }
        return received
    }

    /// A new empty folder under the temporary directory, for a stream's files.
    public static func temporaryFolder() throws(KYCWatchError) -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array("\(base)/kycwatch-stage.XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw KYCWatchError(
                .writeFailed, "cannot create a temporary folder in \(base) (set TMPDIR to a writable folder)",
                at: SourceLocation(file: base))
        }
        return String(cString: made)
    }
}

extension KYCWatchError.Code {
    /// A stage stream (`--in -`) that is not a complete kycwatch stage archive.
    public static let stageStream = KYCWatchError.Code("input.stage-stream", kind: .input)
}
