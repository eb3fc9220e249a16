/// Reads an uncompressed file, handing out its bytes unchanged.
public final class PlainReader: ByteReader {
    public var path: String { file.path }
    public var format: InputFormat { .plain }
    public var storedBytesRead: Int { file.bytesRead - (prefix.count - prefixOffset) }
    public private(set) var bytesProduced = 0

    private let file: FileInput
    private let prefix: [UInt8]
    private var prefixOffset = 0

    /// Wraps an open file whose first bytes (`prefix`) were already read to detect its format.
    init(file: FileInput, prefix: [UInt8]) {
        self.file = file
        self.prefix = prefix
    }

    public func storedSHA256() -> String { file.digestHex() }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(KYCWatchError) -> Int {
        guard buffer.count > 0 else { return 0 }
        if prefixOffset < prefix.count {
            let n = min(buffer.count, prefix.count - prefixOffset)
            prefix.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + prefixOffset, byteCount: n)
            }
            prefixOffset += n
            bytesProduced += n
            return n
        }
        let n = try file.read(into: buffer)
        bytesProduced += n
        return n
    }
}
