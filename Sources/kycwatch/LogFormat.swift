import ArgumentParser

/// How log records are written to standard error.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    /// One readable line per record: time, level, message, `key=value` metadata.
    case text
    /// One JSON object per line: `timestamp`, `level`, `message`, then the metadata keys.
    case json
}
