/// Calendar arithmetic and ISO 8601 text for the sample world, on whole seconds since 1970 (UTC).
///
/// Done with integers (proleptic Gregorian calendar) so the text never depends on the machine's
/// time zone, locale or Foundation version.
enum SampleTime {
    /// Seconds in a day.
    static let day: Int64 = 86_400
    /// Seconds in an hour.
    static let hour: Int64 = 3_600

    /// The world's night: the export was cut at this instant (2026-11-28T00:00:00Z).
    static let asOf = seconds(year: 2026, month: 11, day: 28)
    /// The first instant of the usage and access history (2026-06-01T00:00:00Z, a Monday).
    static let windowStart = seconds(year: 2026, month: 6, day: 1)

    /// Seconds since 1970 of a UTC date and time.
    static func seconds(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int64 {
        let days = CivilCalendar.dayNumber(year: Int64(year), month: Int64(month), day: Int64(day))
        return days * Self.day + Int64(hour) * Self.hour + Int64(minute) * 60 + Int64(second)
    }

    /// The UTC calendar fields of an instant.
    static func fields(_ instant: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let days = CivilCalendar.floorDivide(instant, Self.day)
        let rest = instant - days * Self.day
        let date = CivilCalendar.date(dayNumber: days)
        return (Int(date.year), Int(date.month), Int(date.day), Int(rest / 3600), Int(rest % 3600 / 60), Int(rest % 60))
    }

    /// `2026-11-28T00:00:00Z`.
    static func iso(_ instant: Int64) -> String {
        let f = fields(instant)
        return "\(pad(f.year, 4))-\(pad(f.month))-\(pad(f.day))T\(pad(f.hour)):\(pad(f.minute)):\(pad(f.second))Z"
    }

    /// The same instant as local time with an offset, e.g. `2026-11-27T19:00:00-05:00`.
    static func iso(_ instant: Int64, offsetMinutes: Int) -> String {
        guard offsetMinutes != 0 else { return iso(instant) }
        let f = fields(instant + Int64(offsetMinutes) * 60)
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        return "\(pad(f.year, 4))-\(pad(f.month))-\(pad(f.day))T\(pad(f.hour)):\(pad(f.minute)):\(pad(f.second))"
            + "\(sign)\(pad(magnitude / 60)):\(pad(magnitude % 60))"
    }

    /// The instant with milliseconds, e.g. `2026-11-27T08:15:02.250Z`.
    static func iso(_ instant: Int64, milliseconds: Int) -> String {
        let f = fields(instant)
        return "\(pad(f.year, 4))-\(pad(f.month))-\(pad(f.day))T\(pad(f.hour)):\(pad(f.minute)):\(pad(f.second))"
            + ".\(pad(milliseconds, 3))Z"
    }

    /// The UTC midnight at or before `instant`.
    static func startOfDay(_ instant: Int64) -> Int64 {
        instant - ((instant % day) + day) % day
    }

    /// `value` in decimal, left-padded with zeros to `width` digits.
    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
