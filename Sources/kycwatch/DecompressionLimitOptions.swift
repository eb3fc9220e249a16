import ArgumentParser
import KYCWatch

/// Flags that set the decompression-bomb guard.
struct DecompressionLimitOptions: ParsableArguments {
    @Option(help: "Stop when one input decompresses to more than this many bytes.")
    var maxDecompressedBytes: Int = DecompressionLimits.default.maxBytes

    @Option(help: "Stop when an input's compression ratio passes this (checked after the first 64 MiB).")
    var maxCompressionRatio: Double = DecompressionLimits.default.maxRatio

    var limits: DecompressionLimits {
        DecompressionLimits(maxBytes: maxDecompressedBytes, maxRatio: maxCompressionRatio)
    }
}
