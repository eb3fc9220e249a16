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
    /// - Parameter file: the path the text came from, for error messages.
    public init(yaml: String, file: String) throws(KYCWatchError) {
        let records: [DecisionRecord]
        do {
            records = try YAMLDecoder().decode([DecisionRecord].self, from: yaml.isEmpty ? "[]" : yaml)
        } catch let error as YamlError {
            throw KYCWatchError(.screeningDecisionsInvalid, "not valid YAML: \(error)", at: SourceLocation(file: file))
        } catch let error as DecodingError {
            throw KYCWatchError(
                .screeningDecisionsInvalid, "not a list of screening decisions: \(Self.describe(error))",
                at: SourceLocation(file: file))
        } catch {
            throw KYCWatchError(.screeningDecisionsInvalid, "\(error)", at: SourceLocation(file: file))
        }
        var decisions: [ScreeningDecision] = []
        for (index, record) in records.enumerated() {
            do {
                decisions.append(try record.decision())
            } catch {
                throw KYCWatchError(
                    error.code, "decision \(index + 1): \(error.message)", at: SourceLocation(file: file))
            }
        }
        self.init(decisions)
    }

    /// Reads decisions from a YAML file.
    public static func load(path: String) throws(KYCWatchError) -> ScreeningDecisions {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KYCWatchError(
                .fileUnreadable, "cannot read the screening decisions file", at: SourceLocation(file: path))
        }
        return try ScreeningDecisions(yaml: text, file: path)
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "decision \($0 + 1)" } ?? $0.stringValue }
            return keys.isEmpty ? "" : " (at \(keys.joined(separator: " → ")))"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing '\(key.stringValue)'\(path(context))"
        case .typeMismatch(_, let context): return "\(context.debugDescription)\(path(context))"
        case .valueNotFound(_, let context): return "\(context.debugDescription)\(path(context))"
        case .dataCorrupted(let context): return "\(context.debugDescription)\(path(context))"
        @unknown default: return "\(error)"
        }
    }
}

/// One decision as written in YAML, before it is checked.
private struct DecisionRecord: Decodable {
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
