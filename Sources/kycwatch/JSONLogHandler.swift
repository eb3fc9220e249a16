import Foundation
import Logging

/// A log handler writing one JSON object per line to standard error: `timestamp` (ISO 8601 UTC),
/// `level`, `message`, then the metadata keys (numbers stay numbers), for log collectors and `jq`.
struct JSONLogHandler: ConsoleLogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    let console: ErrorConsole

    init(console: ErrorConsole) {
        self.console = console
    }

    func line(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        Self.line(level: level, message: message, metadata: metadata, at: Date())
    }

    /// The JSON line for one record; metadata never replaces `timestamp`, `level` or `message`.
    static func line(level: Logger.Level, message: String, metadata: Logger.Metadata, at date: Date = Date()) -> String
    {
        var object: [String: Any] = [:]
        for (key, value) in metadata { object[key] = json(value) }
        object["timestamp"] = timestamp(date)
        object["level"] = level.rawValue
        object["message"] = message
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else {
            return #"{"level":"error","message":"a log record could not be encoded"}"#
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `2026-11-29T05:01:02.123Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): return text
        case .stringConvertible(let convertible):
            switch convertible {
            case let number as Int: return number
            case let number as Double where number.isFinite: return number
            case let flag as Bool: return flag
            default: return convertible.description
            }
        case .array(let values): return values.map(json)
        case .dictionary(let values): return values.mapValues(json)
        }
    }
}
