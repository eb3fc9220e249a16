extension AnonymizerTable {
    /// Reads an anonymizers file: a header with `network,kind`, then one CIDR network (or single address) per row
    /// with its kind, `vpn`, `tor` or `hosting` (any case).
    ///
    /// Any row that cannot be used is an error naming the file and line, and so is an empty file.
    public static func load(path: String) throws(KYCWatchError) -> AnonymizerTable {
        try load(paths: [path])
    }

    /// Reads several anonymizers files (a Tor exit list and a VPN list, say) into one table, as
    /// ``load(path:)`` reads one; a network may nest inside one from another file.
    public static func load(paths: [String]) throws(KYCWatchError) -> AnonymizerTable {
        guard !paths.isEmpty else { throw KYCWatchError(.invalidConfiguration, "no anonymizers file was given") }
        var entries: [IPRangeIndex<AnonymizerKind>.Entry] = []
        for (fileIndex, path) in paths.enumerated() {
            let file = try IPCatalogFile(path: path, describing: "anonymizers file", required: ["network", "kind"])
            let network = file.column("network")
            let kind = file.column("kind")
            let rows = try file.forEachRow { (row) throws(KYCWatchError) in
                let parsed: IPNetwork
                switch IPNetwork.parse(row.field(network)) {
                case .success(let value): parsed = value
                case .failure(let malformed):
                    throw row.error("network '\(row.text(network))': \(malformed.reason)", at: network)
                }
                guard let value = AnonymizerKind(rawValue: row.text(kind).lowercased()) else {
                    throw row.error("kind is '\(row.text(kind))', expected vpn, tor or hosting", at: kind)
                }
                entries.append(
                    .init(first: parsed.first, last: parsed.last, value: value, file: fileIndex, line: row.line))
            }
            guard rows > 0 else {
                throw KYCWatchError(.emptyInput, "the anonymizers file has no rows", at: SourceLocation(file: path))
            }
        }
        return try AnonymizerTable(entries: entries, files: paths)
    }
}
