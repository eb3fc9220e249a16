import Foundation

extension ExportProfile {
    /// A plain-text rendering for a terminal, one section per question.
    public func renderText() -> String {
        var lines: [String] = []
        lines.append("file        \(path == "-" ? "<stdin>" : path)")
        var storage = "format      \(format)"
        if let frames { storage += ", \(frames) frame\(frames == 1 ? "" : "s")" }
        lines.append(storage)
        let ratio = storedBytes > 0 ? Double(uncompressedBytes) / Double(storedBytes) : 0
        lines.append(
            "size        \(storedBytes) bytes stored, \(uncompressedBytes) uncompressed"
                + (format == "zstd" ? String(format: " (%.1f:1)", ratio) : ""))
        lines.append("rows        \(rows) data rows, \(columns.count) columns")
        if blankLines > 0 { lines.append("blank       \(blankLines) blank lines skipped") }
        if raggedRows > 0 {
            let examples = raggedExamples.map { "line \($0.line) has \($0.fields)" }.joined(separator: ", ")
            lines.append("ragged      \(raggedRows) rows with a field count other than \(columns.count) (\(examples))")
        }
        if malformedRows > 0 {
            lines.append("malformed   \(malformedRows) rows with bad quoting")
            for row in malformedExamples {
                lines.append("            line \(row.line), column \(row.column): \(row.message)")
            }
        }
        lines.append("")
        let nameWidth = max(6, columns.map { $0.name.count }.max() ?? 0)
        lines.append("column".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  empty")
        for column in columns {
            let share = rows > 0 ? 100 * Double(column.empty) / Double(rows) : 0
            lines.append(
                column.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                    + "  \(column.empty)" + (column.empty > 0 ? String(format: " (%.1f%%)", share) : ""))
        }
        if !sample.isEmpty {
            lines.append("")
            lines.append("first \(sample.count) rows")
            for row in sample {
                lines.append("  " + row.map(Self.clip).joined(separator: " | "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func clip(_ value: String) -> String {
        let flat = value.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        return flat.count > 40 ? String(flat.prefix(37)) + "..." : flat
    }
}
