import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Normalize state")
struct NormalizeStateTests {
    @Test("an account row's digest is the hash of its fields joined, without joining them")
    func rowDigest() async {
        let character = Gen.element(of: Array("ab;:1 é\u{1F}ß🙂\u{0301}")).map { $0 ?? "a" }
        await propertyCheck(input: character.string(of: 0...12).array(of: 0...8)) { fields in
            #expect(
                NormalizeState.hash(fields, separator: 0x1F) == NormalizeState.hash(fields.joined(separator: "\u{1F}")))
        }
    }

    @Test("fields that differ only in where the separator falls have different digests")
    func separatorCounts() {
        #expect(
            NormalizeState.hash(["ab", "c"], separator: 0x1F) != NormalizeState.hash(["a", "bc"], separator: 0x1F))
        #expect(NormalizeState.hash(["", ""], separator: 0x1F) != NormalizeState.hash([""], separator: 0x1F))
    }
}
