/// A source of decompressed bytes: a plain file, a zstd stream, or standard input.
///
/// Readers are single-owner and not `Sendable`: one task pulls from one reader.
public protocol ByteReader: AnyObject {
    /// The path as the user named it (`-` for standard input), for messages.
    var path: String { get }
    /// How the bytes are stored.
    var format: InputFormat { get }
    /// Bytes read from the file as stored so far.
    var storedBytesRead: Int { get }
    /// Decompressed bytes handed out so far.
    var bytesProduced: Int { get }
    /// SHA-256 (hex) of the stored bytes read so far: the file's digest once read to the end.
    func storedSHA256() -> String
    /// Reads up to `buffer.count` bytes; returns 0 only at the end of the input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(KYCWatchError) -> Int
}

/// How an input file is stored, decided by its leading bytes rather than its name.
public enum InputFormat: String, Sendable {
    /// Uncompressed text.
    case plain
    /// One or more zstd frames (skippable frames allowed).
    case zstd
}
