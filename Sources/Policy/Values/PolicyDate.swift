import Foundation

/// Dates as `Date*` condition operators read them: ISO 8601 (`2020-01-01`,
/// `2020-01-01T00:00:00Z`, with fractional seconds or an offset) or POSIX epoch
/// seconds (IAM User Guide, "Date condition operators": "you must specify ... one of the
/// W3C implementations of the ISO 8601 date formats ... or in epoch (UNIX) time").
/// The value is seconds since the epoch, kept as an exact integer count of milliseconds.
public enum PolicyDate {
    /// Milliseconds since 1970-01-01T00:00:00Z, or nil when the text is not a date AWS accepts.
    public static func parse(_ text: String) -> Int64? {
        let trimmed = text
        guard !trimmed.isEmpty, trimmed.utf8.count <= 40 else { return nil }
        if trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard let seconds = Int64(trimmed), seconds < 100_000_000_000_000 else { return nil }
            return seconds * 1000
        }
        return parseISO8601(trimmed)
    }

    /// W3C profile of ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD, and with THH:MM[:SS[.s+]](Z|±HH:MM).
    private static func parseISO8601(_ text: String) -> Int64? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= scalars.count else { return nil }
            var value = 0
            for scalar in scalars[index..<(index + count)] {
                guard scalar.value >= 48 && scalar.value <= 57 else { return nil }
                value = value * 10 + Int(scalar.value - 48)
            }
            index += count
            return value
        }
        func take(_ character: Unicode.Scalar) -> Bool {
            if index < scalars.count && scalars[index] == character { index += 1; return true }
            return false
        }
        guard let year = digits(4) else { return nil }
        var month = 1, day = 1, hour = 0, minute = 0, second = 0, millis = 0, offsetMinutes = 0
        if take("-") {
            guard let m = digits(2) else { return nil }
            month = m
            if take("-") {
                guard let d = digits(2) else { return nil }
                day = d
                if take("T") || take("t") {
                    guard let h = digits(2), take(":"), let mi = digits(2) else { return nil }
                    hour = h; minute = mi
                    if take(":") {
                        guard let s = digits(2) else { return nil }
                        second = s
                        if take(".") {
                            var fraction = 0, places = 0
                            while index < scalars.count, scalars[index].value >= 48 && scalars[index].value <= 57 {
                                if places < 3 { fraction = fraction * 10 + Int(scalars[index].value - 48); places += 1 }
                                index += 1
                            }
                            guard places > 0 else { return nil }
                            while places < 3 { fraction *= 10; places += 1 }
                            millis = fraction
                        }
                    }
                    if take("Z") || take("z") {
                        offsetMinutes = 0
                    } else if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" {
                        let sign = scalars[index] == "-" ? -1 : 1
                        index += 1
                        guard let oh = digits(2), take(":"), let om = digits(2), oh <= 23, om <= 59 else { return nil }
                        offsetMinutes = sign * (oh * 60 + om)
                    } else {
                        return nil  // a time needs a time zone designator in the W3C profile
                    }
                }
            }
        }
        guard index == scalars.count else { return nil }
        guard (1...12).contains(month), hour <= 23, minute <= 59, second <= 60 else { return nil }
        guard day >= 1 && day <= daysIn(month: month, year: year) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(millis)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
