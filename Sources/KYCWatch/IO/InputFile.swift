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
                "input is \(name)-compressed; kycwatch reads zstd or plain CSV (recompress with: "
                    + recompression(of: path, format: name) + ")",
                at: SourceLocation(file: path, byteOffset: 0))
        }
    }

    /// The shell line that turns the `format`-compressed file at `path` into a zstd file beside it:
    /// decompressed first, since zstd would otherwise wrap the compressed bytes as they are.
    static func recompression(of path: String, format: String) -> String {
        let (decompress, suffixes) =
            switch format {
            case "gzip": ("gzip -dc", [".gz", ".gzip"])
            case "xz": ("xz -dc", [".xz"])
            case "bzip2": ("bzip2 -dc", [".bz2", ".bzip2"])
            default: ("unzip -p", [".zip"])
            }
        let named = path == "-" ? "FILE" : path
        var target = named
        if let suffix = suffixes.first(where: { target.lowercased().hasSuffix($0) }) {
            target.removeLast(suffix.count)
        }
        return "\(decompress) \(shellQuoted(named)) | zstd -o \(shellQuoted(target + ".zst"))"
    }

    /// `text` as one shell word: as it is when it holds no special character, else in single quotes.
    private static func shellQuoted(_ text: String) -> String {
        let plain = text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || "/._-+,:@%=".utf8.contains(byte)
        }
        return plain && !text.isEmpty
            ? text : "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
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
