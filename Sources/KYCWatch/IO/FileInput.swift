import Crypto
import Glibc

/// A file descriptor opened for reading, with the byte count for error offsets.
///
/// `-` means standard input, which is not closed.
final class FileInput {
    let path: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    private(set) var bytesRead = 0
    private var hasher = SHA256()

    init(path: String) throws(KYCWatchError) {
        self.path = path
        if path == "-" {
            fd = STDIN_FILENO
            ownsDescriptor = false
            return
        }
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else {
            throw KYCWatchError(
                .fileUnreadable, "cannot open for reading: \(systemErrorDescription(errno))",
                at: SourceLocation(file: path))
        }
        var info = stat()
        if fstat(opened, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(opened)
            throw KYCWatchError(.fileUnreadable, "is a directory, expected a file", at: SourceLocation(file: path))
        }
        fd = opened
        ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// The size in bytes of the file at `path` when it is a regular file; nil for `-` (standard
    /// input), pipes, devices and paths that cannot be read.
    static func size(of path: String) -> Int? {
        guard path != "-" else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Whether `path` is a stream that cannot be read a second time: `-` (standard input), a named
    /// pipe, a device such as `/dev/stdin`, a socket. A path that does not exist is no stream.
    static func isStream(_ path: String) -> Bool {
        guard path != "-" else { return true }
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type != S_IFREG && type != S_IFDIR
    }

    /// Reads until `buffer` is full or the file ends; returns the byte count (0 at end).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(KYCWatchError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let n = Glibc.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw KYCWatchError(
                    .readFailed, "read failed: \(systemErrorDescription(errno))",
                    at: SourceLocation(file: path, byteOffset: bytesRead + filled))
            }
            filled += n
        }
        bytesRead += filled
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
        return filled
    }

    /// SHA-256 of the file at `path` as stored, as hex.
    static func sha256(of path: String) throws(KYCWatchError) -> String {
        let file = try FileInput(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while try file.read(into: buffer) > 0 {}
        return file.digestHex()
    }

    /// SHA-256 of the bytes read so far, as hex (the whole file's once it has been read to the end).
    func digestHex() -> String {
        hasher.finalize().hexString
    }
}

extension Sequence<UInt8> {
    /// Lower-case hexadecimal, two digits a byte.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// The C library's text for an `errno` value.
func systemErrorDescription(_ code: Int32) -> String {
    String(cString: strerror(code))
}
