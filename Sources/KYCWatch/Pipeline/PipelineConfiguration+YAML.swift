import Foundation
import Yams

extension PipelineConfiguration {
    /// Reads and checks a pipeline file; errors name the file, the key path and the line.
    public static func load(path: String) throws(KYCWatchError) -> PipelineConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KYCWatchError(.fileUnreadable, "cannot read the pipeline file", at: SourceLocation(file: path))
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses pipeline YAML; `file` names it in errors and anchors relative paths.
    public static func parse(yaml: String, file: String) throws(KYCWatchError) -> PipelineConfiguration {
        guard let root = try YAMLNodeReader(file: file).compose(yaml) else {
            throw KYCWatchError(.invalidConfiguration, "the pipeline file is empty", at: SourceLocation(file: file))
        }
        let reader = PipelineYAML(file: file, base: folder(of: file))
        return try reader.configuration(root)
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Whether `one` and `other` name the same place on disk, symbolic links followed: for refusing an
    /// output that would land on an input, or a previous night that is tonight.
    public static func samePlace(_ one: String, _ other: String) -> Bool {
        resolvedPlace(one) == resolvedPlace(other)
    }

    /// `path` tidied and with its symbolic links followed: the place ``samePlace(_:_:)`` compares.
    static func resolvedPlace(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// `path` as written in a pipeline file in `base`, resolved and tidied: `Pipelines/../SampleData/x`
    /// is `SampleData/x`, `./out/` is `out`. Tidied by its text, as paths are read everywhere else.
    public static func resolve(_ path: String, against base: String) -> String {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", joined.hasPrefix("/") {
                continue  // nothing is above the root
            } else {
                parts.append(part)
            }
        }
        let text = parts.joined(separator: "/")
        return joined.hasPrefix("/") ? "/" + text : text.isEmpty ? "." : text
    }
}

/// Walks the YAML node tree of a pipeline file, so every error can point at its line.
private struct PipelineYAML {
    let file: String
    let base: String
    var reader: YAMLNodeReader { YAMLNodeReader(file: file) }

    func configuration(_ root: Node) throws(KYCWatchError) -> PipelineConfiguration {
        let top = try reader.mapping(
            root, path: "",
            allowed: [
                "version", "inputs", "reference", "output", "rejects", "rules", "screening", "previous", "suppressions",
            ])
        if let version = top["version"] {
            guard try reader.integer(version, path: "version") == 1 else {
                throw reader.fail("version must be 1", version, path: "version")
            }
        }
        var defaultShare = InputSpecification.defaultMaxRejectShare
        if let rejects = top["rejects"] {
            let policy = try reader.mapping(rejects, path: "rejects", allowed: ["max_share"])
            if let share = policy["max_share"] { defaultShare = try fraction(share, path: "rejects.max_share") }
        }
        guard let inputsNode = top["inputs"] else {
            throw reader.fail("`inputs` is required: a list of exports to read (kind, path)", root, path: "")
        }
        guard case .sequence(let sequence) = inputsNode, !sequence.isEmpty else {
            throw reader.fail("`inputs` must be a non-empty list", inputsNode, path: "inputs")
        }
        var inputs: [InputSpecification] = []
        for (index, node) in sequence.enumerated() {
            inputs.append(try input(node, path: "inputs[\(index)]", defaultShare: defaultShare))
        }
        var reference = ReferencePaths.bundled(in: PipelineConfiguration.resolve("reference", against: base))
        if let node = top["reference"] {
            let paths = try reader.mapping(
                node, path: "reference",
                allowed: ["accelerators", "instance_types", "countries", "ip_ranges", "ip_locations", "anonymizers"])
            if let value = paths["accelerators"] {
                reference.accelerators = try filePath(value, "reference.accelerators")
            }
            if let value = paths["instance_types"] {
                reference.instanceTypes = try filePath(value, "reference.instance_types")
            }
            if let value = paths["countries"] { reference.countries = try filePath(value, "reference.countries") }
            if let value = paths["ip_ranges"] { reference.ipRanges = try filePath(value, "reference.ip_ranges") }
            if let value = paths["ip_locations"] {
                guard paths["ip_ranges"] != nil else {
                    throw reader.fail(
                        "ip_locations names the GeoLite2 locations of `ip_ranges`, which is not given", value,
                        path: "reference.ip_locations")
                }
                reference.ipLocations = try filePath(value, "reference.ip_locations")
            }
            if let value = paths["anonymizers"] { reference.anonymizers = try filePath(value, "reference.anonymizers") }
        }
        var outputFolder = PipelineConfiguration.resolve("out", against: base)
        var level = ZstdWriter.defaultLevel
        if let node = top["output"] {
            let output = try reader.mapping(node, path: "output", allowed: ["folder", "zstd_level"])
            if let folder = output["folder"] { outputFolder = try filePath(folder, "output.folder") }
            if let value = output["zstd_level"] {
                let parsed = try reader.integer(value, path: "output.zstd_level")
                guard (1...19).contains(parsed) else {
                    throw reader.fail("zstd_level must be 1 to 19", value, path: "output.zstd_level")
                }
                level = Int32(parsed)
            }
        }
        var rules: [String: [String: ParameterValue]] = [:]
        if let node = top["rules"] {
            // Checked against the catalogue here, where each value's line and column are known.
            let engine = RuleEngine()
            for (key, value) in try reader.mapping(node, path: "rules", allowed: nil) {
                if let problem = engine.problem(rule: key) { throw reader.fail(problem, value, path: "rules.\(key)") }
                var parameters: [String: ParameterValue] = [:]
                for (name, parameter) in try reader.mapping(value, path: "rules.\(key)", allowed: nil) {
                    let path = "rules.\(key).\(name)"
                    let parsed = try parameterValue(parameter, path: path)
                    if let problem = engine.problem(rule: key, parameter: name, value: parsed) {
                        throw reader.fail(problem, parameter, path: path)
                    }
                    parameters[name] = parsed
                }
                rules[key] = parameters
            }
        }
        var configuration = PipelineConfiguration(
            file: file, inputs: inputs, reference: reference, outputFolder: outputFolder, zstdLevel: level,
            ruleParameters: rules)
        if let node = top["screening"] {
            let keys = try reader.mapping(
                node, path: "screening",
                allowed: ["ofac_sdn", "ofac_alt", "ofac_add", "bis_dpl", "csl", "decisions", "threshold"])
            // alt.csv and add.csv add aliases and addresses to sdn.csv's entries, joined on ent_num:
            // without it they screen nothing, which must not pass for a list that was read.
            for key in ["ofac_alt", "ofac_add"] where keys["ofac_sdn"] == nil {
                guard let value = keys[key] else { continue }
                throw reader.fail(
                    "\(key == "ofac_alt" ? "alt.csv's aliases" : "add.csv's addresses") belong to the entries of the "
                        + "OFAC SDN list (sdn.csv, joined on ent_num), which is not given: name it under ofac_sdn, or "
                        + "remove \(key)", value, path: "screening.\(key)")
            }
            var sources = ScreeningSources()
            /// The path under `key`, noted with the key's place for an error about the file.
            func named(_ key: String) throws(KYCWatchError) -> String? {
                guard let value = keys[key] else { return nil }
                let path = try filePath(value, "screening.\(key)")
                let place = SourceLocation(file: file, line: value.mark?.line, column: value.mark?.column)
                sources.origins[path] = "named by screening.\(key) at \(place)"
                return path
            }
            sources.ofacSDN = try named("ofac_sdn")
            sources.ofacAlternateNames = try named("ofac_alt")
            sources.ofacAddresses = try named("ofac_add")
            sources.deniedPersons = try named("bis_dpl")
            sources.consolidated = try named("csl")
            sources.decisions = try named("decisions")
            if let value = keys["threshold"] {
                // Checked here, where the value's line and column are known, as the run checks it.
                let threshold = Double(try reader.string(value, path: "screening.threshold"))
                guard let threshold, (try? ScreeningConfiguration(threshold: threshold).validate()) != nil else {
                    throw reader.fail(
                        "expected a match score from \(ScreeningConfiguration.thresholds.lowerBound) to "
                            + "\(ScreeningConfiguration.thresholds.upperBound) (default 0.82)", value,
                        path: "screening.threshold")
                }
                sources.threshold = threshold
            }
            configuration.screening = sources
        }
        if let node = top["previous"] { configuration.previousFolder = try filePath(node, "previous") }
        if let node = top["suppressions"] {
            if case .scalar = node {
                configuration.suppressionsFile = try filePath(node, "suppressions")
            } else {
                let keys = try reader.mapping(node, path: "suppressions", allowed: ["file", "max_days"])
                guard let file = keys["file"] else {
                    throw reader.fail("`file` is required: the suppression file (YAML)", node, path: "suppressions")
                }
                configuration.suppressionsFile = try filePath(file, "suppressions.file")
                if let value = keys["max_days"] {
                    let days = try reader.integer(value, path: "suppressions.max_days")
                    guard (1...SuppressionFile.maxDaysLimit).contains(days) else {
                        throw reader.fail(
                            "max_days must be at least 1 and at most \(SuppressionFile.maxDaysLimit)", value,
                            path: "suppressions.max_days")
                    }
                    configuration.suppressionMaxDays = days
                }
            }
        }
        return configuration
    }

    private func input(_ node: Node, path: String, defaultShare: Double) throws(KYCWatchError) -> InputSpecification {
        let entry = try reader.mapping(
            node, path: path,
            allowed: ["kind", "path", "format", "delimiter", "time_zone", "columns", "max_reject_share"])
        guard let kindNode = entry["kind"] else {
            throw reader.fail("`kind` is required: one of accounts, usage, access", node, path: path)
        }
        let kindText = try reader.string(kindNode, path: path + ".kind")
        guard let kind = ExportKind(rawValue: kindText) else {
            throw reader.fail(
                "unknown kind '\(kindText)': expected accounts, usage or access", kindNode, path: path + ".kind")
        }
        var layout = InputLayout.kycwatch
        if let formatNode = entry["format"] {
            let name = try reader.string(formatNode, path: path + ".format")
            guard let known = InputLayout(rawValue: name) else {
                let names = InputLayout.allCases.map(\.rawValue).joined(separator: ", ")
                throw reader.fail(
                    "unknown format '\(name)': expected one of \(names)", formatNode, path: path + ".format")
            }
            guard known.kinds.contains(kind) else {
                throw reader.fail(
                    "format \(name) describes \(known.kinds.map(\.rawValue).joined(separator: ", ")) exports, not \(kind.rawValue)",
                    formatNode, path: path + ".format")
            }
            layout = known
        }
        guard let pathNode = entry["path"] else {
            throw reader.fail("`path` is required: a file or a glob such as exports/usage-*.csv.zst", node, path: path)
        }
        let pattern = try filePath(pathNode, path + ".path")
        var delimiter: UInt8?
        if let value = entry["delimiter"] {
            let text = try reader.string(value, path: path + ".delimiter")
            guard let byte = CSVOptions.delimiter(named: text) else {
                throw reader.fail("delimiter must be \(CSVOptions.delimiterNames)", value, path: path + ".delimiter")
            }
            delimiter = byte
        }
        var timeZone = "UTC"
        if let value = entry["time_zone"] {
            timeZone = try reader.string(value, path: path + ".time_zone")
            // Checked here, where the line is known, rather than when the input is read.
            do {
                _ = try TimestampParser(naiveTimeZone: timeZone)
            } catch {
                throw reader.fail(error.message, value, path: path + ".time_zone")
            }
        }
        var share = defaultShare
        if let value = entry["max_reject_share"] { share = try fraction(value, path: path + ".max_reject_share") }
        var columns: [String: ColumnSource] = [:]
        var constantPlaces: [String: InputSpecification.ConstantPlace] = [:]
        if let value = entry["columns"] {
            for (name, source) in try reader.mapping(value, path: path + ".columns", allowed: nil) {
                guard let field = kind.fields.first(where: { $0.name == name }) else {
                    throw reader.fail(
                        "'\(name)' is not a \(kind.rawValue) column; expected one of \(kind.fields.map(\.name).joined(separator: ", "))",
                        source, path: path + ".columns")
                }
                let column = try columnSource(
                    source, field: field, timeZone: timeZone, path: path + ".columns.\(name)")
                columns[name] = column.source
                if let constant = column.constantNode {
                    constantPlaces[name] = InputSpecification.ConstantPlace(
                        location: SourceLocation(file: file, line: constant.mark?.line, column: constant.mark?.column),
                        keyPath: path + ".columns.\(name).constant")
                }
            }
        }
        var specification = InputSpecification(
            kind: kind, paths: [pattern], layout: layout, columns: columns, delimiter: delimiter, timeZone: timeZone,
            maxRejectShare: share, line: node.mark.map { $0.line })
        specification.file = file
        // Its files are looked for when the inputs are opened: one not delivered yet is an input missing.
        if InputSpecification.isGlob(pattern) { specification.glob = pattern }
        specification.constantPlaces = constantPlaces
        // Here, where each constant's line is known; the country columns once the catalogues are loaded.
        try specification.checkConstants(countries: nil)
        return specification
    }

    /// The source of canonical column `field`: a source column, or a constant, with the node it is
    /// written in, to be checked as the column's values are (``InputSpecification/checkConstants(countries:)``).
    private func columnSource(_ node: Node, field: CanonicalField, timeZone: String, path: String)
        throws(KYCWatchError) -> (source: ColumnSource, constantNode: Node?)
    {
        if case .scalar = node {
            return (.column(try sourceColumnName(node, field: field, path: path), format: .canonical), nil)
        }
        let spec = try reader.mapping(node, path: path, allowed: ["column", "constant", "format"])
        var format = ValueFormat.canonical
        if let value = spec["format"] {
            let name = try reader.string(value, path: path + ".format")
            guard let known = ValueFormat(rawValue: name) else {
                throw reader.fail(
                    "unknown format '\(name)': expected \(ValueFormat.allCases.map(\.rawValue).joined(separator: ", "))",
                    value, path: path + ".format")
            }
            guard field.value == .timestamp else {
                throw reader.fail(
                    "a format applies to timestamp columns (\(CanonicalField.timestampNames.sorted().joined(separator: ", "))), "
                        + "and \(field.name) is not one: remove `format: \(name)`",
                    value, path: path + ".format")
            }
            format = known
        }
        switch (spec["column"], spec["constant"]) {
        case (_?, _?):
            throw reader.fail(
                "give `column:` or `constant:`, not both: the constant would replace the column's value on every row",
                node, path: path)
        case (nil, let constant?):
            let text = try reader.string(constant, path: path + ".constant")
            let value = try constantValue(text, field: field, format: format, timeZone: timeZone, constant, path)
            return (.constant(value), constant)
        case (let column?, nil):
            return (.column(try sourceColumnName(column, field: field, path: path + ".column"), format: format), nil)
        case (nil, nil):
            throw reader.fail("give `column: SourceName` or `constant: value`", node, path: path)
        }
    }

    /// The name of the source column `field` is read from, which cannot be blank: no header names one so.
    private func sourceColumnName(_ node: Node, field: CanonicalField, path: String) throws(KYCWatchError) -> String {
        let name = try reader.string(node, path: path)
        guard !name.trimmingSpaces.isEmpty else {
            throw reader.fail(
                "the source column's name is empty: give the header's name of the column \(field.name) is read from, "
                    + "or leave \(field.name) out", node, path: path)
        }
        return name
    }

    /// The constant `text` of `field` as rows are read with it: a timestamp in another `format` becomes
    /// the ISO 8601 instant it stands for, read once here; one that stands for none is an error here.
    private func constantValue(
        _ text: String, field: CanonicalField, format: ValueFormat, timeZone: String, _ node: Node, _ path: String
    ) throws(KYCWatchError) -> String {
        guard field.value == .timestamp else { return text }
        let parser = (try? TimestampParser(naiveTimeZone: timeZone)) ?? .utc
        guard let instant = FieldBytes.withBytes(of: text, { SourceRow.instant($0, format: format, parser: parser) })
        else {
            let expected = format == .canonical ? "an ISO 8601 timestamp" : "a \(format.rawValue) value"
            throw reader.fail(
                "constant '\(text)' is not \(expected) of years 0000 to 9999: every row would be rejected", node,
                path: path + ".constant")
        }
        return format == .canonical ? text : TimestampParser.format(instant)
    }

    // MARK: - Scalars and mappings

    private func fraction(_ node: Node, path: String) throws(KYCWatchError) -> Double {
        guard let value = Double(try reader.string(node, path: path)), (0...1).contains(value) else {
            throw reader.fail("expected a share from 0 to 1 (0.05 means 5 %)", node, path: path)
        }
        return value
    }

    private func parameterValue(_ node: Node, path: String) throws(KYCWatchError) -> ParameterValue {
        let text = try reader.string(node, path: path)
        if let number = Double(text) { return .number(number) }
        if let flag = Bool(text) { return .flag(flag) }
        return .text(text)
    }

    private func filePath(_ node: Node, _ path: String) throws(KYCWatchError) -> String {
        let text = try reader.string(node, path: path)
        guard !text.isEmpty else { throw reader.fail("expected a path", node, path: path) }
        return PipelineConfiguration.resolve(text, against: base)
    }
}
