@testable import KYCWatch

/// Everything a ``CSVReader`` hands out for one input, batch by batch, so two readings of the same
/// file can be compared as a whole: header, batches, counters, digest and the error that ended it.
struct ReaderTranscript: Equatable {
    /// One ``RecordBatch``, field for field.
    struct Batch: Equatable {
        var file: String
        var bytes: [UInt8]
        var fieldEnds: [Int32]
        var recordFieldEnds: [Int32]
        var lines: [Int]
        var malformed: [MalformedRow]

        init(_ batch: RecordBatch) {
            file = batch.file
            bytes = Array(batch.bytes)
            fieldEnds = batch.fieldEnds
            recordFieldEnds = batch.recordFieldEnds
            lines = batch.lines
            malformed = batch.malformed
        }
    }

    /// How the input is handed to the CSV reader.
    enum Reads: Equatable, CustomStringConvertible {
        /// As the file reader gives it: 1 MiB reads (64 KiB first for plain files).
        case whole
        /// In pieces of random sizes in `sizes`, drawn with `seed`.
        case chopped(sizes: ClosedRange<Int>, seed: UInt64)
        /// `first` bytes, then whole reads.
        case split(first: Int)

        var description: String {
            switch self {
            case .whole: "whole reads"
            case .split(let first): "a first read of \(first) bytes"
            case .chopped(let sizes, let seed): "reads of \(sizes.lowerBound)-\(sizes.upperBound) bytes (seed \(seed))"
            }
        }
    }

    var header: [String] = []
    var batches: [Batch] = []
    var recordsRead = 0
    var malformedRead = 0
    var blankLines = 0
    var storedBytes = 0
    var uncompressedBytes = 0
    var storedSHA256 = ""
    /// Lines the plain-line splitter read (not compared: it differs by design).
    var plainLines = 0
    var error: KYCWatchError?

    /// Reads all of `path` with `options`, handing the reader its input as `reads` says.
    init(path: String, options: CSVOptions, reads: Reads = .whole) {
        do {
            var source = try InputFile.open(path)
            switch reads {
            case .whole: break
            case .chopped(let sizes, let seed): source = ChoppedByteReader(source, sizes: sizes, seed: seed)
            case .split(let first): source = ChoppedByteReader(source, first: first)
            }
            let reader = try CSVReader(source: source, options: options)
            header = reader.header
            defer {
                recordsRead = reader.recordsRead
                malformedRead = reader.malformedRead
                blankLines = reader.blankLines
                storedBytes = source.storedBytesRead
                uncompressedBytes = source.bytesProduced
                storedSHA256 = source.storedSHA256()
                plainLines = reader.plainLinesSplit
            }
            while let batch = try reader.nextBatch() {
                batches.append(Batch(batch))
            }
        } catch {
            self.error = error
        }
    }

    static func == (left: Self, right: Self) -> Bool {
        left.header == right.header && left.batches == right.batches && left.recordsRead == right.recordsRead
            && left.malformedRead == right.malformedRead && left.blankLines == right.blankLines
            && left.storedBytes == right.storedBytes && left.uncompressedBytes == right.uncompressedBytes
            && left.storedSHA256 == right.storedSHA256 && left.error == right.error
    }

    /// Where `other` first differs from this transcript, in words, or nil when they are equal.
    func firstDifference(from other: Self) -> String? {
        if header != other.header { return "header \(header) vs \(other.header)" }
        if error != other.error { return "error \(String(describing: error)) vs \(String(describing: other.error))" }
        for (index, (mine, theirs)) in zip(batches, other.batches).enumerated() where mine != theirs {
            return "batch \(index): lines \(mine.lines) vs \(theirs.lines), records \(mine.recordFieldEnds) vs "
                + "\(theirs.recordFieldEnds), fields \(mine.fieldEnds) vs \(theirs.fieldEnds), bytes "
                + "\(String(decoding: mine.bytes, as: UTF8.self).debugDescription) vs "
                + "\(String(decoding: theirs.bytes, as: UTF8.self).debugDescription), malformed \(mine.malformed) vs "
                + "\(theirs.malformed)"
        }
        if batches.count != other.batches.count { return "\(batches.count) batches vs \(other.batches.count)" }
        if self != other {
            return "counters: records \(recordsRead)/\(other.recordsRead), malformed \(malformedRead)/"
                + "\(other.malformedRead), blank lines \(blankLines)/\(other.blankLines), bytes \(storedBytes)/"
                + "\(other.storedBytes) stored, \(uncompressedBytes)/\(other.uncompressedBytes) uncompressed"
        }
        return nil
    }
}
