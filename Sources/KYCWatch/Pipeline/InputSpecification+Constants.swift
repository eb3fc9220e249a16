extension InputSpecification {
    /// Checks every constant under `columns:` as a row's value of its column is checked, so that a
    /// constant no row could be accepted with is an error of the pipeline file, at the constant, instead
    /// of a reject on every row. Without `countries` (a pipeline file is loaded before the catalogues
    /// that `--reference` may name), the columns read against the country catalogue wait for them.
    public func checkConstants(countries: CountryCatalog?) throws(KYCWatchError) {
        let timestamps = (try? TimestampParser(naiveTimeZone: timeZone)) ?? .utc
        // In the order they are written, so the first wrong one in the file is the one reported.
        let ordered = columns.sorted {
            (constantPlaces[$0.key]?.location.line ?? 0, $0.key) < (constantPlaces[$1.key]?.location.line ?? 0, $1.key)
        }
        for (name, source) in ordered {
            guard case .constant(let text) = source,
                let problem = ColumnMapping.problem(
                    withConstant: text, column: name, kind: kind, layout: layout, timestamps: timestamps,
                    countries: countries)
            else { continue }
            let place =
                constantPlaces[name]
                ?? ConstantPlace(
                    location: SourceLocation(file: file ?? "<flags>", line: line),
                    keyPath: "columns.\(name).constant")
            throw KYCWatchError(.invalidConfiguration, "\(place.keyPath): \(problem)", at: place.location)
        }
    }
}
