import Foundation
import Logging

/// A log handler writing one readable line per record to standard error:
/// `2026-11-29T05:01:02Z info: input read file=SampleData/usage.csv.zst rows=61234`.
struct TextLogHandler: ConsoleLogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    let console: ErrorConsole

    init(console: ErrorConsole) {
        self.console = console
    }

    func line(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var line = "\(Date().formatted(.iso8601)) \(level.rawValue): \(message)"
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            var text = value.description
            // A table of counts reads `malformed-csv=1,missing-field=2`; JSON logs keep it an object.
            if case .dictionary(let entries) = value {
                text = entries.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            }
            line += " \(key)=" + (text.contains(" ") || text.isEmpty ? "\"\(text)\"" : text)
        }
        return line
    }
}
