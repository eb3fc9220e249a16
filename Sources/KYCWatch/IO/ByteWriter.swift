/// A destination for bytes: an output file (written atomically), a compressor in front of one, or
/// standard output.
public protocol ByteWriter: AnyObject {
    /// Appends bytes.
    func write(_ bytes: UnsafeRawBufferPointer) throws(KYCWatchError)
    /// Flushes everything and makes the output visible under its final name.
    ///
    /// Until `finish` returns, nothing exists under the final name.
    func finish() throws(KYCWatchError)
}

extension ByteWriter {
    /// Appends the bytes of `array`.
    public func write(_ array: [UInt8]) throws(KYCWatchError) {
        let outcome = array.withUnsafeBytes { buffer in Result { () throws(KYCWatchError) in try write(buffer) } }
        try outcome.get()
    }

    /// Appends the UTF-8 bytes of `text`.
    public func write(_ text: String) throws(KYCWatchError) {
        var text = text
        let outcome = text.withUTF8 { buffer in
            Result { () throws(KYCWatchError) in try write(UnsafeRawBufferPointer(buffer)) }
        }
        try outcome.get()
    }
}
