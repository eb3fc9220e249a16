/// Escaping for text placed in an HTML page: element text, attribute values and JSON inside `<script>`.
///
/// Every piece of data the report shows (customer names, addresses, rule output) goes through one of
/// these, so a value such as `</script><script>alert(1)</script>` stays text.
public enum HTMLEscaping {
    /// Text for an element's content or a double-quoted attribute value: `&`, `<`, `>`, `"` and `'`
    /// become character references, and control characters other than tab and newline are dropped.
    public static func text(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            default:
                // C0 controls, DEL and C1 controls are not allowed as text in HTML.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// JSON text made safe to embed in a `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 become
    /// `\u` escapes, which JSON and JavaScript read back as the same characters.
    ///
    /// Without this a string containing `</script>` would end the element early.
    public static func scriptJSON(_ json: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": escaped += "\\u003c"
            case ">": escaped += "\\u003e"
            case "&": escaped += "\\u0026"
            case "\u{2028}": escaped += "\\u2028"
            case "\u{2029}": escaped += "\\u2029"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
