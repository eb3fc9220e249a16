import Testing

@testable import KYCWatch

@Suite("Screening setup")
struct ScreeningSetupTests {
    static let countries = ScreeningFixtures.repositoryRoot + "/Pipelines/reference/countries.csv"
    static let runDate = CalendarDay("2026-03-01")!

    @Test("a threshold out of range is a configuration error, not a night of matches", arguments: [0, 0.3, 1.5, -1])
    func thresholdOutOfRange(threshold: Double) {
        let sources = ScreeningSources(deniedPersons: ScreeningFixtures.list("dpl.txt"), threshold: threshold)
        let error = kycError {
            _ = try ScreeningSetup(sources: sources, countriesPath: Self.countries, runDate: Self.runDate)
        }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("from 0.5 to 1") == true, "\(String(describing: error))")
    }

    @Test("a Denied Persons order that expired before the run date is not screened; one in force is")
    func expiredOrders() throws {
        let sources = ScreeningSources(
            deniedPersons: ScreeningFixtures.list("dpl.txt"), consolidated: ScreeningFixtures.list("csl.csv"))
        let setup = try ScreeningSetup(sources: sources, countriesPath: Self.countries, runDate: Self.runDate)
        // Expired 01/14/2026; in the CSL, end_date 2020-10-13.
        for name in ["Aaron Abraham Villa", "Adrian Manuel Hernandez"] {
            let matches = setup.index.screen(ScreeningQuery(name: name))
            #expect(matches.isEmpty, "\(name): \(matches.map { "\($0.list) \($0.matchedName)" })")
        }
        // Expires 06/29/2056.
        #expect(setup.index.screen(ScreeningQuery(name: "I. Ash")).contains { $0.list == "BIS DPL" })
        #expect((setup.expiredEntries["BIS DPL"] ?? 0) > 200)
        #expect((setup.expiredEntries["CSL"] ?? 0) > 0)
        #expect(setup.expiredEntriesSummary?.hasPrefix("\(setup.expiredEntries["BIS DPL"]!) BIS DPL, ") == true)

        // The night before Aaron Abraham Villa's order expired, he is screened.
        let before = try ScreeningSetup(
            sources: sources, countriesPath: Self.countries, runDate: CalendarDay("2026-01-14")!)
        #expect(before.index.screen(ScreeningQuery(name: "Aaron Abraham Villa")).contains { $0.list == "BIS DPL" })
    }
}
