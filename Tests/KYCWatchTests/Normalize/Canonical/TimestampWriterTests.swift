import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Timestamp writer with a remembered day")
struct TimestampWriterTests {
    /// Instants near each other (same day, next day), across the four-digit-year edges, or anywhere.
    static let instant = Gen.oneOf(
        Gen.int64(in: 1_780_272_000_000...1_780_272_000_000 + 3 * 86_400_000),
        Gen.int64(in: -62_167_219_200_000 - 86_400_000...(-62_167_219_200_000) + 86_400_000),
        Gen.int64(in: 253_402_300_800_000 - 86_400_000...253_402_300_800_000 + 86_400_000),
        Gen.int64(in: -86_400_000...86_400_000),
        Gen.int64()
    )

    @Test("writes the same text as TimestampParser.format, whatever came before")
    func sameAsFormat() async {
        await propertyCheck(count: 300, input: Self.instant.array(of: 1...50)) { instants in
            var writer = TimestampWriter()
            var buffer = [UInt8](repeating: 0, count: TimestampParser.formattedByteCapacity)
            for millis in instants {
                let length = buffer.withUnsafeMutableBytes { writer.format(millis, into: $0) }
                #expect(String(decoding: buffer[0..<length], as: UTF8.self) == TimestampParser.format(millis))
            }
        }
    }
}
