/// How a mapped source value is written, when it is not the canonical form.
public enum ValueFormat: String, Sendable, Hashable, CaseIterable {
    /// The canonical form (ISO 8601 for timestamps).
    case canonical = "iso8601"
    /// Unix epoch seconds.
    case epochSeconds = "epoch-seconds"
    /// Unix epoch milliseconds.
    case epochMilliseconds = "epoch-millis"
}
