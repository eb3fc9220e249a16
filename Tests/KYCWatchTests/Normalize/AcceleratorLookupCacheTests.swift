import Testing

@testable import KYCWatch

@Suite("Accelerator lookups remembered by spelling")
struct AcceleratorLookupCacheTests {
    static let spellings = [
        "p5.48xlarge", "P5.48XLARGE", " p5.4xlarge ", "Standard ND96isr H100 v5", "m6i.xlarge", "", "H100", "h100",
        "NVIDIA H100-SXM5-80GB", "nvidia-h100-80gb", "A100", "no-such-gpu", "trn2.48xlarge", "t3.medium",
        "ml.p5.48xlarge", "ml.m5.large",
    ]

    @Test("remembers a SageMaker name as the AWS instance type it runs on")
    func sageMakerNames() throws {
        let catalog = try CanonicalFixtures.accelerators.get()
        let p5 = try #require(catalog.instanceTypes.firstIndex { $0.name == "p5.48xlarge" })
        var cache = AcceleratorLookupCache()
        for _ in 0..<2 {
            FieldBytes.withBytes(of: "ml.p5.48xlarge") {
                #expect(cache.instanceTypeIndex(named: $0, in: catalog) == p5)
            }
            FieldBytes.withBytes(of: "$37.69 per Hour for Train:ml.p5.48xlarge") {
                #expect(cache.instanceType(inText: $0, in: catalog) == .catalogued(p5))
            }
        }
    }

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
                "$1.14 per On Demand Linux g3.4xlarge Instance Hour",
                "AWS Marketplace hourly software usage|us-east-1|x",
            ]
        for _ in 0..<3 {
            for text in texts {
                FieldBytes.withBytes(of: text) { bytes in
                    let instance = cache.instanceType(inText: bytes, in: catalog)
                    if let index = catalog.instanceTypeIndex(inText: bytes) {
                        #expect(instance == .catalogued(index), "\(text)")
                    } else {
                        #expect(
                            instance == AcceleratorCatalog.instanceTypeWord(inText: bytes).map { .uncatalogued($0) }
                                ?? .none,
                            "\(text)")
                    }
                    let found = cache.accelerator(inText: bytes, in: catalog)
                    #expect(found.index == catalog.acceleratorIndex(inText: bytes), "\(text)")
                    #expect(found.saysGPU == AcceleratorCatalog.mentionsGPU(inText: bytes), "\(text)")
                }
            }
        }
    }

    @Test(
        "free text naming no catalogued instance type gives the word shaped like one, as written",
        arguments: [
            ("$1.14 per On Demand Linux g3.4xlarge Instance Hour", "g3.4xlarge"),
            ("$4.00 per On Demand Linux G5G.16XLARGE Instance Hour", "G5G.16XLARGE"),
            ("USD 0.023 per db.t3.micro Single-AZ instance hour", "db.t3.micro"),
            ("BoxUsage:p6e-gb300.72xlarge", "p6e-gb300.72xlarge"),
            ("$0.10 per On Demand Linux x2iedn.metal Instance Hour.", "x2iedn.metal"),
            ("Standard_ND96isr_H900_v9", "Standard_ND96isr_H900_v9"),
            ("BM.GPU.L40S.4", "BM.GPU.L40S.4"),
            ("$0.40 per million Amazon SQS standard requests in Tier1", nil),
            ("$0.005 per In-use public IPv4 address per hour", nil),
            ("Standard - E4 - Memory", nil),
            ("version 1.2.large", nil),
        ] as [(String, String?)])
    func uncataloguedWord(text: String, word: String?) throws {
        let catalog = try CanonicalFixtures.accelerators.get()
        var cache = AcceleratorLookupCache()
        for _ in 0..<2 {
            FieldBytes.withBytes(of: text) { bytes in
                let found = cache.instanceType(inText: bytes, in: catalog)
                guard let word else {
                    #expect(found == .none)
                    return
                }
                guard case .uncatalogued(let range) = found else {
                    Issue.record("\(text): \(found)")
                    return
                }
                #expect(FieldBytes.string(UnsafeRawBufferPointer(rebasing: bytes[range])) == word)
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
