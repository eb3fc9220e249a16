import Foundation

extension ExportProfile {
    /// A plain-text rendering for a terminal, one section per question; what comes from the file
    /// (column names, values) has its control characters removed, so a hostile export cannot send
    /// escape sequences to the terminal.
    public func renderText() -> String {
        var lines: [String] = []
        lines.append("file        \(path == "-" ? "<stdin>" : TerminalText.clean(path))")
        var storage = "format      \(format)"
        if let frames { storage += ", \(frames) frame\(frames == 1 ? "" : "s")" }
        lines.append(storage)
        let ratio = storedBytes > 0 ? Double(uncompressedBytes) / Double(storedBytes) : 0
        func count(_ value: Int, _ noun: String) -> String { FigureFormat.count(value, noun) }
        lines.append(
            "size        \(count(storedBytes, "byte")) stored, \(FigureFormat.grouped(Double(uncompressedBytes))) uncompressed"
                + (format == "zstd" ? String(format: " (%.1f:1)", ratio) : ""))
        // Malformed rows are not parsed, so they are not among the data rows: the line says so, as a
        // run counts them among its rows in.
        lines.append(
            "rows        \(count(rows, "data row")), \(count(columns.count, "column"))"
                + (malformedRows > 0
                    ? "; and \(count(malformedRows, "malformed row")), \(FigureFormat.grouped(Double(rows + malformedRows))) in all"
                    : ""))
        if let likelyDelimiter, let byte = CSVOptions.delimiter(named: likelyDelimiter) {
            lines.append(
                "delimiter   the header is one column that looks delimited by \(CSVOptions.describe(delimiter: byte)): "
                    + "read it with --delimiter \(byte == 0x09 ? likelyDelimiter : "'\(likelyDelimiter)'")")
        }
        if blankLines > 0 { lines.append("blank       \(count(blankLines, "blank line")) skipped") }
        if raggedRows > 0 {
            let examples = raggedExamples.map { "line \($0.line) has \($0.fields)" }.joined(separator: ", ")
            lines.append(
                "ragged      \(count(raggedRows, "row")) with a field count other than \(columns.count) (\(examples))")
        }
        if longRows > 0 {
            let examples = longRowExamples.map { "line \($0.line) has \(FigureFormat.count($0.bytes, "byte"))" }
            lines.append(
                "oversized   \(count(longRows, "row")) longer than \(FigureFormat.count(InputProcessor.longestRow, "byte")) "
                    + "as written, which normalize and run reject as oversized-row, left out of the sample rows "
                    + "(\(examples.joined(separator: ", ")))")
        }
        if malformedRows > 0 {
            let quoting = malformedRows - oversizedRows
            lines.append(
                "malformed   \(count(malformedRows, "row"))"
                    + (oversizedRows == 0
                        ? " with bad quoting"
                        : quoting == 0
                            ? " with a field past the size limit"
                            : ": \(FigureFormat.grouped(Double(quoting))) with bad quoting, "
                                + "\(FigureFormat.grouped(Double(oversizedRows))) with a field past the size limit"))
            for row in malformedExamples {
                lines.append("            line \(row.line), column \(row.column): \(TerminalText.clean(row.message))")
            }
        }
        lines.append("")
        let names = columns.map { TerminalText.clean($0.name) }
        let nameWidth = max(6, names.map(\.count).max() ?? 0)
        lines.append("column".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  empty")
        for (column, name) in zip(columns, names) {
            let share = rows > 0 ? 100 * Double(column.empty) / Double(rows) : 0
            lines.append(
                name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                    + "  \(column.empty)" + (column.empty > 0 ? String(format: " (%.1f%%)", share) : ""))
        }
        if !sample.isEmpty {
            lines.append("")
            lines.append("first \(count(sample.count, "row"))")
            for row in sample {
                lines.append("  " + row.map(Self.clip).joined(separator: " | "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func clip(_ value: String) -> String {
        let flat = TerminalText.clean(
            value.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r"))
        return flat.count > 40 ? String(flat.prefix(37)) + "..." : flat
    }
}
