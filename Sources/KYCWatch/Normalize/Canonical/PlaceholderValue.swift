/// Recognizes the text an export writes in a field it has no value for (`N/A`, `none`, `-`, `0000`),
/// so that the field counts as empty.
///
/// Read as values, the `N/A` two unrelated accounts give as their payment instrument would link
/// them, and would hide the gap in each one's Customer Identification Program record.
public enum PlaceholderValue {
    /// The words that stand for no value, lower case. A field is compared with them trimmed, in any
    /// case, and without one pair of brackets around it (`(none)`, `<null>`, `[Unknown]`).
    public static let words: Set<String> = [
        "n/a", "n.a.", "n.a", "na", "#n/a", "nan", "none", "null", "nil", "unknown", "unk", "tbd", "tba",
        "not available", "not applicable", "not provided", "unavailable", "undefined", "missing", "blank", "empty",
    ]

    /// The longest of ``words``, in characters: a longer field is never one of them.
    private static let longestWord = words.map(\.count).max() ?? 0

    /// Whether `text` is a placeholder: empty or only spaces, one of ``words``, or without any letter
    /// or digit (`-`, `--`, `?`, `...`, `*`).
    public static func isPlaceholder(_ text: String) -> Bool {
        // Most values are ASCII: their bytes are read as they are, without a look at their characters.
        var text = text
        if let ascii = text.withUTF8({ bytes in bytes.allSatisfy { $0 < 0x80 } ? isASCIIPlaceholder(bytes) : nil }) {
            return ascii
        }
        let value = unbracketed(text)
        guard value.contains(where: { $0.isLetter || $0.isNumber }) else { return true }
        return value.count <= longestWord && words.contains(value.lowercased())
    }

    /// ``isPlaceholder(_:)`` for ASCII `bytes`.
    private static func isASCIIPlaceholder(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        var end = bytes.count
        func trim() {
            while start < end, FieldBytes.isSpace(bytes[start]) { start += 1 }
            while end > start, FieldBytes.isSpace(bytes[end - 1]) { end -= 1 }
        }
        trim()
        if end - start >= 2 {
            switch (bytes[start], bytes[end - 1]) {
            case (UInt8(ascii: "("), UInt8(ascii: ")")), (UInt8(ascii: "["), UInt8(ascii: "]")),
                (UInt8(ascii: "<"), UInt8(ascii: ">")), (UInt8(ascii: "{"), UInt8(ascii: "}")):
                start += 1
                end -= 1
                trim()
            default:
                break
            }
        }
        guard bytes[start..<end].contains(where: isAlphanumeric) else { return true }
        guard end - start <= longestWord else { return false }
        return words.contains(String(decoding: bytes[start..<end].map(FieldBytes.lowercased), as: UTF8.self))
    }

    /// Whether `text` is a placeholder for an identifier (a payment instrument): a
    /// ``isPlaceholder(_:)`` placeholder, or digits without a letter that are all one digit
    /// (`0`, `0000`, `1111-1111`), as forms fill a required number they were not given.
    public static func isPlaceholderIdentifier(_ text: String) -> Bool {
        guard !isPlaceholder(text) else { return true }
        var text = text
        if let ascii = text.withUTF8({ bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var digit: UInt8?
            for byte in bytes {
                if FieldBytes.lowercased(byte) &- 0x61 < 26 { return false }
                guard FieldBytes.isDigit(byte) else { continue }
                if digit == nil { digit = byte } else if digit != byte { return false }
            }
            return digit != nil
        }) {
            return ascii
        }
        var digit: Character?
        for character in text {
            if character.isLetter { return false }
            guard character.isNumber else { continue }
            if digit == nil { digit = character } else if digit != character { return false }
        }
        return digit != nil
    }

    /// Whether `byte` is an ASCII letter or digit.
    @inline(__always)
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        FieldBytes.isDigit(byte) || FieldBytes.lowercased(byte) &- 0x61 < 26
    }

    /// `text` trimmed of white space, and of one pair of brackets around it with the space inside.
    private static func unbracketed(_ text: String) -> Substring {
        let value = trimmed(Substring(text))
        guard value.count >= 2, let first = value.first, let last = value.last else { return value }
        switch (first, last) {
        case ("(", ")"), ("[", "]"), ("<", ">"), ("{", "}"): return trimmed(value.dropFirst().dropLast())
        default: return value
        }
    }

    /// `text` without white space at either end.
    private static func trimmed(_ text: Substring) -> Substring {
        var value = text
        while value.first?.isWhitespace == true { value.removeFirst() }
        while value.last?.isWhitespace == true { value.removeLast() }
        return value
    }
}
