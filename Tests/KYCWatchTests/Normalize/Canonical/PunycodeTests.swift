import PropertyBased
import Testing

@testable import KYCWatch

extension CanonicalTests {
    @Suite("Punycode")
    struct PunycodeTests {
        /// RFC 3492 section 7.1's sample strings: the Punycode, then the code points it stands for.
        static let samples: [(String, [UInt32])] = [
            (
                "egbpdaj6bu4bxfgehfvwxn",  // (A) Arabic (Egyptian)
                [
                    0x0644, 0x064A, 0x0647, 0x0645, 0x0627, 0x0628, 0x062A, 0x0643, 0x0644, 0x0645, 0x0648, 0x0634,
                    0x0639, 0x0631, 0x0628, 0x064A, 0x061F,
                ]
            ),
            (
                "ihqwcrb4cv8a8dqg056pqjye",  // (B) Chinese (simplified)
                [0x4ED6, 0x4EEC, 0x4E3A, 0x4EC0, 0x4E48, 0x4E0D, 0x8BF4, 0x4E2D, 0x6587]
            ),
            (
                "ihqwctvzc91f659drss3x8bo0yb",  // (C) Chinese (traditional)
                [0x4ED6, 0x5011, 0x7232, 0x4EC0, 0x9EBD, 0x4E0D, 0x8AAA, 0x4E2D, 0x6587]
            ),
            (
                "Proprostnemluvesky-uyb24dma41a",  // (D) Czech
                [
                    0x0050, 0x0072, 0x006F, 0x010D, 0x0070, 0x0072, 0x006F, 0x0073, 0x0074, 0x011B, 0x006E, 0x0065,
                    0x006D, 0x006C, 0x0075, 0x0076, 0x00ED, 0x010D, 0x0065, 0x0073, 0x006B, 0x0079,
                ]
            ),
            (
                "4dbcagdahymbxekheh6e0a7fei0b",  // (E) Hebrew
                [
                    0x05DC, 0x05DE, 0x05D4, 0x05D4, 0x05DD, 0x05E4, 0x05E9, 0x05D5, 0x05D8, 0x05DC, 0x05D0, 0x05DE,
                    0x05D3, 0x05D1, 0x05E8, 0x05D9, 0x05DD, 0x05E2, 0x05D1, 0x05E8, 0x05D9, 0x05EA,
                ]
            ),
            (
                "i1baa7eci9glrd9b2ae1bj0hfcgg6iyaf8o0a1dig0cd",  // (F) Hindi (Devanagari)
                [
                    0x092F, 0x0939, 0x0932, 0x094B, 0x0917, 0x0939, 0x093F, 0x0928, 0x094D, 0x0926, 0x0940, 0x0915,
                    0x094D, 0x092F, 0x094B, 0x0902, 0x0928, 0x0939, 0x0940, 0x0902, 0x092C, 0x094B, 0x0932, 0x0938,
                    0x0915, 0x0924, 0x0947, 0x0939, 0x0948, 0x0902,
                ]
            ),
            (
                "n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa",  // (G) Japanese (kanji and hiragana)
                [
                    0x306A, 0x305C, 0x307F, 0x3093, 0x306A, 0x65E5, 0x672C, 0x8A9E, 0x3092, 0x8A71, 0x3057, 0x3066,
                    0x304F, 0x308C, 0x306A, 0x3044, 0x306E, 0x304B,
                ]
            ),
            (
                "989aomsvi5e83db1d2a355cv1e0vak1dwrv93d5xbh15a0dt30a5jpsd879ccm6fea98c",  // (H) Korean
                [
                    0xC138, 0xACC4, 0xC758, 0xBAA8, 0xB4E0, 0xC0AC, 0xB78C, 0xB4E4, 0xC774, 0xD55C, 0xAD6D, 0xC5B4,
                    0xB97C, 0xC774, 0xD574, 0xD55C, 0xB2E4, 0xBA74, 0xC5BC, 0xB9C8, 0xB098, 0xC88B, 0xC744, 0xAE4C,
                ]
            ),
            (
                "b1abfaaepdrnnbgefbaDotcwatmq2g4l",  // (I) Russian (Cyrillic), a digit in upper case
                [
                    0x043F, 0x043E, 0x0447, 0x0435, 0x043C, 0x0443, 0x0436, 0x0435, 0x043E, 0x043D, 0x0438, 0x043D,
                    0x0435, 0x0433, 0x043E, 0x0432, 0x043E, 0x0440, 0x044F, 0x0442, 0x043F, 0x043E, 0x0440, 0x0443,
                    0x0441, 0x0441, 0x043A, 0x0438,
                ]
            ),
            (
                "PorqunopuedensimplementehablarenEspaol-fmd56a",  // (J) Spanish
                Array("Porqu\u{E9}nopuedensimplementehablarenEspa\u{F1}ol".unicodeScalars.map(\.value))
            ),
            (
                "TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g",  // (K) Vietnamese
                [
                    0x0054, 0x1EA1, 0x0069, 0x0073, 0x0061, 0x006F, 0x0068, 0x1ECD, 0x006B, 0x0068, 0x00F4, 0x006E,
                    0x0067, 0x0074, 0x0068, 0x1EC3, 0x0063, 0x0068, 0x1EC9, 0x006E, 0x00F3, 0x0069, 0x0074, 0x0069,
                    0x1EBF, 0x006E, 0x0067, 0x0056, 0x0069, 0x1EC7, 0x0074,
                ]
            ),
            ("3B-ww4c5e180e575a65lsy2b", [0x0033, 0x5E74, 0x0042, 0x7D44, 0x91D1, 0x516B, 0x5148, 0x751F]),  // (L)
            (
                "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n",  // (M)
                [0x5B89, 0x5BA4, 0x5948, 0x7F8E, 0x6075] + Array("-with-SUPER-MONKEYS".unicodeScalars.map(\.value))
            ),
            (
                "Hello-Another-Way--fc4qua05auwb3674vfr0b",  // (N)
                Array("Hello-Another-Way-".unicodeScalars.map(\.value))
                    + [0x305D, 0x308C, 0x305E, 0x308C, 0x306E, 0x5834, 0x6240]
            ),
            ("2-u9tlzr9756bt3uc0v", [0x3072, 0x3068, 0x3064, 0x5C4B, 0x6839, 0x306E, 0x4E0B, 0x0032]),  // (O)
            (
                "MajiKoi5-783gue6qz075azm5e",  // (P)
                [
                    0x004D, 0x0061, 0x006A, 0x0069, 0x3067, 0x004B, 0x006F, 0x0069, 0x3059, 0x308B, 0x0035, 0x79D2,
                    0x524D,
                ]
            ),
            ("de-jg4avhby1noc0d", [0x30D1, 0x30D5, 0x30A3, 0x30FC, 0x0064, 0x0065, 0x30EB, 0x30F3, 0x30D0]),  // (Q)
            ("d9juau41awczczp", [0x305D, 0x306E, 0x30B9, 0x30D4, 0x30FC, 0x30C9, 0x3067]),  // (R)
            ("-> $1.00 <--", Array("-> $1.00 <-".unicodeScalars.map(\.value))),  // (S)
        ]

        @Test("decodes RFC 3492's sample strings", arguments: samples)
        func rfcSamples(encoded: String, codePoints: [UInt32]) {
            #expect(Punycode.decode(encoded).map { $0.unicodeScalars.map(\.value) } == codePoints)
            #expect(Punycode.decode("bro-hoa") == "büro")
        }

        @Test(
            "refuses what is not Punycode",
            arguments: [
                "a-b",  // a number cut short
                "-abc",  // no basic code points, so the leading hyphen is read as a digit
                "99999999999a",  // past the 32-bit limits
                "zzzzzzzzzzzzzzz",  // a code point past U+10FFFF
                "b\u{FC}ro-hoa", "bro-ho_a", "bro hoa",
            ])
        func malformed(encoded: String) {
            #expect(Punycode.decode(encoded) == nil)
        }

        /// Punycode's alphabet, the hyphen twice as often, so random text takes every path of the decoder.
        static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789--".utf8)

        @Test("decodes any text, Punycode or not, without failing: nil or a string")
        func anyText() async {
            await propertyCheck(input: Gen<UInt8?>.element(of: Self.alphabet).array(of: 0...80)) { bytes in
                let text = String(decoding: bytes.compactMap { $0 }, as: UTF8.self)
                if let decoded = Punycode.decode(text) {
                    #expect(decoded.unicodeScalars.count <= text.utf8.count)
                }
            }
            await propertyCheck(input: Gen<UInt8>.value(in: 0...255).array(of: 0...40)) { bytes in
                _ = Punycode.decode(String(decoding: bytes, as: UTF8.self))
            }
        }

        @Test("decodes what RFC 3492's encoding procedure writes back to the text it encoded")
        func roundTrip() async {
            let scalar = Gen<UInt32>.value(in: 0...0x10_FFFF).map { Unicode.Scalar($0) ?? "x" }
            let nearby = Gen<UInt32>.value(in: 0x20...0x3FF).map { Unicode.Scalar($0)! }
            await propertyCheck(input: scalar.array(of: 0...24), nearby.array(of: 0...40)) { wide, near in
                for scalars in [wide, near, wide + near] {
                    #expect(Punycode.decode(Self.encode(scalars)).map { Array($0.unicodeScalars) } == scalars)
                }
            }
        }

        /// `scalars` encoded by RFC 3492 section 6.3's procedure, written here to check the decoder against.
        static func encode(_ scalars: [Unicode.Scalar]) -> String {
            func digit(_ value: Int) -> Character {
                Character(Unicode.Scalar(UInt8(value < 26 ? 0x61 + value : 0x30 + value - 26)))
            }
            func adapt(_ delta: Int, _ length: Int, _ first: Bool) -> Int {
                var delta = first ? delta / 700 : delta / 2
                delta += delta / length
                var k = 0
                while delta > 35 * 26 / 2 {
                    delta /= 35
                    k += 36
                }
                return k + 36 * delta / (delta + 38)
            }
            var output = String(String.UnicodeScalarView(scalars.filter(\.isASCII)))
            let basic = output.unicodeScalars.count
            if basic > 0 { output.append("-") }
            var handled = basic
            var n = 0x80
            var delta = 0
            var bias = 72
            while handled < scalars.count {
                let next = scalars.map { Int($0.value) }.filter { $0 >= n }.min()!
                delta += (next - n) * (handled + 1)
                n = next
                for scalar in scalars {
                    if Int(scalar.value) < n { delta += 1 }
                    guard Int(scalar.value) == n else { continue }
                    var q = delta
                    var k = 36
                    while true {
                        let t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias
                        if q < t { break }
                        output.append(digit(t + (q - t) % (36 - t)))
                        q = (q - t) / (36 - t)
                        k += 36
                    }
                    output.append(digit(q))
                    bias = adapt(delta, handled + 1, handled == basic)
                    delta = 0
                    handled += 1
                }
                delta += 1
                n += 1
            }
            return output
        }
    }
}
