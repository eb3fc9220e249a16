import Foundation

/// Seconds since 1970 of an ISO 8601 timestamp with `Z` or an offset and optional fractions,
/// parsed with Foundation (independently of the generator's own calendar code).
struct SampleInstantParser {
    private var cache: [String: Int64] = [:]
    private let plain: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }()
    private let fractional: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    mutating func seconds(_ text: String) -> Int64? {
        if let known = cache[text] { return known }
        guard let date = plain.date(from: text) ?? fractional.date(from: text) else { return nil }
        let value = Int64(date.timeIntervalSince1970.rounded())
        cache[text] = value
        return value
    }
}
