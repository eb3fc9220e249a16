import Testing

@testable import KYCWatch

@Suite("Screening setup")
struct ScreeningSetupTests {
    @Test("a threshold out of range is a configuration error, not a night of matches", arguments: [0, 0.3, 1.5, -1])
    func thresholdOutOfRange(threshold: Double) {
        let sources = ScreeningSources(
            deniedPersons: ScreeningFixtures.list("dpl.txt"), threshold: threshold)
        let error = kycError {
            _ = try ScreeningSetup(
                sources: sources, countriesPath: ScreeningFixtures.repositoryRoot + "/Pipelines/reference/countries.csv"
            )
        }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("from 0.5 to 1") == true, "\(String(describing: error))")
    }
}
