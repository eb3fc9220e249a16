import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Fingerprint set for re-delivery detection")
struct FingerprintSetTests {
    /// Fingerprints from a small range (many repeats, zero included) or anywhere.
    static let fingerprint = Gen.oneOf(Gen.uint64(in: 0...300), Gen.uint64())

    @Test("inserts and lookups agree with a dictionary of first digests")
    func agreesWithSet() async {
        await propertyCheck(
            count: 200, input: Self.fingerprint.array(of: 0...3000), Gen.uint64(in: 0...2).array(of: 3000)
        ) { values, digests in
            var table = FingerprintSet()
            var reference: [UInt64: UInt64] = [:]
            for (value, digest) in zip(values, digests) {
                let expected: FingerprintSet.Insertion =
                    reference[value].map { $0 == digest ? .repeated : .conflicting } ?? .inserted
                #expect(table.insert(value, digest: digest) == expected)
                if reference[value] == nil { reference[value] = digest }
            }
            #expect(table.count == reference.count)
            for value in values.prefix(100) { #expect(table.contains(value)) }
            for probe in [0, 1, 299, 301, UInt64.max] as [UInt64] {
                #expect(table.contains(probe) == (reference[probe] != nil))
            }
        }
    }

    @Test("reserving room keeps what is in the set and agrees with Set<UInt64> after")
    func reserveKeepsContents() async {
        await propertyCheck(
            count: 100, input: Self.fingerprint.array(of: 0...2000), Gen.int(in: 0...50_000)
        ) { values, room in
            var table = FingerprintSet()
            var reference = Set<UInt64>()
            let half = values.count / 2
            for value in values[..<half] {
                #expect((table.insert(value) == .inserted) == reference.insert(value).inserted)
            }
            table.reserve(room)
            #expect(table.count == reference.count)
            for value in values[..<half] { #expect(table.contains(value)) }
            for value in values[half...] {
                #expect((table.insert(value) == .inserted) == reference.insert(value).inserted)
            }
            #expect(table.count == reference.count)
        }
    }

    @Test("a set reserved for a million fingerprints takes them without growing, at under 30 bytes each")
    func reserveSizesOnce() {
        var table = FingerprintSet()
        table.reserve(1_000_000)
        let reserved = table.capacityBytes
        #expect(reserved <= 30 * 1_000_000)
        var state: UInt64 = 0x9876_5432
        for _ in 0..<1_000_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            _ = table.insert(state)
        }
        #expect(table.count == 1_000_000)
        #expect(table.capacityBytes == reserved)
        // Reserving less than there is room for changes nothing.
        table.reserve(10)
        #expect(table.capacityBytes == reserved)
    }

    @Test("a million distinct fingerprints and their digests take 16 to 30 bytes each")
    func compact() {
        var table = FingerprintSet()
        var state: UInt64 = 0x1234_5678
        for _ in 0..<1_000_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            #expect(table.insert(state, digest: state >> 3) != .conflicting)
        }
        #expect(table.count == 1_000_000)
        #expect(table.capacityBytes <= 30 * 1_000_000)
        #expect(table.capacityBytes >= 16 * 1_000_000)
    }
}
