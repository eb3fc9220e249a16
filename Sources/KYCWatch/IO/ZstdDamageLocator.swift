internal import CZstd
import Glibc

/// Finds where a zstd file that failed to decode is damaged, by decoding the failing frame again
/// one block at a time.
///
/// The streaming decoder reports an error for the whole input it was handed (a megabyte), and
/// says nothing of where in it the damage lies. A frame is a header, then blocks of at most 128 KiB
/// that each start with a 3-byte header giving their size (RFC 8878, section 3.1.1), so fed block
/// by block the decoder fails on the block where it first meets the damage: the damage is in that
/// block or, when it only decoded to wrong bytes at first, in one before it. Only regular files are
/// read again; this runs once, after decoding has already failed.
struct ZstdDamageLocator {
    /// Where decoding again first failed.
    enum Damage: Equatable {
        /// The frame's header, at `start`, cannot be read.
        case frameHeader(start: Int)
        /// The 3-byte header of a block, at `start`, is invalid or points past the end of the file.
        case blockHeader(start: Int)
        /// The decoder failed on the block at `start..<end` (its header included).
        case block(start: Int, end: Int)
        /// Every block decoded, but the content does not match the frame's checksum: the damage is
        /// somewhere in the frame, `start..<end`.
        case checksum(start: Int, end: Int)

        /// The stored offset to report the error at: where the damage was found.
        var offset: Int {
            switch self {
            case .frameHeader(let start), .blockHeader(let start), .block(let start, _), .checksum(let start, _):
                start
            }
        }

        /// Where the damage is, as a clause for an error message.
        var description: String {
            switch self {
            case .frameHeader(let start):
                "the header of the zstd frame at byte \(start) is damaged"
            case .blockHeader(let start):
                "the header of the compressed block at byte \(start) is damaged"
            case .block(let start, let end):
                "the damage is in the compressed block at bytes \(start)–\(end - 1), or in one shortly before it"
            case .checksum(let start, let end):
                "the data is damaged somewhere in the zstd frame at bytes \(start)–\(end - 1)"
                    + " (its blocks decode, but not to the content they were made from)"
            }
        }
    }

    /// The largest block a frame may hold, with its header.
    private static let largestBlock = 128 * 1024 + 3

    private let fd: Int32
    private let size: Int

    /// Opens `path` again for reading; nil when it is not a regular file (a pipe cannot be re-read).
    init?(path: String) {
        guard path != "-", let size = FileInput.size(of: path) else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        self.fd = fd
        self.size = size
    }

    /// Closes the file.
    func close() {
        _ = Glibc.close(fd)
    }

    /// Where the zstd frame starting at stored byte `frameStart` is damaged; nil when it decodes
    /// without error (the file changed since) or the frame is not a zstd data frame.
    func locate(frameStart: Int) -> Damage? {
        guard let stream = ZSTD_createDStream() else { return nil }
        defer { ZSTD_freeDStream(stream) }
        guard let headerSize = frameHeaderSize(at: frameStart) else { return .frameHeader(start: frameStart) }
        var checksum = false
        if let descriptor = bytes(at: frameStart + 4, count: 1) {
            checksum = descriptor[0] & 0x04 != 0
        }
        guard let header = bytes(at: frameStart, count: headerSize) else { return .frameHeader(start: frameStart) }
        guard feed(header, to: stream) else { return .frameHeader(start: frameStart) }
        var offset = frameStart + headerSize
        while true {
            guard let blockHeader = bytes(at: offset, count: 3) else { return .blockHeader(start: offset) }
            let word = Int(blockHeader[0]) | Int(blockHeader[1]) << 8 | Int(blockHeader[2]) << 16
            let last = word & 1 != 0
            let type = word >> 1 & 3
            let declared = word >> 3
            // Raw and compressed blocks hold `declared` bytes; an RLE block one byte repeated; type 3 is reserved.
            guard type != 3, declared <= Self.largestBlock else { return .blockHeader(start: offset) }
            let length = 3 + (type == 1 ? 1 : declared)
            guard let block = bytes(at: offset, count: length) else { return .blockHeader(start: offset) }
            guard feed(block, to: stream) else { return .block(start: offset, end: offset + length) }
            offset += length
            if last { break }
        }
        let end = offset + (checksum ? 4 : 0)
        if checksum {
            guard let digest = bytes(at: offset, count: 4) else {
                return .checksum(start: frameStart, end: min(end, size))
            }
            guard feed(digest, to: stream) else { return .checksum(start: frameStart, end: end) }
        }
        return nil
    }

    /// The size of the frame header at `start`: magic number, descriptor, window, dictionary id and
    /// content size (RFC 8878, section 3.1.1.1); nil for anything but a zstd data frame.
    private func frameHeaderSize(at start: Int) -> Int? {
        guard let head = bytes(at: start, count: 5) else { return nil }
        let magic = UInt32(head[0]) | UInt32(head[1]) << 8 | UInt32(head[2]) << 16 | UInt32(head[3]) << 24
        guard magic == 0xFD2F_B528 else { return nil }
        let descriptor = head[4]
        let singleSegment = descriptor & 0x20 != 0
        let dictionaryBytes = [0, 1, 2, 4][Int(descriptor & 3)]
        let contentSizeBytes = [singleSegment ? 1 : 0, 2, 4, 8][Int(descriptor >> 6)]
        return 5 + (singleSegment ? 0 : 1) + dictionaryBytes + contentSizeBytes
    }

    /// Hands `input` to the decoder until it has taken all of it, throwing the output away; false
    /// when the decoder reports an error.
    private func feed(_ input: [UInt8], to stream: OpaquePointer) -> Bool {
        var sink = [UInt8](repeating: 0, count: 1 << 17)
        return input.withUnsafeBytes { source in
            sink.withUnsafeMutableBytes { target in
                var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
                while true {
                    let taken = inBuffer.pos
                    var outBuffer = ZSTD_outBuffer(dst: target.baseAddress, size: target.count, pos: 0)
                    let result = ZSTD_decompressStream(stream, &outBuffer, &inBuffer)
                    if ZSTD_isError(result) != 0 { return false }
                    // A full output buffer may have more behind it; otherwise the decoder is done
                    // with what it was given, or waits for more.
                    if outBuffer.pos == outBuffer.size { continue }
                    if inBuffer.pos == inBuffer.size || inBuffer.pos == taken { return true }
                }
            }
        }
    }

    /// `count` bytes of the file from `offset`; nil when the file ends before them.
    private func bytes(at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0, offset + count <= size else { return nil }
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        let complete = buffer.withUnsafeMutableBytes { target -> Bool in
            while filled < count {
                let n = pread(fd, target.baseAddress! + filled, count - filled, off_t(offset + filled))
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return false }
                filled += n
            }
            return true
        }
        return complete ? buffer : nil
    }
}
