import Foundation
import KYCWatch

/// The one-line summary `run` and `detect` print when they finish, for people and cron mail:
/// `kycwatch run: 1,234,567 rows in, 12 rejected, 57 findings (2 critical, 3 new), 1 resolved, 4 suppressed, 12.3 s`.
struct RunSummary {
    let stage: String
    let result: DetectResult
    let compared: Bool
    let folder: String

    var line: String {
        let review = result.review
        let actionable = review.actionable
        var details = ["\(Self.grouped(actionable.count { $0.severity == .critical })) critical"]
        if compared { details.append("\(Self.grouped(review.count(.new))) new") }
        var text =
            "kycwatch \(stage): \(Self.grouped(result.rowsIn)) rows in, \(Self.grouped(result.rowsRejected)) rejected, "
        if result.rowsSkipped > 0 { text += "\(Self.grouped(result.rowsSkipped)) skipped (not usage), " }
        text += "\(Self.grouped(actionable.count)) findings (\(details.joined(separator: ", ")))"
        if compared { text += ", \(Self.grouped(review.count(.resolved))) resolved" }
        if !review.suppressed.isEmpty { text += ", \(Self.grouped(review.suppressed.count)) suppressed" }
        text += ", " + String(format: "%.1f s", result.seconds) + " -> \(folder)"
        return text
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}
