import Foundation
import Yams

extension ScreeningDecisions {
    /// Reads decisions from YAML: a list of mappings with `finding`, or `account`, `entry` and optionally
    /// `list`; and `reviewer`, `reason` and `date` (`YYYY-MM-DD`).
    ///
    /// ```yaml
    /// - account: acct-0042
    ///   list: OFAC SDN
    ///   entry: "36"
    ///   reviewer: j.doe
    ///   reason: different date of birth; passport checked
    ///   date: 2026-11-20
    /// - finding: 9f2c41d0
    ///   reviewer: j.doe
    ///   reason: common name, different country and address
    ///   date: 2026-11-21
    /// ```
    ///
    /// - Parameter file: the path the text came from, for error messages, which carry the line and
    ///   column. An unknown key is an error: a misspelt `list` would widen a decision to every list.
    public init(yaml: String, file: String) throws(KYCWatchError) {
        let reader = YAMLNodeReader(file: file, code: .screeningDecisionsInvalid)
        guard let root = try reader.compose(yaml) else {
            self.init([])
            return
        }
        guard case .sequence(let entries) = root else {
            throw reader.fail("expected a list of screening decisions", root, path: "")
        }
        var decisions: [ScreeningDecision] = []
        for (index, node) in entries.enumerated() {
            let path = "decision \(index + 1)"
            let keys = try reader.mapping(
                node, path: path, allowed: ["finding", "account", "list", "entry", "reviewer", "reason", "date"])
            func text(_ key: String) throws(KYCWatchError) -> String? {
                guard let value = keys[key] else { return nil }
                return try reader.string(value, path: "\(path).\(key)")
            }
            func required(_ key: String) throws(KYCWatchError) -> String {
                guard let value = try text(key) else { throw reader.fail("missing '\(key)'", node, path: path) }
                return value
            }
            let record = DecisionRecord(
                finding: try text("finding"), account: try text("account"), list: try text("list"),
                entry: try text("entry"), reviewer: try required("reviewer"), reason: try required("reason"),
                date: try required("date"))
            do {
                decisions.append(try record.decision())
            } catch {
                throw reader.fail(error.message, node, path: path)
            }
        }
        self.init(decisions)
    }

    /// Reads decisions from a YAML file.
    public static func load(path: String) throws(KYCWatchError) -> ScreeningDecisions {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KYCWatchError(
                .fileUnreadable, "cannot read the screening decisions file", at: SourceLocation(file: path))
        }
        guard let text = String(bytes: data, encoding: .utf8) else {
            throw KYCWatchError(.screeningDecisionsInvalid, "not UTF-8 text", at: SourceLocation(file: path))
        }
        return try ScreeningDecisions(yaml: text, file: path)
    }
}

/// One decision as written in YAML, before it is checked.
private struct DecisionRecord {
    var finding: String?
    var account: String?
    var list: String?
    var entry: String?
    var reviewer: String
    var reason: String
    var date: String

    func decision() throws(KYCWatchError) -> ScreeningDecision {
        let subject: ScreeningDecision.Subject
        switch (finding, account, entry) {
        case (let finding?, nil, nil):
            subject = .finding(finding)
        case (nil, let account?, let entry?):
            subject = .accountEntry(account: account, list: list, entryID: entry)
        default:
            throw KYCWatchError(
                .screeningDecisionsInvalid, "give either 'finding', or 'account' and 'entry' (and optionally 'list')")
        }
        return try ScreeningDecision(subject: subject, reviewer: reviewer, reason: reason, date: date)
    }
}
