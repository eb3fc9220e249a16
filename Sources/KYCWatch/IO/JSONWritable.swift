/// A value that writes itself as compact JSON (``JSONWriter``), byte for byte as `JSONEncoder` with
/// `[.sortedKeys, .withoutEscapingSlashes]` encodes it.
///
/// It refines `Encodable` so that the two stay one definition of the format: tests compare the bytes
/// of both, and writers that take any `Encodable` pick this faster path where a type has it.
public protocol JSONWritable: Encodable {
    /// Writes the value at the writer's position.
    func write(to json: inout JSONWriter) throws(KYCWatchError)
}
