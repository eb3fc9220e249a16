import Foundation
import Logging

/// A log handler writing one readable line per record to standard error:
/// `2026-11-29T05:01:02Z info: input read file=SampleData/usage.csv.zst rows=61234`.
struct TextLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    let console: ErrorConsole

    init(console: ErrorConsole) {
        self.console = console
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        var line = "\(Date().formatted(.iso8601)) \(event.level.rawValue): \(event.message)"
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            let text = value.description
            line += " \(key)=" + (text.contains(" ") || text.isEmpty ? "\"\(text)\"" : text)
        }
        console.write(line: line)
    }
}
