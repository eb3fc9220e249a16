/// Escaping for text placed in an HTML page: element text, attribute values and JSON inside `<script>`.
///
/// Every piece of data the report shows (customer names, addresses, rule output) goes through one of
/// these, so a value such as `</script><script>alert(1)</script>` stays text.
public enum HTMLEscaping {
    /// Text for an element's content or a double-quoted attribute value: `&`, `<`, `>`, `"` and `'`
    /// become character references, control characters other than tab and newline are dropped, and
    /// direction controls are shown as `(U+202E)` (``DirectionControl``).
    ///
    /// Most values need none of this and come back as they are, without a copy.
    public static func text(_ value: String) -> String {
        let plain = value.utf8.withContiguousStorageIfAvailable { !$0.contains(where: mayNeedEscaping) } ?? false
        if plain { return value }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(value.utf8.count + 16)
        appendText(value, to: &escaped)
        return String(decoding: escaped, as: UTF8.self)
    }

    /// Whether a UTF-8 byte may start something ``text(_:)`` changes (0xC2 leads the C1 controls, and
    /// also Latin-1 letters that stay).
    private static func mayNeedEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        case UInt8(ascii: "\t"), UInt8(ascii: "\n"): false
        case 0x00..<0x20, 0x7F, 0xC2, 0xE2: true
        default: false
        }
    }

    /// JSON text made safe to embed in a `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 become
    /// `\u` escapes, which JSON and JavaScript read back as the same characters; direction controls
    /// become `(U+202E)`, as the page shows them.
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
            case _ where DirectionControl.contains(scalar): escaped += DirectionControl.marker(scalar)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

extension HTMLEscaping {
    /// Appends `value` to `html` as UTF-8, escaped as ``text(_:)`` escapes it, working on the bytes.
    public static func appendText(_ value: String, to html: inout [UInt8]) {
        if value.utf8.withContiguousStorageIfAvailable({ appendText(utf8: $0, to: &html) }) == nil {
            var value = value
            value.withUTF8 { appendText(utf8: $0, to: &html) }
        }
    }

    private static func appendText(utf8: UnsafeBufferPointer<UInt8>, to html: inout [UInt8]) {
        var copied = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            let reference: StaticString
            var length = 1
            switch byte {
            case UInt8(ascii: "&"): reference = "&amp;"
            case UInt8(ascii: "<"): reference = "&lt;"
            case UInt8(ascii: ">"): reference = "&gt;"
            case UInt8(ascii: "\""): reference = "&quot;"
            case UInt8(ascii: "'"): reference = "&#39;"
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"):
                index += 1
                continue
            case 0x00..<0x20, 0x7F: reference = ""
            // U+0080 to U+009F, the C1 controls, are 0xC2 0x80 to 0xC2 0x9F.
            case 0xC2 where index + 1 < utf8.count && utf8[index + 1] <= 0x9F:
                reference = ""
                length = 2
            // Direction controls: U+200E, U+200F, U+202A to U+202E and U+2066 to U+2069 are 0xE2, 0x80
            // or 0x81, and a third byte.
            case 0xE2 where index + 2 < utf8.count && isDirectionControl(utf8[index + 1], utf8[index + 2]):
                if copied < index { html.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<index])) }
                html.append(contentsOf: directionMarker(utf8[index + 1], utf8[index + 2]))
                index += 3
                copied = index
                continue
            default:
                index += 1
                continue
            }
            if copied < index { html.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<index])) }
            html.append(
                contentsOf: UnsafeBufferPointer(start: reference.utf8Start, count: reference.utf8CodeUnitCount))
            index += length
            copied = index
        }
        if copied < utf8.count { html.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied...])) }
    }

    /// Whether the UTF-8 bytes after a leading 0xE2 encode a direction control (``DirectionControl``).
    static func isDirectionControl(_ second: UInt8, _ third: UInt8) -> Bool {
        switch (second, third) {
        case (0x80, 0x8E), (0x80, 0x8F), (0x80, 0xAA...0xAE), (0x81, 0xA6...0xA9): true
        default: false
        }
    }

    /// ``DirectionControl/marker(_:)`` of the control 0xE2 `second` `third` encodes, as UTF-8.
    static func directionMarker(_ second: UInt8, _ third: UInt8) -> String.UTF8View {
        let value = 0x2000 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
        return DirectionControl.marker(Unicode.Scalar(value)!).utf8
    }
}
