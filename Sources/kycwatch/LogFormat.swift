import ArgumentParser

/// How log records are written to standard error.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    /// One readable line per record: time, level, message, `key=value` metadata.
    case text
    /// One JSON object per line: `timestamp`, `level`, `message`, then the metadata keys.
    case json

    /// The format a command line asks for with `--log-format`, read before (or without) parsing it, so
    /// a command line that does not parse is reported in the format its scheduler reads.
    static func requested(in arguments: [String]) -> LogFormat {
        var format = LogFormat.text
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { break }
            if argument.hasPrefix("--log-format=") {
                format = LogFormat(rawValue: String(argument.dropFirst("--log-format=".count))) ?? format
            } else if argument == "--log-format", index + 1 < arguments.count {
                format = LogFormat(rawValue: arguments[index + 1]) ?? format
            }
        }
        return format
    }
}
