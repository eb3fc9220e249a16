/// Opens inputs for reading, choosing plain or zstd decoding by the file's leading bytes.
public enum InputFile {
    /// Opens `path` (`-` for standard input) as a stream of decompressed bytes.
    ///
    /// The format is decided by magic bytes, never by the file name, so a `.csv` that is really
    /// zstd, or a `.zst` that is plain, both read correctly.
    public static func open(_ path: String, limits: DecompressionLimits = .default) throws(KYCWatchError)
        -> any ByteReader
    {
        let file = try FileInput(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)
        defer { buffer.deallocate() }
        let count = try file.read(into: buffer)
        let prefix = [UInt8](buffer[0..<count])
        switch detect(prefix) {
        case .zstd:
            return try ZstdReader(file: file, prefix: prefix, limits: limits)
        case .plain:
            return PlainReader(file: file, prefix: prefix)
        case .other(let name):
            throw KYCWatchError(
                .unsupportedCompression,
                "input is \(name)-compressed; kycwatch reads zstd or plain CSV (recompress with: zstd FILE)",
                at: SourceLocation(file: path, byteOffset: 0))
        }
    }

    private enum Detected {
        case zstd, plain
        case other(String)
    }

    private static func detect(_ bytes: [UInt8]) -> Detected {
        guard bytes.count >= 4 else {
            // A zstd file cut inside its magic number (0xB5 starts no UTF-8 text): zstd reports it cut short.
            return bytes.count >= 2 && [0x28, 0xB5, 0x2F, 0xFD].starts(with: bytes) ? .zstd : .plain
        }
        let magic = UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
        if magic == 0xFD2F_B528 || (magic & 0xFFFF_FFF0) == 0x184D_2A50 {
            return .zstd
        }
        if bytes[0] == 0x1F, bytes[1] == 0x8B { return .other("gzip") }
        if bytes.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A]) { return .other("xz") }
        if bytes.starts(with: [0x42, 0x5A, 0x68]) { return .other("bzip2") }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .other("zip") }
        return .plain
    }
}
