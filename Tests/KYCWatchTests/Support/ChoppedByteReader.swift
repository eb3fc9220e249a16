@testable import KYCWatch

/// Hands out another reader's bytes in reads of chosen sizes, so that the CSV reader's chunk
/// boundaries fall anywhere in the input, not only every 1 MiB.
final class ChoppedByteReader: ByteReader {
    private let wrapped: any ByteReader
    private let nextSize: () -> Int

    /// Reads `wrapped` at most `nextSize()` bytes at a time.
    init(_ wrapped: any ByteReader, nextSize: @escaping () -> Int) {
        self.wrapped = wrapped
        self.nextSize = nextSize
    }

    /// Reads `wrapped` at most a size drawn from `sizes` at a time, drawn with `seed`.
    convenience init(_ wrapped: any ByteReader, sizes: ClosedRange<Int>, seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        self.init(wrapped) { Int.random(in: sizes, using: &generator) }
    }

    /// Reads `wrapped` `first` bytes first, then as much as the caller asks for.
    convenience init(_ wrapped: any ByteReader, first: Int) {
        var isFirst = true
        self.init(wrapped) {
            defer { isFirst = false }
            return isFirst ? first : Int.max
        }
    }

    var path: String { wrapped.path }
    var format: InputFormat { wrapped.format }
    var storedBytesRead: Int { wrapped.storedBytesRead }
    var bytesProduced: Int { wrapped.bytesProduced }
    func storedSHA256() -> String { wrapped.storedSHA256() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(KYCWatchError) -> Int {
        let size = min(buffer.count, nextSize())
        return try wrapped.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<size]))
    }
}
