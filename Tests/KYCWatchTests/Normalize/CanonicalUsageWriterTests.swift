import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Canonical usage rows written from bytes")
struct CanonicalUsageWriterTests {
    /// Collects what a CSV writer hands on.
    final class MemoryWriter: ByteWriter {
        var bytes: [UInt8] = []
        func write(_ bytes: UnsafeRawBufferPointer) throws(KYCWatchError) { self.bytes.append(contentsOf: bytes) }
        func finish() throws(KYCWatchError) {}
    }

    /// Field bytes that stress quoting and UTF-8 repair: quotes, commas, newlines, accents, invalid bytes.
    static let pieces: [[UInt8]] = [
        Array("acct-000123".utf8), Array("\"".utf8), Array(",".utf8), [0x0A], [0x0D], Array("é".utf8),
        [0xFF], [0xC3], Array("job-0001234,run-7".utf8), Array("p5.48xlarge".utf8), [0x80, 0x41],
    ]
    static let text = Gen.int(in: 0...(pieces.count - 1)).map { pieces[$0] }.array(of: 0...4)
        .map { $0.flatMap { $0 } }
    static let number = Gen.oneOf(
        Gen.int(in: 0...1_000_000).map { Double($0) },
        Gen.int(in: 0...1_000_000).map { Double($0) / 1000 },
        Gen.int(in: -3...3).map {
            [0.0, -0.0, 1e15, 1e15 - 1, 0.1 + 0.2, 123_456_789.125, Double.leastNonzeroMagnitude][$0 + 3]
        },
        Gen.int(in: 1...60).map { 1.5 * pow10($0) }
    )
    static let millis = Gen.int64(in: -62_135_596_800_000...253_402_300_799_999)

    private static func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    @Test("the bytes of a batch's row equal the text row of the same record")
    func sameBytesAsText() async {
        // Models by their place; the second needs quoting.
        let models = ["H100-SXM5-80GB", "B200 \"HGX\", 8-way"]
        let texts = Self.text.array(of: 8)
        let numbers = Self.number.array(of: 5)
        let optional = Gen.bool.array(of: 13)
        await propertyCheck(count: 300, input: texts, numbers, Self.millis.array(of: 2), optional) {
            texts, numbers, times, present in
            let arena = texts.flatMap { $0 }
            arena.withUnsafeBytes { arena in
                var offset = 0
                var slices: [FieldText?] = []
                for (index, text) in texts.enumerated() {
                    let slice = UnsafeRawBufferPointer(rebasing: arena[offset..<(offset + text.count)])
                    offset += text.count
                    slices.append(index >= 3 && !present[index] || text.isEmpty ? nil : .bytes(slice))
                }
                let fields = UsageFields(
                    recordID: slices[0] ?? .text("r"), accountID: slices[1] ?? .text("a"),
                    resourceID: slices[2] ?? .text("i-\"1\""), jobID: slices[3], clusterID: slices[4],
                    region: slices[5], zone: slices[6], instanceType: slices[7],
                    acceleratorIndex: present[8] ? Int(times[0] & 1) : nil, acceleratorCount: numbers[0],
                    start: times[0], end: times[1], utilization: present[9] ? numbers[1] : nil,
                    interconnectGbps: present[10] ? numbers[2] : nil, egressBytes: present[11] ? numbers[3] : nil,
                    storageWriteBytes: present[12] ? numbers[4] : nil, line: 2)
                // The row as a usage batch holds it, its texts copied into the batch.
                var batch = UsageRowBatch(models: models, reservingCapacity: 1)
                batch.append(fields, accountKnown: present[0])
                let fromBytes = MemoryWriter()
                let fromText = MemoryWriter()
                do {
                    let bytesWriter = CSVWriter(destination: fromBytes)
                    var timestamps = TimestampWriter()
                    let written: Result<Void, KYCWatchError> = batch.withTexts { texts in
                        Result { () throws(KYCWatchError) in
                            try CanonicalRow.write(
                                batch.rows[0], texts: texts, models: batch.models, to: bytesWriter,
                                timestamps: &timestamps)
                        }
                    }
                    try written.get()
                    try bytesWriter.finish()
                    let textWriter = CSVWriter(destination: fromText)
                    try textWriter.writeRow(
                        CanonicalRow.fields(UsageRecord(fields, accountKnown: present[0], models: models)))
                    try textWriter.finish()
                } catch {
                    Issue.record("writing failed: \(error)")
                }
                #expect(fromBytes.bytes == fromText.bytes)
            }
        }
    }

    @Test(
        "whole numbers are written whole however large, fractions and the very largest as Swift writes them",
        arguments: [
            (123_456_789_012_345_680, "123456789012345680"), (9_007_199_254_740_992, "9007199254740992"),
            (1e15, "1000000000000000"), (2.5, "2.5"), (1e19, "1e+19"), (-4e17, "-400000000000000000"),
        ] as [(Double, String)])
    func wholeNumbers(value: Double, text: String) {
        #expect(value.formatted == text)
    }
}
