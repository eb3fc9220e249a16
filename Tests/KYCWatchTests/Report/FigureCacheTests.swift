import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Figures made once per name and value")
struct FigureCacheTests {
    static let names = Gen.int(in: 0...11).map {
        [
            "expected_operations", "peak_cluster_ops_per_second", "accelerator_hours", "egress_bytes", "days",
            "metered_utilization", "foreign_share", "interconnect_gbps", "peak_concurrent_accelerators", "score",
            "records", "x",
        ][$0]
    }

    @Test("a cached label or figure is the one FigureFormat makes, asked once or many times")
    func sameAsFigureFormat() async {
        let values = Gen.oneOf(
            JSONWriterTests.number, Gen.int(in: 0...3).map { [0.0, -0.0, .nan, .infinity][$0] })
        await propertyCheck(count: 300, input: zip(Self.names, values).array(of: 1...30)) { figures in
            var cache = FigureCache()
            for (name, value) in figures + figures {
                #expect(cache.label(name) == FigureFormat.label(name))
                #expect(cache.metric(name, value) == FigureFormat.metric(name, value), "\(name) \(value)")
            }
        }
    }
}
