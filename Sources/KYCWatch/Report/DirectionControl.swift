/// The Unicode characters that change the order text is displayed in (U+202E RIGHT-TO-LEFT OVERRIDE
/// and its kin), shown in the report, the case drafts and the terminal as a visible `(U+202E)`.
///
/// Written as they are, `\u{202E}nU gnoJ miK` would display as `Kim Jong Un`: a reviewer would read a
/// name that is not the one stored, nor the one screened.
public enum DirectionControl {
    /// Whether `scalar` is a direction mark, embedding, override or isolate.
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `text` in the order a reader sees it where a right-to-left override reverses it (U+202E up to
    /// U+202C or the end: `\u{202E}nU gnoJ miK` displays as `Kim Jong Un`), the controls left out; nil
    /// when `text` has no override.
    public static func displayed(_ text: String) -> String? {
        guard text.unicodeScalars.contains("\u{202E}") else { return nil }
        var shown = String.UnicodeScalarView()
        var reversed: [Unicode.Scalar]?
        for scalar in text.unicodeScalars {
            if scalar == "\u{202E}" {
                if let pending = reversed { shown.append(contentsOf: pending.reversed()) }
                reversed = []
            } else if scalar == "\u{202C}" || scalar == "\u{2069}", let pending = reversed {
                shown.append(contentsOf: pending.reversed())
                reversed = nil
            } else if !contains(scalar) {
                if reversed != nil { reversed!.append(scalar) } else { shown.append(scalar) }
            }
        }
        if let pending = reversed { shown.append(contentsOf: pending.reversed()) }
        return String(shown)
    }

    /// The visible stand-in for `scalar`: `(U+202E)`.
    public static func marker(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "(U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))"
    }
}
