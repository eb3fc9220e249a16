import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Text interner: ids from bytes, equal as Strings are equal")
struct TextInternerTests {
    @Test("the same text gets the same id, another text another id, and the text comes back")
    func sameAndDifferent() {
        var interner = TextInterner()
        let a = interner.id(of: "acct-000001")
        let b = interner.id(of: "acct-000002")
        #expect(a != b)
        #expect(interner.id(of: "acct-000001") == a)
        #expect(interner.text(a) == "acct-000001" && interner.text(b) == "acct-000002")
        #expect(interner.id(of: "") != a && interner.text(interner.id(of: "")) == "")
        #expect(interner.count == 3)
    }

    @Test(
        "canonically equivalent spellings share an id, in either order, and the first spelling is kept",
        arguments: [
            ("caf\u{E9}", "cafe\u{301}"),  // precomposed and combining accent
            ("K", "\u{212A}"),  // ASCII K and the Kelvin sign
            ("\u{212A}", "K"),
            ("\u{212B}-1", "\u{C5}-1"),  // Angstrom sign and Å
        ])
    func canonicalEquivalence(first: String, second: String) {
        var interner = TextInterner()
        _ = interner.id(of: "padding-ascii")
        let id = interner.id(of: first)
        #expect(interner.id(of: second) == id)
        #expect(interner.id(of: first) == id)
        #expect(interner.text(id) == first)
        #expect(interner.text(id).unicodeScalars.elementsEqual(first.unicodeScalars))
    }

    @Test("invalid UTF-8 interns as its repaired text, as the String of the field would")
    func invalidBytes() {
        var interner = TextInterner()
        let invalid: [UInt8] = [0x61, 0xFF]
        let id = invalid.withUnsafeBytes { interner.id(of: $0) }
        #expect(interner.id(of: "a\u{FFFD}") == id)
        #expect(interner.text(id) == "a\u{FFFD}")
    }

    @Test("hundreds of thousands of ids stay dense and stable as the table grows")
    func growth() {
        var interner = TextInterner()
        for index in 0..<300_000 { #expect(interner.id(of: "i-\(index)") == Int32(index)) }
        for index in stride(from: 0, to: 300_000, by: 997) {
            #expect(interner.id(of: "i-\(index)") == Int32(index))
            #expect(interner.text(Int32(index)) == "i-\(index)")
        }
        #expect(interner.count == 300_000)
    }

    @Test("two texts get one id exactly when they are equal Strings")
    func matchesStringEquality() async {
        let pieces = ["a", "e", "\u{E9}", "\u{301}", "K", "\u{212A}", "-", "1"]
        let text = Gen.int(in: 0...(pieces.count - 1)).map { pieces[$0] }.array(of: 0...4).map { $0.joined() }
        await propertyCheck(count: 300, input: text.array(of: 2...12)) { texts in
            var interner = TextInterner()
            let ids = texts.map { interner.id(of: $0) }
            for i in texts.indices {
                for j in texts.indices {
                    #expect(
                        (ids[i] == ids[j]) == (texts[i] == texts[j]),
                        "\(texts[i].debugDescription) \(texts[j].debugDescription)")
                }
            }
        }
    }
}
