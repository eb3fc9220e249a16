import Foundation
import PropertyBased
import Testing

@testable import KYCWatch

@Suite("JSON written by hand: the bytes of JSONEncoder with kycwatch's settings")
struct JSONWriterTests {
    /// Text that JSON, HTML or UTF-8 treat specially: every C0 control, DEL and C1 controls, quotes,
    /// backslash and slash, markup, the line separators, combining marks, emoji sequences.
    static let awkward: [String] =
        (0x00...0x1F).map { String(UnicodeScalar(UInt8($0))) } + [
            "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "\"", "\\", "/", "\\/", "\\u0000", "</script>",
            "</SCRIPT", "<!--", "&amp;", "&", "<", ">", "'", "\u{2028}", "\u{2029}", "é", "e\u{301}", "東京", "🙂",
            "👩‍👩‍👧", "\r\n", "\u{FEFF}", "\u{FFFD}", " ", "a", "Z", "0", ".0", "_", "-",
        ]

    /// Any Unicode scalar but the surrogates.
    static let scalar = Gen.oneOf(Gen<UInt32>.value(in: 0...0xD7FF), Gen<UInt32>.value(in: 0xE000...0x10FFFF))
        .map { String(UnicodeScalar($0)!) }

    static let text = Gen.oneOf(
        Gen.int(in: 0...(awkward.count - 1)).map { awkward[$0] }.array(of: 0...12).map { $0.joined() },
        // One awkward piece at any offset in plain text, for the writer's eight-byte steps.
        zip(
            Gen.letterOrNumber.string(of: 0...17), Gen.int(in: 0...(awkward.count - 1)),
            Gen.letterOrNumber.string(of: 0...17)
        )
        .map { $0 + awkward[$1] + $2 },
        scalar.array(of: 0...12).map { $0.joined() },
        Gen.letterOrNumber.string(of: 0...20)
    )

    /// Doubles that print differently: integers below and above 2^53, fractions, powers of ten at the
    /// edges of exponent notation, the extremes, subnormals and negative zero.
    static let special: [Double] = [
        0, -0.0, 1, -1, 0.1, 0.5, 4.5, 100, 1e15, 1e16, 1e17, 1e21, 1e22, 1e26, 1.9e26, 3.8e26, 9_007_199_254_740_992,
        9_007_199_254_740_994,
        123_456_789_012_345_680, 1e-4, 1e-5, 1e-7, 2.5e-5, .leastNonzeroMagnitude, .leastNormalMagnitude,
        .greatestFiniteMagnitude,
        -.greatestFiniteMagnitude, 0.1 + 0.2, 1 / 3, 2.0 / 3, 34_000_000, 16_384,
    ]

    static let number = Gen.oneOf(
        Gen<UInt64>.value(in: 0...UInt64.max).map { Double(bitPattern: $0) }.filter(\.isFinite),
        Gen.int(in: -1_000_000_000...1_000_000_000).map { Double($0) },
        Gen.int(in: -(1 << 62)...(1 << 62)).map { Double($0) },
        Gen.double(in: -1...1),
        Gen.int(in: -1_000_000...1_000_000).map { Double($0) / 100 },
        zip(Gen.double(in: 1..<10), Gen.int(in: -330...308)).map { $0 * pow(10, Double($1)) },
        Gen.int(in: 0...(special.count - 1)).map { special[$0] }
    )

    static func encoded(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static func written(_ body: (inout JSONWriter) throws(KYCWatchError) -> Void) throws -> [UInt8] {
        var json = JSONWriter()
        try body(&json)
        return json.bytes
    }

    @Test("strings are escaped as JSONEncoder escapes them")
    func strings() async {
        await propertyCheck(count: 1000, input: Self.text.array(of: 1...4)) { values in
            let bytes = try Self.written { json in json.strings(values) }
            #expect(bytes == (try Self.encoded(values)), "\(values.map { Array($0.unicodeScalars) })")
        }
    }

    @Test("numbers are written as JSONEncoder writes a Double")
    func numbers() async {
        await propertyCheck(count: 2000, input: Self.number.array(of: 1...6)) { values in
            let bytes = try Self.written { (json) throws(KYCWatchError) in
                json.beginArray()
                for value in values { try json.number(value) }
                json.endArray()
            }
            #expect(bytes == (try Self.encoded(values)), "\(values)")
        }
    }

    @Test("every special number is written as JSONEncoder writes it")
    func specialNumbers() throws {
        for value in Self.special + Self.special.map(-) {
            let bytes = try Self.written { (json) throws(KYCWatchError) in try json.number(value) }
            #expect(bytes == (try Self.encoded(value)), "\(value)")
        }
    }

    @Test("integers, booleans and null are written as JSONEncoder writes them")
    func scalars() throws {
        for value in [0, 1, -1, 42, Int.max, Int.min, 1 << 53] {
            #expect((try Self.written { $0.integer(value) }) == (try Self.encoded(value)))
        }
        #expect((try Self.written { $0.bool(true) }) == (try Self.encoded(true)))
        #expect((try Self.written { $0.bool(false) }) == (try Self.encoded(false)))
        #expect(
            (try Self.written { $0.strings([nil, "a", nil]) }) == (try Self.encoded([nil, "a", nil] as [String?])))
    }

    @Test("NaN and infinity are refused, as JSONEncoder refuses them")
    func nonFinite() {
        for value in [Double.nan, .infinity, -.infinity, .signalingNaN] {
            #expect(throws: KYCWatchError.self) {
                try Self.written { (json) throws(KYCWatchError) in try json.number(value) }
            }
            #expect(throws: (any Error).self) { try Self.encoded(value) }
        }
    }

    @Test("dictionaries come out with keys in JSONEncoder's sorted order")
    func sortedKeys() async {
        let keys = Gen.oneOf(
            Self.text,
            Gen.int(in: 0...9).map { ["a", "A", "_", "rule", "rule_version", "10", "9", "é", "Z", "a b"][$0] }
        )
        await propertyCheck(count: 500, input: zip(keys, Self.number).array(of: 0...8)) { entries in
            let dictionary = Dictionary(entries) { first, _ in first }
            let bytes = try Self.written { (json) throws(KYCWatchError) in
                try json.object(dictionary) { (json, value) throws(KYCWatchError) in try json.number(value) }
            }
            #expect(bytes == (try Self.encoded(dictionary)), "\(dictionary)")
        }
    }

    @Test("distinct strings sort by their UTF-8 bytes, decomposed accents and all")
    func sortedByUTF8() async {
        let decomposed = Gen.int(in: 0...5).map { ["e\u{301}", "\u{E9}", "a\u{30A}", "\u{212B}", "Z", "z"][$0] }
        let strings = Gen.oneOf(Self.text, decomposed.array(of: 1...3).map { $0.joined() })
        await propertyCheck(count: 500, input: strings.array(of: 0...20)) { strings in
            let distinct = Array(Set(strings))
            let expected = distinct.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            #expect(JSONWriter.sortedByUTF8(distinct) == expected)
        }
    }

    static let evidenceValue = Gen.oneOf(
        Self.text.map { EvidenceValue.text($0) },
        Self.number.map { EvidenceValue.number($0) },
        Self.text.array(of: 0...4).map { EvidenceValue.list($0) }
    )

    static let suppression = zip(Gen.int(in: 0...15), Self.text, Self.text, Self.text, Self.text, Self.text)
        .map { present, id, rule, account, reason, reviewer in
            Suppression(
                findingID: present & 1 != 0 ? id : nil, rule: present & 2 != 0 ? rule : nil,
                account: present & 4 != 0 ? account : nil, reason: reason, reviewer: reviewer, expires: "2027-03-31",
                line: present & 8 != 0 ? Int(present) * 997 : nil)
        }

    static let finding = zip(
        zip(Self.text, Self.text, Gen.int(in: -3...1000), Gen.int(in: 0...6), Gen.int(in: 0...4), Self.text),
        zip(Self.text, Self.text.array(of: 1...3), Self.text, Self.text),
        zip(zip(Self.text, Self.evidenceValue).array(of: 0...5), zip(Self.text, Self.number).array(of: 0...5)),
        zip(Self.text.array(of: 0...3), Gen.int(in: 0...255), Self.text, Self.text, Self.text, Self.suppression)
    )
    .map { head, subject, figures, tail in
        let (id, rule, version, category, severity, summary) = head
        let (kind, accounts, start, end) = subject
        let (evidence, metrics) = figures
        let (references, present, firstSeen, knowledge, due, suppression) = tail
        var finding = Finding(
            id: id, rule: rule, ruleVersion: version, category: FindingCategory.allCases[category],
            severity: Severity.allCases[severity], subject: Finding.Subject(kind: kind, accounts: accounts),
            window: present & 1 != 0 ? Finding.Window(start: start, end: end) : nil, summary: summary,
            evidence: Dictionary(evidence) { first, _ in first }, metrics: Dictionary(metrics) { first, _ in first },
            references: references, knowledgeDate: present & 2 != 0 ? knowledge : nil,
            reportDue: present & 4 != 0 ? due : nil)
        finding.status = present & 8 != 0 ? FindingStatus.allCases[Int(present >> 6) % 3] : nil
        finding.firstSeen = present & 16 != 0 ? firstSeen : nil
        finding.suppressedBy = present & 32 != 0 ? suppression : nil
        return finding
    }

    @Test("findings and their suppressions are written as JSONEncoder encodes them")
    func findings() async {
        await propertyCheck(count: 500, input: Self.finding) { finding in
            let bytes = try Self.written { (json) throws(KYCWatchError) in try finding.write(to: &json) }
            #expect(bytes == (try Self.encoded(finding)), "\(finding)")
            if let suppression = finding.suppressedBy {
                let alone = try Self.written { (json) throws(KYCWatchError) in try suppression.write(to: &json) }
                #expect(alone == (try Self.encoded(suppression)))
            }
        }
    }

    @Test("a findings file written by hand is the file JSONEncoder wrote, line for line")
    func jsonLines() async {
        await propertyCheck(count: 100, input: Self.finding.array(of: 0...20)) { findings in
            let byHand = MemoryOutput()
            let handWriter = JSONLinesWriter(destination: byHand)
            let byEncoder = MemoryOutput()
            let encoderWriter = JSONLinesWriter(destination: byEncoder)
            for finding in findings {
                try handWriter.write(finding)
                try encoderWriter.write(EncoderOnly(value: finding))
            }
            try handWriter.finish()
            try encoderWriter.finish()
            #expect(byHand.bytes == byEncoder.bytes)
            #expect(handWriter.linesWritten == findings.count)
        }
    }

    @Test("a finding with a NaN metric is refused and leaves no partial line behind")
    func nanFinding() throws {
        var finding = ReportFixtures.coveredFinding()
        let output = MemoryOutput()
        let writer = JSONLinesWriter(destination: output)
        try writer.write(finding)
        finding.metrics["broken"] = .nan
        #expect(throws: KYCWatchError.self) { try writer.write(finding) }
        finding.metrics["broken"] = 1
        try writer.write(finding)
        try writer.finish()
        let lines = output.bytes.split(separator: 0x0A)
        #expect(lines.count == 2)
        for line in lines { _ = try JSONDecoder().decode(Finding.self, from: Data(line)) }
    }
}

/// A value that only `JSONEncoder` can write, so a writer takes its `Encodable` path.
struct EncoderOnly<Value: Encodable>: Encodable {
    var value: Value

    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

/// Bytes written to memory, for comparing writers.
final class MemoryOutput: ByteWriter {
    private(set) var bytes: [UInt8] = []
    private(set) var finished = false

    func write(_ bytes: UnsafeRawBufferPointer) throws(KYCWatchError) { self.bytes.append(contentsOf: bytes) }

    func finish() throws(KYCWatchError) { finished = true }
}
