/// Compact JSON written straight into bytes: for the same values, the bytes Foundation's `JSONEncoder`
/// writes with `[.sortedKeys, .withoutEscapingSlashes]`.
///
/// The findings file and the report's page data are large; `JSONEncoder` first builds a tree of boxed
/// values and then serializes it, which costs many times the writing itself. A type writes its own
/// fields, keys in sorted order (``JSONWritable``); dictionaries are sorted here by the UTF-8 bytes of
/// their keys, as `JSONEncoder` sorts them. Commas go in by themselves: a key or a value written right
/// after another value is preceded by one.
public struct JSONWriter: Sendable {
    /// The JSON written so far.
    public var bytes: [UInt8]

    /// Starts empty, with room for `capacity` bytes.
    public init(reservingCapacity capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
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
        var value = value
        value.withUTF8 { Self.appendEscaped($0, to: &bytes) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// An optional string: the string, or `null`.
    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
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
        for (key, value) in Self.sortedEntries(dictionary) {
            self.key(key)
            try writeValue(&self, value)
        }
        endObject()
    }

    /// A dictionary's entries in the order `JSONEncoder` writes them with `.sortedKeys`: by the UTF-8
    /// bytes of the keys.
    public static func sortedEntries<Value>(_ dictionary: [String: Value]) -> [(key: String, value: Value)] {
        dictionary.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
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

    /// Appends the text of a JSON string without its quotes: `"` and `\` escaped with a backslash,
    /// backspace, form feed, newline, carriage return and tab as `\b`, `\f`, `\n`, `\r`, `\t`, other
    /// control characters as `\u00XX` (lowercase hex); everything else, `/` and non-ASCII included, as it is.
    static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var copied = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if copied < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<index])) }
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [
                    UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                ])
            }
            copied = index + 1
        }
        if copied < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied...])) }
    }
}
