import PropertyBased
import Testing

@testable import KYCWatch

extension CanonicalTests {
    @Suite("Decimal fields")
    struct DecimalFieldTests {
        @Test(
            "reads decimals and exponents",
            arguments: [
                ("0", 0.0), ("42", 42), ("-0.25", -0.25), ("+3.5", 3.5), ("1.5e3", 1500), ("1.5E3", 1500),
                ("1.5e+3", 1500),
                ("2.5e-3", 0.0025), (".5", 0.5), ("5.", 5), ("0.00000080000", 8e-7), ("2.000000000000000", 2),
                ("0.002007490000000", 0.00200749), ("  7.25 ", 7.25), ("1e26", 1e26), ("1e-30", 1e-30),
                ("123456789012345678901234567890", 123456789012345678901234567890.0), ("0.1", 0.1),
                ("3.141592653589793238462643383279", 3.141592653589793), ("9007199254740993", 9007199254740993.0),
                ("1e308", 1e308), ("4.9e-324", Double.leastNonzeroMagnitude), ("1e-400", 0), ("000123.4500", 123.45),
                ("0.1667", 0.1667),
                ("989.5", 989.5), ("1979", 1979), ("-0", -0.0),
            ])
        func reads(text: String, expected: Double) throws {
            let value = try #require(DecimalField.parseDouble(text))
            #expect(value.bitPattern == expected.bitPattern)
            #expect(
                CanonicalFixtures.withEmbeddedBytes(text) { DecimalField.parseDouble($0) }?.bitPattern
                    == expected.bitPattern)
        }

        @Test(
            "refuses what is not a plain number",
            arguments: [
                "", "  ", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,000", "1 000", "NaN", "nan", "inf", "-inf",
                "Infinity", "0x1p3", "1_000", "1e400", "-1e400", "12abc", "$5", "5%", "NULL", "--1", "+-1", "1e5.5",
                "١٢", "1d5",
            ])
        func refuses(text: String) {
            #expect(DecimalField.parseDouble(text) == nil)
        }

        @Test(
            "reads integers",
            arguments: [
                ("0", Int64(0)), ("42", 42), ("-7", -7), ("+3", 3), (" 12 ", 12), ("007", 7),
                ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min),
            ])
        func readsIntegers(text: String, expected: Int64) {
            #expect(DecimalField.parseInt64(text) == expected)
            #expect(CanonicalFixtures.withEmbeddedBytes(text) { DecimalField.parseInt64($0) } == expected)
        }

        @Test(
            "refuses what is not an integer",
            arguments: [
                "", " ", "-", "+", "1.0", "1e3", "9223372036854775808", "-9223372036854775809", "99999999999999999999",
                "1,000", "0x10", "abc", "1 2", "--1",
            ])
        func refusesIntegers(text: String) {
            #expect(DecimalField.parseInt64(text) == nil)
        }

        @Test("every finite double reads back from its shortest description")
        func doubleRoundTrip() async {
            await propertyCheck(count: 3000, input: Gen.uint64()) { bits in
                let value = Double(bitPattern: bits)
                guard value.isFinite else { return }
                #expect(DecimalField.parseDouble(value.description)?.bitPattern == value.bitPattern, "\(value)")
            }
        }

        @Test("decimal strings read as the standard library reads them")
        func agreesWithStandardLibrary() async {
            let digit = Gen.int(in: 0...9)
            await propertyCheck(
                count: 3000, input: digit.array(of: 1...25), Gen.int(in: 0...25), Gen.int(in: -40...40), Gen.bool
            ) { digits, point, exponent, negative in
                var text = negative ? "-" : ""
                for (index, value) in digits.enumerated() {
                    if index == min(point, digits.count) { text += "." }
                    text += String(value)
                }
                if exponent != 0 { text += "e\(exponent)" }
                #expect(DecimalField.parseDouble(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
            }
        }

        @Test("every Int64 reads back from its description")
        func integerRoundTrip() async {
            await propertyCheck(count: 2000, input: Gen.int64()) { value in
                #expect(DecimalField.parseInt64(String(value)) == value)
            }
        }
    }
}
