extension OutputFile {
    /// Opens `path` for atomic writing, behind a zstd compressor when the name ends in `.zst`.
    public static func create(_ path: String, zstdLevel: Int32 = ZstdWriter.defaultLevel) throws(KYCWatchError)
        -> any ByteWriter
    {
        let file = try OutputFile(path: path)
        if path.hasSuffix(".zst") {
            return try ZstdWriter(destination: file, level: zstdLevel)
        }
        return file
    }
}
