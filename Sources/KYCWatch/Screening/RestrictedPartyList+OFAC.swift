extension RestrictedPartyList {
    /// Loads the OFAC SDN list from its legacy CSV set: `sdn.csv` with, when given, `alt.csv` (alternate
    /// names) and `add.csv` (addresses), joined on `ent_num`.
    ///
    /// The files have no header and write `-0-` for an empty value. Countries come from the addresses,
    /// the vessel flag, and the `nationality …` and `citizen …` remarks. An alternate name or address
    /// for an `ent_num` that `sdn.csv` lacks is an error: the files are from different list versions.
    public static func loadOFACSDN(sdnPath: String, alternateNamesPath: String?, addressesPath: String?)
        throws(KYCWatchError) -> RestrictedPartyList
    {
        let sdnFile = ScreeningListFile(
            path: sdnPath, layout: "OFAC legacy sdn.csv", options: legacyOptions, columnNames: sdnColumns)
        let sdn = try sdnFile.readAll(fieldCount: 12)
        var entries: [RestrictedPartyEntry] = []
        entries.reserveCapacity(sdn.records.count)
        var indexByID: [String: Int] = [:]
        for record in sdn.records {
            let fields = record.fields
            guard let id = ScreeningListFile.value(fields[0]), Int(id) != nil else {
                throw sdnFile.invalid(
                    "ent_num '\(fields[0])' is not a number (OFAC legacy sdn.csv)", field: 0, of: record)
            }
            guard let name = ScreeningListFile.value(fields[1]) else {
                throw sdnFile.invalid("entry \(id) has no name: its SDN_Name is empty", field: 1, of: record)
            }
            if let first = indexByID[id] {
                let line = entries[first].location?.line.map { " (first on line \($0))" } ?? ""
                throw sdnFile.invalid("ent_num \(id) appears twice\(line)", field: 0, of: record)
            }
            var countries = remarkCountries(fields[11])
            if let flag = ScreeningListFile.value(fields[9]) { countries.append(flag) }
            indexByID[id] = entries.count
            entries.append(
                RestrictedPartyEntry(
                    list: ofacSDN, id: id, name: name, partyType: ofacPartyType(fields[2]),
                    programs: ofacPrograms(fields[3]), countries: countries, location: record.location))
        }
        var files = [sdnPath]
        if let alternateNamesPath {
            files.append(alternateNamesPath)
            let altFile = ScreeningListFile(
                path: alternateNamesPath, layout: "OFAC legacy alt.csv", options: legacyOptions,
                columnNames: ["ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"])
            for record in try altFile.readAll(fieldCount: 5).records {
                let index = try entryIndex(record, of: altFile, in: indexByID)
                guard let alias = ScreeningListFile.value(record.fields[3]) else { continue }
                entries[index].aliases.append(alias)
            }
        }
        if let addressesPath {
            files.append(addressesPath)
            let addFile = ScreeningListFile(
                path: addressesPath, layout: "OFAC legacy add.csv", options: legacyOptions,
                columnNames: [
                    "Ent_num", "Add_num", "Address", "City/State/Province/Postal Code", "Country", "Add_remarks",
                ])
            for record in try addFile.readAll(fieldCount: 6).records {
                let index = try entryIndex(record, of: addFile, in: indexByID)
                let parts = record.fields[2...4].compactMap(ScreeningListFile.value)
                if !parts.isEmpty { entries[index].addresses.append(parts.joined(separator: ", ")) }
                if let country = ScreeningListFile.value(record.fields[4]) { entries[index].countries.append(country) }
            }
        }
        for index in entries.indices { entries[index].countries = uniqued(entries[index].countries) }
        return RestrictedPartyList(name: ofacSDN, files: files, entries: entries)
    }

    /// The columns of sdn.csv, as OFAC's data specification names them (the files have no header).
    private static let sdnColumns = [
        "ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign", "Vess_type", "Tonnage", "GRT",
        "Vess_flag", "Vess_owner", "Remarks",
    ]

    /// The legacy files: comma-separated, RFC 4180 quotes, no header.
    private static var legacyOptions: CSVOptions { CSVOptions(hasHeader: false) }

    /// The index of the sdn.csv entry a record of `file` (alt.csv, add.csv) belongs to by its ent_num.
    private static func entryIndex(
        _ record: ScreeningListFile.Record, of file: ScreeningListFile, in indexByID: [String: Int]
    ) throws(KYCWatchError) -> Int {
        guard let id = ScreeningListFile.value(record.fields[0]), let index = indexByID[id] else {
            throw file.invalid(
                "ent_num '\(record.fields[0])' is not in sdn.csv: are both files from the same list version?",
                field: 0, of: record)
        }
        return index
    }

    /// `individual`, `vessel`, `aircraft`, or `-0-` for an organization.
    private static func ofacPartyType(_ value: String) -> RestrictedPartyEntry.PartyType {
        switch ScreeningListFile.value(value)?.lowercased() {
        case nil: .organization
        case "individual": .individual
        case "vessel": .vessel
        case "aircraft": .aircraft
        default: .unknown
        }
    }

    /// The program column lists programs as `[A] [B]` with the outer brackets already dropped: `A] [B`.
    private static func ofacPrograms(_ value: String) -> [String] {
        guard let value = ScreeningListFile.value(value) else { return [] }
        return ScreeningListFile.values(value, separatedBy: "] [").map { program in
            var program = Substring(program)
            while program.first == "[" { program.removeFirst() }
            while program.last == "]" { program.removeLast() }
            return String(program)
        }
    }

    /// Countries named in the remarks: `nationality Iran`, `citizen Mexico`, `Nationality of Registration Malta`.
    private static func remarkCountries(_ remarks: String) -> [String] {
        guard let remarks = ScreeningListFile.value(remarks) else { return [] }
        var countries: [String] = []
        for part in ScreeningListFile.values(remarks, separatedBy: ";") {
            let lowered = part.lowercased()
            var rest: Substring
            if lowered.hasPrefix("nationality of registration ") {
                rest = part.dropFirst("nationality of registration ".count)
            } else if lowered.hasPrefix("nationality ") {
                rest = part.dropFirst("nationality ".count)
            } else if lowered.hasPrefix("citizen ") {
                rest = part.dropFirst("citizen ".count)
            } else {
                continue
            }
            while rest.last == "." { rest.removeLast() }
            if let country = ScreeningListFile.value(String(rest)) { countries.append(country) }
        }
        return countries
    }

    /// The values in first-seen order without repeats.
    static func uniqued(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
