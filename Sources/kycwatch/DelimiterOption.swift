import ArgumentParser
import KYCWatch

/// `--delimiter`: a character or `tab`, as ``CSVOptions/delimiter(named:)`` reads it.
enum DelimiterOption {
    static func parse(_ text: String) throws -> UInt8 {
        guard let byte = CSVOptions.delimiter(named: text) else {
            throw ValidationError("--delimiter takes \(CSVOptions.delimiterNames), not '\(text)'")
        }
        return byte
    }
}
