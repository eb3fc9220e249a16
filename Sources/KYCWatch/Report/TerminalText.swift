/// Text made safe and sized for a terminal: control characters removed (a hostile value cannot
/// send escape sequences), direction controls shown (``DirectionControl``), padding and truncation by
/// characters.
public enum TerminalText {
    /// `text` on one line with control characters (ESC among them) replaced by spaces or dropped.
    public static func clean(_ text: String) -> String {
        var cleaned = ""
        cleaned.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x2028, 0x2029: cleaned += " "
            case 0..<0x20, 0x7F...0x9F: continue
            case _ where DirectionControl.contains(scalar): cleaned += DirectionControl.marker(scalar)
            default: cleaned.unicodeScalars.append(scalar)
            }
        }
        return cleaned
    }

    /// `text` cut to `width` characters, ending in `…` when cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(text.prefix(width - 1)) + "…"
    }

    /// `text` padded with spaces to `width` characters (or cut to it).
    public static func pad(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        return cut + String(repeating: " ", count: max(0, width - cut.count))
    }

    /// `text` broken into lines of at most `width` characters at spaces, each after `indent`.
    public static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
        let room = max(20, width - indent.count)
        var lines: [String] = []
        var line = ""
        for word in clean(text).split(separator: " ", omittingEmptySubsequences: true) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= room {
                line += " " + word
            } else {
                lines.append(indent + line)
                line = String(word)
            }
            // A word longer than the room is cut into lines of `room` characters, walking the text
            // once: counting and copying the rest at each cut took a 1 MB word minutes.
            var start = line.startIndex
            while let end = line.index(start, offsetBy: room, limitedBy: line.endIndex), end < line.endIndex {
                lines.append(indent + line[start..<end])
                start = end
            }
            if start != line.startIndex { line = String(line[start...]) }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(indent + line) }
        return lines
    }
}
