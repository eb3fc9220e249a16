import Foundation
import PropertyBased
import Testing

@testable import KYCWatch

@Suite("Escaping for the HTML report")
struct HTMLEscapingTests {
    @Test(
        "text escapes markup characters and drops control characters",
        arguments: [
            ("a<b>&\"c'", "a&lt;b&gt;&amp;&quot;c&#39;"),
            ("</script>", "&lt;/script&gt;"),
            ("tab\tnew\nline", "tab\tnew\nline"),
            ("bell\u{07}esc\u{1B}[31m", "bellesc[31m"),
            ("Zürich 北京", "Zürich 北京"),
        ])
    func text(input: String, expected: String) {
        #expect(HTMLEscaping.text(input) == expected)
    }

    @Test("JSON for a script element escapes <, >, & and the line separators, and still parses to the same text")
    func scriptJSON() throws {
        let value = ["name": "</script><script>alert(1)</script> & \u{2028}\u{2029}"]
        let json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        let escaped = HTMLEscaping.scriptJSON(json)
        for forbidden in ["<", ">", "&", "\u{2028}", "\u{2029}"] { #expect(!escaped.contains(forbidden)) }
        let back = try JSONDecoder().decode([String: String].self, from: Data(escaped.utf8))
        #expect(back == value)
    }

    /// Text escaped scalar by scalar, as kycwatch escaped it before working on bytes: the reference.
    static func textByScalars(_ value: String) -> String {
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            case _ where DirectionControl.contains(scalar): escaped += DirectionControl.marker(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    @Test(
        "direction controls are shown, not obeyed, wherever a reviewer reads a value",
        arguments: [
            ("\u{202E}nU gnoJ miK", "(U+202E)nU gnoJ miK"),
            ("Zhao \u{2067}Wenjie\u{2069}", "Zhao (U+2067)Wenjie(U+2069)"),
            ("a\u{200E}b\u{200F}c\u{202A}d", "a(U+200E)b(U+200F)c(U+202A)d"), ("عربي", "عربي"),
        ])
    func directionControls(value: String, shown: String) {
        #expect(HTMLEscaping.text(value) == shown)
        #expect(TerminalText.clean(value) == shown)
        #expect(MarkdownEscaping.text(value) == shown)
        #expect(HTMLEscaping.scriptJSON("\"\(value)\"") == "\"\(shown)\"")
        var json = JSONWriter(escapesForScript: true)
        json.strings([value])
        #expect(json.bytes == Array("[\"\(shown)\"]".utf8))
    }

    @Test(
        "a right-to-left override's text is read in the order it displays",
        arguments: [
            ("\u{202E}nU gnoJ miK", "Kim Jong Un"), ("Mr \u{202E}iaH\u{202C} Lee", "Mr Hai Lee"),
            ("\u{2067}x\u{2069}", nil), ("plain", nil),
        ] as [(String, String?)])
    func displayedOrder(stored: String, displayed: String?) {
        #expect(DirectionControl.displayed(stored) == displayed)
    }

    @Test("text escaped on bytes is the text escaped scalar by scalar")
    func textOnBytes() async {
        await propertyCheck(count: 1000, input: JSONWriterTests.text) { value in
            let expected = Self.textByScalars(value)
            #expect(HTMLEscaping.text(value) == expected, "\(Array(value.unicodeScalars))")
            var html = Array("<td>".utf8)
            HTMLEscaping.appendText(value, to: &html)
            #expect(html == Array(("<td>" + expected).utf8))
        }
    }

    @Test("JSON written for a script element is JSONEncoder's JSON escaped by scriptJSON")
    func scriptJSONWhileWriting() async {
        let entries = zip(JSONWriterTests.text, JSONWriterTests.text).array(of: 0...6)
        await propertyCheck(count: 1000, input: entries) { entries in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            func escaped(_ value: some Encodable) throws -> [UInt8] {
                Array(HTMLEscaping.scriptJSON(String(decoding: try encoder.encode(value), as: UTF8.self)).utf8)
            }
            let values = entries.map(\.1)
            let expectedList = try escaped(values)
            var list = JSONWriter(escapesForScript: true)
            list.strings(values)
            #expect(list.bytes == expectedList, "\(values.map { Array($0.unicodeScalars) })")
            // Keys from data are escaped too.
            let dictionary = Dictionary(entries) { first, _ in first }
            let expectedObject = try escaped(dictionary)
            var object = JSONWriter(escapesForScript: true)
            object.object(dictionary) { json, value in json.string(value) }
            #expect(object.bytes == expectedObject)
        }
    }

    @Test("a customer named </script><script>alert(1)</script> cannot inject into the report")
    func hostileNameInReport() throws {
        let finding = ReportFixtures.coveredFinding()
        let html = HTMLReport(
            review: NightReview(
                findings: [finding],
                suppressed: [
                    .init(
                        finding: finding,
                        suppression: Suppression(
                            findingID: finding.id, reason: ReportFixtures.hostile, reviewer: "<b>x</b>",
                            expires: "2026-12-01"))
                ],
                expiringSoon: [
                    Suppression(rule: "LMT-001", account: "1", reason: "r", reviewer: "v", expires: "2026-12-05")
                ]),
            manifest: ReportFixtures.manifest(), evidence: ReportFixtures.evidence(), runDate: "2026-11-29",
            caseDrafts: [finding.id]
        ).render()
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<b>x</b>"))
        #expect(html.components(separatedBy: "<script").count - 1 == 3)
        #expect(html.components(separatedBy: "</script>").count - 1 == 3)
        #expect(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        // The embedded table data still carries the name exactly.
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"findings-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let data = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8))
        let rows = try #require((data as? [String: Any])?["findings"] as? [[String: Any]])
        #expect(rows.first?["names"] as? [String] == [ReportFixtures.hostile])
    }
}
