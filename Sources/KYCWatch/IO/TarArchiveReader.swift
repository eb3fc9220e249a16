/// Reads a POSIX ustar archive entry by entry from a file or standard input, in one pass.
///
/// Memory stays constant: an entry's content is copied through a fixed buffer to its destination.
public final class TarArchiveReader {
    /// The archive as the user named it (`-` for standard input).
    public var path: String { input.path }

    private let input: FileInput
    private var pending: TarHeader?
    private var offset = 0
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 1)

    /// Opens `path` (`-` for standard input).
    public init(path: String) throws(KYCWatchError) {
        input = try FileInput(path: path)
    }

    deinit { buffer.deallocate() }

    /// The next entry's name and size, or nil at the end of the archive.
    ///
    /// Call ``copyEntry(to:)`` before asking for the next one.
    public func nextEntry() throws(KYCWatchError) -> (name: String, size: Int)? {
        precondition(pending == nil, "copy the current entry before reading the next")
        let block = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<TarHeader.blockSize])
        let location = SourceLocation(file: path, byteOffset: offset)
        let count = try input.read(into: block)
        offset += count
        if count == 0 {
            throw KYCWatchError(
                .stageStream,
                "the stream ended before the archive's end marker: the sending stage failed or was cut off",
                at: location)
        }
        guard count == TarHeader.blockSize else {
            throw KYCWatchError(.stageStream, "the stream ends inside a tar header", at: location)
        }
        guard let header = try TarHeader.decode(UnsafeRawBufferPointer(block), at: location) else { return nil }
        pending = header
        return (header.name, header.size)
    }

    /// Copies the current entry's content to `destination` (which is not finished).
    public func copyEntry(to destination: any ByteWriter) throws(KYCWatchError) {
        guard let header = pending else { preconditionFailure("no entry to copy") }
        pending = nil
        var remaining = header.size + TarHeader.padding(after: header.size)
        var content = header.size
        while remaining > 0 {
            let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(buffer.count, remaining)])
            let count = try input.read(into: chunk)
            guard count == chunk.count else {
                throw KYCWatchError(
                    .stageStream,
                    "the stream ends inside entry '\(header.name)' (\(header.size) bytes announced): "
                        + "the sending stage failed or was cut off",
                    at: SourceLocation(file: path, byteOffset: offset + count))
            }
            offset += count
            remaining -= count
            let useful = min(count, content)
            if useful > 0 {
                try destination.write(UnsafeRawBufferPointer(rebasing: chunk[0..<useful]))
                content -= useful
            }
        }
    }
}
