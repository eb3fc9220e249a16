import Testing

@testable import KYCWatch

@Suite("The sample world's hardware, countries and addresses")
struct SampleCatalogueTests {
    @Test("every instance type agrees with instance_types.csv and every spelling resolves to its model")
    func instanceTypes() throws {
        let catalogue = try SampleReferenceCatalogue()
        for type in SampleInstanceType.all {
            let entry = try #require(catalogue.instanceTypes[type.name], "\(type.name) is not in the catalogue")
            #expect(entry.model == type.acceleratorModel, "\(type.name)")
            #expect(Double(entry.count) == Double(type.acceleratorCount), "\(type.name)")
            #expect(entry.interconnect == type.interconnectGbps, "\(type.name)")
            for spelling in type.acceleratorSpellings {
                #expect(
                    catalogue.acceleratorAliases[SampleReferenceCatalogue.normalized(spelling)]
                        == type.acceleratorModel,
                    "\(spelling) does not resolve to \(type.acceleratorModel)")
            }
        }
        for type in SampleInstanceType.cpuOnly {
            #expect(catalogue.instanceTypes[type.name] == nil, "\(type.name) is meant to be CPU-only and uncatalogued")
        }
    }

    @Test("the planted peaks are the catalogue's BF16 figures")
    func peaks() throws {
        let catalogue = try SampleReferenceCatalogue()
        for (model, peak) in SampleInstanceType.peakBF16TFLOPS {
            #expect(catalogue.bf16[model].flatMap(Double.init) == peak, "\(model)")
        }
    }

    @Test("countries agree with countries.csv")
    func countries() throws {
        let catalogue = try SampleReferenceCatalogue()
        for country in SampleCountry.all {
            let row = try #require(catalogue.countries[country.alpha2], "\(country.alpha2)")
            #expect(row["alpha3"] == country.alpha3)
            #expect(row["calling_code"] == country.callingCode)
            let names = ([row["name"] ?? ""] + (row["aliases"] ?? "").split(separator: "|").map(String.init))
            #expect(names.contains(country.englishName), "\(country.englishName) is not a name of \(country.alpha2)")
        }
    }

    @Test("the address plan uses public-looking space, never overlaps, and keeps anonymizers in country blocks")
    func addressPlan() {
        let plan = SampleNetworkPlan()
        let special: Set<Int> = [0, 10, 100, 127, 169, 172, 192, 198, 203]
        var seen = Set<Int>()
        for block in plan.blocks {
            #expect(!special.contains(block.firstOctet) && block.firstOctet < 224)
            #expect(seen.insert(block.firstOctet << 8 | block.secondOctet).inserted, "block used twice")
        }
        for anonymizer in plan.anonymizers {
            let block = plan.blocks.first {
                UInt32($0.firstOctet) == anonymizer.start >> 24
                    && UInt32($0.secondOctet) == anonymizer.start >> 16 & 0xff
            }
            #expect(block?.country == anonymizer.country)
        }
        var random = SampleRandom(seed: 1, stream: "test")
        for _ in 0..<1000 {
            let address = plan.address(in: "US", &random)
            let octets = address.split(separator: ".").compactMap { UInt32($0) }
            #expect(!plan.isAnonymized(octets[0] << 24 | octets[1] << 16 | octets[2] << 8 | octets[3]))
        }
    }

    @Test("the random source is uniform enough and reproducible")
    func randomSource() {
        var first = SampleRandom(seed: 42, stream: "a")
        var second = SampleRandom(seed: 42, stream: "a")
        var other = SampleRandom(seed: 42, stream: "b")
        #expect((0..<100).map { _ in first.next() } == (0..<100).map { _ in second.next() })
        #expect(first.next() != other.next())
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<100_000 {
            counts[first.below(10)] += 1
        }
        #expect(counts.allSatisfy { (9_500...10_500).contains($0) })
    }

    @Test(
        "timestamps are formatted from integers",
        arguments: [
            (Int64(0), "1970-01-01T00:00:00Z"), (SampleTime.asOf, "2026-11-28T00:00:00Z"),
            (
                SampleTime.seconds(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59),
                "2024-02-29T23:59:59Z"
            ),
        ])
    func timestamps(instant: Int64, text: String) {
        #expect(SampleTime.iso(instant) == text)
    }

    @Test("offsets and milliseconds keep the instant")
    func timestampVariants() {
        let instant = SampleTime.seconds(year: 2026, month: 6, day: 1, hour: 2)
        #expect(SampleTime.iso(instant, offsetMinutes: -300) == "2026-05-31T21:00:00-05:00")
        #expect(SampleTime.iso(instant, offsetMinutes: 330) == "2026-06-01T07:30:00+05:30")
        #expect(SampleTime.iso(instant, milliseconds: 7) == "2026-06-01T02:00:00.007Z")
    }
}
