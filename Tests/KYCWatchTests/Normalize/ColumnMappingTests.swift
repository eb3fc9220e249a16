import Testing

@testable import KYCWatch

@Suite("Column mapping")
struct ColumnMappingTests {
    private func mapping(
        _ kind: ExportKind, _ header: [String], layout: InputLayout = .kycwatch, columns: [String: ColumnSource] = [:]
    ) throws -> ColumnMapping {
        try ColumnMapping(
            specification: InputSpecification(kind: kind, paths: ["x.csv"], layout: layout, columns: columns),
            header: header, file: "x.csv")
    }

    /// The header index each canonical column is read from, by name; absent columns left out.
    private func indexes(_ mapping: ColumnMapping) -> [String: Int] {
        var found: [String: Int] = [:]
        for (field, source) in zip(mapping.kind.fields, mapping.sources) {
            if case .field(let index, _) = source { found[field.name] = index }
        }
        return found
    }

    @Test(
        "canonical column names are read without regard to case, _, - or spaces, required and optional alike",
        arguments: ExportKind.allCases, ["upper", "first", "padded", "camel", "kebab", "spaced"])
    func canonicalNamesInAnyCase(kind: ExportKind, spelling: String) throws {
        let header = kind.fields.map { field in
            let words = field.name.split(separator: "_")
            switch spelling {
            case "upper": return field.name.uppercased()
            case "first": return field.name.prefix(1).uppercased() + field.name.dropFirst()
            case "camel": return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()  // InstanceType
            case "kebab": return words.joined(separator: "-")
            case "spaced": return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
            default: return " \(field.name.uppercased()) "
            }
        }
        let mapping = try mapping(kind, header)
        #expect(indexes(mapping) == Dictionary(uniqueKeysWithValues: kind.fields.enumerated().map { ($1.name, $0) }))
        // Rejects name a column as the file writes it.
        for (field, written) in zip(kind.fields, header) {
            #expect((mapping.sourceNames[field.name] ?? field.name) == written.trimmingSpaces)
        }
    }

    @Test("an optional column whose name differs in case is read, not left absent")
    func optionalColumnInOtherCase() throws {
        let mapping = try mapping(.access, ["event_id", "account_id", "timestamp", "source_ip", "action", "Count"])
        #expect(indexes(mapping)["count"] == 5)
        #expect(mapping.sourceNames["count"] == "Count")
    }

    @Test(
        "a preset's columns are read without regard to case, those it reads beyond its mapping too",
        arguments: [
            (
                InputLayout.focus,
                [
                    "id", "SUBACCOUNTID", "resourceid", "RegionID", "availabilityzone", "chargeperiodstart",
                    "CHARGEPERIODEND", "chargecategory", "Skuid",
                ]
            ),
            (
                .slurm,
                ["jobidraw", "ACCOUNT", "nodelist", "jobid", "cluster", "start", "END", "alloctres", "elapsed"]
            ),
        ])
    func presetNamesInAnyCase(layout: InputLayout, header: [String]) throws {
        let mapping = try mapping(.usage, header, layout: layout)
        #expect(indexes(mapping).count == 7)
        for (name, index) in mapping.extras { #expect(header[index].lowercased() == name.lowercased()) }
        #expect(mapping.extras.count == 2)
    }

    @Test(
        "two header cells kycwatch would read as one column are an error naming both; cells it does not read may",
        arguments: [
            (["Count", "count"], true), (["count", " COUNT"], true), (["count", "count"], true),
            (["Notes", "notes"], false),
        ])
    func cellsFoldingToOneName(cells: [String], refused: Bool) throws {
        let header = ["event_id", "account_id", "timestamp", "source_ip"] + cells
        let error = kycError { _ = try mapping(.access, header) }
        guard refused else {
            #expect(error == nil, "\(String(describing: error))")
            return
        }
        #expect(error?.code == .csvHeader)
        #expect(error?.location?.column == 6)
        #expect(error?.message.contains("names column 'count' twice (columns 5 and 6") == true)
        let first = cells[0].trimmingSpaces
        let second = cells[1].trimmingSpaces
        if first != second {
            #expect(error?.message.contains("'\(first)' and '\(second)'") == true, "\(String(describing: error))")
        }
    }

    @Test(
        "a header cell holding a NUL byte stops the input naming the cell, whether or not its column is read",
        arguments: ["re\u{0}gion", "\u{0}notes"])
    func headerNUL(cell: String) throws {
        let error = kycError { _ = try mapping(.access, ["event_id", "account_id", "timestamp", "source_ip", cell]) }
        #expect(error?.code == .csvHeader)
        #expect(error?.location?.column == 5)
        #expect(error?.message.contains("holds a NUL byte") == true, "\(String(describing: error))")
    }

    @Test("a FOCUS header with chargecategory in another case is no export without it")
    func focusChargeCategoryInOtherCase() throws {
        let header = ["SubAccountId", "ResourceId", "ChargePeriodStart", "ChargePeriodEnd", "CHARGECATEGORY"]
        #expect(try mapping(.usage, header, layout: .focus).extras["ChargeCategory"] == 4)
        let error = kycError { _ = try mapping(.usage, Array(header.dropLast()) + ["chargetype"], layout: .focus) }
        #expect(error?.message.contains("its ChargeType column is an older export's") == true)
    }

    @Test(
        "a column a pipeline file names is read from the cell written so, else from one in another case",
        arguments: [
            (["Util"], 0), (["util"], 0), (["UTIL", "Util"], 1), (["Util", "util"], 0),
        ])
    func mappedColumn(cells: [String], index: Int) throws {
        let header = ["record_id", "account_id", "resource_id", "start_time", "end_time"]
        let mapping = try mapping(
            .usage, header + cells, columns: ["accelerator_utilization": .column("Util", format: .canonical)])
        #expect(indexes(mapping)["accelerator_utilization"] == header.count + index)
        #expect(mapping.sourceNames["accelerator_utilization"] == cells[index])
    }

    @Test("a column a pipeline file names that two cells are in other cases is an error naming both")
    func mappedColumnAmbiguous() throws {
        let header = ["record_id", "account_id", "resource_id", "start_time", "end_time", "UTIL", "util"]
        let error = kycError {
            _ = try mapping(.usage, header, columns: ["accelerator_utilization": .column("Util", format: .canonical)])
        }
        #expect(error?.code == .csvHeader)
        #expect(error?.message.contains("names column 'Util' twice (columns 6 and 7: 'UTIL' and 'util'") == true)
    }
}
