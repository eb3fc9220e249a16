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
        } catch let YamlError.scanner(_, problem, mark, _), let YamlError.parser(_, problem, mark, _) {
            throw KYCWatchError(
                code, "not valid YAML: \(problem)", at: SourceLocation(file: file, line: mark.line, column: mark.column)
            )
        } catch {
            throw KYCWatchError(code, "not valid YAML: \(error)", at: SourceLocation(file: file))
        }
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
