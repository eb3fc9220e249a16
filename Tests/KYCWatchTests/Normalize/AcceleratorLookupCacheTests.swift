import Testing

@testable import KYCWatch

@Suite("Accelerator lookups remembered by spelling")
struct AcceleratorLookupCacheTests {
    static let spellings = [
        "p5.48xlarge", "P5.48XLARGE", " p5.4xlarge ", "Standard ND96isr H100 v5", "m6i.xlarge", "", "H100", "h100",
        "NVIDIA H100-SXM5-80GB", "nvidia-h100-80gb", "A100", "no-such-gpu", "trn2.48xlarge", "t3.medium",
    ]

    @Test("gives the catalogue's answer for every spelling, the first time and again")
    func sameAnswers() throws {
        let catalog = try CanonicalFixtures.accelerators.get()
        var cache = AcceleratorLookupCache()
        for _ in 0..<3 {
            for spelling in Self.spellings {
                FieldBytes.withBytes(of: spelling) { bytes in
                    #expect(
                        cache.instanceTypeIndex(named: bytes, in: catalog) == catalog.instanceTypeIndex(named: bytes))
                    #expect(cache.acceleratorIndex(named: bytes, in: catalog) == catalog.acceleratorIndex(named: bytes))
                }
            }
        }
    }

    @Test("gives the catalogue's answer for every free text, the first time and again")
    func sameAnswersForTexts() throws {
        let catalog = try CanonicalFixtures.accelerators.get()
        var cache = AcceleratorLookupCache()
        let texts =
            Self.spellings + [
                "Nvidia H100 80GB GPU running in Americas", "Nvidia Tesla P100 GPU running in Americas",
                "$98.32 per On Demand Linux p5.48xlarge Instance Hour",
                "N1 Predefined Instance Core running in Americas",
            ]
        for _ in 0..<3 {
            for text in texts {
                FieldBytes.withBytes(of: text) { bytes in
                    #expect(
                        cache.instanceTypeIndex(inText: bytes, in: catalog) == catalog.instanceTypeIndex(inText: bytes))
                    let found = cache.accelerator(inText: bytes, in: catalog)
                    #expect(found.index == catalog.acceleratorIndex(inText: bytes), "\(text)")
                    #expect(found.saysGPU == AcceleratorCatalog.mentionsGPU(inText: bytes), "\(text)")
                }
            }
        }
    }

    @Test("past its limit of spellings it still answers, from the catalogue")
    func beyondTheLimit() throws {
        let catalog = try CanonicalFixtures.accelerators.get()
        var cache = AcceleratorLookupCache()
        for index in 0..<(AcceleratorLookupCache.limit + 50) {
            _ = FieldBytes.withBytes(of: "garbage-\(index)") { cache.instanceTypeIndex(named: $0, in: catalog) }
        }
        for spelling in Self.spellings {
            FieldBytes.withBytes(of: spelling) { bytes in
                #expect(cache.instanceTypeIndex(named: bytes, in: catalog) == catalog.instanceTypeIndex(named: bytes))
            }
        }
    }
}
