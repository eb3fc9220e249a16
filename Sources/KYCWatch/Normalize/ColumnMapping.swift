/// An input's columns resolved against its header: where each canonical column's value is found.
public struct ColumnMapping: Sendable {
    /// Where one canonical column's value comes from in a row.
    public enum Source: Sendable, Hashable {
        /// Field `index` of the row, written in `format`.
        case field(Int, ValueFormat)
        /// A constant.
        case constant(String)
        /// A digest of the row's fields but its costs and prices (``ColumnMapping/digestFields``), `row-`
        /// and 16 hex digits: the record id of an export that has none (a FOCUS export without `Id`), so a
        /// row delivered twice counts once, also when a cost was restated between the deliveries, while two
        /// charges alike only in columns kycwatch does not read (one instance-hour split between two
        /// commitments, told apart by `CommitmentDiscountId`) stay two.
        case rowDigest
        /// Not in this input.
        case absent
    }

    /// The export kind.
    public let kind: ExportKind
    /// One source per canonical column, by ordinal.
    public let sources: [Source]
    /// For each canonical column read from a field in canonical format, the field's index; -1 for
    /// the others. Reading a row looks here first, without taking a ``Source`` apart.
    public let plainFields: [Int]
    /// Header indexes of source columns the layout reads for derived values, by name.
    public let extras: [String: Int]
    /// The header indexes a row digest (``Source/rowDigest``) covers: every column but costs and prices
    /// (names ending in `Cost` or `UnitPrice`, as FOCUS names them), which a provider restates without the
    /// charge being another, and `InvoiceId`, empty until the month is invoiced and filled in after.
    public let digestFields: [Int]
    /// The header name each canonical column is read from, by canonical name, where the two differ
    /// (`accelerator_utilization` read from `Util`): rejects name the column as the file calls it too.
    public let sourceNames: [String: String]
    /// The header's width, to recognise ragged rows.
    public let width: Int

    /// Resolves `specification`'s layout and overrides against `header`.
    ///
    /// Header names are read trimmed of spaces and tabs and without regard to case, `_`, `-` or spaces
    /// (`Count` is `count`, `chargecategory` is `ChargeCategory`, `InstanceType` is `instance_type`;
    /// ``folded(_:)``), as exports differ in all of them; a column a pipeline file's
    /// `columns:` names is read from the header cell written exactly so where there is one. Two cells
    /// that could both be a column kycwatch reads are an error naming both, as is a required column
    /// with no source, since no row could be accepted.
    public init(specification: InputSpecification, header: [String], file: String) throws(KYCWatchError) {
        kind = specification.kind
        width = header.count
        // A NUL in a header cell is no name a column has: binary data, or UTF-16 read as UTF-8.
        if let cell = header.firstIndex(where: { $0.utf8.contains(0) }) {
            throw KYCWatchError(
                .csvHeader,
                "header cell \(cell + 1) holds a NUL byte: the file is binary data, or UTF-16 text without a byte "
                    + "order mark (convert it: iconv -f utf-16le -t utf-8)",
                at: SourceLocation(file: file, line: 1, column: cell + 1))
        }
        let names = header.map(\.trimmingSpaces)
        var indexesByFolded: [String: [Int]] = [:]
        for (index, name) in names.enumerated() { indexesByFolded[Self.folded(name), default: []].append(index) }
        var mapping = specification.layout.defaultColumns(for: kind)
        for (name, source) in specification.columns { mapping[name] = source }
        // The source names kycwatch reads, each with whether a pipeline file wrote it (and an exact
        // match wins) or kycwatch (and case does not count).
        var read: [String: Bool] = [:]
        for (field, source) in mapping {
            guard case .column(let name, _) = source else { continue }
            read[name, default: false] = read[name, default: false] || specification.columns[field] != nil
        }
        for name in specification.layout.extraColumns where read[name] == nil { read[name] = false }
        // Where each name read is found; a name two cells could be would be read from whichever came
        // first, silently. Cells kycwatch does not read may repeat.
        var indexByName: [String: Int] = [:]
        var clashes: [(name: String, first: Int, second: Int)] = []
        for (name, exact) in read {
            let exactMatches = names.indices.filter { names[$0] == name }
            let candidates = exact && !exactMatches.isEmpty ? exactMatches : indexesByFolded[Self.folded(name)] ?? []
            guard let first = candidates.first else { continue }
            if candidates.count > 1 { clashes.append((name, first, candidates[1])) }
            indexByName[name] = first
        }
        if let clash = clashes.min(by: { ($0.second, $0.name) < ($1.second, $1.name) }) {
            let (first, second) = (names[clash.first], names[clash.second])
            let cases =
                first == second
                ? "" : ": '\(first)' and '\(second)', names being read regardless of case, _, - and spaces"
            throw KYCWatchError(
                .csvHeader,
                "the header names column '\(clash.name)' twice (columns \(clash.first + 1) and \(clash.second + 1)"
                    + "\(cases)): kycwatch cannot tell which one to read; rename or drop one",
                at: SourceLocation(file: file, line: 1, column: clash.second + 1))
        }
        var sources: [Source] = []
        var sourceNames: [String: String] = [:]
        var missing: [String] = []
        var named: [String] = []
        for field in kind.fields {
            switch mapping[field.name] {
            case .column(let name, let format)?:
                if let index = indexByName[name] {
                    sources.append(.field(index, format))
                    if names[index] != field.name { sourceNames[field.name] = names[index] }
                } else if field.name == "record_id", specification.columns[field.name] == nil,
                    specification.layout.identifiesRowsByDigest
                {
                    sources.append(.rowDigest)
                } else {
                    sources.append(.absent)
                    let label = name == field.name ? name : "\(field.name) (from \(name))"
                    if field.isRequired { missing.append(label) }
                    // Optional or not: a column the pipeline file names is meant to be read.
                    if case .column? = specification.columns[field.name] { named.append(label) }
                }
            case .constant(let value)?:
                sources.append(.constant(value))
            case nil:
                sources.append(.absent)
                if field.isRequired { missing.append(field.name) }
            }
        }
        var extras: [String: Int] = [:]
        for name in specification.layout.extraColumns {
            if let index = indexByName[name] { extras[name] = index }
        }
        let delimiterHint = CSVOptions.likelyDelimiter(of: header).map {
            " — it looks delimited by \(CSVOptions.describe(delimiter: $0)): set `delimiter:` for this input in the pipeline file, or --delimiter"
        }
        // A column the pipeline file itself names, missing from the header, is a mistake in that file,
        // an optional one too: a misspelt job id or utilization would otherwise go unread without a word.
        if !named.isEmpty {
            throw KYCWatchError(
                .invalidConfiguration,
                "the columns: of this input name \(named.joined(separator: ", ")), which the header of \(file) lacks; "
                    + "its header is: \(Self.quoted(header))" + (delimiterHint ?? ""),
                at: specification.file.map { SourceLocation(file: $0, line: specification.line) }
                    ?? SourceLocation(file: file, line: 1))
        }
        // sacct writes its header with -P; a file without one cannot be mapped by name.
        let layoutHint =
            specification.layout == .slurm
            ? " — export with sacct -P (--parsable2) and without --noheader, so the first line names the columns"
            : " — map them under `columns:` in the pipeline file"
        guard missing.isEmpty else {
            throw KYCWatchError(
                .csvHeader,
                "the header lacks required \(kind.rawValue) column(s) \(missing.joined(separator: ", ")) "
                    + "for format \(specification.layout.rawValue); header is: \(Self.quoted(header))"
                    + (delimiterHint ?? layoutHint),
                at: SourceLocation(file: file, line: 1))
        }
        // Slurm's GPUs are in AllocTRES: without it, every job would read as one without accelerators.
        if specification.layout == .slurm, indexByName["AllocTRES"] == nil, mapping["accelerator_count"] == nil {
            throw KYCWatchError(
                .csvHeader,
                "the header lacks AllocTRES, which says how many GPUs each job had: add AllocTRES to sacct's "
                    + "--format (kycwatch does not read AllocGRES), or map accelerator_count under `columns:`; "
                    + "header is: \(Self.quoted(header))",
                at: SourceLocation(file: file, line: 1))
        }
        if let name = specification.layout.requiredExtraColumns.first(where: { extras[$0] == nil }) {
            throw KYCWatchError(
                .csvHeader, Self.lacking(name, layout: specification.layout, header: header, file: file),
                at: SourceLocation(file: file, line: 1))
        }
        self.sources = sources
        plainFields = sources.map { source in
            if case .field(let index, .canonical) = source { return index }
            return -1
        }
        self.extras = extras
        self.sourceNames = sourceNames
        digestFields = header.indices.filter { index in
            let name = header[index].trimmingSpaces.lowercased()
            return !name.hasSuffix("cost") && !name.hasSuffix("unitprice") && name != "invoiceid"
        }
    }

    /// A header name as kycwatch matches it to a column it reads: in lower case, without `_`, `-` or
    /// spaces, so `InstanceType`, `instance-type` and `Instance Type` are `instance_type`. A column
    /// read under another spelling would leave its rows without it, unseen (an instance type unread
    /// is a night without accelerators).
    static func folded(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " })
    }

    /// Whether the canonical column `name` can have a value in this input: a field of the header or a
    /// constant with text (an empty constant gives every row an empty value, as no column does).
    public func maps(_ name: String) -> Bool {
        guard let ordinal = kind.ordinal(of: name) else { return false }
        switch sources[ordinal] {
        case .absent: return false
        case .constant(let text): return text.contains { !$0.isWhitespace }
        default: return true
        }
    }

    /// What a reject calls field `index` of a row: the canonical column read from it, else its name in
    /// `header`; nil for a field past the header's.
    public func columnName(ofField index: Int, header: [String]) -> String? {
        for (ordinal, source) in sources.enumerated() {
            if case .field(index, _) = source { return kind.fields[ordinal].name }
        }
        return index < header.count ? header[index] : nil
    }

    /// Why a header without `name`, a column of `layout`'s ``InputLayout/requiredExtraColumns``, cannot be
    /// read, and what to do: a FOCUS export without `ChargeCategory` is none, most likely an older
    /// export (FOCUS 0.5 and providers' own exports call the column `ChargeType`).
    private static func lacking(_ name: String, layout: InputLayout, header: [String], file: String) -> String {
        let older = header.contains { $0.trimmingSpaces.lowercased() == "chargetype" }
        return "the header of \(file) lacks \(name), which format \(layout.rawValue) requires: FOCUS has it in every "
            + "export, and without it no line can be told usage or billing"
            + (older ? "; its ChargeType column is an older export's (FOCUS 0.5, or a provider's own cost export)" : "")
            + ": convert the export to FOCUS 1.0, or read it with format kycwatch and its columns mapped under "
            + "`columns:` in the pipeline file; header is: \(quoted(header))"
    }

    /// The header's names as they read, each quoted, the first 20.
    private static func quoted(_ header: [String]) -> String {
        header.prefix(20).map { "'\($0)'" }.joined(separator: " ") + (header.count > 20 ? " …" : "")
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
