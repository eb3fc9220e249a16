import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Fingerprint set for re-delivery detection")
struct FingerprintSetTests {
    /// Fingerprints from a small range (many repeats, zero included) or anywhere.
    static let fingerprint = Gen.oneOf(Gen.uint64(in: 0...300), Gen.uint64())

    @Test("inserts and lookups agree with Set<UInt64>")
    func agreesWithSet() async {
        await propertyCheck(count: 200, input: Self.fingerprint.array(of: 0...3000)) { values in
            var table = FingerprintSet()
            var reference = Set<UInt64>()
            for value in values {
                #expect(table.insert(value) == reference.insert(value).inserted)
            }
            #expect(table.count == reference.count)
            for value in values.prefix(100) { #expect(table.contains(value)) }
            for probe in [0, 1, 299, 301, UInt64.max] as [UInt64] {
                #expect(table.contains(probe) == reference.contains(probe))
            }
        }
    }

    @Test("a million distinct fingerprints take 8 to 15 bytes each")
    func compact() {
        var table = FingerprintSet()
        var state: UInt64 = 0x1234_5678
        for _ in 0..<1_000_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            #expect(table.insert(state) || table.contains(state))
        }
        #expect(table.count == 1_000_000)
        #expect(table.capacityBytes <= 15 * 1_000_000)
        #expect(table.capacityBytes >= 8 * 1_000_000)
    }
}
