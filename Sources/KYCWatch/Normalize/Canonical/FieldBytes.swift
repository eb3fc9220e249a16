/// Small byte-level helpers shared by the canonicalizers, which read field bytes straight out of a
/// record batch instead of building a `String` per field.
enum FieldBytes {
    /// Whether `byte` is an ASCII space, tab, carriage return or line feed.
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// Whether `bytes` are empty or ASCII whitespace alone: a required value of spaces or tabs is none.
    /// A field that does not start with whitespace costs one byte's look.
    @inline(__always)
    static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first else { return true }
        return isSpace(first) && bytes.allSatisfy(isSpace)
    }

    /// ``isBlank(_:)`` of a `String`'s UTF-8.
    @inline(__always)
    static func isBlank(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return true }
        return isSpace(first) && text.utf8.allSatisfy(isSpace)
    }

    /// Whether `byte` is an ASCII digit.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10
    }

    /// `byte` lowered when it is an ASCII capital letter, unchanged otherwise.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// The bytes without leading and trailing ASCII whitespace (a view, no copy).
    @inline(__always)
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    /// `hash` with the 64-bit `value` folded in: a step of a digest of a record's figures.
    @inline(__always)
    static func mix(_ value: UInt64, into hash: UInt64) -> UInt64 {
        let mixed = (hash ^ value) &* 0x9E37_79B9_7F4A_7C15
        return mixed ^ mixed >> 29
    }

    /// A 64-bit hash of `bytes` under `seed`, eight bytes a step, with both halves well mixed: for
    /// hash tables and fingerprints of ids, where a byte-at-a-time hash is a long chain of multiplies.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var hash = seed ^ UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        guard let base = bytes.baseAddress else { return finish(hash) }
        let count = bytes.count
        var index = 0
        while index + 8 <= count {
            hash = (hash ^ base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            index += 8
        }
        if index < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                tail |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) << shift
                shift += 8
                index += 1
            }
            hash = (hash ^ tail) &* 0xBF58_476D_1CE4_E5B9
        }
        return finish(hash)
    }

    /// The final avalanche of SplitMix64.
    @inline(__always)
    private static func finish(_ value: UInt64) -> UInt64 {
        var value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// Runs `body` on the UTF-8 bytes of `text` without copying native strings.
    @inline(__always)
    static func withBytes<Result>(of text: String, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows
        -> Result
    {
        var text = text
        return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    /// A `String` of the bytes (invalid UTF-8 repaired with U+FFFD).
    @inline(__always)
    static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Whether two byte runs are equal.
    @inline(__always)
    static func equal(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard let left = lhs.baseAddress, let right = rhs.baseAddress else { return lhs.count == 0 }
        // Ids and names are short: eight bytes a step here beats a call to memcmp.
        let count = lhs.count
        var index = 0
        while index + 8 <= count {
            if left.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                != right.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            {
                return false
            }
            index += 8
        }
        while index < count {
            if left.load(fromByteOffset: index, as: UInt8.self) != right.load(fromByteOffset: index, as: UInt8.self) {
                return false
            }
            index += 1
        }
        return true
    }

    /// Whether `bytes`, without leading and trailing whitespace, are `word` (lower-case ASCII),
    /// ignoring the case of ASCII letters.
    @inline(__always)
    static func isWord(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        let value = trimmed(bytes)
        return value.count == word.utf8CodeUnitCount && hasLowercasePrefix(value, word)
    }

    /// Whether `bytes` begin with `prefix` (lower-case ASCII), ignoring the case of ASCII letters.
    @inline(__always)
    static func hasLowercasePrefix(_ bytes: UnsafeRawBufferPointer, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let start = prefix.utf8Start
        for index in 0..<count where lowercased(bytes[index]) != start[index] { return false }
        return true
    }
}
