/// Field labels and metric figures (``FigureFormat``) already made for a night's findings, by name and
/// value.
///
/// Thousands of findings share a few field names and many values, and the formatting goes through
/// Foundation (`replacingOccurrences`, `String(format:)`), which costs far more than a lookup. Each part
/// of the report that formats figures keeps a cache of its own, so parts made side by side share no
/// state.
struct FigureCache {
    private struct Figure: Hashable {
        var name: String
        var bits: UInt64
        var thresholds: [UInt64]
    }

    private var labels: [String: String] = [:]
    private var figures: [Figure: String] = [:]

    /// ``FigureFormat/label(_:)`` of `name`.
    mutating func label(_ name: String) -> String {
        if let known = labels[name] { return known }
        let made = FigureFormat.label(name)
        labels[name] = made
        return made
    }

    /// ``FigureFormat/metric(_:_:thresholds:)`` of `value` named `name` beside `thresholds`; values are
    /// told apart by their bits, so `0` and `-0` are two figures, as they format.
    mutating func metric(_ name: String, _ value: Double, thresholds: [Double] = []) -> String {
        let figure = Figure(name: name, bits: value.bitPattern, thresholds: thresholds.map(\.bitPattern))
        if let known = figures[figure] { return known }
        let made = FigureFormat.metric(name, value, thresholds: thresholds)
        figures[figure] = made
        return made
    }
}
