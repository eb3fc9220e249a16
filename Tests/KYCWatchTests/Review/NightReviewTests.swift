import Foundation
import Testing

@testable import KYCWatch

@Suite("The night's review: previous night and suppressions")
struct NightReviewTests {
    let tonight = ReviewFixtures.day("2026-11-28")

    @Test("tonight's findings are new or ongoing; last night's that are gone come back resolved")
    func comparison() {
        var kept = ReviewFixtures.finding("FPI-001", "a1")
        kept.firstSeen = "2026-11-20"
        var keptWithoutDate = ReviewFixtures.finding("CIP-001", "a1")
        keptWithoutDate.firstSeen = nil
        var gone = ReviewFixtures.finding("FPI-001", "a2")
        gone.firstSeen = "2026-11-25"
        let previous = PreviousNight(folder: "/n/27", runDate: "2026-11-27", findings: [kept, keptWithoutDate, gone])
        let fresh = ReviewFixtures.finding("FPI-001", "a3")
        let review = NightReview(
            tonight: [fresh, ReviewFixtures.finding("FPI-001", "a1"), ReviewFixtures.finding("CIP-001", "a1")],
            previous: previous, suppressions: nil, runDate: tonight)
        let byAccountRule = Dictionary(
            uniqueKeysWithValues: review.findings.map { ("\($0.rule) \($0.subject.accounts[0])", $0) })
        #expect(byAccountRule["FPI-001 a1"]?.status == .ongoing)
        #expect(byAccountRule["FPI-001 a1"]?.firstSeen == "2026-11-20")
        #expect(byAccountRule["CIP-001 a1"]?.status == .ongoing)
        #expect(byAccountRule["CIP-001 a1"]?.firstSeen == "2026-11-27")
        #expect(byAccountRule["FPI-001 a3"]?.status == .new)
        #expect(byAccountRule["FPI-001 a3"]?.firstSeen == "2026-11-28")
        #expect(byAccountRule["FPI-001 a2"]?.status == .resolved)
        #expect(byAccountRule["FPI-001 a2"]?.firstSeen == "2026-11-25")
        #expect(review.findings.map(\.rule) == ["CIP-001", "FPI-001", "FPI-001", "FPI-001"])
        #expect(review.actionable.count == 3)
        #expect(review.previousFolder == "/n/27")
    }

    @Test("last night's findings of a check not made tonight are carried unchecked, open, not resolved")
    func uncheckedCarried() throws {
        var match = ReviewFixtures.finding("SCR-001", "a1")
        match.firstSeen = "2026-11-20"
        let gone = ReviewFixtures.finding("FPI-001", "a2")
        let previous = PreviousNight(folder: "/n/27", runDate: "2026-11-27", findings: [match, gone])
        let review = NightReview(
            tonight: [], previous: previous, suppressions: nil, runDate: tonight, unchecked: ["SCR-001"])
        let carried = try #require(review.findings.first { $0.rule == "SCR-001" })
        #expect(carried.status == .unchecked && carried.firstSeen == "2026-11-20")
        #expect(review.findings.first { $0.rule == "FPI-001" }?.status == .resolved)
        #expect(review.actionable.map(\.id) == [match.id])
        // The night after, with the check made again and the match still there, it goes on as it was.
        // (A previous night's folder is read without its resolved findings.)
        let next = PreviousNight(folder: "/n/28", runDate: "2026-11-28", findings: review.actionable)
        let again = NightReview(
            tonight: [ReviewFixtures.finding("SCR-001", "a1")], previous: next, suppressions: nil,
            runDate: ReviewFixtures.day("2026-11-29"))
        #expect(again.findings.map(\.status) == [.ongoing] && again.findings.first?.firstSeen == "2026-11-20")
        // Still without the check, it stays carried; with it, gone, it is resolved.
        let cases: [(stillShort: Set<String>, status: FindingStatus)] = [(["SCR-001"], .unchecked), ([], .resolved)]
        for (stillShort, status) in cases {
            let later = NightReview(
                tonight: [], previous: next, suppressions: nil, runDate: ReviewFixtures.day("2026-11-29"),
                stillShort: stillShort)
            #expect(later.findings.map(\.status) == [status])
        }
    }

    @Test("an ongoing covered transaction keeps the knowledge date and report due date of its first night")
    func knowledgeDateKept() {
        var before = ReviewFixtures.finding("CVT-001", "a1")
        before.knowledgeDate = "2026-11-20"
        before.reportDue = "2026-12-05"
        before.firstSeen = "2026-11-20"
        var again = ReviewFixtures.finding("CVT-001", "a1")
        again.knowledgeDate = "2026-11-28"
        again.reportDue = "2026-12-13"
        let previous = PreviousNight(folder: "/n/27", runDate: "2026-11-27", findings: [before])
        let review = NightReview(tonight: [again], previous: previous, suppressions: nil, runDate: tonight)
        #expect(review.findings.first?.status == .ongoing)
        #expect(review.findings.first?.knowledgeDate == "2026-11-20")
        #expect(review.findings.first?.reportDue == "2026-12-05")
        // A new one is known tonight.
        var fresh = ReviewFixtures.finding("CVT-001", "a2")
        fresh.knowledgeDate = "2026-11-28"
        fresh.reportDue = "2026-12-13"
        let first = NightReview(tonight: [fresh], previous: previous, suppressions: nil, runDate: tonight)
        #expect(first.findings.first { $0.id == fresh.id }?.reportDue == "2026-12-13")
    }

    @Test("a run's finding keyed by run is the same finding as last night's keyed by its window alone")
    func olderRunFindingID() {
        var before = ReviewFixtures.finding("CVT-001", "a1", windowStart: "2026-08-03T00:00:54Z")
        before.firstSeen = "2026-11-20"
        before.knowledgeDate = "2026-11-20"
        before.reportDue = "2026-12-05"
        var again = ReviewFixtures.finding("CVT-001", "a1", windowStart: "2026-08-03T00:00:54Z")
        again.id = Finding.stableID(
            rule: "CVT-001", subject: again.subject, windowStart: "2026-08-03T00:00:54Z job train-1")
        again.knowledgeDate = "2026-11-28"
        again.reportDue = "2026-12-13"
        let previous = PreviousNight(folder: "/n/27", runDate: "2026-11-27", findings: [before])
        let review = NightReview(tonight: [again], previous: previous, suppressions: nil, runDate: tonight)
        #expect(review.findings.map(\.id) == [again.id], "last night's is not resolved")
        #expect(review.findings.first?.status == .ongoing)
        #expect(review.findings.first?.firstSeen == "2026-11-20")
        #expect(review.findings.first?.reportDue == "2026-12-05")
    }

    @Test("without a previous night, findings carry no status")
    func noPrevious() {
        let review = NightReview(
            tonight: [ReviewFixtures.finding("FPI-001", "a1")], previous: nil, suppressions: nil, runDate: tonight)
        #expect(review.findings.first?.status == nil)
        #expect(review.findings.first?.firstSeen == nil)
    }

    @Test("a suppression in force hides; an expired one hides nothing and is reported")
    func suppressions() {
        let hidden = ReviewFixtures.finding("FPI-001", "a1", severity: .critical)
        let stillShown = ReviewFixtures.finding("FPI-001", "a2")
        let file = SuppressionFile(
            path: "s.yaml",
            suppressions: [
                Suppression(findingID: hidden.id, reason: "ok", reviewer: "j", expires: "2026-12-01", line: 3),
                Suppression(
                    rule: "FPI-001", account: "a2", reason: "ok", reviewer: "j", expires: "2026-11-27", line: 7),
                Suppression(
                    rule: "CIP-001", account: "a9", reason: "ok", reviewer: "j", expires: "2027-03-01", line: 12),
            ])
        let review = NightReview(tonight: [hidden, stillShown], previous: nil, suppressions: file, runDate: tonight)
        #expect(review.findings.map(\.id) == [stillShown.id])
        #expect(review.suppressed.map(\.finding.id) == [hidden.id])
        #expect(review.suppressed.first?.suppression.line == 3)
        #expect(review.expiringSoon.map(\.line) == [3])
        #expect(review.expired.map(\.line) == [7])
        #expect(review.actionable(atOrAbove: .critical).isEmpty)
        #expect(review.actionable(atOrAbove: .medium).count == 1)
    }

    @Test("the previous folder: resolved findings are not carried again; suppressed ones are")
    func loadsPreviousFolder() throws {
        let folder = TemporaryFolder()
        var visible = ReviewFixtures.finding("FPI-001", "a1")
        visible.status = .new
        visible.firstSeen = "2026-11-27"
        var resolved = ReviewFixtures.finding("FPI-001", "a2")
        resolved.status = .resolved
        var suppressed = ReviewFixtures.finding("FPI-001", "a3")
        suppressed.status = .ongoing
        suppressed.firstSeen = "2026-11-01"
        suppressed.suppressedBy = Suppression(
            findingID: suppressed.id, reason: "r", reviewer: "j", expires: "2027-01-01")
        try write([visible, resolved], to: folder.file("findings.jsonl.zst"))
        try write([suppressed], to: folder.file("suppressed.jsonl.zst"))
        // A manifest that does not record the findings files does not vouch for them.
        folder.write("manifest.json", #"{"stage": "run", "run_date": "2026-11-27"}"#)
        #expect(throws: KYCWatchError.self) { try PreviousNight.load(folder: folder.path) }
        let outputs = try ["findings.jsonl.zst", "suppressed.jsonl.zst"].map { name in
            #"{"path": "\#(folder.file(name))", "sha256": "\#(try FileInput.sha256(of: folder.file(name)))"}"#
        }
        folder.write(
            "manifest.json",
            #"{"stage": "run", "run_date": "2026-11-27", "outputs": [\#(outputs.joined(separator: ", "))]}"#)
        let previous = try PreviousNight.load(folder: folder.path)
        #expect(previous.exists)
        #expect(previous.runDate == "2026-11-27")
        #expect(Set(previous.findings.map(\.id)) == [visible.id, suppressed.id])
        #expect(previous.findings.allSatisfy { $0.suppressedBy == nil })
        #expect(previous.findingsSHA256?.count == 64)
        let compared = previous.compare([], runDate: tonight)
        #expect(compared.count == 2)
        #expect(compared.allSatisfy { $0.status == .resolved })
        #expect(compared.first { $0.id == suppressed.id }?.firstSeen == "2026-11-01")
    }

    @Test("a missing folder is the first night; a folder without findings or with a bad line is an error")
    func previousFolderProblems() throws {
        let folder = TemporaryFolder()
        let absent = try PreviousNight.load(folder: folder.file("not-yet"))
        #expect(!absent.exists)
        #expect(absent.findings.isEmpty)

        folder.write("manifest.json", #"{"stage": "run", "run_date": "2026-11-27"}"#)
        let missing = kycError { _ = try PreviousNight.load(folder: folder.path) }
        #expect(missing?.code == .fileUnreadable)
        #expect(missing?.location?.file == folder.file("findings.jsonl.zst"))

        try write(
            [ReviewFixtures.finding("FPI-001", "a1")], to: folder.file("findings.jsonl.zst"), extra: "{\"id\": 1}\n")
        let corrupt = kycError { _ = try PreviousNight.load(folder: folder.path) }
        #expect(corrupt?.code == .previousNightInvalid)
        #expect(corrupt?.location?.line == 2)

        // A date that is no date would be carried into tonight's findings.
        var undated = ReviewFixtures.finding("FPI-001", "a1")
        undated.firstSeen = "<script>"
        try write([ReviewFixtures.finding("FPI-001", "a2"), undated], to: folder.file("findings.jsonl.zst"))
        let badDate = kycError { _ = try PreviousNight.load(folder: folder.path) }
        #expect(badDate?.code == .previousNightInvalid)
        #expect(badDate?.location?.line == 2)
        #expect(badDate?.message.contains("first_seen is not a date") == true)

        // A normalize stage's folder is no night (66, as a folder without findings), not a damaged one.
        folder.write("manifest.json", #"{"stage": "normalize"}"#)
        let normalized = kycError { _ = try PreviousNight.load(folder: folder.path) }
        #expect(normalized?.code == .fileUnreadable)
        #expect(normalized?.message.contains("normalize stage") == true)
        folder.write("manifest.json", #"{"stage": 5}"#)
        #expect(kycError { _ = try PreviousNight.load(folder: folder.path) }?.code == .previousNightInvalid)

        let later = PreviousNight(folder: folder.path, runDate: "2026-11-29", findings: [])
        #expect(kycError { try later.check(before: tonight) }?.code == .invalidConfiguration)
    }

    private func write(_ findings: [Finding], to path: String, extra: String = "") throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var bytes: [UInt8] = []
        for finding in findings { bytes += try encoder.encode(finding) + [0x0A] }
        let file = try OutputFile.create(path, zstdLevel: 3)
        try file.write(bytes + Array(extra.utf8))
        try file.finish()
    }

    @Test("a group's covered transaction keeps its id and due date when an account joins the group")
    func groupGrows() {
        var before = ReviewFixtures.finding("CVT-002", "a1", group: ["a1", "a2", "a3"], windowStart: "2026-06-01")
        before.knowledgeDate = "2026-11-28"
        before.reportDue = "2026-12-13"
        before.firstSeen = "2026-11-28"
        let other = ReviewFixtures.finding("CVT-002", "b1", group: ["b1", "b2"], windowStart: "2026-06-01")
        let previous = PreviousNight(
            folder: "/nights/2026-11-28", runDate: "2026-11-28", findings: [before, other])
        var grown = ReviewFixtures.finding("CVT-002", "a1", group: ["a1", "a2", "a3", "a4"], windowStart: "2026-06-01")
        grown.knowledgeDate = "2026-11-29"
        grown.reportDue = "2026-12-14"
        let unrelated = ReviewFixtures.finding("CVT-002", "c1", group: ["c1", "c2"], windowStart: "2026-06-01")
        let compared = previous.compare([grown, unrelated], runDate: ReviewFixtures.day("2026-11-29"))
        let continued = compared[0]
        #expect(continued.id == before.id)
        #expect(continued.status == .ongoing)
        #expect(continued.knowledgeDate == "2026-11-28" && continued.reportDue == "2026-12-13")
        #expect(continued.subject.accounts == ["a1", "a2", "a3", "a4"])
        // A group sharing no member is another transaction; the one that is gone is resolved.
        #expect(compared[1].id == unrelated.id && compared[1].status == .new)
        #expect(compared.filter { $0.status == .resolved }.map(\.id) == [other.id])
    }

    @Test("a knowledge date is carried between covered transactions naming one run, never to before the run began")
    func knowledgeCarried() {
        func covered(_ id: String, evidence: [String: EvidenceValue], start: String, known: String) -> Finding {
            var finding = ReviewFixtures.finding(id, "acct", windowStart: start)
            // The runs go on to the night they are known on.
            finding.window?.end = known
            finding.category = .coveredTransaction
            finding.evidence = evidence
            finding.knowledgeDate = known
            finding.reportDue = CalendarDay.adding(days: 15, to: known)
            finding.firstSeen = known
            return finding
        }
        // Last night's split named jobs a and d; d began on 2026-10-01.
        let split = covered(
            "CVT-001", evidence: ["runs": .list(["job a, 6.0e25", "job d, 2.8e25"])], start: "2026-01-01",
            known: "2026-04-01")
        let previous = PreviousNight(folder: "/n", runDate: "2026-11-30", findings: [split])
        // Tonight job a alone: known since the split was.
        let a = covered("CVT-001", evidence: ["run": .text("job a")], start: "2026-01-02", known: "2026-12-01")
        // Tonight job d alone: it began after the split was known, so it is known tonight.
        let d = covered("CVT-001", evidence: ["run": .text("job d")], start: "2026-10-01", known: "2026-12-01")
        // Another job of the account: another training.
        let e = covered("CVT-001", evidence: ["run": .text("job e")], start: "2026-01-03", known: "2026-12-01")
        let compared = previous.compare([a, d, e], runDate: ReviewFixtures.day("2026-12-01"))
        #expect(compared[0].knowledgeDate == "2026-04-01" && compared[0].reportDue == "2026-04-16")
        #expect(compared[0].evidence["known_from"] != nil)
        #expect(compared[1].knowledgeDate == "2026-12-01" && compared[1].evidence["known_from"] == nil)
        #expect(compared[2].knowledgeDate == "2026-12-01" && compared[2].evidence["known_from"] == nil)
        // The next night, job a's covered transaction goes on: its date is still the split's, and says so.
        let next = PreviousNight(folder: "/n", runDate: "2026-12-01", findings: [compared[0]])
        let again = covered("CVT-001", evidence: ["run": .text("job a")], start: "2026-01-02", known: "2026-12-02")
        let ongoing = next.compare([again], runDate: ReviewFixtures.day("2026-12-02"))
        #expect(ongoing.map(\.status) == [.ongoing])
        #expect(ongoing[0].knowledgeDate == "2026-04-01" && ongoing[0].reportDue == "2026-04-16")
        #expect(ongoing[0].evidence["known_from"] == compared[0].evidence["known_from"])
    }

    @Test("a run on the same cluster apart in time from the one last night named is another training")
    func sameClusterLaterRun() {
        func covered(_ rule: String, _ evidence: [String: EvidenceValue], _ start: String, _ end: String, known: String)
            -> Finding
        {
            var finding = ReviewFixtures.finding(rule, "acct", windowStart: start)
            finding.id = Finding.stableID(rule: rule, subject: finding.subject, windowStart: "\(start) \(evidence)")
            finding.window?.end = end
            finding.category = .coveredTransaction
            finding.evidence = evidence
            finding.knowledgeDate = known
            finding.reportDue = CalendarDay.adding(days: 15, to: known)
            finding.firstSeen = known
            return finding
        }
        // Run A on cluster pg-1 from March to June, known on 07-01; run B on pg-1 from 06-10, after A stopped.
        let a = covered(
            "CVT-001", ["run": .text("cluster pg-1")], "2026-03-01T00:00:00Z", "2026-06-01T00:00:00Z",
            known: "2026-07-01")
        let b = covered(
            "CVT-001", ["run": .text("cluster pg-1")], "2026-06-10T00:00:00Z", "2026-09-15T00:00:00Z",
            known: "2026-09-15")
        for previous in [
            PreviousNight(folder: "/n", runDate: "2026-09-14", findings: [a]),
            PreviousNight(folder: "/n", runDate: "2026-09-14", findings: [], resolved: [a]),
        ] {
            let compared = previous.compare([b], runDate: ReviewFixtures.day("2026-09-15"))
            let tonight = compared.first { $0.id == b.id }
            #expect(tonight?.status == .new)
            #expect(tonight?.knowledgeDate == "2026-09-15" && tonight?.reportDue == "2026-09-30")
            #expect(tonight?.evidence["known_from"] == nil)
        }
        // The same with a split that named run A and a run of cluster pg-2 beside it.
        let split = covered(
            "CVT-001", ["runs": .list(["cluster pg-1, 6.0e25", "cluster pg-2, 5.0e25"])], "2026-03-01T00:00:00Z",
            "2026-06-01T00:00:00Z", known: "2026-07-01")
        let afterSplit = PreviousNight(folder: "/n", runDate: "2026-09-14", findings: [split])
            .compare([b], runDate: ReviewFixtures.day("2026-09-15"))
        #expect(afterSplit.first { $0.id == b.id }?.knowledgeDate == "2026-09-15")
        // And with a group's: acct's run A among another account's.
        var group = covered(
            "CVT-002", ["runs": .list(["acct: cluster pg-1, 6.0e25", "other: job t, 5.0e25"])],
            "2026-03-01T00:00:00Z", "2026-06-01T00:00:00Z", known: "2026-07-01")
        group.subject = .group(["acct", "other"])
        let afterGroup = PreviousNight(folder: "/n", runDate: "2026-09-14", findings: [group])
            .compare([b], runDate: ReviewFixtures.day("2026-09-15"))
        #expect(afterGroup.first { $0.id == b.id }?.knowledgeDate == "2026-09-15")
        // A split whose other run (pg-2) goes on to September spans run B's time: run A's own window in
        // it, March to April, tells B from A.
        let longSplit = covered(
            "CVT-001",
            [
                "runs": .list(["cluster pg-1, 6.0e25", "cluster pg-2, 5.0e25"]),
                "run_windows": .list([
                    "cluster pg-1: 2026-03-01T00:00:00Z to 2026-04-01T00:00:00Z",
                    "cluster pg-2: 2026-03-01T00:00:00Z to 2026-09-14T00:00:00Z",
                ]),
            ], "2026-03-01T00:00:00Z", "2026-09-14T00:00:00Z", known: "2026-07-01")
        let afterLongSplit = PreviousNight(folder: "/n", runDate: "2026-09-14", findings: [longSplit])
            .compare([b], runDate: ReviewFixtures.day("2026-09-15"))
        #expect(afterLongSplit.first { $0.id == b.id }?.knowledgeDate == "2026-09-15")
        // The same for a group's, whose runs are named with their member.
        var longGroup = covered(
            "CVT-002",
            [
                "runs": .list(["acct: cluster pg-1, 6.0e25", "other: job t, 5.0e25"]),
                "run_windows": .list([
                    "acct: cluster pg-1: 2026-03-01T00:00:00Z to 2026-04-01T00:00:00Z",
                    "other: job t: 2026-03-01T00:00:00Z to 2026-09-14T00:00:00Z",
                ]),
            ], "2026-03-01T00:00:00Z", "2026-09-14T00:00:00Z", known: "2026-07-01")
        longGroup.subject = .group(["acct", "other"])
        let afterLongGroup = PreviousNight(folder: "/n", runDate: "2026-09-14", findings: [longGroup])
            .compare([b], runDate: ReviewFixtures.day("2026-09-15"))
        #expect(afterLongGroup.first { $0.id == b.id }?.knowledgeDate == "2026-09-15")
        // Run A itself, still running in September within the long split, is the split's training.
        let running = covered(
            "CVT-001", ["run": .text("cluster pg-1")], "2026-03-01T00:00:00Z", "2026-09-15T00:00:00Z",
            known: "2026-09-15")
        var stillRunning = longSplit
        stillRunning.evidence["run_windows"] = .list([
            "cluster pg-1: 2026-03-01T00:00:00Z to 2026-09-14T00:00:00Z",
            "cluster pg-2: 2026-03-01T00:00:00Z to 2026-09-14T00:00:00Z",
        ])
        let carried = PreviousNight(folder: "/n", runDate: "2026-09-14", findings: [stillRunning])
            .compare([running], runDate: ReviewFixtures.day("2026-09-15"))
        #expect(carried.first { $0.id == running.id }?.knowledgeDate == "2026-07-01")
        // Run A itself, grown from a split's part to a run over the threshold, is the split's training.
        let grown = covered(
            "CVT-001", ["run": .text("cluster pg-1")], "2026-03-01T00:00:00Z", "2026-07-10T00:00:00Z",
            known: "2026-07-10")
        let handedOver = PreviousNight(folder: "/n", runDate: "2026-07-09", findings: [split, group])
            .compare([grown], runDate: ReviewFixtures.day("2026-07-10"))
        #expect(handedOver.first { $0.id == grown.id }?.knowledgeDate == "2026-07-01")
    }

    /// A CVT-001 about job a of `acct`, known on `known`, with its status.
    private func coveredRun(known: String, status: FindingStatus? = nil) -> Finding {
        var finding = ReviewFixtures.finding("CVT-001", "acct", windowStart: "2026-06-01T00:00:00Z")
        finding.category = .coveredTransaction
        finding.evidence = ["run": .text("job a")]
        finding.knowledgeDate = known
        finding.reportDue = CalendarDay.adding(days: 15, to: known)
        finding.firstSeen = status == nil ? nil : "2026-07-08"
        finding.status = status
        return finding
    }

    @Test("a covered transaction that comes back after a night or more without it keeps its knowledge date")
    func knowledgeAfterGap() throws {
        // Night a reported it; night b, its usage export empty, listed it as resolved.
        let gone = coveredRun(known: "2026-07-08", status: .resolved)
        let nightB = PreviousNight(folder: "/n/b", runDate: "2026-07-09", findings: [], resolved: [gone])
        let back = nightB.compare([coveredRun(known: "2026-07-10")], runDate: ReviewFixtures.day("2026-07-10"))
        #expect(back.map(\.status) == [.new], "still new: it was not reported last night")
        #expect(back[0].firstSeen == "2026-07-10")
        #expect(back[0].knowledgeDate == "2026-07-08" && back[0].reportDue == "2026-07-23")
        #expect(back[0].evidence["known_from"] == .text("\(gone.id) (CVT-001, first seen 2026-07-08, resolved since)"))
        // Gone a second night, it is carried forward in resolved-covered.jsonl.zst, not listed again.
        let review = NightReview(
            tonight: [], previous: nightB, suppressions: nil, runDate: ReviewFixtures.day("2026-07-10"))
        #expect(review.findings.isEmpty)
        #expect(review.resolvedCovered == [gone])
        let nightC = PreviousNight(
            folder: "/n/c", runDate: "2026-07-10", findings: [], resolved: review.resolvedCovered)
        let later = nightC.compare([coveredRun(known: "2026-07-11")], runDate: ReviewFixtures.day("2026-07-11"))
        #expect(later[0].knowledgeDate == "2026-07-08" && later[0].reportDue == "2026-07-23")
        // Once back, it is no longer carried as resolved; one resolved tonight is.
        let returned = NightReview(
            tonight: [coveredRun(known: "2026-07-11")], previous: nightC, suppressions: nil,
            runDate: ReviewFixtures.day("2026-07-11"))
        #expect(returned.resolvedCovered.isEmpty)
        let reported = PreviousNight(folder: "/n/d", runDate: "2026-07-11", findings: [later[0]])
        let resolvedTonight = NightReview(
            tonight: [], previous: reported, suppressions: nil, runDate: ReviewFixtures.day("2026-07-12"))
        #expect(resolvedTonight.resolvedCovered.map(\.id) == [gone.id])
        #expect(resolvedTonight.resolvedCovered.first?.status == .resolved)
        #expect(resolvedTonight.resolvedCovered.first?.knowledgeDate == "2026-07-08")
    }

    @Test("known_from goes on naming the finding that established the date after a second gap or a hand-over")
    func knownFromAfterSecondGap() {
        // Known on 07-08, gone on 07-09, back on 07-10 with known_from naming night a's finding.
        let gone = coveredRun(known: "2026-07-08", status: .resolved)
        let knownFrom = EvidenceValue.text("\(gone.id) (CVT-001, first seen 2026-07-08, resolved since)")
        let back = PreviousNight(folder: "/n/b", runDate: "2026-07-09", findings: [], resolved: [gone])
            .compare([coveredRun(known: "2026-07-10")], runDate: ReviewFixtures.day("2026-07-10"))
        #expect(back[0].evidence["known_from"] == knownFrom)
        // Gone again on 07-11, back on 07-12: still known from night a, for the same reason.
        var goneAgain = back[0]
        goneAgain.status = .resolved
        let again = PreviousNight(folder: "/n/d", runDate: "2026-07-11", findings: [], resolved: [goneAgain])
            .compare([coveredRun(known: "2026-07-12")], runDate: ReviewFixtures.day("2026-07-12"))
        #expect(again[0].knowledgeDate == "2026-07-08" && again[0].reportDue == "2026-07-23")
        #expect(again[0].evidence["known_from"] == knownFrom)

        // A group's covered transaction known on 08-01, handed over to job a's CVT-001 (carrying 08-01
        // from it), then both gone a night: job a back is known from the group's.
        var group = ReviewFixtures.finding("CVT-002", "acct", group: ["acct", "other"], windowStart: "2026-06-01")
        group.id = "F-0000000000000002"
        group.category = .coveredTransaction
        group.evidence = ["runs": .list(["acct: job a, 6.0e25", "other: job b, 5.0e25"])]
        group.window = Finding.Window(start: "2026-06-01T00:00:00Z", end: "2026-08-01T00:00:00Z")
        group.knowledgeDate = "2026-08-01"
        group.reportDue = "2026-08-16"
        group.firstSeen = "2026-08-01"
        group.status = .resolved
        var single = coveredRun(known: "2026-08-01", status: .resolved)
        single.id = "F-0000000000000001"
        single.firstSeen = "2026-09-01"
        single.evidence["known_from"] = .text("\(group.id) (CVT-002, first seen 2026-08-01)")
        var tonight = coveredRun(known: "2026-09-03")
        tonight.id = single.id
        let handedOver = PreviousNight(folder: "/n", runDate: "2026-09-02", findings: [], resolved: [single, group])
            .compare([tonight], runDate: ReviewFixtures.day("2026-09-03"))
        #expect(handedOver[0].knowledgeDate == "2026-08-01")
        #expect(handedOver[0].evidence["known_from"] == single.evidence["known_from"])
    }

    @Test("the previous folder's resolved covered transactions, listed or carried, are read apart from its findings")
    func loadsResolvedCovered() throws {
        let folder = TemporaryFolder()
        let listed = coveredRun(known: "2026-07-08", status: .resolved)
        var carried = ReviewFixtures.finding("CVT-002", "g1", group: ["g1", "g2"], windowStart: "2026-05-01")
        carried.category = .coveredTransaction
        carried.status = .resolved
        carried.knowledgeDate = "2026-06-01"
        carried.reportDue = "2026-06-16"
        var plain = ReviewFixtures.finding("FPI-001", "a2")
        plain.status = .resolved
        try write([listed, plain], to: folder.file("findings.jsonl.zst"))
        try write([], to: folder.file("suppressed.jsonl.zst"))
        try write([carried, listed], to: folder.file(PreviousNight.resolvedCoveredFile))
        let outputs = try ["findings.jsonl.zst", "suppressed.jsonl.zst", PreviousNight.resolvedCoveredFile].map {
            #"{"path": "\#(folder.file($0))", "sha256": "\#(try FileInput.sha256(of: folder.file($0)))"}"#
        }
        folder.write(
            "manifest.json",
            #"{"stage": "run", "run_date": "2026-07-09", "outputs": [\#(outputs.joined(separator: ", "))]}"#)
        let previous = try PreviousNight.load(folder: folder.path)
        #expect(previous.findings.isEmpty)
        #expect(Set(previous.resolved.map(\.id)) == [listed.id, carried.id])
        // A file the manifest does not vouch for is refused, as the findings files are.
        let vouched = outputs.dropLast().joined(separator: ", ")
        folder.write("manifest.json", #"{"stage": "run", "run_date": "2026-07-09", "outputs": [\#(vouched)]}"#)
        let unvouched = kycError { _ = try PreviousNight.load(folder: folder.path) }
        #expect(unvouched?.location?.file == folder.file(PreviousNight.resolvedCoveredFile))
        // A folder from before the file was written has none, and its manifest lists none: read as it is.
        try FileManager.default.removeItem(atPath: folder.file(PreviousNight.resolvedCoveredFile))
        let older = try PreviousNight.load(folder: folder.path)
        #expect(older.resolved.map(\.id) == [listed.id])
        // A file the manifest lists must be there: without it, knowledge dates would be lost.
        let all = outputs.joined(separator: ", ")
        folder.write("manifest.json", #"{"stage": "run", "run_date": "2026-07-09", "outputs": [\#(all)]}"#)
        let missing = kycError { _ = try PreviousNight.load(folder: folder.path) }
        #expect(missing?.code == .fileUnreadable)
        #expect(missing?.location?.file == folder.file(PreviousNight.resolvedCoveredFile))
        try write([carried, listed], to: folder.file(PreviousNight.resolvedCoveredFile))
        try FileManager.default.removeItem(atPath: folder.file("suppressed.jsonl.zst"))
        let noSuppressed = kycError { _ = try PreviousNight.load(folder: folder.path) }
        #expect(noSuppressed?.code == .fileUnreadable)
        #expect(noSuppressed?.location?.file == folder.file("suppressed.jsonl.zst"))
    }
}
