import Glibc

/// Compact JSON written straight into bytes: for the same values, the bytes Foundation's `JSONEncoder`
/// writes with `[.sortedKeys, .withoutEscapingSlashes]`, optionally escaped for a `<script>` element.
///
/// The findings file and the report's page data are large; `JSONEncoder` first builds a tree of boxed
/// values and then serializes it, which costs many times the writing itself. A type writes its own
/// fields, keys in sorted order (``JSONWritable``); dictionaries are sorted here by the UTF-8 bytes of
/// their keys, as `JSONEncoder` sorts them. Commas go in by themselves: a key or a value written right
/// after another value is preceded by one.
public struct JSONWriter: Sendable {
    /// The JSON written so far.
    public var bytes: [UInt8]
    /// Whether strings also escape `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes, as
    /// ``HTMLEscaping/scriptJSON(_:)`` does to JSON text, so the JSON can sit inside `<script>`.
    public let escapesForScript: Bool

    /// Starts empty, with room for `capacity` bytes; `escapesForScript` for JSON bound for a
    /// `<script>` element (the report's page data), which then needs no second pass.
    public init(reservingCapacity capacity: Int = 0, escapesForScript: Bool = false) {
        bytes = []
        bytes.reserveCapacity(capacity)
        self.escapesForScript = escapesForScript
    }

    /// Opens an object: `{`.
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
    }

    /// Closes the innermost object: `}`.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
    }

    /// Opens an array: `[`.
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
    }

    /// Closes the innermost array: `]`.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
    }

    /// A field name that needs no escaping (a coding key), and its colon.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// A field name from data (a dictionary key), escaped, and its colon.
    public mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// A string, quoted and escaped.
    public mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        let forScript = escapesForScript
        if value.utf8.withContiguousStorageIfAvailable({ Self.appendEscaped($0, to: &bytes, forScript: forScript) })
            == nil
        {
            var value = value
            value.withUTF8 { Self.appendEscaped($0, to: &bytes, forScript: forScript) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// An optional string: the string, or `null`.
    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// The key `name` with string `value`, or nothing at all when `value` is nil (a field left out).
    public mutating func string(_ name: StaticString, ifPresent value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// An integer.
    public mutating func integer(_ value: Int) {
        separate()
        appendASCII(String(value))
    }

    /// A number as `JSONEncoder` writes a `Double`: its shortest round-trip form, without a trailing
    /// `.0` (`3`, `0.25`, `1e+26`, `-0`).
    ///
    /// JSON has no NaN or infinity; like `JSONEncoder`, the writer refuses them.
    public mutating func number(_ value: Double) throws(KYCWatchError) {
        guard value.isFinite else {
            throw KYCWatchError(.internalError, "cannot write \(value) as JSON: it is not a finite number")
        }
        separate()
        let text = value.description.utf8
        if text.count >= 2, text.suffix(2).elementsEqual([UInt8(ascii: "."), UInt8(ascii: "0")]) {
            bytes.append(contentsOf: text.dropLast(2))
        } else {
            bytes.append(contentsOf: text)
        }
    }

    /// `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        appendASCII(value ? "true" : "false")
    }

    /// `null`.
    public mutating func null() {
        separate()
        appendASCII("null")
    }

    /// An array of strings.
    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// An array of optional strings, `null` for nil.
    public mutating func strings(_ values: [String?]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// An object of a dictionary's entries, keys in the order of their UTF-8 bytes, each value written
    /// by `writeValue`.
    public mutating func object<Value, Failure: Error>(
        _ dictionary: [String: Value], _ writeValue: (inout JSONWriter, Value) throws(Failure) -> Void
    ) throws(Failure) {
        beginObject()
        // Only the keys are sorted: moving values through a sort copies them at every comparison.
        for key in Self.sortedByUTF8(Array(dictionary.keys)) {
            self.key(key)
            try writeValue(&self, dictionary[key]!)
        }
        endObject()
    }

    /// Distinct strings in the order of their UTF-8 bytes, the order of `JSONEncoder`'s sorted keys.
    ///
    /// They are sorted by `String`'s own order first, which compares short ASCII strings fast and for
    /// most text is the same order; one pass checks that, and only text where it is not (strings not in
    /// normalization form C) is sorted again by bytes.
    public static func sortedByUTF8(_ strings: [String]) -> [String] {
        let sorted = strings.sorted()
        if sorted.indices.dropFirst().allSatisfy({ precedes(sorted[$0 - 1], sorted[$0]) }) { return sorted }
        return strings.sorted(by: precedes)
    }

    /// Whether `a` sorts before `b` by their UTF-8 bytes (what `utf8.lexicographicallyPrecedes` says,
    /// with one `memcmp`).
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0 {
                    let order = memcmp(x.baseAddress!, y.baseAddress!, common)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
    }

    /// A comma when the last thing written was a complete value, so the next key or value follows it.
    private mutating func separate() {
        switch bytes.last {
        case nil, UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "\n"):
            break
        default:
            bytes.append(UInt8(ascii: ","))
        }
    }

    private mutating func appendASCII(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Whether any of the eight bytes in `word` is one ``appendEscaped(_:to:forScript:)`` looks at: a
    /// control character, `"` or `\`, and with `forScript` also `<`, `>`, `&` or 0xE2 (which starts
    /// U+2028 and U+2029).
    ///
    /// Bitwise tests on the whole word: `(v - 0x01…01) & ~v & 0x80…80` is not zero exactly when a byte
    /// of `v` is zero, and with `n × 0x01…01` in place of `0x01…01`, when a byte of `v` is below `n`.
    @inline(__always)
    static func anySpecial(_ word: UInt64, _ forScript: Bool) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func below(_ limit: UInt8, in value: UInt64) -> Bool {
            (value &- ones &* UInt64(limit)) & ~value & highs != 0
        }
        func contains(_ byte: UInt8) -> Bool { below(1, in: word ^ (ones &* UInt64(byte))) }
        if below(0x20, in: word) || contains(UInt8(ascii: "\"")) || contains(UInt8(ascii: "\\")) { return true }
        return forScript
            && (contains(UInt8(ascii: "<")) || contains(UInt8(ascii: ">")) || contains(UInt8(ascii: "&"))
                || contains(0xE2))
    }

    /// Appends the text of a JSON string without its quotes: `"` and `\` escaped with a backslash,
    /// backspace, form feed, newline, carriage return and tab as `\b`, `\f`, `\n`, `\r`, `\t`, other
    /// control characters as `\u00XX` (lowercase hex); everything else, `/` and non-ASCII included, as it
    /// is, except `<`, `>`, `&`, U+2028 and U+2029 as `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`,
    /// and direction controls as `(U+202E)`, when `forScript`.
    static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8], forScript: Bool) {
        var copied = 0
        var index = 0
        while index < utf8.count {
            // Eight plain bytes at a time, the common case.
            if index + 8 <= utf8.count,
                !Self.anySpecial(UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self), forScript)
            {
                index += 8
                continue
            }
            let byte = utf8[index]
            let special =
                byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                || (forScript
                    && (byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
                        || byte == 0xE2))
            guard special else {
                index += 1
                continue
            }
            let escape: StaticString
            var length = 1
            var hexDigits = false
            switch byte {
            case UInt8(ascii: "\""): escape = #"\""#
            case UInt8(ascii: "\\"): escape = #"\\"#
            case 0x08: escape = #"\b"#
            case 0x0C: escape = #"\f"#
            case 0x0A: escape = #"\n"#
            case 0x0D: escape = #"\r"#
            case 0x09: escape = #"\t"#
            case UInt8(ascii: "<"): escape = #"\u003c"#
            case UInt8(ascii: ">"): escape = #"\u003e"#
            case UInt8(ascii: "&"): escape = #"\u0026"#
            // Direction controls, shown as the page shows them (``DirectionControl``).
            case 0xE2 where index + 2 < utf8.count && HTMLEscaping.isDirectionControl(utf8[index + 1], utf8[index + 2]):
                if copied < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<index])) }
                bytes.append(contentsOf: HTMLEscaping.directionMarker(utf8[index + 1], utf8[index + 2]))
                index += 3
                copied = index
                continue
            // U+2028 and U+2029 are 0xE2 0x80 0xA8 and 0xE2 0x80 0xA9; other 0xE2 sequences stay.
            case 0xE2:
                guard index + 2 < utf8.count, utf8[index + 1] == 0x80, utf8[index + 2] & 0xFE == 0xA8 else {
                    index += 1
                    continue
                }
                escape = utf8[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#
                length = 3
            default:
                escape = #"\u00"#
                hexDigits = true
            }
            if copied < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<index])) }
            bytes.append(contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
            if hexDigits {
                let hex: StaticString = "0123456789abcdef"
                bytes.append(hex.utf8Start[Int(byte >> 4)])
                bytes.append(hex.utf8Start[Int(byte & 0xF)])
            }
            index += length
            copied = index
        }
        if copied < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied...])) }
    }
}
