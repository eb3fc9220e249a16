/// One 512-byte ustar header block: the name and size of a regular file.
struct TarHeader: Equatable {
    static let blockSize = 512
    /// Sizes up to this fit the 11 octal digits of the size field; larger ones use base-256.
    static let largestOctalSize = 0o77777777777

    var name: String
    var size: Int

    /// Zero bytes that follow `size` bytes of content to fill the last block.
    static func padding(after size: Int) -> Int {
        (blockSize - size % blockSize) % blockSize
    }

    /// The header block.
    func encoded() throws(KYCWatchError) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        guard !nameBytes.isEmpty, nameBytes.count < 100, !nameBytes.contains(UInt8(ascii: "/")) else {
            throw KYCWatchError(.internalError, "tar entry name '\(name)' is empty, too long or has a folder")
        }
        var block = [UInt8](repeating: 0, count: Self.blockSize)
        block.replaceSubrange(0..<nameBytes.count, with: nameBytes)
        Self.putOctal(0o644, into: &block, at: 100, width: 8)
        Self.putOctal(0, into: &block, at: 108, width: 8)
        Self.putOctal(0, into: &block, at: 116, width: 8)
        if size <= Self.largestOctalSize {
            Self.putOctal(size, into: &block, at: 124, width: 12)
        } else {
            block[124] = 0x80
            var value = size
            for index in stride(from: 135, to: 124, by: -1) {
                block[index] = UInt8(value & 0xFF)
                value >>= 8
            }
        }
        Self.putOctal(0, into: &block, at: 136, width: 12)
        block[156] = UInt8(ascii: "0")
        block.replaceSubrange(257..<265, with: Array("ustar\u{0}00".utf8))
        let sum = Self.checksum(block)
        Self.putOctal(sum, into: &block, at: 148, width: 7)
        block[155] = UInt8(ascii: " ")
        return block
    }

    /// Parses a header block; nil for an all-zero block (the end of the archive).
    static func decode(_ block: UnsafeRawBufferPointer, at location: SourceLocation) throws(KYCWatchError) -> TarHeader?
    {
        precondition(block.count == blockSize)
        if block.allSatisfy({ $0 == 0 }) { return nil }
        guard block[257..<262].elementsEqual("ustar".utf8) else {
            throw KYCWatchError(
                .stageStream, "not a tar header (no 'ustar' magic): not a kycwatch stage stream", at: location)
        }
        guard let stored = octal(block[148..<156]), stored == checksum(Array(block)) else {
            throw KYCWatchError(.stageStream, "tar header checksum mismatch: the stream is corrupt", at: location)
        }
        let type = block[156]
        guard type == UInt8(ascii: "0") || type == 0 else {
            throw KYCWatchError(
                .stageStream, "tar entry of type '\(Character(Unicode.Scalar(type)))': only regular files are expected",
                at: location)
        }
        let nameEnd = block[0..<100].firstIndex(of: 0) ?? 100
        let name = String(decoding: block[0..<nameEnd], as: UTF8.self)
        let size: Int
        if block[124] & 0x80 != 0 {
            // At most 2^56 bytes: a size and its padding then add up without overflow.
            var value = 0
            for byte in block[125..<136] {
                guard value >> 48 == 0 else {
                    throw KYCWatchError(.stageStream, "tar entry '\(name)' has an impossible size", at: location)
                }
                value = value << 8 | Int(byte)
            }
            size = value
        } else {
            guard let parsed = octal(block[124..<136]) else {
                throw KYCWatchError(.stageStream, "tar entry '\(name)' has an unreadable size field", at: location)
            }
            size = parsed
        }
        return TarHeader(name: name, size: size)
    }

    /// The sum of the block's bytes with the checksum field taken as spaces.
    private static func checksum(_ block: [UInt8]) -> Int {
        var sum = 0
        for (index, byte) in block.enumerated() {
            sum += (148..<156).contains(index) ? Int(UInt8(ascii: " ")) : Int(byte)
        }
        return sum
    }

    /// Writes `value` as zero-padded octal in `width - 1` digits and a NUL.
    private static func putOctal(_ value: Int, into block: inout [UInt8], at offset: Int, width: Int) {
        var digits = Array(String(value, radix: 8).utf8)
        digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, width - 1 - digits.count)), at: 0)
        block.replaceSubrange(offset..<offset + width - 1, with: digits)
        block[offset + width - 1] = 0
    }

    /// Reads an octal field (leading spaces, then digits, ended by NUL or space).
    private static func octal(_ field: some Collection<UInt8>) -> Int? {
        var value = 0
        var seenDigit = false
        for byte in field.drop(while: { $0 == UInt8(ascii: " ") }) {
            if byte == 0 || byte == UInt8(ascii: " ") { break }
            guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte), value >> 60 == 0 else { return nil }
            value = value * 8 + Int(byte - UInt8(ascii: "0"))
            seenDigit = true
        }
        return seenDigit ? value : nil
    }
}
