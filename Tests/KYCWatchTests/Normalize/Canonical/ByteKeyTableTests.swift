import Testing

@testable import KYCWatch

@Suite("Byte-key table")
struct ByteKeyTableTests {
    /// Keys of every length up to 100 bytes that differ only in their last byte, around the 16- and
    /// 48-byte marks where a key stops fitting in its slot.
    static func keys() -> [[UInt8]] {
        (0...100).flatMap { length -> [[UInt8]] in
            let base = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            guard length > 0 else { return [base] }
            return [base, base.dropLast() + [UInt8(ascii: "#")]]
        }
    }

    @Test("every key finds its own value, whatever its length, and absent keys find none")
    func lookups() {
        var table = ByteKeyTable()
        let keys = Self.keys()
        for (index, key) in keys.enumerated() { #expect(table.insert(key, value: Int32(index)) == nil) }
        #expect(table.count == keys.count)
        for (index, key) in keys.enumerated() {
            #expect(table.value(for: key) == Int32(index))
            #expect(table.insert(key, value: -1) == Int32(index))
            table.withKey(at: index) { #expect(Array($0) == key) }
        }
        for key in keys where !key.isEmpty { #expect(table.value(for: key + [0]) == nil) }
    }

    @Test("a copy keeps its keys when the original grows")
    func copyOnWrite() {
        var original = ByteKeyTable()
        original.insert(Array("acct-1".utf8), value: 1)
        let copy = original
        for index in 0..<10_000 { original.insert(Array("resource-\(index)-with-a-long-shared-tail".utf8), value: 2) }
        #expect(copy.count == 1)
        #expect(copy.value(for: Array("resource-5-with-a-long-shared-tail".utf8)) == nil)
        #expect(copy.value(for: Array("acct-1".utf8)) == 1)
        #expect(original.value(for: Array("resource-9999-with-a-long-shared-tail".utf8)) == 2)
    }

    @Test("reading slots ahead, even of a table that grew since, changes no answer")
    func touchAhead() {
        var table = ByteKeyTable()
        let keys = (0..<5_000).map { Array("i-\($0 * 7919)".utf8) }
        var hashes: [UInt64] = []
        for (index, key) in keys.enumerated() {
            hashes.append(key.withUnsafeBytes { table.hash(of: $0) })
            table.insert(key, value: Int32(index))
        }
        var sum: UInt64 = 0
        for hash in hashes { sum ^= table.touch(hash: hash) }
        _ = sum
        for (index, key) in keys.enumerated() {
            #expect(table.value(for: key) == Int32(index))
            // A hash taken before the table grew still finds the key.
            #expect(key.withUnsafeBytes { table.value(for: $0, hash: hashes[index]) } == Int32(index))
        }
    }
}
