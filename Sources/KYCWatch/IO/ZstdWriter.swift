internal import CZstd

/// Compresses a byte stream into zstd frames with content checksums, in front of another writer.
///
/// Compression uses zstd's worker threads when the library has them; zstd's output does not
/// depend on the worker count, so outputs stay byte-identical across machines.
public final class ZstdWriter: ByteWriter {
    /// The default compression level.
    public static let defaultLevel: Int32 = 3

    private let destination: any ByteWriter
    private let context: OpaquePointer
    private let outputStorage: UnsafeMutableRawBufferPointer
    private var finished = false

    /// Wraps `destination`; `workers` is zstd's worker-thread count (at least 1 for stable output).
    public init(destination: any ByteWriter, level: Int32 = ZstdWriter.defaultLevel, workers: Int32 = 1)
        throws(KYCWatchError)
    {
        guard let context = ZSTD_createCCtx() else {
            throw KYCWatchError(.internalError, "zstd could not allocate a compression context")
        }
        self.destination = destination
        self.context = context
        outputStorage = .allocate(byteCount: ZSTD_CStreamOutSize(), alignment: 16)
        let bounds = ZSTD_cParam_getBounds(ZSTD_c_compressionLevel)
        guard ZSTD_isError(bounds.error) == 0, level >= bounds.lowerBound, level <= bounds.upperBound else {
            throw KYCWatchError(
                .invalidConfiguration,
                "zstd level \(level) is out of range \(bounds.lowerBound)...\(bounds.upperBound)")
        }
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level))
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1))
        // A build without threads refuses nbWorkers; single-threaded output is still valid zstd.
        _ = ZSTD_CCtx_setParameter(context, ZSTD_c_nbWorkers, max(workers, 1))
    }

    deinit {
        ZSTD_freeCCtx(context)
        outputStorage.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(KYCWatchError) {
        var input = ZSTD_inBuffer(src: bytes.baseAddress, size: bytes.count, pos: 0)
        while input.pos < input.size {
            try compress(&input, directive: ZSTD_e_continue)
        }
    }

    public func finish() throws(KYCWatchError) {
        guard !finished else { return }
        var input = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
        while try compress(&input, directive: ZSTD_e_end) != 0 {}
        finished = true
        try destination.finish()
    }

    @discardableResult
    private func compress(_ input: inout ZSTD_inBuffer, directive: ZSTD_EndDirective) throws(KYCWatchError) -> Int {
        var output = ZSTD_outBuffer(dst: outputStorage.baseAddress, size: outputStorage.count, pos: 0)
        let remaining = ZSTD_compressStream2(context, &output, &input, directive)
        try check(remaining)
        if output.pos > 0 {
            try destination.write(UnsafeRawBufferPointer(rebasing: outputStorage[0..<output.pos]))
        }
        return remaining
    }

    private func check(_ result: Int) throws(KYCWatchError) {
        if ZSTD_isError(result) != 0 {
            throw KYCWatchError(
                .compressionFailed, "zstd compression failed: \(String(cString: ZSTD_getErrorName(result)))")
        }
    }
}
