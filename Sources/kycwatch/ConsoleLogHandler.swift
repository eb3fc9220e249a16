import Logging

/// A log handler that turns each record into one line on the error console; the text and JSON
/// handlers differ only in how they format the line.
protocol ConsoleLogHandler: LogHandler {
    var console: ErrorConsole { get }
    /// The line for one record, with the handler's metadata merged under the record's.
    func line(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String
}

extension ConsoleLogHandler {
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        console.write(line: line(level: event.level, message: event.message.description, metadata: merged))
    }
}
