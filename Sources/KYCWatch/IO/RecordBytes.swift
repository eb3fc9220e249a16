/// The field bytes of a ``RecordBatch``: one allocation that the reader fills and hands over whole,
/// so a batch of a megabyte is never copied on its way out of the reader.
///
/// Immutable once made; shared between threads by reference (a usage batch keeps its record
/// batch's bytes rather than a copy of them).
public final class RecordBytes: RandomAccessCollection, @unchecked Sendable {
    // Unchecked: the memory is written only before `init` returns and freed only in `deinit`.
    private let base: UnsafeMutablePointer<UInt8>?
    /// The number of bytes.
    public let count: Int

    /// Takes ownership of `pointer`, allocated with `UnsafeMutablePointer.allocate`, whose first
    /// `count` bytes are initialized; it is freed with the batch.
    init(taking pointer: UnsafeMutablePointer<UInt8>, count: Int) {
        base = pointer
        self.count = count
    }

    /// A copy of `bytes`.
    public init(_ bytes: [UInt8]) {
        count = bytes.count
        guard !bytes.isEmpty else {
            base = nil
            return
        }
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        bytes.withUnsafeBufferPointer { copy.initialize(from: $0.baseAddress!, count: $0.count) }
        base = copy
    }

    /// No bytes.
    public static let empty = RecordBytes([])

    deinit {
        base?.deallocate()
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < count, "RecordBytes index out of range")
        return base![position]
    }

    /// Runs `body` on the bytes.
    @inline(__always)
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Runs `body` on the bytes as a typed buffer.
    @inline(__always)
    public func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows
        -> Result
    {
        try body(UnsafeBufferPointer(start: base, count: count))
    }
}
