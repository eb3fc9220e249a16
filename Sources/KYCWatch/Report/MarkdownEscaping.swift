/// Escaping for data placed in the Markdown case drafts.
///
/// A value is kept on one line and every character Markdown or its embedded HTML could act on is
/// backslash-escaped, so a customer name cannot open a tag, a link, a table cell or a heading.
public enum MarkdownEscaping {
    static let special: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "#", "!"]

    /// `value` as inline Markdown text that renders as exactly `value` (line breaks become spaces).
    public static func text(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\u{2028}", "\u{2029}", "\t": escaped += " "
            case _ where special.contains(scalar):
                escaped += "\\"
                escaped.unicodeScalars.append(scalar)
            case _ where DirectionControl.contains(scalar): escaped += DirectionControl.marker(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
