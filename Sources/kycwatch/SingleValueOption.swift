import ArgumentParser

/// Options that take one value, refused when given more than once.
///
/// ArgumentParser keeps the last value of an option repeated on the command line; a scheduler's line
/// that repeats `--out` or `--previous` would then run with a value its author may not have meant.
enum SingleValueOption {
    /// Throws a usage error (exit 64) naming the first option of `names` (long names without their
    /// dashes) that `arguments` give more than once, with the values given.
    static func refuseRepeats(of names: [String], in arguments: [String] = CommandLine.arguments) throws {
        var values: [String: [String]] = [:]
        var index = arguments.startIndex + 1
        while index < arguments.endIndex, arguments[index] != "--" {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else { continue }
            let parts = argument.dropFirst(2).split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard names.contains(name) else { continue }
            if parts.count == 2 {
                values[name, default: []].append(String(parts[1]))
            } else {
                values[name, default: []].append(index < arguments.endIndex ? arguments[index] : "")
            }
        }
        for name in names {
            guard let given = values[name], given.count > 1 else { continue }
            throw ValidationError(
                "--\(name) is given \(given.count) times (\(given.map { "'\($0)'" }.joined(separator: ", "))) "
                    + "but takes one value: give it once")
        }
    }

    /// Throws a usage error (exit 64) naming the first of `options` (long names without their dashes,
    /// with their values) given an empty value: a scheduler's variable left unset (`--previous "$PREV"`)
    /// would otherwise run the night as its first, or write into the working folder.
    static func refuseEmpty(_ options: [(name: String, value: String?)]) throws {
        for option in options {
            guard let value = option.value, value.allSatisfy(\.isWhitespace) else { continue }
            throw ValidationError(
                "--\(option.name) is given an empty value: name it, or leave the option out (a variable left unset?)")
        }
    }
}
