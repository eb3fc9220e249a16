/// Reads the ways exports write a yes/no value.
public enum BooleanValue {
    /// `true` for `true`, `yes`, `y`, `t`, `1`; `false` for `false`, `no`, `n`, `f`, `0`; any case,
    /// surrounding spaces ignored; `nil` for anything else, including an empty field.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        let field = FieldBytes.trimmed(bytes)
        @inline(__always) func letter(_ index: Int) -> UInt8 { FieldBytes.lowercased(field[index]) }
        switch field.count {
        case 1:
            switch letter(0) {
            case UInt8(ascii: "1"), UInt8(ascii: "y"), UInt8(ascii: "t"): return true
            case UInt8(ascii: "0"), UInt8(ascii: "n"), UInt8(ascii: "f"): return false
            default: return nil
            }
        case 2:
            return letter(0) == UInt8(ascii: "n") && letter(1) == UInt8(ascii: "o") ? false : nil
        case 3:
            return letter(0) == UInt8(ascii: "y") && letter(1) == UInt8(ascii: "e") && letter(2) == UInt8(ascii: "s")
                ? true : nil
        case 4:
            return letter(0) == UInt8(ascii: "t") && letter(1) == UInt8(ascii: "r") && letter(2) == UInt8(ascii: "u")
                && letter(3) == UInt8(ascii: "e") ? true : nil
        case 5:
            return letter(0) == UInt8(ascii: "f") && letter(1) == UInt8(ascii: "a") && letter(2) == UInt8(ascii: "l")
                && letter(3) == UInt8(ascii: "s") && letter(4) == UInt8(ascii: "e") ? false : nil
        default:
            return nil
        }
    }

    /// ``parse(_:)-(UnsafeRawBufferPointer)`` for a string.
    public static func parse(_ text: String) -> Bool? {
        FieldBytes.withBytes(of: text) { parse($0) }
    }
}
