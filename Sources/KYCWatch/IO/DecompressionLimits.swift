/// Caps that stop a decompression bomb from filling memory or disk or running for hours.
public struct DecompressionLimits: Sendable, Hashable {
    /// The most decompressed bytes one input may produce.
    public var maxBytes: Int
    /// The largest decompressed-to-compressed ratio tolerated once `ratioGraceBytes` have been produced.
    public var maxRatio: Double
    /// Decompressed bytes produced before the ratio is checked, so small highly compressible files pass.
    public var ratioGraceBytes: Int

    /// Creates limits.
    public init(maxBytes: Int, maxRatio: Double, ratioGraceBytes: Int = 64 << 20) {
        self.maxBytes = maxBytes
        self.maxRatio = maxRatio
        self.ratioGraceBytes = ratioGraceBytes
    }

    /// 256 GiB and 1000:1 (real CSV exports compress 5–30:1), checked after 64 MiB.
    public static let `default` = DecompressionLimits(maxBytes: 256 << 30, maxRatio: 1000)

    /// No cap, for reading back a file kycwatch has just written: its compression ratio is the data's
    /// (a night with a few very long repeated ids compresses far past 1000:1), not a sign of a bomb.
    static let ownOutput = DecompressionLimits(maxBytes: .max, maxRatio: .infinity, ratioGraceBytes: .max)

    /// Throws when `produced` decompressed bytes from `consumed` stored bytes break a limit.
    func check(produced: Int, consumed: Int, path: String) throws(KYCWatchError) {
        if produced > maxBytes {
            throw KYCWatchError(
                .decompressionLimit,
                "decompressed size passed the cap of \(maxBytes) bytes after \(consumed) compressed bytes; "
                    + "raise --max-decompressed-bytes if this input is genuine",
                at: SourceLocation(file: path, byteOffset: consumed))
        }
        if produced > ratioGraceBytes, Double(produced) > maxRatio * Double(max(consumed, 1)) {
            throw KYCWatchError(
                .decompressionLimit,
                "compression ratio passed \(Int(maxRatio)):1 (\(produced) bytes from \(consumed)); "
                    + "this looks like a decompression bomb; raise --max-compression-ratio if the input is genuine",
                at: SourceLocation(file: path, byteOffset: consumed))
        }
    }
}
