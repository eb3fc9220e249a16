import Yams

/// Reads a YAML file's node tree so that every mistake is an error naming the file, the key path,
/// the line and the column.
///
/// The pipeline file, the suppression file and the screening decisions share it, so all report
/// mistakes the same way.
struct YAMLNodeReader {
    /// The file the text came from, for messages.
    let file: String
    /// The code every error carries.
    var code: KYCWatchError.Code = .invalidConfiguration

    /// Parses `yaml` into its root node; nil for an empty document.
    func compose(_ yaml: String) throws(KYCWatchError) -> Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
            throw duplicateKey(duplicates.first ?? "", first: context.mark, in: yaml)
        } catch let YamlError.scanner(_, problem, mark, _), let YamlError.parser(_, problem, mark, _) {
            throw KYCWatchError(
                code, "not valid YAML: \(problem)", at: SourceLocation(file: file, line: mark.line, column: mark.column)
            )
        } catch {
            throw KYCWatchError(code, "not valid YAML: \(error)", at: SourceLocation(file: file))
        }
    }

    /// The error for `key` given twice in one mapping, at the second time; at the first (`first`)
    /// when the second cannot be told.
    private func duplicateKey(_ key: String, first: Mark, in yaml: String) -> KYCWatchError {
        let second = secondPlace(of: key, first: first, in: yaml)
        let mark = second?.mark ?? first
        let path = second.map { $0.path.isEmpty ? "" : "\($0.path): " } ?? ""
        return KYCWatchError(
            code, "\(path)key '\(key)' is given twice in one mapping (first on line \(first.line)); keep one",
            at: SourceLocation(file: file, line: mark.line, column: mark.column))
    }

    /// Where `key`, first given at `first`, is given again, and the key path of its mapping.
    ///
    /// Yams names only the first place. Composed again with that key renamed (to letters found
    /// nowhere in the text, as many as it has, so no other place moves), the tree shows the other
    /// key beside the renamed one. Other duplicates the renaming uncovers are renamed in turn.
    private func secondPlace(of key: String, first: Mark, in yaml: String) -> (mark: Mark, path: String)? {
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        var letters = Array("qzjxkvwyfgbpmhucdlrsntoiae".unicodeScalars)
        /// Renames the key at `mark`, plain or quoted, to a placeholder of its length; nil when it cannot.
        func rename(_ name: String, at mark: Mark) -> String? {
            let target = Array(name.unicodeScalars)
            guard !target.isEmpty, mark.line >= 1, mark.line <= lines.count else { return nil }
            var line = lines[mark.line - 1]
            var start = mark.column - 1
            if start < line.count, line[start] == "\"" || line[start] == "'" { start += 1 }
            guard start >= 0, start + target.count <= line.count, Array(line[start..<start + target.count]) == target
            else { return nil }
            while let letter = letters.popLast() {
                let placeholder = String(repeating: String(letter), count: target.count)
                guard !yaml.contains(placeholder) else { continue }
                line.replaceSubrange(start..<start + target.count, with: placeholder.unicodeScalars)
                lines[mark.line - 1] = line
                return placeholder
            }
            return nil
        }
        guard let placeholder = rename(key, at: first) else { return nil }
        for _ in 0..<20 {
            let text = lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
            do {
                guard let root = try Yams.compose(yaml: text) else { return nil }
                return Self.find(key, after: placeholder, in: root, path: "")
            } catch let YamlError.duplicatedKeysInMapping(others, context) {
                guard let other = others.first, rename(other, at: context.mark) != nil else { return nil }
            } catch {
                return nil
            }
        }
        return nil
    }

    /// The place of the first `key` after `placeholder` in the mapping holding `placeholder`, and
    /// that mapping's key path.
    private static func find(_ key: String, after placeholder: String, in node: Node, path: String) -> (
        mark: Mark, path: String
    )? {
        switch node {
        case .mapping(let map):
            if let index = map.firstIndex(where: { $0.key.string == placeholder }) {
                let later = map[map.index(after: index)...].first { $0.key.string == key }
                return later?.key.mark.map { ($0, path) }
            }
            for (name, value) in map {
                let inner = name.string.map { path.isEmpty ? $0 : "\(path).\($0)" } ?? path
                if let found = find(key, after: placeholder, in: value, path: inner) { return found }
            }
        case .sequence(let items):
            for (index, item) in items.enumerated() {
                if let found = find(key, after: placeholder, in: item, path: "\(path)[\(index)]") { return found }
            }
        default:
            break
        }
        return nil
    }

    /// The entries of a mapping in file order; a key outside `allowed` (when given) is an error.
    func mapping(_ node: Node, path: String, allowed: Set<String>?) throws(KYCWatchError) -> [(String, Node)] {
        guard case .mapping(let map) = node else {
            throw fail("expected a mapping of keys to values", node, path: path)
        }
        var entries: [(String, Node)] = []
        for (key, value) in map {
            guard let name = key.string else { throw fail("keys must be text", key, path: path) }
            if let allowed, !allowed.contains(name) {
                throw fail(
                    "unknown key '\(name)'; expected one of \(allowed.sorted().joined(separator: ", "))", key,
                    path: path)
            }
            entries.append((name, value))
        }
        return entries
    }

    /// A mapping's entries by key; a key outside `allowed` is an error.
    func mapping(_ node: Node, path: String, allowed: Set<String>) throws(KYCWatchError) -> [String: Node] {
        let entries: [(String, Node)] = try mapping(node, path: path, allowed: Optional(allowed))
        return Dictionary(entries, uniquingKeysWith: { first, _ in first })
    }

    /// A scalar's text; YAML's null (a plain `~`, `null` or nothing) is an error, not the text.
    ///
    /// Taken as text, `reviewer: null` named a reviewer "null", and `reason: ~` gave a reason "~".
    func string(_ node: Node, path: String) throws(KYCWatchError) -> String {
        guard case .scalar(let scalar) = node else { throw fail("expected a single value", node, path: path) }
        if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            throw fail("expected a value, not null (quote it to mean the text)", node, path: path)
        }
        return scalar.string
    }

    /// A scalar that is a whole number.
    func integer(_ node: Node, path: String) throws(KYCWatchError) -> Int {
        guard let value = Int(try string(node, path: path)) else {
            throw fail("expected a whole number", node, path: path)
        }
        return value
    }

    /// An error at `node`'s place, its message prefixed with the key path.
    func fail(_ message: String, _ node: Node, path: String) -> KYCWatchError {
        KYCWatchError(
            code, path.isEmpty ? message : "\(path): \(message)",
            at: SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column))
    }
}
