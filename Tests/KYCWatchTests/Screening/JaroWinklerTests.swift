import PropertyBased
import Testing

@testable import KYCWatch

extension ScreeningTests {
    @Suite("Jaro-Winkler similarity")
    struct JaroWinklerTests {
        @Test(
            "matches published values",
            arguments: [
                ("MARTHA", "MARHTA", 0.961),
                ("DWAYNE", "DUANE", 0.840),
                ("DIXON", "DICKSONX", 0.813),
                ("JELLYFISH", "SMELLYFISH", 0.896),
                ("CRATE", "TRACE", 0.733),
                ("gazprom", "gazprom", 1.0),
                ("", "", 1.0),
                ("abc", "", 0.0),
                ("abc", "xyz", 0.0),
            ])
        func knownValues(a: String, b: String, expected: Double) {
            #expect(abs(JaroWinkler.similarity(a, b) - expected) < 0.001)
        }

        @Test("is symmetric, between 0 and 1, and 1 only for equal words")
        func properties() async {
            let word = Gen.element(of: Array("abcdeo")).map { $0 ?? "a" }.string(of: 1...9)
            await propertyCheck(input: word, word) { a, b in
                let forward = JaroWinkler.similarity(a, b)
                #expect(abs(forward - JaroWinkler.similarity(b, a)) < 1e-9)
                #expect(forward >= 0 && forward <= 1)
                #expect((forward == 1) == (a == b))
            }
        }

        @Test("the letter-set bound is never below the similarity")
        func upperBound() async {
            let word = Gen.element(of: Array("abcdefgho")).map { $0 ?? "a" }.string(of: 1...12)
            await propertyCheck(input: word, word) { a, b in
                var a = a
                var b = b
                let bound = a.withUTF8 { first in
                    b.withUTF8 { second in
                        JaroWinkler.upperBound(
                            lengthA: first.count, lettersA: JaroWinkler.letterSet(of: first), lengthB: second.count,
                            lettersB: JaroWinkler.letterSet(of: second))
                    }
                }
                #expect(Double(bound) >= JaroWinkler.similarity(a, b) - 1e-6)
            }
        }

        @Test(
            "one edit apart: substitution, insertion, deletion, swapped neighbours",
            arguments: [
                ("limited", "lumited", true), ("limited", "limitted", true), ("limited", "limted", true),
                ("limited", "limietd", true), ("company", "comapny", true), ("limited", "limited", false),
                ("limited", "lmtd", false), ("company", "compact", false),
            ])
        func oneEdit(a: String, b: String, expected: Bool) {
            #expect(NameNormalizer.isOneEditApart(Array(a.utf8), Array(b.utf8)) == expected)
        }
    }
}
