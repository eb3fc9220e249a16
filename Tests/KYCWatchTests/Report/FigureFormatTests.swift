import Foundation
import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Figures written beside a threshold")
struct FigureFormatTests {
    @Test(
        "a figure near the threshold gets the digits that keep it on its side",
        arguments: [
            (9.96e25, 1e26, "9.96e25"), (1.004e26, 1e26, "1.004e26"), (1.0004e26, 1e26, "1.0004e26"),
            (9.99996e25, 1e26, "9.99996e25"), (1e26, 1e26, "1.0e26"), (1.9e26, 1e26, "1.9e26"),
            (4.2e25, 1e26, "4.2e25"), (1.911e26, 1.9e26, "1.91e26"), (9.9999e22, 1e23, "9.9999e22"),
            (1.000000000125e26, 1e26, "1.0000000001e26"),
        ])
    func examples(value: Double, threshold: Double, text: String) {
        #expect(FigureFormat.scientific(value, beside: threshold) == text)
    }

    @Test(
        "a figure written beside a threshold in a fixed format gets the digits that keep the comparison true",
        arguments: [
            (0.2999, "%.2f", 0.3, "0.2999"), (0.31, "%.2f", 0.3, "0.31"), (100.4, "%.0f", 100, "100.4"),
            (99.96, "%.0f", 100, "99.96"), (4.9999e7, "%.3g", 5e7, "4.9999e+07"), (100, "%.0f", 100, "100"),
            (0.7, "%.2f", 0.7, "0.70"),
        ])
    func fixedFormat(value: Double, format: String, threshold: Double, text: String) {
        #expect(FigureFormat.written(value, format, beside: threshold) == text)
    }

    @Test("a whole number is grouped beside a threshold, with decimals only where it would read as it")
    func groupedBeside() {
        #expect(FigureFormat.grouped(3200, beside: 100) == "3,200")
        #expect(FigureFormat.grouped(100.4, beside: 100) == "100.4")
        #expect(FigureFormat.grouped(100, beside: 100) == "100")
    }

    @Test(
        "a finding's operation counts are written beside its threshold; other figures as they are",
        arguments: [
            ("expected_operations", 1.00403e26, 1e26, "1.004e26 operations"),
            ("expected_operations", 9.9691e25, 1e26, "9.97e25 operations"),
            ("upper_bound_operations", 9.96e25, 1e26, "9.96e25 operations"),
            ("threshold_operations", 1e26, 1e26, "1.0e26 operations"),
            ("expected_operations", 1.9e26, 1e26, "1.9e26 operations"),
            ("peak_cluster_ops_per_second", 1.004e26, 1e26, "1.0e26 OP/s"),
            ("peak_cluster_ops_per_second", 9.96e19, 1e26, "9.96e19 OP/s"),
            ("peak_cluster_ops_per_second", 1.0004e20, 1e26, "1.0004e20 OP/s"),
        ])
    func metricBesideThreshold(name: String, value: Double, threshold: Double, text: String) {
        #expect(FigureFormat.metric(name, value, thresholds: [threshold]) == text)
        var cache = FigureCache()
        #expect(cache.metric(name, value, thresholds: [threshold]) == text)
        #expect(cache.metric(name, value) == FigureFormat.metric(name, value))
    }

    @Test(
        "a group's operation counts are written beside the nearer of its large_operations and the reporting threshold",
        arguments: [
            (9.9996e25, "9.9996e25 operations"), (1.00004e26, "1.00004e26 operations"),
            (4.9998e25, "4.9998e25 operations"), (5.0002e25, "5.0002e25 operations"), (7.07e25, "7.1e25 operations"),
        ])
    func metricBesideNearerThreshold(value: Double, text: String) {
        let metrics = ["expected_operations": value, "large_operations": 5e25, "reporting_threshold_operations": 1e26]
        let thresholds = FigureFormat.operationsThresholds(in: metrics)
        #expect(FigureFormat.metric("expected_operations", value, thresholds: thresholds) == text)
        var cache = FigureCache()
        #expect(cache.metric("expected_operations", value, thresholds: thresholds) == text)
        // One threshold alone writes the figure beside it, whichever is nearer.
        #expect(
            cache.metric("expected_operations", value, thresholds: [5e25]) == FigureFormat.scientific(
                value, beside: 5e25) + " operations")
    }

    @Test("a finding's thresholds for its operation counts: the reporting threshold, a group's beside it")
    func operationsThresholds() {
        #expect(
            FigureFormat.operationsThresholds(in: ["threshold_operations": 1e26, "expected_operations": 2e26]) == [1e26]
        )
        #expect(
            FigureFormat.operationsThresholds(in: ["large_operations": 5e25, "reporting_threshold_operations": 1e26])
                == [5e25, 1e26])
        #expect(FigureFormat.operationsThresholds(in: ["expected_operations": 2e26]).isEmpty)
    }

    @Test(
        "the figure is on the side of the threshold the value is, never reads as the threshold, and is the value rounded"
    )
    func sameSide() async {
        // Thresholds as written in a pipeline file, two significant digits; values from far off to a
        // hair's breadth away, on either side.
        let threshold = Gen.int(in: 10...99).map(Double.init)
        let exponent = Gen.int(in: 14...30)
        let nearness = Gen.int(in: -12...0)
        let offset = Gen.double(in: -1...1)
        await propertyCheck(input: threshold, exponent, nearness, offset) { mantissa, power, near, share in
            let limit = Double("\(Int(mantissa))e\(power - 1)")!
            let value = limit * (1 + share * pow(10, Double(near)))
            guard value > 0 else { return }
            let text = FigureFormat.scientific(value, beside: limit)
            let printed = try #require(Double(text), "\(text)")
            if value == limit {
                #expect(text == FigureFormat.scientific(limit))
                return
            }
            #expect(value < limit ? printed < limit : printed > limit, "\(value) beside \(limit): \(text)")
            #expect(printed != Double(FigureFormat.scientific(limit)), "\(value) beside \(limit): \(text)")
            // The value rounded to the fewest digits, two at least, that keep it on its side: within
            // half a unit of the last digit, and one digit fewer would not do.
            let digits = text.prefix { $0 != "e" }.filter(\.isNumber).count
            #expect((2...17).contains(digits), "\(text)")
            let unit = pow(10, floor(log10(value)) - Double(digits - 1))
            #expect(abs(printed - value) <= unit * 0.500_001, "\(value): \(text)")
            if digits > 2 {
                let fewer = try #require(Double(FigureFormat.significant(value, digits: digits - 1)))
                #expect(
                    (value < limit ? fewer >= limit : fewer <= limit)
                        || fewer == Double(FigureFormat.scientific(limit)),
                    "\(value): \(text)")
            }
            // Two digits where they are enough.
            let plain = FigureFormat.scientific(value)
            let plainValue = try #require(Double(plain))
            if value < limit ? plainValue < limit : plainValue > limit { #expect(text == plain) }
        }
    }
}
