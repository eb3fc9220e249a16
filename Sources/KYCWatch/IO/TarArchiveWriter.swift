import Glibc

/// Writes regular files as a POSIX ustar archive, so a folder of outputs travels as one stream.
///
/// Entries carry no owner and a zero modification time, so the same files give the same bytes.
public final class TarArchiveWriter {
    /// Where the archive goes.
    public let destination: any ByteWriter

    /// Creates a writer on `destination` (for example `OutputFile(path: "-")`).
    public init(destination: any ByteWriter) {
        self.destination = destination
    }

    /// Appends the file at `path` under the entry name `name` (at most 99 bytes, no folders).
    public func append(file path: String, as name: String) throws(KYCWatchError) {
        let input = try FileInput(path: path)
        let size = try fileSize(path)
        try destination.write(try TarHeader(name: name, size: size).encoded())
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 1)
        defer { buffer.deallocate() }
        var copied = 0
        while true {
            let count = try input.read(into: buffer)
            if count == 0 { break }
            copied += count
            try destination.write(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        guard copied == size else {
            throw KYCWatchError(
                .readFailed, "changed while being sent: \(size) bytes expected, \(copied) read",
                at: SourceLocation(file: path))
        }
        try writeZeros(TarHeader.padding(after: size))
    }

    /// Ends the archive with its two zero blocks and finishes the destination.
    public func finish() throws(KYCWatchError) {
        try writeZeros(2 * TarHeader.blockSize)
        try destination.finish()
    }

    private func writeZeros(_ count: Int) throws(KYCWatchError) {
        guard count > 0 else { return }
        try destination.write([UInt8](repeating: 0, count: count))
    }

    private func fileSize(_ path: String) throws(KYCWatchError) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw KYCWatchError(
                .fileUnreadable, "cannot read its size: \(systemErrorDescription(errno))",
                at: SourceLocation(file: path))
        }
        return Int(info.st_size)
    }
}
