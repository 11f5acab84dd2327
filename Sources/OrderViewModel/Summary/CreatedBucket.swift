/// The day, ISO week or month of a `created_at`, from the store's sortable time key
/// (YYYYMMDDhhmmssfff, the date and time as written: a dump's times share one zone).
///
/// Pure integer calendar arithmetic (proleptic Gregorian), no Foundation: the summary buckets a
/// million orders, and the key is already a number.
enum CreatedBucket {
    /// The bucket of a date (YYYYMMDD) as a number that sorts like its label: the date itself,
    /// its ISO week as YYYYWW, or its month as YYYYMM; -1 for a date that cannot exist.
    static func number(_ date: Int64, _ column: SummaryColumn) -> Int64 {
        let year = Int(date / 10_000)
        let month = Int(date / 100 % 100)
        let day = Int(date % 100)
        guard month >= 1, month <= 12, day >= 1, day <= daysIn(month, year) else { return -1 }
        switch column {
        case .month: return date / 100
        case .week:
            let (weekYear, week) = isoWeek(year: year, month: month, day: day)
            return Int64(weekYear * 100 + week)
        default: return date
        }
    }

    /// The label of a bucket number (`number(_:_:)`); nil for -1 (no such date).
    static func label(number: Int64, _ column: SummaryColumn) -> String? {
        guard number >= 0 else { return nil }
        switch column {
        case .month: return "\(pad(Int(number / 100), 4))-\(pad(Int(number % 100), 2))"
        case .week: return "\(pad(Int(number / 100), 4))-W\(pad(Int(number % 100), 2))"
        default:
            return
                "\(pad(Int(number / 10_000), 4))-\(pad(Int(number / 100 % 100), 2))-\(pad(Int(number % 100), 2))"
        }
    }

    /// The first day of an ISO week label's week and the first day after it (`2026-W02` →
    /// `2026-01-05`, `2026-01-12`): the `created` bounds that filter the list to it.
    static func weekBounds(_ label: String) -> (start: String, end: String)? {
        let parts = label.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), parts[1].hasPrefix("W"),
            let week = Int(parts[1].dropFirst()), week >= 1, week <= 53
        else { return nil }
        // ISO week 1 holds January 4th.
        let jan4 = daysFromCivil(year: year, month: 1, day: 4)
        let monday = jan4 - (weekday(jan4) - 1) + (week - 1) * 7
        return (dateText(monday), dateText(monday + 7))
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// 1 = Monday … 7 = Sunday.
    static func weekday(_ days: Int) -> Int {
        let index = (days + 3) % 7  // 1970-01-01 was a Thursday
        return (index < 0 ? index + 7 : index) + 1
    }

    static func isoWeek(year: Int, month: Int, day: Int) -> (year: Int, week: Int) {
        let days = daysFromCivil(year: year, month: month, day: day)
        let thursday = days + 4 - weekday(days)  // the week's Thursday decides its year
        let weekYear = civilFromDays(thursday).year
        let firstDay = daysFromCivil(year: weekYear, month: 1, day: 1)
        return (weekYear, (thursday - firstDay) / 7 + 1)
    }

    static func dateText(_ days: Int) -> String {
        let (year, month, day) = civilFromDays(days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
