import PropertyBased
import Testing

@testable import KYCWatch

extension ScreeningTests {
    @Suite("Name normalization")
    struct NameNormalizerTests {
        let normalizer = NameNormalizer()

        @Test(
            "folds case, marks, punctuation, legal forms, honorifics, word order and spelling variants",
            arguments: [
                // Case, accents and other marks.
                ("JOSÉ MÜLLER", "jose muller"),
                ("Łukasz Straße", "lukasz strasse"),
                ("Çağrı Øre", "cagri ore"),
                ("Ｆｕｌｌ Ｗｉｄｔｈ", "full width"),
                // Punctuation: apostrophes join, initials join, everything else separates.
                ("O'Brien", "obrien"),
                ("Ja’far", "jafar"),
                ("A.S.P. BUILDERS", "asp builders"),
                ("J.Smith", "j smith"),
                ("AL-ZUMAR, Abbud", "abbud al zumar"),
                // Legal forms at the end and the start.
                ("ANGLO-CARIBBEAN CO., LTD.", "anglo caribbean"),
                ("CIMEX, S.A.", "cimex"),
                ("Distribuidora del Norte, S.A. de C.V.", "distribuidora del norte"),
                ("GAZPROM NEFT, PJSC", "gazprom neft"),
                ("OOO Gazprom Transgaz", "gazprom transgaz"),
                ("Siam Nice Company Ltd.", "siam nice"),
                ("Petronas Sdn. Bhd.", "petronas"),
                ("Acme GmbH & Co. KG", "acme"),
                ("Caprikat Lumited", "caprikat"),
                ("Data Compact", "data compact"),
                ("Cloud Limitless", "cloud limitless"),
                ("Etco International Company, Limiteqd", "etco international"),
                ("LIMITED", "limited"),
                ("Co., Ltd.", "co"),
                // Honorifics and word order.
                ("AL ZAWAHIRI, Dr. Ayman", "ayman al zawahiri"),
                ("MADURO MOROS, Nicolas", "nicolas maduro moros"),
                ("Mr. John Smith", "john smith"),
                ("He Jiankui", "he jiankui"),
                ("General Electric", "general electric"),
                // Spelling variants.
                ("Mohammed Hussein", "muhammad husayn"),
                ("Muhammad Husayn", "muhammad husayn"),
                ("Yevgeny Prigozhin", "evgeny prigozhin"),
                ("Evgeniy Smirnoff", "evgeny smirnov"),
                ("Dmitriy Kovalevsky", "dmitri kovalevski"),
                ("The Bank of Kunlun", "bank kunlun"),
                // Other scripts.
                ("Алексей Навальный", "aleksei navalny"),
                ("", ""),
                ("---", ""),
            ])
        func normalizes(name: String, expected: String) {
            #expect(normalizer.normalize(name).key == expected)
        }

        @Test(
            "an invisible character inside a word changes nothing",
            arguments: ["\u{200B}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}", "\u{2062}", "\u{200E}", "\u{202E}"])
        func invisibleInWord(character: String) {
            #expect(normalizer.normalize("Kim Jo\(character)ng Un").key == normalizer.normalize("Kim Jong Un").key)
        }

        @Test("names that differ only in order, case, accents or legal form normalize alike")
        func equivalentForms() {
            let forms = ["SMIRNOV, Yevgeny", "Evgeny Smirnov", "evgeniy smirnoff", "Dr. Yevgeni Smírnov"]
            let keys = Set(forms.map { normalizer.normalize($0).unorderedKey })
            #expect(keys.count == 1)
        }

        @Test("normalizing is idempotent and never leaves upper case, marks or punctuation")
        func idempotent() async {
            let alphabet = Gen.element(of: Array("abcXYZ éÉüßŁ.,'-&()  ÇñØ01")).map { $0 ?? " " }
            await propertyCheck(input: alphabet.string(of: 0...40)) { text in
                let once = normalizer.normalize(text)
                let twice = normalizer.normalize(once.key)
                #expect(twice.tokens.count <= once.tokens.count)
                for token in once.tokens {
                    #expect(!token.isEmpty)
                    #expect(
                        token.unicodeScalars.allSatisfy {
                            $0.properties.isAlphabetic || $0.properties.numericType != nil
                        })
                    #expect(token == token.lowercased())
                }
            }
        }
    }
}
