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
        func grouped(_ value: Int) -> String { FigureFormat.grouped(Double(value)) }
        var details = ["\(grouped(actionable.count { $0.severity == .critical })) critical"]
        if compared { details.append("\(grouped(review.count(.new))) new") }
        var text =
            "kycwatch \(stage): \(FigureFormat.count(result.rowsIn, "row")) in, \(grouped(result.rowsRejected)) rejected, "
        if result.rowsSkipped > 0 { text += "\(grouped(result.rowsSkipped)) skipped (not usage), " }
        text += "\(FigureFormat.count(actionable.count, "finding")) (\(details.joined(separator: ", ")))"
        if compared { text += ", \(grouped(review.count(.resolved))) resolved" }
        let unchecked = review.count(.unchecked)
        if unchecked > 0 { text += ", \(grouped(unchecked)) carried unchecked" }
        if !review.suppressed.isEmpty { text += ", \(grouped(review.suppressed.count)) suppressed" }
        text += ", " + String(format: "%.1f s", result.seconds) + " -> \(folder)"
        return text
    }
}
