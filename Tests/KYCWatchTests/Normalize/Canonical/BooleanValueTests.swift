import PropertyBased
import Testing

@testable import KYCWatch

extension CanonicalTests {
    @Suite("Boolean values")
    struct BooleanValueTests {
        @Test(
            "reads yes/no spellings",
            arguments: [
                ("true", true), ("TRUE", true), ("True", true), ("yes", true), ("YES", true), ("y", true), ("Y", true),
                ("t", true), ("T", true), ("1", true), (" true ", true), ("\ttrue\r\n", true), ("false", false),
                ("FALSE", false), ("False", false), ("no", false), ("NO", false), ("n", false), ("N", false),
                ("f", false), ("F", false), ("0", false), ("  no", false),
            ])
        func reads(text: String, expected: Bool) {
            #expect(BooleanValue.parse(text) == expected)
            #expect(CanonicalFixtures.withEmbeddedBytes(text) { BooleanValue.parse($0) } == expected)
        }

        @Test(
            "refuses anything else",
            arguments: [
                "", "  ", "2", "-1", "00", "01", "yes!", "truth", "nope", "ye", "tru", "fals", "falsey", "on", "off",
                "x",
                "NULL", "t r u e", "ｙｅｓ",
            ])
        func refuses(text: String) {
            #expect(BooleanValue.parse(text) == nil)
        }

        @Test("reads every mix of upper and lower case")
        func mixedCase() async {
            let words = [("true", true), ("false", false), ("yes", true), ("no", false)]
            await propertyCheck(input: Gen.int(in: 0...3), Gen.int(in: 0...31)) { word, mask in
                let (text, expected) = words[word]
                let mixed = String(
                    text.enumerated().map { index, letter in
                        mask & (1 << index) != 0 ? Character(letter.uppercased()) : letter
                    })
                #expect(BooleanValue.parse(mixed) == expected)
            }
        }
    }
}
