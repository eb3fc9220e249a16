import Testing

@testable import KYCWatch

@Suite("Calendar days")
struct CalendarDayTests {
    @Test("parses real YYYY-MM-DD dates and prints them back", arguments: ["2026-11-28", "2024-02-29", "1970-01-01"])
    func roundTrip(text: String) throws {
        #expect(try #require(CalendarDay(text)).description == text)
    }

    @Test(
        "refuses what is not a real date",
        arguments: ["2026-13-01", "2025-02-29", "2026-1-01", "26-11-28", "", "2026-11-28Z"])
    func refuses(text: String) {
        #expect(CalendarDay(text) == nil)
    }

    @Test("counts days across months and leap years")
    func arithmetic() throws {
        let day = try #require(CalendarDay("2026-11-28"))
        #expect(day.adding(days: 180).description == "2027-05-27")
        #expect(day.adding(days: 4).description == "2026-12-02")
        #expect(try #require(CalendarDay("2024-02-28")).adding(days: 1).description == "2024-02-29")
        #expect(day.days(until: day.adding(days: 14)) == 14)
    }

    @Test("due dates from run dates: whole days on, four-digit years up to ten years past the last run date")
    func dueDates() {
        #expect(CalendarDay.adding(days: 15, to: "2026-12-20") == "2027-01-04")
        #expect(CalendarDay.adding(days: 15, to: "soon") == "soon")
        #expect(CalendarDay.days(from: "2026-11-28", to: "2026-12-13") == 15)
        #expect(CalendarDay.days(from: "2026-11-28", to: "never") == nil)
        #expect(CalendarDay.runDates.lowerBound.description == "1970-01-01")
        #expect(CalendarDay.runDates.upperBound.description == "9899-12-31")
        let latest = CalendarDay.runDates.upperBound.adding(days: SuppressionFile.maxDaysLimit + 365)
        #expect(latest.description.count == 10)
    }
}
