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

    @Test("text escaped on bytes is the text escaped by scalars")
    func textOnBytes() async {
        await propertyCheck(count: 1000, input: JSONWriterTests.text) { value in
            var html = Array("<td>".utf8)
            HTMLEscaping.appendText(value, to: &html)
            #expect(html == Array(("<td>" + HTMLEscaping.text(value)).utf8), "\(Array(value.unicodeScalars))")
        }
    }

    @Test("JSON escaped for a script element on bytes is the JSON escaped by scalars")
    func scriptJSONOnBytes() async {
        await propertyCheck(count: 1000, input: JSONWriterTests.text.array(of: 0...6)) { values in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let json = Array(try encoder.encode(values))
            var html: [UInt8] = []
            HTMLEscaping.appendScriptJSON(json, to: &html)
            #expect(html == Array(HTMLEscaping.scriptJSON(String(decoding: json, as: UTF8.self)).utf8))
            // Any text, not only JSON, comes out the same.
            let text = values.joined()
            var raw: [UInt8] = []
            HTMLEscaping.appendScriptJSON(Array(text.utf8), to: &raw)
            #expect(raw == Array(HTMLEscaping.scriptJSON(text).utf8), "\(Array(text.unicodeScalars))")
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
