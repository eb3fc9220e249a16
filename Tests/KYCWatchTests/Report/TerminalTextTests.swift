import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Text for the terminal")
struct TerminalTextTests {
    /// Words of one letter to a few hundred (a space is one character in twelve), with control
    /// characters among them.
    static let text = Gen.element(of: Array("abcdéüxyz \u{1B}\t")).map { $0 ?? " " }.string(of: 0...400)

    @Test("wrapped lines fit the room after the indent and keep every character but the spaces, in order")
    func wrapKeepsText() async {
        await propertyCheck(input: Self.text, Gen.int(in: 0...90)) { text, width in
            let room = max(20, width - 2)
            let lines = TerminalText.wrap(text, width: width, indent: "  ")
            #expect(!lines.isEmpty)
            for line in lines {
                #expect(line.hasPrefix("  "))
                #expect(line.count - 2 <= room, "\(line)")
            }
            let kept = lines.joined().filter { $0 != " " }
            #expect(kept == TerminalText.clean(text).filter { $0 != " " })
        }
    }

    @Test("a word longer than the room is cut into full lines and a last part")
    func longWord() {
        let lines = TerminalText.wrap("start " + String(repeating: "w", count: 10_001) + " end", width: 100)
        #expect(lines.first == "start")
        #expect(lines.dropFirst().prefix(100).allSatisfy { $0 == String(repeating: "w", count: 100) })
        #expect(lines.last == "w end")
        #expect(lines.count == 102)
    }
}
