/// Typed reads of canonical columns; a value that is present but wrong becomes a ``RowRejection``.
extension SourceRow {
    /// The largest magnitude a number of one row may have (``number(_:allowNegative:)``).
    static let largestNumber = 1e18

    /// The canonical column's name, for messages.
    func name(_ ordinal: Int) -> String { mapping.kind.fields[ordinal].name }

    /// The earliest instant a usage or access record may have, in milliseconds: 2000-01-01T00:00:00Z.
    /// No cloud usage or access predates it; an earlier time is a default or zero date left in an export
    /// (1970-01-01, 0000-01-01), which would stretch a run over decades. An account's creation is not
    /// held to it: a customer of the provider since before 2000 is a real record, and rejecting it would
    /// lose the customer's CIP record over a date no rule needs.
    static let earliestTime: Int64 = 946_684_800_000

    /// The rejection of a row without required column `ordinal`: empty, or spaces and tabs alone.
    func missing(_ ordinal: Int) -> RowRejection {
        let blank = fieldText(ordinal) != nil
        return RowRejection(
            .missingField, column: name(ordinal),
            "\(name(ordinal)) is required but " + (blank ? "holds only spaces or tabs" : "empty"))
    }

    /// A required text value; one of spaces or tabs alone is missing.
    func required(_ ordinal: Int) throws(RowRejection) -> String {
        try requiredFieldText(ordinal).string
    }

    /// ``required(_:)`` without a copy.
    func requiredFieldText(_ ordinal: Int) throws(RowRejection) -> FieldText {
        guard let value = fieldText(ordinal)?.nonBlank else {
            throw missing(ordinal)
        }
        return value
    }

    /// A required identifier (an account, record, event or resource id) without the whitespace
    /// around it (``FieldText/trimmedIdentifier``); one of whitespace alone is missing.
    func requiredIdentifier(_ ordinal: Int) throws(RowRejection) -> FieldText {
        try requiredFieldText(ordinal).trimmedIdentifier
    }

    /// An optional identifier (a job or cluster id) without the whitespace around it; nil when empty
    /// or whitespace alone.
    func identifier(_ ordinal: Int) -> FieldText? {
        fieldText(ordinal)?.nonBlank?.trimmedIdentifier
    }

    /// A timestamp in Unix epoch milliseconds, honouring the column's format; nil when empty or spaces alone.
    func timestamp(_ ordinal: Int, parser: TimestampParser) throws(RowRejection) -> Int64? {
        let plain = mapping.plainFields[ordinal]
        if plain >= 0 {
            let bytes = raw(plain)
            guard !bytes.isEmpty else { return nil }
            if let value = parser.parse(bytes) { return value }
            return try parseTimestamp(bytes, ordinal: ordinal, parser: parser)
        }
        if case .constant(let value) = mapping.sources[ordinal] {
            guard let parsed = parser.parse(value) else {
                throw RowRejection(
                    .unparseableValue, column: name(ordinal), "constant \(name(ordinal)) '\(value)' is not a timestamp")
            }
            return parsed
        }
        let bytes = field(ordinal)
        guard !bytes.isEmpty else { return nil }
        return try parseTimestamp(bytes, ordinal: ordinal, parser: parser)
    }

    /// A value none of the timestamp forms read: nil when it is spaces or tabs alone, as an empty one.
    private func parseTimestamp(_ bytes: UnsafeRawBufferPointer, ordinal: Int, parser: TimestampParser)
        throws(RowRejection) -> Int64?
    {
        guard !FieldBytes.isBlank(bytes) else { return nil }
        guard let value = Self.instant(bytes, format: format(ordinal), parser: parser) else {
            throw RowRejection(
                .unparseableValue, column: name(ordinal),
                "\(name(ordinal)) '\(String(decoding: bytes.prefix(64), as: UTF8.self))' is not a valid \(format(ordinal) == .canonical ? "ISO 8601 timestamp" : format(ordinal).rawValue + " value") of years 0000 to 9999 (UTC)"
                    + epochUnitHint(bytes, ordinal: ordinal, parser: parser))
        }
        return value
    }

    /// For an epoch value of column `ordinal` that its mapping's unit reads wrong (out of range, or
    /// before 2000) and the other unit reads as a time a record can have, the fix: `: it reads as
    /// epoch-millis, 2026-03-02T00:00:00Z; set …`. Empty for any other value: only then is the unit
    /// surely the mistake.
    private func epochUnitHint(_ bytes: UnsafeRawBufferPointer, ordinal: Int, parser: TimestampParser) -> String {
        let other: ValueFormat
        switch format(ordinal) {
        case .epochSeconds: other = .epochMilliseconds
        case .epochMilliseconds: other = .epochSeconds
        case .canonical: return ""
        }
        guard let instant = Self.instant(bytes, format: other, parser: parser), instant >= Self.earliestTime else {
            return ""
        }
        return
            ": it reads as \(other.rawValue), \(TimestampParser.format(instant)); set `format: \(other.rawValue)` for "
            + "\(name(ordinal)) under `columns:` in the pipeline file"
    }

    /// The instant `bytes` stand for, written in `format` (a naive time read with `parser`), in Unix
    /// epoch milliseconds; nil when they are none, or one outside years 0000 to 9999.
    static func instant(_ bytes: UnsafeRawBufferPointer, format: ValueFormat, parser: TimestampParser) -> Int64? {
        let value: Int64?
        switch format {
        case .canonical:
            value = parser.parse(bytes)
        case .epochSeconds:
            value = DecimalField.parseDouble(bytes).flatMap { Int64(exactly: ($0 * 1000).rounded()) }
        case .epochMilliseconds:
            value = DecimalField.parseInt64(bytes)
        }
        guard let value, TimestampParser.instants.contains(value) else { return nil }
        return value
    }

    /// The timestamp of a plain field with a repeated local time read as its second occurrence
    /// (``TimestampParser/parseLater(_:)``); nil for other sources or values.
    func laterTimestamp(_ ordinal: Int, parser: TimestampParser) -> Int64? {
        let plain = mapping.plainFields[ordinal]
        guard plain >= 0 else { return nil }
        return parser.parseLater(raw(plain))
    }

    /// A required timestamp, no earlier than `earliest` (``earliestTime`` unless told otherwise).
    func requiredTimestamp(
        _ ordinal: Int, parser: TimestampParser, earliest: Int64 = earliestTime
    ) throws(RowRejection) -> Int64 {
        guard let value = try timestamp(ordinal, parser: parser) else {
            throw missing(ordinal)
        }
        guard value >= earliest else {
            let hint = epochUnitHint(field(ordinal), ordinal: ordinal, parser: parser)
            throw RowRejection(
                .implausibleTime, column: name(ordinal),
                "\(name(ordinal)) \(TimestampParser.format(value)) is before 2000-01-01T00:00:00Z, which no usage or "
                    + "access record predates: "
                    + (hint.isEmpty ? "a default or zero date left in the export" : "written in another unit" + hint))
        }
        return value
    }

    /// A decimal number; nil when empty; negative values are rejected unless `allowNegative`.
    func number(_ ordinal: Int, allowNegative: Bool = false) throws(RowRejection) -> Double? {
        let value: Double?
        let plain = mapping.plainFields[ordinal]
        if plain >= 0 {
            let bytes = raw(plain)
            guard !bytes.isEmpty else { return nil }
            value = DecimalField.parseDouble(bytes)
        } else if case .constant(let text) = mapping.sources[ordinal] {
            // Read as a column's value is: `nan`, `inf` and hex are not numbers of an export, and
            // an empty one is no number.
            guard !text.isEmpty else { return nil }
            value = DecimalField.parseDouble(text)
        } else {
            let bytes = field(ordinal)
            guard !bytes.isEmpty else { return nil }
            value = DecimalField.parseDouble(bytes)
        }
        guard let value else {
            throw RowRejection(
                .unparseableValue, column: name(ordinal), "\(name(ordinal)) '\(text(ordinal) ?? "")' is not a number")
        }
        if value < 0, !allowNegative {
            throw RowRejection(
                .negativeQuantity, column: name(ordinal), "\(name(ordinal)) is negative (\(value.formatted))")
        }
        // Past 1e18 (an exabyte, a billion Gbit/s) no figure of one row is real, and a night's sum of
        // such values could pass the largest number a figure can hold.
        guard abs(value) <= Self.largestNumber else {
            throw RowRejection(
                .absurdQuantity, column: name(ordinal),
                "\(name(ordinal)) \(text(ordinal) ?? value.formatted) is beyond any real figure (1e18)")
        }
        return value
    }

    /// A country as ISO alpha-2 from a code or name; nil when empty.
    func country(_ ordinal: Int, catalog: CountryCatalog) throws(RowRejection) -> String? {
        guard let value = text(ordinal), !FieldBytes.isBlank(value) else { return nil }
        guard let code = catalog.code(for: value) else {
            throw RowRejection(
                .unparseableValue, column: name(ordinal),
                "\(name(ordinal)) '\(value)' is not a known country code or name")
        }
        return code
    }

    /// The text of an optional column, nil when it is empty or a placeholder
    /// (``PlaceholderValue/isPlaceholder(_:)``: `N/A`, `none`, `-`).
    func optionalText(_ ordinal: Int) -> String? {
        text(ordinal).flatMap { PlaceholderValue.isPlaceholder($0) ? nil : $0 }
    }

    /// An optional country as ISO alpha-2 from a code or name; nil when empty or a placeholder that
    /// names no country (`N/A`, `unknown`; `NA` is Namibia).
    func optionalCountry(_ ordinal: Int, catalog: CountryCatalog) throws(RowRejection) -> String? {
        guard let value = text(ordinal) else { return nil }
        if let code = catalog.code(for: value) { return code }
        if PlaceholderValue.isPlaceholder(value) { return nil }
        return try country(ordinal, catalog: catalog)
    }

    /// A boolean from true/false/yes/no/1/0; nil when empty or a placeholder (`unknown`, `n/a`).
    func flag(_ ordinal: Int) throws(RowRejection) -> Bool? {
        guard let value = text(ordinal) else { return nil }
        guard let parsed = BooleanValue.parse(value) else {
            if PlaceholderValue.isPlaceholder(value) { return nil }
            throw RowRejection(
                .unparseableValue, column: name(ordinal), "\(name(ordinal)) '\(value)' is not true or false")
        }
        return parsed
    }
}
