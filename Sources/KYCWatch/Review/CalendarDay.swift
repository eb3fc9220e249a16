/// A UTC calendar day written `YYYY-MM-DD`: run dates, first-seen dates and suppression expiries.
///
/// Kept as a day count from 1970-01-01 so "within 14 days" and "at most 180 days ahead" are
/// integer comparisons, with no time zone or clock involved.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int64

    /// The run dates kycwatch takes: due dates and suppression expiries up to ten years on are
    /// then still four-digit years.
    // 1970-01-01 to 9899-12-31.
    public static let runDates = CalendarDay(dayNumber: 0)...CalendarDay(dayNumber: 2_896_372)

    /// The day with this day number.
    public init(dayNumber: Int64) {
        self.dayNumber = dayNumber
    }

    /// Parses exactly `YYYY-MM-DD` (a real date: month 1–12, a day that month has); nil otherwise.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), (1...12).contains(month),
            (1...CivilCalendar.daysInMonth(month, year: year)).contains(day)
        else { return nil }
        dayNumber = CivilCalendar.dayNumber(year: year, month: month, day: day)
    }

    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> CalendarDay {
        CalendarDay(dayNumber: dayNumber + Int64(days))
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDay) -> Int {
        Int(other.dayNumber - dayNumber)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = CivilCalendar.date(dayNumber: dayNumber)
        func padded(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.dayNumber < rhs.dayNumber }

    /// The date `days` after `date` (`YYYY-MM-DD`), or `date` itself when it is not a date.
    static func adding(days: Int, to date: String) -> String {
        CalendarDay(date).map { $0.adding(days: days).description } ?? date
    }

    /// Whole days from `start` to `end` (`YYYY-MM-DD`), nil when either is not a date.
    static func days(from start: String, to end: String) -> Int? {
        guard let from = CalendarDay(start), let to = CalendarDay(end) else { return nil }
        return from.days(until: to)
    }
}
