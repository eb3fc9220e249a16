internal import CZstd

/// Streams the decompressed content of a zstd file: any size, many frames, skippable frames,
/// constant memory.
///
/// Errors name the file and the compressed byte offset where decoding stopped; for damaged data in
/// a regular file, the block where the damage was found (``ZstdDamageLocator``).
public final class ZstdReader: ByteReader {
    public var path: String { file.path }
    public var format: InputFormat { .zstd }
    public private(set) var storedBytesRead = 0
    public private(set) var bytesProduced = 0
    /// Frames decoded to their end so far (skippable frames included).
    public private(set) var framesCompleted = 0

    private let file: FileInput
    private let limits: DecompressionLimits
    private let stream: OpaquePointer
    private let inputStorage: UnsafeMutableRawBufferPointer
    private var input: ZSTD_inBuffer
    private var pendingPrefix: [UInt8]
    private var endOfFile = false
    private var frameOpen = false
    /// Stored bytes consumed before the current input buffer, for error offsets.
    private var consumedBeforeBuffer = 0
    /// The stored offset where the frame being decoded starts.
    private var frameStart = 0

    /// Wraps an open file whose first bytes (`prefix`) were already read to detect its format.
    init(file: FileInput, prefix: [UInt8], limits: DecompressionLimits) throws(KYCWatchError) {
        guard let stream = ZSTD_createDStream() else {
            throw KYCWatchError(.internalError, "zstd could not allocate a decompression context")
        }
        self.file = file
        self.limits = limits
        self.stream = stream
        let capacity = max(ZSTD_DStreamInSize(), 1 << 20)
        inputStorage = .allocate(byteCount: capacity, alignment: 16)
        input = ZSTD_inBuffer(src: inputStorage.baseAddress, size: 0, pos: 0)
        pendingPrefix = prefix
    }

    deinit {
        ZSTD_freeDStream(stream)
        inputStorage.deallocate()
    }

    public func storedSHA256() -> String { file.digestHex() }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(KYCWatchError) -> Int {
        var output = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
        while output.pos < output.size {
            if input.pos == input.size, !endOfFile {
                try refill()
            }
            let inputDrained = input.pos == input.size
            if inputDrained, !frameOpen {
                break  // between frames at end of file
            }
            let producedBefore = output.pos
            let result = ZSTD_decompressStream(stream, &output, &input)
            storedBytesRead = consumedBeforeBuffer + input.pos
            if ZSTD_isError(result) != 0 {
                throw decodeError(result)
            }
            if result == 0 {
                framesCompleted += 1
                frameOpen = false
                frameStart = storedBytesRead
            } else {
                frameOpen = true
            }
            if inputDrained, endOfFile, output.pos == producedBefore, frameOpen {
                throw KYCWatchError(
                    .zstdTruncated,
                    "zstd stream ends in the middle of a frame: the file is truncated (was the copy or upload cut short?)",
                    at: SourceLocation(file: path, byteOffset: storedBytesRead))
            }
        }
        bytesProduced += output.pos
        try limits.check(produced: bytesProduced, consumed: storedBytesRead, path: path)
        return output.pos
    }

    private func refill() throws(KYCWatchError) {
        consumedBeforeBuffer += input.size
        var count = 0
        if !pendingPrefix.isEmpty {
            count = pendingPrefix.count
            pendingPrefix.withUnsafeBytes { inputStorage.copyMemory(from: $0) }
            pendingPrefix = []
        } else {
            count = try file.read(into: inputStorage)
        }
        input = ZSTD_inBuffer(src: inputStorage.baseAddress, size: count, pos: 0)
        if count == 0 { endOfFile = true }
    }

    private func decodeError(_ result: Int) -> KYCWatchError {
        let place = SourceLocation(file: path, byteOffset: storedBytesRead)
        let name = String(cString: ZSTD_getErrorName(result))
        switch ZSTD_getErrorCode(result) {
        case ZSTD_error_checksum_wrong:
            return damageError(.zstdChecksum, "zstd frame checksum mismatch")
        case ZSTD_error_prefix_unknown:
            return KYCWatchError(
                .zstdCorrupt,
                "not a zstd frame here (unknown magic bytes): the file is damaged or has trailing garbage",
                at: place)
        case ZSTD_error_frameParameter_windowTooLarge:
            return KYCWatchError(
                .zstdCorrupt,
                "zstd frame needs a window larger than 128 MiB (compressed with --long?); recompress without --long",
                at: place)
        default:
            return damageError(.zstdCorrupt, "zstd data is corrupt (\(name))")
        }
    }

    /// An error for damaged data found while decoding the current input buffer, placed at the
    /// damaged block when the file can be read again, else at the buffer with the frame it is in.
    private func damageError(_ code: KYCWatchError.Code, _ message: String) -> KYCWatchError {
        if let locator = ZstdDamageLocator(path: path) {
            defer { locator.close() }
            if let damage = locator.locate(frameStart: frameStart) {
                return KYCWatchError(
                    code, "\(message): \(damage.description)", at: SourceLocation(file: path, byteOffset: damage.offset)
                )
            }
        }
        let bufferEnd = consumedBeforeBuffer + input.size
        return KYCWatchError(
            code,
            "\(message): found decoding bytes \(storedBytesRead)–\(max(storedBytesRead, bufferEnd - 1)) of the zstd"
                + " frame that starts at byte \(frameStart)",
            at: SourceLocation(file: path, byteOffset: storedBytesRead))
    }
}
