import Foundation
import Testing

@testable import KYCWatch

extension CanonicalTests {
    /// Field values parsed per second by each hot-path canonicalizer, on fields packed in one buffer as a
    /// record batch holds them.
    ///
    /// Opt-in: runs only with `KYCWATCH_BENCH=1`, in release mode:
    /// `KYCWATCH_BENCH=1 swift test -c release -Xswiftc -enable-testing --scratch-path .build-bench-canon
    /// --filter CanonicalBenchmarkTests`. `KYCWATCH_BENCH_FIELDS` sets the fields per run (1,000,000).
    @Suite("Canonical throughput", .enabled(if: ProcessInfo.processInfo.environment["KYCWATCH_BENCH"] == "1"))
    struct CanonicalBenchmarkTests {
        static let count = ProcessInfo.processInfo.environment["KYCWATCH_BENCH_FIELDS"].flatMap { Int($0) } ?? 1_000_000

        /// `count` fields cycling through `samples`, concatenated, with their end offsets.
        static func packed(_ samples: [String]) -> (bytes: [UInt8], ends: [Int]) {
            var bytes: [UInt8] = []
            var ends: [Int] = []
            for index in 0..<count {
                bytes.append(contentsOf: samples[index % samples.count].utf8)
                ends.append(bytes.count)
            }
            return (bytes, ends)
        }

        /// Runs `body` on every field and prints nanoseconds per field and how many `body` accepted.
        static func measure(_ label: String, _ samples: [String], _ body: (UnsafeRawBufferPointer) -> Bool) {
            let (bytes, ends) = packed(samples)
            let clock = ContinuousClock()
            var accepted = 0
            let elapsed = bytes.withUnsafeBytes { buffer in
                clock.measure {
                    var start = 0
                    for end in ends {
                        if body(UnsafeRawBufferPointer(rebasing: buffer[start..<end])) { accepted += 1 }
                        start = end
                    }
                }
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let nanoseconds = seconds * 1e9 / Double(count)
            print("\(label): \(String(format: "%.1f", nanoseconds)) ns/field, \(accepted)/\(count) parsed")
        }

        @Test("parses fields")
        func throughput() throws {
            let utc = try TimestampParser()
            let newYork = try TimestampParser(naiveTimeZone: "America/New_York")
            let timestamps = [
                "2024-09-18 22:00:00", "2026-06-04T13:00:00Z", "2026-06-04T15:00:00.123+02:00", "2025-01-31T23:59:59Z",
            ]
            Self.measure("timestamp (UTC naive)", timestamps) { utc.parse($0) != nil }
            Self.measure("timestamp (America/New_York naive)", timestamps) { newYork.parse($0) != nil }
            Self.measure("double", ["0.00000080000", "2.000000000000000", "1.5e3", "-0.25", "3200", "0.1667"]) {
                DecimalField.parseDouble($0) != nil
            }
            Self.measure("int64", ["11472", "19384", "-7", "1234567890123"]) { DecimalField.parseInt64($0) != nil }
            Self.measure("boolean", ["true", "false", "yes", "0"]) { BooleanValue.parse($0) != nil }
            let countries = try CanonicalFixtures.countries.get()
            Self.measure("country", ["US", "DE", "United States", "Korea, Republic of", "CHN", "Türkiye"]) {
                countries.code(for: $0) != nil
            }
            Self.measure("phone calling code", ["+1 (415) 555-0100", "+86 10 1234 5678", "0044 20 7946 0958"]) {
                PhoneNumber.callingCode(of: $0, catalog: countries) != nil
            }
            Self.measure("email domain", ["li.wei@example.com.cn", "Jane <jane@example.co.uk>"]) {
                EmailAddress.domain(of: $0) != nil
            }
            let accelerators = try CanonicalFixtures.accelerators.get()
            Self.measure("accelerator name", ["H100-SXM5-80GB", "NVIDIA H100 80GB HBM3", "nvidia-tesla-t4", "A10G"]) {
                accelerators.accelerator(named: $0) != nil
            }
            Self.measure(
                "instance type name", ["p5.48xlarge", "Standard_ND96isr_H100_v5", "a3-highgpu-8g", "m5.large"]
            ) {
                accelerators.instanceType(named: $0) != nil
            }
            Self.measure(
                "instance type in text",
                [
                    "$98.32 per On Demand Linux p5.48xlarge Instance Hour",
                    "$0.00 per GB - US West (Oregon) data transfer from EU (Germany)", "USE1-BoxUsage:g5.xlarge",
                ]
            ) { accelerators.instanceType(inText: $0) != nil }
        }
    }
}
