import Foundation
import Yams

/// A suppression file: reviewed findings to hide until a date, each with who decided and why.
///
/// ```yaml
/// version: 1
/// suppressions:
///   - finding_id: F-3f9a0c2e8b7d1a44
///     reason: university research cluster, contract on file
///     reviewer: j.doe
///     expires: 2027-03-31
///   - rule: FPI-001
///     account: acct-0042
///     reason: US subsidiary; parent's filings checked
///     reviewer: a.smith
///     expires: 2027-02-15
/// ```
///
/// An entry names a finding id, or a rule and an account (which hides that rule's findings about
/// that one account; a group finding is hidden only by its id). `expires` is the last day it
/// applies and may be at most ``maxDays`` after the run date, so every decision comes back for a
/// second look.
public struct SuppressionFile: Sendable {
    /// The default of how many days past the run date an expiry may be.
    public static let defaultMaxDays = 180
    /// The most `max_days` may be: ten years, past which a review is no review.
    public static let maxDaysLimit = 3_660
    /// Suppressions expiring within this many days of the run date are reported as expiring soon.
    public static let expiringSoonDays = 14

    /// The file, as given.
    public var path: String
    /// The entries, in file order.
    public var suppressions: [Suppression]
    /// SHA-256 of the file as stored, for the manifest.
    public var sha256: String?

    /// Checks and keeps `suppressions` (for tests and callers that build entries in code).
    public init(path: String, suppressions: [Suppression], sha256: String? = nil) {
        self.path = path
        self.suppressions = suppressions
        self.sha256 = sha256
    }

    /// Reads and checks a suppression file for a run on `runDate`.
    public static func load(path: String, runDate: CalendarDay, maxDays: Int = defaultMaxDays) throws(KYCWatchError)
        -> SuppressionFile
    {
        let reader = try InputFile.open(path)
        var bytes: [UInt8] = []
        let piece = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)
        defer { piece.deallocate() }
        while true {
            let count = try reader.read(into: piece)
            if count == 0 { break }
            bytes.append(contentsOf: piece[0..<count])
        }
        var file = try SuppressionFile(
            yaml: String(decoding: bytes, as: UTF8.self), file: path, runDate: runDate, maxDays: maxDays)
        file.sha256 = reader.storedSHA256()
        return file
    }

    /// Parses suppression YAML; `file` names it in errors, which carry the line and column.
    public init(yaml: String, file: String, runDate: CalendarDay, maxDays: Int = defaultMaxDays)
        throws(KYCWatchError)
    {
        let reader = YAMLNodeReader(file: file, code: .suppressionsInvalid)
        path = file
        suppressions = []
        guard let root = try reader.compose(yaml) else { return }
        let top = try reader.mapping(root, path: "", allowed: ["version", "suppressions"])
        if let version = top["version"], try reader.integer(version, path: "version") != 1 {
            throw reader.fail("version must be 1", version, path: "version")
        }
        guard let list = top["suppressions"] else { return }
        if case .scalar(let scalar) = list, ["", "~", "null"].contains(scalar.string) { return }
        guard case .sequence(let entries) = list else {
            throw reader.fail("expected a list of suppressions", list, path: "suppressions")
        }
        let latest = runDate.adding(days: maxDays)
        for (index, node) in entries.enumerated() {
            suppressions.append(
                try Self.entry(node, path: "suppressions[\(index)]", reader: reader, latest: latest, maxDays: maxDays))
        }
    }

    private static func entry(_ node: Node, path: String, reader: YAMLNodeReader, latest: CalendarDay, maxDays: Int)
        throws(KYCWatchError) -> Suppression
    {
        let keys = try reader.mapping(
            node, path: path, allowed: ["finding_id", "rule", "account", "reason", "reviewer", "expires"])
        func text(_ key: String) throws(KYCWatchError) -> String? {
            guard let value = keys[key] else { return nil }
            let text = try reader.string(value, path: "\(path).\(key)").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { throw reader.fail("must not be empty", value, path: "\(path).\(key)") }
            return text
        }
        func required(_ key: String, _ meaning: String) throws(KYCWatchError) -> String {
            guard let value = try text(key) else {
                throw reader.fail("`\(key)` is required: \(meaning)", node, path: path)
            }
            return value
        }
        let findingID = try text("finding_id")
        let rule = try text("rule")
        let account = try text("account")
        switch (findingID, rule, account) {
        case (.some, nil, nil), (nil, .some, .some):
            break
        case (.some, _, _):
            throw reader.fail("give `finding_id`, or `rule` and `account`, not both", node, path: path)
        default:
            throw reader.fail(
                "say what it hides: `finding_id`, or `rule` and `account` together", node, path: path)
        }
        if let rule, let ruleNode = keys["rule"], let problem = RuleEngine().problem(rule: rule) {
            // A misspelt rule would hide nothing, and say nothing of it.
            throw reader.fail(problem, ruleNode, path: "\(path).rule")
        }
        let reason = try required("reason", "why the finding needs no action")
        let reviewer = try required("reviewer", "who decided")
        let expires = try required("expires", "the last day it applies, YYYY-MM-DD")
        let expiresNode = keys["expires"]!
        guard let day = CalendarDay(expires) else {
            throw reader.fail("'\(expires)' is not a date written YYYY-MM-DD", expiresNode, path: "\(path).expires")
        }
        guard day <= latest else {
            throw reader.fail(
                "\(expires) is more than \(maxDays) days after the run date (latest allowed: \(latest)); "
                    + "suppress for a shorter time and review again",
                expiresNode, path: "\(path).expires")
        }
        return Suppression(
            findingID: findingID, rule: rule, account: account, reason: reason, reviewer: reviewer, expires: expires,
            line: node.mark?.line)
    }

    /// The first suppression in force on `runDate` that hides `finding`, nil when none does.
    public func suppression(hiding finding: Finding, on runDate: CalendarDay) -> Suppression? {
        suppressions.first { $0.hides(finding) && $0.isInForce(on: runDate) }
    }

    /// Suppressions in force on `runDate` that end within ``expiringSoonDays`` of it.
    public func expiringSoon(on runDate: CalendarDay) -> [Suppression] {
        let horizon = runDate.adding(days: Self.expiringSoonDays)
        return suppressions.filter { suppression in
            suppression.isInForce(on: runDate) && CalendarDay(suppression.expires).map { $0 <= horizon } == true
        }
    }

    /// Suppressions whose last day is before `runDate`; they hide nothing.
    public func expired(on runDate: CalendarDay) -> [Suppression] {
        suppressions.filter { !$0.isInForce(on: runDate) }
    }
}
