import Foundation

/// Numbers and instants written for a person: `1.9e26`, `12,345`, `1.2 TB`, `40 %`, `2026-06-04`.
///
/// Locale-independent, so the report and the case drafts are byte-identical on every machine.
public enum FigureFormat {
    /// Two significant digits, in scientific notation from 100,000 on (`1.9e26`, `3.0e25`: the
    /// second digit is written also when it is 0, so figures side by side read alike), for
    /// operation counts and OP/s.
    public static func scientific(_ value: Double) -> String {
        significant(value, digits: 2)
    }

    /// `value` as ``scientific(_:)`` writes it, with as many more significant digits as it takes to
    /// keep it on its side of `threshold` and not read as the threshold as printed.
    ///
    /// Beside a 1e26 threshold, 9.96e25 is `9.96e25`, not `1.0e26`; 9.99996e25 is `9.99996e25` and
    /// 1.000000000125e26 `1.0000000001e26`: digits are added, never a figure other than the value's
    /// own rounding, which would overstate or understate it in a filing. Thresholds are taken as
    /// written in at most two significant digits, as ``scientific(_:)`` prints them.
    public static func scientific(_ value: Double, beside threshold: Double) -> String {
        guard value.isFinite, threshold.isFinite, value > 0, threshold > 0, value != threshold else {
            return scientific(value)
        }
        let printedThreshold = Double(scientific(threshold))
        func onItsSide(_ text: String) -> Bool {
            guard let printed = Double(text), printed != printedThreshold else { return false }
            return value < threshold ? printed < threshold : printed > threshold
        }
        // Seventeen significant digits write any double exactly, so the loop always returns.
        for digits in 2...17 {
            let text = significant(value, digits: digits)
            if onItsSide(text) { return text }
        }
        return significant(value, digits: 17)
    }

    /// `value` as ``scientific(_:beside:)`` writes it beside the one of `thresholds` it is nearer to (by
    /// ratio), or as ``scientific(_:)`` does where no threshold applies.
    ///
    /// A group's figure may be near its `large_operations` or the reporting threshold: 4.97e25 is
    /// `4.97e25` beside 5e25, not `5.0e25`, and 9.9996e25 `9.9996e25` beside 1e26, not `1.0e26`.
    public static func operations(_ value: Double, beside thresholds: [Double]) -> String {
        guard let nearer = thresholds.min(by: { abs(log(value / $0)) < abs(log(value / $1)) }) else {
            return scientific(value)
        }
        return scientific(value, beside: nearer)
    }

    /// The peak a cluster's OP/s are weighed against: CLS-001's default `peak_operations_per_second`.
    ///
    /// Every OP/s figure is written beside it (``scientific(_:beside:)``): 9.96e19 is `9.96e19`, not
    /// `1.0e20`, which would read as a cluster at the peak. Only digits are added, so beside a
    /// configured peak of another figure a figure reads as before.
    public static let clusterPeakOperationsPerSecond = 1e20

    /// The thresholds a finding's operation counts are weighed against, from its metrics: the
    /// reporting threshold (`threshold_operations`: LMT-001, CVT-001, CVT-002, DQ-002), and a group's
    /// `large_operations` with the reporting threshold beside it (`reporting_threshold_operations`:
    /// LNK-001); none for a finding with neither.
    public static func operationsThresholds(in metrics: [String: Double]) -> [Double] {
        ["threshold_operations", "large_operations", "reporting_threshold_operations"].compactMap { metrics[$0] }
    }

    /// `value` with `digits` significant digits, in scientific notation from 100,000 on.
    static func significant(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == 0 { return "0" }
        return tidy(String(format: abs(value) >= 1e5 ? "%.\(digits - 1)e" : "%.\(digits)g", value))
    }

    /// `1.9e+26` written `1.9e26`, `e-07` `e-7`; text without an exponent as it is.
    private static func tidy(_ text: String) -> String {
        guard let e = text.firstIndex(of: "e") else { return text }
        var exponent = text[text.index(after: e)...]
        let negative = exponent.first == "-"
        exponent = exponent.drop { $0 == "+" || $0 == "-" }.drop { $0 == "0" }
        return text[..<e] + "e" + (negative ? "-" : "") + (exponent.isEmpty ? "0" : exponent)
    }

    /// A count and its noun, `1 finding`, `12,345 findings`; `plural` when adding an s will not do.
    public static func count(_ value: Int, _ noun: String, plural: String? = nil) -> String {
        "\(grouped(Double(value))) \(value == 1 ? noun : plural ?? noun + "s")"
    }

    /// A whole number with thousands separators, `12,345` (rounded to the nearest unit).
    public static func grouped(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 9e18 else { return scientific(value) }
        let rounded = Int64(value.rounded())
        let digits = String(rounded.magnitude)
        var text = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return rounded < 0 ? "-" + text : text
    }

    /// `value` written with the C `format` (`%.2f`, `%.0f`, `%.3g`), with more digits where `format`
    /// would write it on the other side of `threshold`, or as it: beside 0.30, 0.2999 is `0.2999`, not
    /// `0.30`, so a comparison written beside it reads true.
    public static func written(_ value: Double, _ format: String, beside threshold: Double) -> String {
        let text = String(format: format, value)
        guard value.isFinite, threshold.isFinite, value != threshold, format.hasPrefix("%."),
            let letter = format.last, let digits = Int(format.dropFirst(2).dropLast())
        else { return text }
        func onItsSide(_ text: String) -> Bool {
            guard let printed = Double(text) else { return true }
            return value < threshold ? printed < threshold : printed > threshold
        }
        for more in 0...17 where onItsSide(String(format: "%.\(digits + more)\(letter)", value)) {
            return String(format: "%.\(digits + more)\(letter)", value)
        }
        return text
    }

    /// `value` as ``grouped(_:)`` writes it, with decimals where the whole number would read on the
    /// other side of `threshold`, or as it: beside more than 100 Gbit/s, 100.4 is `100.4`, not `100`.
    public static func grouped(_ value: Double, beside threshold: Double) -> String {
        let text = written(value, "%.0f", beside: threshold)
        return text.contains(".") ? text : grouped(value)
    }

    /// `value` with `places` decimals, `0.40`.
    public static func decimal(_ value: Double, places: Int = 2) -> String {
        String(format: "%.\(places)f", value)
    }

    /// A share as a percentage, `40 %` (one decimal below 10 %).
    public static func percent(_ share: Double) -> String {
        let value = share * 100
        return (value < 10 && value != value.rounded() ? String(format: "%.1f", value) : grouped(value)) + " %"
    }

    /// A byte count in decimal units, `1.2 TB`.
    public static func bytes(_ value: Double) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
        var scaled = value
        var unit = 0
        while abs(scaled) >= 1000, unit < units.count - 1 {
            scaled /= 1000
            unit += 1
        }
        return unit == 0 ? "\(grouped(scaled)) bytes" : String(format: "%.1f", scaled) + " " + units[unit]
    }

    /// The UTC day of an instant in epoch milliseconds, `2026-06-04`.
    public static func day(_ millis: Int64) -> String {
        String(TimestampParser.format(millis).prefix(10))
    }

    /// An instant in epoch milliseconds to the minute, `2026-06-04 13:00 UTC`.
    public static func minute(_ millis: Int64) -> String {
        let text = TimestampParser.format(millis)
        return text.prefix(10) + " " + text.dropFirst(11).prefix(5) + " UTC"
    }

    /// An ISO 8601 UTC timestamp (`2026-06-04T13:00:00Z`) to the minute, `2026-06-04 13:00 UTC`;
    /// other text is returned as it is.
    public static func minute(_ timestamp: String) -> String {
        guard timestamp.count >= 16, timestamp.dropFirst(10).first == "T" else { return timestamp }
        return timestamp.prefix(10) + " " + timestamp.dropFirst(11).prefix(5) + " UTC"
    }

    /// A metric of a finding with its unit, chosen by the metric's name:
    /// `expected_operations` → `1.9e26 operations`, `accelerator_hours` → `12,345 accelerator-hours`.
    ///
    /// An operation count is written beside the nearer of `thresholds` (``operations(_:beside:)``), the
    /// finding's ``operationsThresholds(in:)``: 1.004e26 beside a 1e26 threshold is `1.004e26 operations`,
    /// not `1.0e26 operations`. OP/s are written beside ``clusterPeakOperationsPerSecond``.
    public static func metric(_ name: String, _ value: Double, thresholds: [Double] = []) -> String {
        switch name {
        case _ where name.hasSuffix("ops_per_second"):
            return scientific(value, beside: clusterPeakOperationsPerSecond) + " OP/s"
        case _ where name.hasSuffix("operations"): return operations(value, beside: thresholds) + " operations"
        case "accelerator_hours": return grouped(value) + " accelerator-hours"
        case _ where name.hasSuffix("_bytes"): return bytes(value)
        case "days": return decimal(value, places: 1) + " days"
        case _ where name.hasSuffix("utilization") || name.hasSuffix("_share"): return percent(value)
        case "interconnect_gbps": return grouped(value) + " Gbit/s"
        case "peak_concurrent_accelerators", "accelerators_at_peak": return grouped(value) + " accelerators"
        case _ where name.hasSuffix("score"): return decimal(value)
        default:
            if abs(value) >= 1e7 { return scientific(value) }
            return value == value.rounded() ? grouped(value) : decimal(value)
        }
    }

    /// A field name for a person: `peak_cluster_ops_per_second` → `Peak cluster OP/s`, `interconnect_gbps` →
    /// `Interconnect` (the value carries the unit).
    public static func label(_ name: String) -> String {
        var words = name.replacingOccurrences(of: "ops_per_second", with: "OP/s").replacingOccurrences(
            of: "_gbps", with: ""
        )
        .split(separator: "_").map(String.init)
        guard let first = words.first else { return name }
        words[0] = first.prefix(1).uppercased() + first.dropFirst()
        return words.joined(separator: " ")
    }

    /// Whether a list reads better on one line: every item a short token such as a record id,
    /// account id or region.
    public static func isTokenList(_ items: [String]) -> Bool {
        items.allSatisfy { $0.count <= 24 && !$0.contains(" ") }
    }
}
