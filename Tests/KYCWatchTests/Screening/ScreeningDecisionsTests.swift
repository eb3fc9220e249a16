import Foundation
import Testing

@testable import KYCWatch

extension ScreeningTests {
    @Suite("Screening decisions")
    struct ScreeningDecisionsTests {
        static let yaml = """
            - account: acct-0042
              list: OFAC SDN
              entry: "36"
              reviewer: j.doe
              reason: different date of birth; passport checked
              date: 2026-11-20
            - finding: 9f2c41d0
              reviewer: a.roe
              reason: common name, different country and address
              date: 2026-11-21
            - account: acct-0077
              entry: "2676"
              reviewer: j.doe
              reason: different person, verified by phone
              date: 2026-11-22
            """

        @Test("reads decisions from YAML and finds them by finding or by account and entry")
        func lookup() throws {
            let decisions = try ScreeningDecisions(yaml: Self.yaml, file: "decisions.yaml")
            #expect(decisions.count == 3)
            let byEntry = try #require(decisions.decision(account: "acct-0042", list: "OFAC SDN", entryID: "36"))
            #expect(byEntry.reviewer == "j.doe")
            #expect(byEntry.date == "2026-11-20")
            #expect(decisions.decision(account: "acct-0042", list: "CSL", entryID: "36") == nil)
            #expect(decisions.decision(account: "acct-9999", list: "OFAC SDN", entryID: "36") == nil)
            #expect(decisions.decision(forFinding: "9f2c41d0")?.reviewer == "a.roe")
            // No list: the entry id on any list.
            #expect(decisions.decision(account: "acct-0077", list: "CSL", entryID: "2676") != nil)
            #expect(decisions.decision(account: "acct-0077", list: "OFAC SDN", entryID: "2676") != nil)
        }

        @Test("a decision keeps a false positive closed")
        func closesMatch() throws {
            let decisions = try ScreeningDecisions(yaml: Self.yaml, file: "decisions.yaml")
            let index = try ScreeningFixtures.index.get()
            let match = try #require(index.screen(ScreeningQuery(name: "Aerocaribean Airlines")).first)
            #expect(decisions.decision(findingID: "other", account: "acct-0042", match: match) != nil)
            #expect(decisions.decision(findingID: "9f2c41d0", account: "acct-1", match: match)?.reviewer == "a.roe")
            #expect(decisions.decision(findingID: nil, account: "acct-1", match: match) == nil)
        }

        @Test("an empty file holds no decisions")
        func empty() throws {
            #expect(try ScreeningDecisions(yaml: "", file: "d.yaml").count == 0)
            #expect(try ScreeningDecisions(yaml: "[]\n", file: "d.yaml").count == 0)
        }

        @Test(
            "incomplete or malformed decisions are errors naming the file",
            arguments: [
                "- account: a\n  entry: '1'\n  reviewer: r\n  reason: why\n  date: 2026-13-01\n",
                "- account: a\n  entry: '1'\n  reviewer: ''\n  reason: why\n  date: 2026-11-01\n",
                "- account: a\n  reviewer: r\n  reason: why\n  date: 2026-11-01\n",
                "- finding: f\n  account: a\n  entry: '1'\n  reviewer: r\n  reason: why\n  date: 2026-11-01\n",
                "- finding: f\n  reviewer: r\n  date: 2026-11-01\n",
                "account: a\n",
                "- [unclosed\n",
            ])
        func invalid(yaml: String) {
            #expect {
                try ScreeningDecisions(yaml: yaml, file: "decisions.yaml")
            } throws: { error in
                guard let error = error as? KYCWatchError else { return false }
                return error.code == .screeningDecisionsInvalid && error.location?.file == "decisions.yaml"
            }
        }

        @Test(
            "a misspelt key, a null or a bad value is an error at its line and column",
            arguments: [
                (
                    "- account: a\n  lst: OFAC SDN\n  entry: '1'\n  reviewer: r\n  reason: why\n  date: 2026-11-01\n",
                    2, "unknown key 'lst'"
                ),
                ("- finding: f\n  reviewer: null\n  reason: why\n  date: 2026-11-01\n", 2, "not null"),
                ("- finding: f\n  reviewer: r\n  reason: why\n", 1, "missing 'date'"),
                ("- finding: f\n  reviewer: r\n  reason: why\n  date: 2026-13-01\n", 1, "decision 1"),
                ("finding: f\n", 1, "expected a list of screening decisions"),
            ])
        func placed(yaml: String, line: Int, words: String) {
            let error = kycError { _ = try ScreeningDecisions(yaml: yaml, file: "decisions.yaml") }
            #expect(error?.code == .screeningDecisionsInvalid)
            #expect(error?.location?.file == "decisions.yaml")
            #expect(error?.location?.line == line, "\(String(describing: error))")
            #expect(error?.message.contains(words) == true, "\(String(describing: error))")
        }

        @Test("a file that is not UTF-8 is a malformed decisions file; a missing one cannot be read")
        func fileErrors() throws {
            let folder = TemporaryFolder()
            let path = folder.file("decisions.yaml")
            try Data([0x2D, 0x20, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: path))
            #expect(kycError { _ = try ScreeningDecisions.load(path: path) }?.code == .screeningDecisionsInvalid)
            #expect(
                kycError { _ = try ScreeningDecisions.load(path: folder.file("none.yaml")) }?.code == .fileUnreadable)
        }

        @Test(
            "days are checked as calendar days",
            arguments: [
                ("2026-11-20", true), ("2024-02-29", true), ("2026-02-29", false), ("2026-1-05", false),
                ("20261105", false),
                ("2026-04-31", false),
            ])
        func days(text: String, valid: Bool) {
            #expect(ScreeningDecision.isDay(text) == valid)
        }
    }
}
