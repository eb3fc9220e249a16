import ArgumentParser

/// Parses a `--delimiter` value: one ASCII character, or the word `tab`.
enum DelimiterOption {
    static func parse(_ text: String) throws -> UInt8 {
        if text == "tab" || text == "\\t" { return 0x09 }
        guard text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80 else {
            throw ValidationError("--delimiter takes one ASCII character or `tab`, not '\(text)'")
        }
        return byte
    }
}
