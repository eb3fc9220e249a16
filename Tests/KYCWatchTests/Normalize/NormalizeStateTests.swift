import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Normalize state")
struct NormalizeStateTests {
    @Test("an account row and the same text cut one character elsewhere have different digests")
    func rowDigest() async {
        let character = Gen.element(of: Array("ab;:1 é\u{1F}ß🙂\u{0301}")).map { $0 ?? "a" }
        await propertyCheck(input: character.string(of: 1...6), character.string(of: 0...6).array(of: 1...4)) {
            first, rest in
            let row = [first] + rest
            // The first field's last character moved to the start of the second: the same bytes in a row.
            var moved = row
            moved[0] = String(first.dropLast())
            moved[1] = String(first.last!) + moved[1]
            #expect(row.joined() == moved.joined())
            #expect(NormalizeState.digest(of: row) != NormalizeState.digest(of: moved), "\(row) \(moved)")
            #expect(NormalizeState.digest(of: row) == NormalizeState.digest(of: row.map { String($0) }))
        }
    }

    @Test("fields that differ only in where a cut falls have different digests")
    func cutsCount() {
        let rows: [[String]] = [
            ["ab", "c"], ["a", "bc"], ["a\u{1F}", "b"], ["a", "\u{1F}b"], ["", ""], [""], [], ["a\u{1F}b"],
        ]
        let digests = Set(rows.map(NormalizeState.digest(of:)))
        #expect(digests.count == rows.count)
    }
}
