/// A small inline SVG chart of accelerators in use over time, stacked when a finding spans several
/// runs (a group of linked accounts).
///
/// Hourly profiles are averaged into at most ``maximumBuckets`` whole-hour buckets so a run of
/// months stays a few kilobytes.
public struct SVGTimeline: Sendable {
    /// One stacked layer: a label and its hourly profile `(hour start ms, accelerators)`.
    public struct Series: Sendable {
        public var label: String
        public var profile: [(Int64, Double)]

        /// Creates a series.
        public init(label: String, profile: [(Int64, Double)]) {
            self.label = label
            self.profile = profile
        }
    }

    /// The layers, bottom first.
    public var series: [Series]
    /// Size in pixels; a chart of several layers grows by a legend line per two layers.
    public var width = 640
    public var height = 170
    /// The most points drawn per layer.
    public var maximumBuckets = 240

    static let hour: Int64 = 3_600_000
    static let palette = ["#2f6db3", "#d9822b", "#3a9a5b", "#9b59b6", "#c0392b", "#16a2a2", "#7f8c8d", "#b7950b"]

    /// Creates a chart of `series`.
    public init(series: [Series]) {
        self.series = series
    }

    /// The `<svg>` element, or an empty string when no layer has a point.
    public func render() -> String {
        let points = series.flatMap { $0.profile.map(\.0) }
        guard let firstHour = points.min(), let lastHour = points.max() else { return "" }
        let hours = Int((lastHour - firstHour) / Self.hour) + 1
        let bucketHours = max(1, (hours + maximumBuckets - 1) / maximumBuckets)
        let buckets = (hours + bucketHours - 1) / bucketHours
        // Each layer's mean accelerators per bucket; hours missing from a profile count as zero.
        let layers: [[Double]] = series.map { layer in
            var sums = [Double](repeating: 0, count: buckets)
            for (time, value) in layer.profile {
                sums[Int((time - firstHour) / Self.hour) / bucketHours] += value
            }
            return sums.map { $0 / Double(bucketHours) }
        }
        var tops = [Double](repeating: 0, count: buckets)
        for layer in layers { for index in 0..<buckets { tops[index] += layer[index] } }
        let peak = max(tops.max() ?? 0, 1)
        let left = 62.0
        let right = 12.0
        let top = 12.0
        // Multi-layer charts carry a legend below the axis, two entries per line.
        let legendLines = series.count > 1 ? (series.count + 1) / 2 : 0
        let bottom = 30.0 + Double(legendLines) * 16
        let plotWidth = Double(width) - left - right
        let totalHeight = Double(height + legendLines * 16)
        let plotHeight = totalHeight - top - bottom
        func x(_ bucket: Int) -> Double { left + plotWidth * Double(bucket) / Double(buckets) }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - value / peak) }

        let description =
            "Accelerators in use from \(FigureFormat.day(firstHour)) to \(FigureFormat.day(lastHour)), "
            + "peak \(FigureFormat.grouped(tops.max() ?? 0)) (mean per \(bucketHours == 1 ? "hour" : "\(bucketHours) hours"))"
        var svg =
            "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" "
            + "viewBox=\"0 0 \(width) \(format(totalHeight))\" width=\"\(width)\" height=\"\(format(totalHeight))\" role=\"img\" aria-label=\"\(HTMLEscaping.text(description))\">"
        svg += "<title>\(HTMLEscaping.text(description))</title>"
        for fraction in [0.0, 0.5, 1.0] {
            let lineY = format(y(peak * fraction))
            svg +=
                "<line x1=\"\(format(left))\" x2=\"\(format(left + plotWidth))\" y1=\"\(lineY)\" y2=\"\(lineY)\" "
                + "stroke=\"#d5d9de\" stroke-width=\"1\"/>"
            svg +=
                "<text x=\"\(format(left - 6))\" y=\"\(format(y(peak * fraction) + 4))\" text-anchor=\"end\" "
                + "font-size=\"11\" fill=\"#555\">\(FigureFormat.grouped(peak * fraction))</text>"
        }
        var base = [Double](repeating: 0, count: buckets)
        for (index, layer) in layers.enumerated() {
            var upper: [String] = []
            var lower: [String] = []
            for bucket in 0..<buckets {
                let high = base[bucket] + layer[bucket]
                upper.append("\(format(x(bucket))),\(format(y(high)))")
                upper.append("\(format(x(bucket + 1))),\(format(y(high)))")
                lower.append("\(format(x(bucket))),\(format(y(base[bucket])))")
                lower.append("\(format(x(bucket + 1))),\(format(y(base[bucket])))")
                base[bucket] = high
            }
            let color = Self.palette[index % Self.palette.count]
            svg +=
                "<polygon points=\"\((upper + lower.reversed()).joined(separator: " "))\" fill=\"\(color)\" "
                + "fill-opacity=\"0.35\" stroke=\"\(color)\" stroke-width=\"1\">"
                + "<title>\(HTMLEscaping.text(series[index].label))</title></polygon>"
        }
        let axisY = format(top + plotHeight + 15)
        svg +=
            "<text x=\"\(format(left))\" y=\"\(axisY)\" font-size=\"11\" fill=\"#555\">\(FigureFormat.day(firstHour))</text>"
        svg +=
            "<text x=\"\(format(left + plotWidth))\" y=\"\(axisY)\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">"
            + "\(FigureFormat.day(lastHour))</text>"
        svg +=
            "<text x=\"\(format(12))\" y=\"\(format(top + plotHeight / 2))\" font-size=\"11\" fill=\"#555\" "
            + "transform=\"rotate(-90 12 \(format(top + plotHeight / 2)))\" text-anchor=\"middle\">accelerators</text>"
        for (index, layer) in series.enumerated() where series.count > 1 {
            let color = Self.palette[index % Self.palette.count]
            let legendX = left + Double(index % 2) * plotWidth / 2
            let legendY = top + plotHeight + 32 + Double(index / 2) * 16
            svg +=
                "<rect x=\"\(format(legendX))\" y=\"\(format(legendY - 9))\" width=\"10\" height=\"10\" "
                + "fill=\"\(color)\" fill-opacity=\"0.6\"/>"
            svg +=
                "<text x=\"\(format(legendX + 14))\" y=\"\(format(legendY))\" font-size=\"11\" fill=\"#333\">"
                + "\(HTMLEscaping.text(TerminalText.truncate(layer.label, to: 44)))</text>"
        }
        return svg + "</svg>"
    }

    /// Coordinates with one decimal, so output is small and the same on every machine.
    private func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
