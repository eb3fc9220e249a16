import Foundation

/// The previous night's output folder as tonight reads it: the findings it reported and its run date.
///
/// Its findings are those of `findings.jsonl.zst` and `suppressed.jsonl.zst` that were reported
/// that night (new or ongoing); the ones it listed as resolved are left out, so a resolved finding
/// is shown once and not carried again. Covered transactions gone by that night (those it listed as
/// resolved, and those of its `resolved-covered.jsonl.zst`) are kept apart, in ``resolved``: a
/// training that comes back keeps the knowledge date its report has been due from.
public struct PreviousNight: Sendable {
    /// The file of covered transactions resolved on a night or before it and not reported since.
    public static let resolvedCoveredFile = "resolved-covered.jsonl.zst"

    /// The folder as given.
    public var folder: String
    /// Whether the folder exists; false on a scheduler's first night, when every finding is new.
    public var exists: Bool
    /// The previous run's date (`YYYY-MM-DD`) from its manifest; nil when unknown.
    public var runDate: String?
    /// The findings it reported (visible or suppressed, not resolved), sorted by id.
    public var findings: [Finding]
    /// SHA-256 of its `findings.jsonl.zst` as stored.
    public var findingsSHA256: String?
    /// Covered transactions not reported that night (resolved then or on an earlier night), by id.
    public var resolved: [Finding]
    /// The checks that night did not make (its manifest's `checks_not_made`); nil when its manifest
    /// does not say, as a night from before the list was written.
    public var checksNotMade: [String]?

    /// Creates a previous night from its parts (for tests and callers that keep findings elsewhere).
    public init(
        folder: String, exists: Bool = true, runDate: String?, findings: [Finding], findingsSHA256: String? = nil,
        resolved: [Finding] = []
    ) {
        self.folder = folder
        self.exists = exists
        self.runDate = runDate
        self.findings = findings
        self.findingsSHA256 = findingsSHA256
        self.resolved = resolved
    }

    /// Reads the output folder of a previous `run` or `detect`.
    ///
    /// A folder that does not exist is the first night: no error, and ``exists`` is false. A folder
    /// that exists but lacks `manifest.json`, `findings.jsonl.zst` or another file its manifest lists,
    /// or whose files do not parse, is an error naming the file, so a failed night is never mistaken
    /// for a quiet one.
    public static func load(folder: String) throws(KYCWatchError) -> PreviousNight {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            return PreviousNight(folder: folder, exists: false, runDate: nil, findings: [])
        }
        guard isFolder.boolValue else {
            throw KYCWatchError(
                .invalidConfiguration, "the previous night must be an output folder, not a file",
                at: SourceLocation(file: folder))
        }
        let (runDate, digests, checksNotMade) = try readManifest("\(folder)/manifest.json")
        let findingsPath = "\(folder)/findings.jsonl.zst"
        guard FileManager.default.fileExists(atPath: findingsPath) else {
            throw KYCWatchError(
                .fileUnreadable,
                "the previous night's folder has no findings.jsonl.zst; was it a run or detect output folder?",
                at: SourceLocation(file: findingsPath))
        }
        var (findings, digest) = try readFindings(findingsPath, recorded: digests)
        findings += try readListed("\(folder)/suppressed.jsonl.zst", recorded: digests)
        // A night from before the file was written has none; its resolved findings are all it knew.
        let resolvedEarlier = try readListed("\(folder)/\(resolvedCoveredFile)", recorded: digests)
        var byID: [String: Finding] = [:]
        var resolvedByID: [String: Finding] = [:]
        for finding in findings + resolvedEarlier {
            var carried = finding
            carried.suppressedBy = nil
            if finding.status != .resolved {
                if byID[finding.id] == nil { byID[finding.id] = carried }
            } else if finding.isReportable, resolvedByID[finding.id] == nil {
                resolvedByID[finding.id] = carried
            }
        }
        var night = PreviousNight(
            folder: folder, runDate: runDate, findings: byID.values.sorted { $0.id < $1.id }, findingsSHA256: digest,
            resolved: resolvedByID.values.filter { byID[$0.id] == nil }.sorted { $0.id < $1.id })
        night.checksNotMade = checksNotMade
        return night
    }

    /// The covered transactions not reported tonight, for tonight's `resolved-covered.jsonl.zst`:
    /// those `compared` resolves tonight, and those gone before tonight that have not come back
    /// (under their id), as they were last reported; sorted by id.
    public func resolvedCovered(after compared: [Finding]) -> [Finding] {
        let tonight = Set(compared.lazy.filter { $0.status != .resolved }.map(\.id))
        var byID: [String: Finding] = [:]
        for finding in compared where finding.status == .resolved && finding.isReportable {
            var gone = finding
            gone.suppressedBy = nil
            byID[gone.id] = gone
        }
        for finding in resolved where !tonight.contains(finding.id) && byID[finding.id] == nil {
            byID[finding.id] = finding
        }
        return byID.values.sorted { $0.id < $1.id }
    }

    /// Tonight's findings marked new or ongoing with their first-seen date, followed by the
    /// previous night's findings that are gone, marked resolved.
    ///
    /// `first_seen` comes from the previous finding, else (for an ongoing one) the previous run
    /// date, else tonight's date. A finding about a group whose members changed (an account linked
    /// to it tonight) is the previous night's finding of the same rule that shares the most members,
    /// and a finding about a run whose window moved (a late record before its start) is last night's
    /// about the same account's run of that label whose window overlaps most: either keeps that
    /// finding's id, and a covered transaction its knowledge and due dates. A covered transaction about
    /// a run another covered transaction named earlier (a split run that one member now crosses alone,
    /// two groups joined by an account linked to both, which goes on as the one sharing more members)
    /// takes that one's knowledge and due dates when they are earlier, and `known_from` naming it, which
    /// an ongoing finding keeps with the date.
    ///
    /// A previous finding of a rule in `unchecked`, short tonight of a check the previous night made, is
    /// carried as ``FindingStatus/unchecked``, not resolved: nothing says it is gone; and so is one
    /// carried so already whose rule is still short of it (`stillShort`).
    public func compare(
        _ tonight: [Finding], runDate: CalendarDay, unchecked: Set<String> = [], stillShort: Set<String> = []
    ) -> [Finding] {
        let previousByID = Dictionary(findings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var seenTonight = Set(tonight.map(\.id))
        // The previous finding each of tonight's continues: by id, by the id a run's finding had before
        // findings were keyed by run, or, for a group, by members shared.
        var earlier: [Finding?] = tonight.map { previousByID[$0.id] }
        for (index, finding) in tonight.enumerated() where earlier[index] == nil {
            // Findings about one run were keyed by rule, subject and window start before they were
            // keyed by run too: a night from before that change still knows them by the older id.
            guard let start = finding.window?.start else { continue }
            let older = Finding.stableID(rule: finding.rule, subject: finding.subject, windowStart: start)
            if older != finding.id, !seenTonight.contains(older), let match = previousByID[older] {
                earlier[index] = match
                seenTonight.insert(older)
            }
        }
        // A run whose window moved (a late record before its start, a cluster stretch joined to the one
        // before it) is the same run: last night's finding of the rule about the same account's run of
        // the same label whose window overlaps most.
        var runsByKey: [RunKey: [Int]] = [:]
        // Tonight's findings that continue one under another id, and keep that id.
        var keepsEarlierID = Set<Int>()
        for (position, finding) in findings.enumerated() {
            if let key = RunKey(finding) { runsByKey[key, default: []].append(position) }
        }
        for (index, finding) in tonight.enumerated() where earlier[index] == nil {
            guard let key = RunKey(finding), let window = finding.window else { continue }
            let best = (runsByKey[key] ?? []).filter { !seenTonight.contains(findings[$0].id) }
                .compactMap { position -> (overlap: Double, id: String, position: Int)? in
                    guard let before = findings[position].window, let overlap = Self.overlap(window, before) else {
                        return nil
                    }
                    return (overlap, findings[position].id, position)
                }
                .max { ($0.overlap, $1.id) < ($1.overlap, $0.id) }
            guard let best else { continue }
            earlier[index] = findings[best.position]
            seenTonight.insert(best.id)
            keepsEarlierID.insert(index)
        }
        // Last night's group findings by member account, as positions in `findings`.
        var groupsByMember: [String: [Int]] = [:]
        for (position, finding) in findings.enumerated() where finding.subject.kind == "group" {
            for account in finding.subject.accounts { groupsByMember[account, default: []].append(position) }
        }
        for (index, finding) in tonight.enumerated() where earlier[index] == nil && finding.subject.kind == "group" {
            // Members shared with each of last night's groups of the rule that are still unclaimed.
            var shared: [Int: Int] = [:]
            for account in finding.subject.accounts {
                for position in groupsByMember[account] ?? []
                where findings[position].rule == finding.rule && !seenTonight.contains(findings[position].id) {
                    shared[position, default: 0] += 1
                }
            }
            // The most shared, the smaller id on a tie.
            guard
                let best = shared.max(by: {
                    ($0.value, findings[$1.key].id) < ($1.value, findings[$0.key].id)
                })
            else { continue }
            earlier[index] = findings[best.key]
            seenTonight.insert(findings[best.key].id)
            keepsEarlierID.insert(index)
        }
        var compared: [Finding] = []
        compared.reserveCapacity(tonight.count)
        for (index, var finding) in tonight.enumerated() {
            if let before = earlier[index] {
                // A group whose members changed, a run whose window moved: the same finding, as before.
                if keepsEarlierID.contains(index) { finding.id = before.id }
                finding.status = .ongoing
                finding.firstSeen = before.firstSeen ?? self.runDate ?? runDate.description
                // A covered transaction is known from the first night it was seen: its report stays due
                // from then, however many nights it is seen again.
                if let tonightKnown = finding.knowledgeDate, let known = before.knowledgeDate, known < tonightKnown,
                    let due = before.reportDue
                {
                    finding.knowledgeDate = known
                    finding.reportDue = due
                }
                // Why it was known so early goes with the date, for as long as the date is carried.
                if finding.knowledgeDate != nil, finding.knowledgeDate == before.knowledgeDate,
                    finding.evidence["known_from"] == nil, let knownFrom = before.evidence["known_from"]
                {
                    finding.evidence["known_from"] = knownFrom
                }
                // Two groups joined tonight go on as the one sharing more members; the other's runs, known
                // earlier perhaps, are in it all the same.
                carryKnowledge(into: &finding)
            } else {
                finding.status = .new
                finding.firstSeen = runDate.description
                carryKnowledge(into: &finding)
            }
            compared.append(finding)
        }
        for var gone in findings where !seenTonight.contains(gone.id) {
            let carried = gone.status == .unchecked && stillShort.contains(gone.rule)
            gone.status = unchecked.contains(gone.rule) || carried ? .unchecked : .resolved
            gone.firstSeen = gone.firstSeen ?? self.runDate
            compared.append(gone)
        }
        return compared
    }

    /// What identifies a run across nights: the rule, the account and the run's label (`job train-7`,
    /// `cluster pg-7`); nil for a finding about no single run.
    private struct RunKey: Hashable {
        var rule: String
        var account: String
        var run: String

        init?(_ finding: Finding) {
            guard finding.subject.kind == "account", case .text(let run)? = finding.evidence["run"] else {
                return nil
            }
            self.rule = finding.rule
            self.account = finding.subject.accounts.first ?? ""
            self.run = run
        }
    }

    /// How long two windows overlap, in seconds (0 when they only touch); nil when they are apart.
    private static func overlap(_ first: Finding.Window, _ second: Finding.Window) -> Double? {
        let utc = TimestampParser.utc
        guard let a = utc.parse(first.start), let b = utc.parse(first.end), let c = utc.parse(second.start),
            let d = utc.parse(second.end)
        else { return nil }
        let overlap = min(b, d) - max(a, c)
        return overlap >= 0 ? Double(overlap) / 1000 : nil
    }

    /// Gives a covered transaction the earlier knowledge date of a covered transaction about the
    /// same training, when there is one: last night's, or one resolved on an earlier night (gone a night
    /// or more, as when a night's usage export came empty). A run split across linked accounts that one
    /// member now crosses alone, or the reverse, is the same training, and so is a finding that comes
    /// back under its id: its report has been due since it was first known. The same training is the
    /// same run of the same account (by job or cluster), named in both findings at overlapping times
    /// (``sameRun(_:_:_:)``); another run of the account, on the same cluster or not, is another training.
    private func carryKnowledge(into finding: inout Finding) {
        guard finding.isReportable, let known = finding.knowledgeDate else { return }
        let runs = Self.runs(of: finding)
        // Never known before the training began.
        let began = String(finding.window?.start.prefix(10) ?? "")
        let earliest = (findings + resolved).filter { before in
            guard before.isReportable, let date = before.knowledgeDate, date < known, date >= began
            else { return false }
            return before.id == finding.id || Self.sameRun(finding, runs, before)
        }
        .min { ($0.knowledgeDate ?? "", $0.id) < ($1.knowledgeDate ?? "", $1.id) }
        guard let earliest, let due = earliest.reportDue else { return }
        finding.knowledgeDate = earliest.knowledgeDate
        finding.reportDue = due
        // A date that finding carried from another (a split handed over, an earlier gap) is explained by
        // the finding that first established it, whatever became of the one passing it on.
        if let knownFrom = earliest.evidence["known_from"] {
            finding.evidence["known_from"] = knownFrom
            return
        }
        let gone = earliest.status == .resolved ? ", resolved since" : ""
        finding.evidence["known_from"] = .text(
            "\(earliest.id) (\(earliest.rule), first seen \(earliest.firstSeen ?? earliest.knowledgeDate ?? "")\(gone))"
        )
    }

    /// Whether two windows of a run of the same label can be of the same run: they overlap (or touch).
    /// A cluster's label is the same for every run on it, and a job id may be used again: a run of that
    /// label apart in time is another run, so another training. A finding without a window cannot be
    /// told apart by time.
    private static func sameTime(_ one: Finding.Window?, _ other: Finding.Window?) -> Bool {
        let utc = TimestampParser.utc
        guard let one, let other, let a = utc.parse(one.start), let b = utc.parse(one.end),
            let c = utc.parse(other.start), let d = utc.parse(other.end)
        else { return true }
        return min(b, d) >= max(a, c)
    }

    /// Whether `finding`, about `runs`, and `before` name a run in common at the same time: each
    /// run's own window where a finding lists it (`evidence.run_windows` of a split or a group), else
    /// the finding's, which spans its runs.
    private static func sameRun(_ finding: Finding, _ runs: Set<String>, _ before: Finding) -> Bool {
        let shared = runs.intersection(Self.runs(of: before))
        guard !shared.isEmpty else { return false }
        let windows = runWindows(of: finding)
        let earlier = runWindows(of: before)
        return shared.contains { run in
            sameTime(windows[run] ?? finding.window, earlier[run] ?? before.window)
        }
    }

    /// Each run's window that a covered transaction over several runs lists, by run as ``runs(of:)``
    /// names them (`job train-7: 2026-06-01T00:00:00Z to 2026-07-01T00:00:00Z` for one account's
    /// split, `acct-1: job train-7: …` for a group's); empty for a finding written before it did.
    private static func runWindows(of finding: Finding) -> [String: Finding.Window] {
        guard case .list(let items)? = finding.evidence["run_windows"] else { return [:] }
        var windows: [String: Finding.Window] = [:]
        for item in items {
            // The window comes last: a label may hold a colon (`job east:4412`), never ": ".
            guard let colon = item.range(of: ": ", options: .backwards),
                let to = item[colon.upperBound...].range(of: " to ")
            else { continue }
            let run = String(item[..<colon.lowerBound])
            let window = Finding.Window(
                start: String(item[colon.upperBound..<to.lowerBound]), end: String(item[to.upperBound...]))
            if let key = Self.key(of: run, in: finding) { windows[key] = window }
        }
        return windows
    }

    /// The runs a covered transaction is about, `account|job train-7`: its run, or the runs it lists
    /// (`job train-7, 6.0e25` for one account's split, `acct-1: job train-7, 6.0e25` for a group's).
    private static func runs(of finding: Finding) -> Set<String> {
        if case .text(let run)? = finding.evidence["run"], let account = finding.subject.accounts.first {
            return ["\(account)|\(run)"]
        }
        guard case .list(let items)? = finding.evidence["runs"] else { return [] }
        var runs = Set<String>()
        for item in items {
            // The figure comes last: a job id may hold a comma itself.
            let text = item.range(of: ", ", options: .backwards).map { String(item[..<$0.lowerBound]) } ?? item
            if let key = key(of: text, in: finding) { runs.insert(key) }
        }
        return runs
    }

    /// The key of a run a finding lists, `acct-1|job train-7`: the group's member before the run
    /// (`acct-1: job train-7`), or the finding's account.
    private static func key(of run: String, in finding: Finding) -> String? {
        if finding.subject.kind == "group", let colon = run.range(of: ": ") {
            return "\(run[..<colon.lowerBound])|\(run[colon.upperBound...])"
        }
        return finding.subject.accounts.first.map { "\($0)|\(run)" }
    }

    /// Checks that the previous night is not after tonight, which would make first-seen dates lie.
    public func check(before runDate: CalendarDay) throws(KYCWatchError) {
        guard let text = self.runDate, let day = CalendarDay(text), day > runDate else { return }
        throw KYCWatchError(
            .invalidConfiguration,
            "the previous night's run date \(text) is after tonight's \(runDate); point --previous at an earlier night",
            at: SourceLocation(file: "\(folder)/manifest.json"))
    }

    /// The manifest's run date and the SHA-256 it records for each output, by file name.
    private static func readManifest(_ path: String) throws(KYCWatchError) -> (
        runDate: String?, digests: [String: String], checksNotMade: [String]?
    ) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KYCWatchError(
                .fileUnreadable,
                "the previous night's folder has no readable manifest.json; did that run finish?",
                at: SourceLocation(file: path))
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw KYCWatchError(
                .previousNightInvalid, "manifest.json is not a JSON object", at: SourceLocation(file: path))
        }
        // A normalize stage's folder holds normalized inputs and no findings: it is no night at all, as
        // a folder without findings.jsonl.zst is not, rather than a night whose files are damaged.
        if object["stage"] as? String == "normalize" {
            throw KYCWatchError(
                .fileUnreadable,
                "the previous night's folder is a normalize stage's output (normalized inputs, no "
                    + "findings.jsonl.zst), not a night's; name a run or detect output folder",
                at: SourceLocation(file: path))
        }
        if let stage = object["stage"], !["run", "detect"].contains(stage as? String) {
            throw KYCWatchError(
                .previousNightInvalid, "manifest.json is from a \(stage) stage; name a run or detect output folder",
                at: SourceLocation(file: path))
        }
        var digests: [String: String] = [:]
        for output in object["outputs"] as? [[String: Any]] ?? [] {
            guard let file = output["path"] as? String, let digest = output["sha256"] as? String else { continue }
            digests[URL(fileURLWithPath: file).lastPathComponent] = digest
        }
        let checksNotMade = object["checks_not_made"] as? [String]
        guard let runDate = object["run_date"] else { return (nil, digests, checksNotMade) }
        guard let text = runDate as? String, CalendarDay(text) != nil else {
            throw KYCWatchError(
                .previousNightInvalid, "manifest.json has a run_date that is not YYYY-MM-DD",
                at: SourceLocation(file: path))
        }
        return (text, digests, checksNotMade)
    }

    /// The findings of a file besides `findings.jsonl.zst`: none when the folder has no such file and
    /// its manifest lists none (a night from before the file was written). A file the manifest lists
    /// must be there: without it the night would be read as one that knew less than it did (a covered
    /// transaction's knowledge date lost), so its absence is an unreadable input, as a missing
    /// `findings.jsonl.zst` is.
    private static func readListed(_ path: String, recorded: [String: String]) throws(KYCWatchError) -> [Finding] {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard FileManager.default.fileExists(atPath: path) else {
            guard recorded[name] == nil else {
                throw KYCWatchError(
                    .fileUnreadable,
                    "the previous night's folder has no \(name), though its manifest.json lists it: the folder is "
                        + "not as that night left it; restore the file or run that night again",
                    at: SourceLocation(file: path))
            }
            return []
        }
        return try readFindings(path, recorded: recorded).findings
    }

    /// Last night's findings with the file's digest; a damaged file is reported as a damaged previous
    /// night, and so is a file other than the one its manifest `recorded` (by file name), which a
    /// night stopped while writing over an earlier one, or two runs writing one folder, leave behind.
    private static func readFindings(_ path: String, recorded: [String: String]) throws(KYCWatchError) -> (
        findings: [Finding], sha256: String
    ) {
        let read: (findings: [Finding], sha256: String)
        do throws(KYCWatchError) {
            read = try FindingsFile.decode(path)
        } catch  where error.code == .findingsMalformed {
            throw KYCWatchError(.previousNightInvalid, error.message, at: error.location)
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let expected = recorded[name] else {
            throw KYCWatchError(
                .previousNightInvalid,
                "is not among the outputs the folder's manifest.json records: it is not that night's file",
                at: SourceLocation(file: path))
        }
        if expected != read.sha256 {
            throw KYCWatchError(
                .previousNightInvalid,
                "is not the file the folder's manifest.json records (SHA-256 \(read.sha256.prefix(12))…, recorded "
                    + "\(expected.prefix(12))…): it changed after that night's run wrote it (two runs in one folder, a run "
                    + "stopped while writing, an edit); run that night again",
                at: SourceLocation(file: path))
        }
        return read
    }
}
