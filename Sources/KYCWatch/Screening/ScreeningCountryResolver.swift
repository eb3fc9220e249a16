/// Turns the ways lists and customers write a country (`Korea, North`, `Burma`, `IR`, `IRN`, `Iran`) into
/// one ISO 3166-1 alpha-2 code, so that country evidence can be compared.
///
/// Names are compared on their letters and digits only, folded to lower case without accents. A value
/// the table does not know is taken as an alpha-2 code when it is two ASCII letters, and otherwise
/// ignored: an unknown country is no evidence either way.
public struct ScreeningCountryResolver: Sendable {
    private var codesByKey: [String: String]

    /// Creates a resolver from names, aliases and codes to alpha-2 codes.
    public init(codesByName: [String: String] = [:]) {
        codesByKey = [:]
        for (name, code) in codesByName {
            codesByKey[Self.key(name)] = code.uppercased()
        }
    }

    /// Reads the kycwatch countries catalogue (`Pipelines/reference/countries.csv` layout: `alpha2`,
    /// `alpha3`, `name`, and `|`-separated `aliases`).
    public static func load(path: String) throws(KYCWatchError) -> ScreeningCountryResolver {
        let file = ScreeningListFile(path: path, layout: "countries catalogue CSV", options: CSVOptions())
        let (header, records) = try file.readAll(fieldCount: nil)
        var columns: [Int] = []
        for name in ["alpha2", "alpha3", "name", "aliases"] {
            guard let index = header.firstIndex(of: name) else {
                throw KYCWatchError(
                    .csvHeader, "no '\(name)' column: expected alpha2, alpha3, name, aliases",
                    at: SourceLocation(file: path, line: 1))
            }
            columns.append(index)
        }
        var codes: [String: String] = [:]
        for record in records {
            let code = record.fields[columns[0]]
            guard code.utf8.count == 2 else {
                throw KYCWatchError(
                    .screeningListInvalid, "alpha2 '\(code)' is not a two-letter code", at: record.location)
            }
            codes[code] = code
            codes[record.fields[columns[1]]] = code
            codes[record.fields[columns[2]]] = code
            for alias in record.fields[columns[3]].split(separator: "|") { codes[String(alias)] = code }
        }
        return ScreeningCountryResolver(codesByName: codes)
    }

    /// The alpha-2 code for a country name, alias or code, or `nil` when it is not known.
    public func code(for country: String) -> String? {
        if let code = codesByKey[Self.key(country)] { return code }
        let letters = country.utf8.filter { $0 != UInt8(ascii: " ") }
        guard letters.count == 2, letters.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else {
            return nil
        }
        return String(decoding: letters, as: UTF8.self).uppercased()
    }

    /// The sorted, distinct codes of the countries that resolve.
    public func codes(for countries: [String]) -> [String] {
        if countries.count == 1 { return code(for: countries[0]).map { [$0] } ?? [] }
        return Array(Set(countries.compactMap(code(for:)))).sorted()
    }

    /// Letters and digits only, folded; plain ASCII (the common case) without building scalar arrays.
    private static func key(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count)
            for byte in name.utf8 {
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) { bytes.append(lower) }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let scalars = NameNormalizer.foldedScalars(name).filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }
        return String(String.UnicodeScalarView(scalars))
    }
}
