import Dispatch
import Foundation

/// Reads a CSV input on a thread of its own, a few batches ahead of the caller, so decompression and
/// tokenizing on one core overlap the caller's work on another.
///
/// Memory stays bounded: at most `depth` batches wait between the threads, and the reader thread
/// blocks while they do. An error of the reader thread reaches the caller from ``nextBatch()`` after
/// the batches read before it; ``close()`` (or releasing the reader) stops and joins the thread.
public final class ReadAheadCSVReader {
    /// What the reader thread knows about its input once it has read all of it.
    public struct Summary: Sendable, Hashable {
        /// SHA-256 (hex) of the stored bytes.
        public var storedSHA256: String
        /// Bytes of the file as stored.
        public var storedBytes: Int
        /// Bytes after decompression.
        public var uncompressedBytes: Int
    }

    private enum Event: Sendable {
        case header([String])
        case batch(RecordBatch, storedBytes: Int)
        case end(Summary)
    }

    /// The column names from the header row.
    public let header: [String]
    /// The input's digest and sizes, once ``nextBatch()`` has returned `nil`.
    public private(set) var summary: Summary?
    /// Bytes of the file as stored that the reader thread had read when it finished the last batch
    /// handed out, for progress displays.
    public private(set) var storedBytesRead = 0

    private let handOff: BatchHandOff<Event>
    private let exited: DispatchSemaphore
    private var joined = false

    /// Opens `path` on a new thread and waits for its header; `depth` batches may wait at a time,
    /// enough that a pause of the reading thread or of its consumer does not stall the other.
    public init(
        path: String, options: CSVOptions = CSVOptions(), limits: DecompressionLimits = .default, depth: Int = 8
    ) throws(KYCWatchError) {
        let handOff = BatchHandOff<Event>(capacity: depth)
        let exited = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { exited.signal() }
            Self.produce(path: path, options: options, limits: limits, into: handOff)
        }
        thread.name = "kycwatch-reader"
        thread.start()
        self.handOff = handOff
        self.exited = exited
        let first: Event?
        do {
            first = try handOff.receive()
        } catch {
            Self.join(handOff, exited)
            throw error
        }
        guard case .header(let names)? = first else {
            Self.join(handOff, exited)
            throw KYCWatchError(.internalError, "the reader thread sent no header", at: SourceLocation(file: path))
        }
        header = names
    }

    deinit {
        close()
    }

    /// The next batch, or `nil` when the input is exhausted (or after an error or ``close()``); throws the
    /// reader thread's error once.
    public func nextBatch() throws(KYCWatchError) -> RecordBatch? {
        guard !joined else { return nil }
        let event: Event?
        do {
            event = try handOff.receive()
        } catch {
            close()  // the thread has stopped; later calls return nil
            throw error
        }
        switch event {
        case .batch(let batch, let storedBytes)?:
            storedBytesRead = storedBytes
            return batch
        case .end(let summary)?:
            self.summary = summary
            storedBytesRead = summary.storedBytes
            close()
            return nil
        case .header?, nil:
            close()
            return nil
        }
    }

    /// Stops the reader thread if it is still reading and waits until it has exited.
    public func close() {
        guard !joined else { return }
        joined = true
        Self.join(handOff, exited)
    }

    private static func join(_ handOff: BatchHandOff<Event>, _ exited: DispatchSemaphore) {
        handOff.cancel()
        exited.wait()
    }

    /// The reader thread's work: header, batches, summary; any error ends the stream.
    private static func produce(
        path: String, options: CSVOptions, limits: DecompressionLimits, into handOff: BatchHandOff<Event>
    ) {
        do throws(KYCWatchError) {
            let reader = try CSVReader(path: path, options: options, limits: limits)
            guard handOff.send(.header(reader.header)) else { return }
            while let batch = try reader.nextBatch() {
                guard handOff.send(.batch(batch, storedBytes: reader.source.storedBytesRead)) else { return }
            }
            let source = reader.source
            let summary = Summary(
                storedSHA256: source.storedSHA256(), storedBytes: source.storedBytesRead,
                uncompressedBytes: source.bytesProduced)
            guard handOff.send(.end(summary)) else { return }
            handOff.finish()
        } catch {
            handOff.finish(throwing: error)
        }
    }
}
