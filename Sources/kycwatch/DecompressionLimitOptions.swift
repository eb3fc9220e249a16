import ArgumentParser
import KYCWatch

/// Flags that set the decompression-bomb guard.
struct DecompressionLimitOptions: ParsableArguments {
    @Option(help: "Stop when one input decompresses to more than this many bytes.")
    var maxDecompressedBytes: Int = DecompressionLimits.default.maxBytes

    @Option(help: "Stop when an input's compression ratio passes this (checked after the first 64 MiB).")
    var maxCompressionRatio: Double = DecompressionLimits.default.maxRatio

    func validate() throws {
        try SingleValueOption.refuseRepeats(of: ["max-decompressed-bytes", "max-compression-ratio"])
        guard maxDecompressedBytes > 0 else { throw ValidationError("--max-decompressed-bytes must be above 0") }
        // NaN would compare false and switch the guard off; below 1, every file would be a bomb.
        guard maxCompressionRatio >= 1 else {
            throw ValidationError("--max-compression-ratio must be a number of at least 1, not \(maxCompressionRatio)")
        }
    }

    var limits: DecompressionLimits {
        DecompressionLimits(maxBytes: maxDecompressedBytes, maxRatio: maxCompressionRatio)
    }
}
