import Foundation

/// Short dates for the list and status line: `14:05` today, `Mar 05` this
/// year, `2024-03-05` before; `Wed, 2026-03-05 14:05` in the reader.
enum DateText {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    static func short(_ date: Date, now: Date, zone: TimeZone) -> String {
        let calendar = calendar(zone)
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let today = calendar.dateComponents([.year, .month, .day], from: now)
        if c.year == today.year, c.month == today.month, c.day == today.day { return time(c) }
        if c.year == today.year { return "\(months[(c.month ?? 1) - 1]) \(two(c.day))" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))"
    }

    static func long(_ date: Date, zone: TimeZone) -> String {
        let c = calendar(zone).dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        return "\(weekdays[((c.weekday ?? 1) - 1) % 7]), \(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(time(c))"
    }

    static func time(_ date: Date, zone: TimeZone) -> String {
        time(calendar(zone).dateComponents([.hour, .minute], from: date))
    }

    private static func time(_ c: DateComponents) -> String { "\(two(c.hour)):\(two(c.minute))" }
    private static func two(_ value: Int?) -> String {
        let v = value ?? 0
        return v < 10 ? "0\(v)" : "\(v)"
    }
}
