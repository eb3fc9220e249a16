import Crypto
import Glibc

/// A file written atomically: bytes go to a temporary file in the same folder, which is flushed,
/// synced and renamed over the final name only by ``finish()``.
///
/// A crash or an error never leaves a half-written file under the final name; an unfinished
/// temporary file is removed when the writer is released. `-` writes to standard output instead.
public final class OutputFile: ByteWriter {
    /// The final path (`-` for standard output).
    public let path: String
    /// What errors call the file: `<stdout>` for `-`.
    private let label: String
    /// Bytes written so far.
    public private(set) var bytesWritten = 0
    /// SHA-256 of everything written, available after ``finish()``.
    public private(set) var sha256Hex: String?

    private let temporaryPath: String?
    private var fd: Int32
    private var hasher = SHA256()
    private var finished = false

    /// Creates the temporary file beside `path` (or prepares standard output for `-`).
    public init(path: String) throws(KYCWatchError) {
        self.path = path
        label = path == "-" ? "<stdout>" : path
        if path == "-" {
            temporaryPath = nil
            fd = STDOUT_FILENO
            return
        }
        let folder = OutputFile.folder(of: path)
        let name = String(path.split(separator: "/").last ?? Substring(path))
        var template = Array("\(folder)/.\(name)\(Self.temporaryMarker)XXXXXX".utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard opened >= 0 else {
            throw KYCWatchError(
                .writeFailed, "cannot create a file in \(folder): \(systemErrorDescription(errno))",
                at: SourceLocation(file: label))
        }
        fchmod(opened, 0o644)
        fd = opened
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// What a temporary file's name holds between the final name and mkstemp's six characters.
    private static let temporaryMarker = ".tmp-"

    /// Whether `name` is that of a temporary file made by this type: `.NAME.tmp-XXXXXX`.
    static func isTemporaryName(_ name: String) -> Bool {
        let tail = name.utf8.suffix(temporaryMarker.utf8.count + 6)
        return name.hasPrefix(".") && name.utf8.count > tail.count + 1
            && tail.starts(with: temporaryMarker.utf8)
    }

    deinit {
        if let temporaryPath, !finished {
            close(fd)
            unlink(temporaryPath)
        }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(KYCWatchError) {
        guard !finished else {
            throw KYCWatchError(.internalError, "write after finish", at: SourceLocation(file: label))
        }
        hasher.update(bufferPointer: bytes)
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw KYCWatchError(
                    .writeFailed, "write failed: \(systemErrorDescription(errno))", at: SourceLocation(file: label))
            }
            offset += n
        }
        bytesWritten += bytes.count
    }

    public func finish() throws(KYCWatchError) {
        guard !finished else { return }
        sha256Hex = hasher.finalize().hexString
        guard let temporaryPath else {
            finished = true
            return
        }
        if fsync(fd) != 0 {
            throw KYCWatchError(
                .writeFailed, "fsync failed: \(systemErrorDescription(errno))", at: SourceLocation(file: label))
        }
        if close(fd) != 0 {
            throw KYCWatchError(
                .writeFailed, "close failed: \(systemErrorDescription(errno))", at: SourceLocation(file: label))
        }
        finished = true
        if rename(temporaryPath, path) != 0 {
            let reason = systemErrorDescription(errno)
            unlink(temporaryPath)
            throw KYCWatchError(.writeFailed, "cannot rename into place: \(reason)", at: SourceLocation(file: label))
        }
        let folderFD = open(OutputFile.folder(of: path), O_RDONLY | O_DIRECTORY)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
    }

    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
