/// A date-time field as written, plus its instant when the text is ISO 8601.
///
/// Dintero timestamps are mostly `2023-11-07T05:31:56Z`, but some fields are typed as plain
/// strings (`arrival_at`, `time_to_live_expires_at`) and may hold anything, so the original
/// text is always kept and `epochSeconds` is nil when it cannot be read. The parser is a small
/// hand-written one (no `DateFormatter`): `YYYY-MM-DD`, optionally followed by `T` (or a space)
/// and `hh:mm[:ss[.fraction]]`, then `Z`, `±hh:mm`, `±hhmm`, `±hh` or nothing (read as UTC).
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The text exactly as written.
    public var text: String
    /// Seconds since 1970-01-01T00:00:00Z, nil when the text is not a recognisable date-time.
    public var epochSeconds: Double?

    public init(_ text: String) {
        self.text = text
        self.epochSeconds = Timestamp.parse(text)
    }

    public init(text: String, epochSeconds: Double?) {
        self.text = text
        self.epochSeconds = epochSeconds
    }

    public var isParsed: Bool { epochSeconds != nil }
    public var description: String { text }

    /// Parsed instants in time order, before unparsed ones (which sort by text).
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        switch (lhs.epochSeconds, rhs.epochSeconds) {
        case let (l?, r?): return l != r ? l < r : lhs.text < rhs.text
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return lhs.text < rhs.text
        }
    }

    /// Reads an ISO 8601 date or date-time; nil when the text is anything else.
    public static func parse(_ text: String) -> Double? {
        // Over the string's own UTF-8 (no copy into an array: payment operations' times are
        // parsed for every order the whole-dump checks read).
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var scanner = Scanner(bytes)
        scanner.skipSpaces()
        guard let year = scanner.digits(4), scanner.take(UInt8(ascii: "-")),
            let month = scanner.digits(2), scanner.take(UInt8(ascii: "-")),
            let day = scanner.digits(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        let afterDate = scanner.index
        scanner.skipSpaces()
        if scanner.atEnd { return seconds }
        scanner.index = afterDate
        guard
            scanner.take(UInt8(ascii: "T")) || scanner.take(UInt8(ascii: "t"))
                || scanner.take(UInt8(ascii: " "))
        else { return nil }
        guard let hour = scanner.digits(2), scanner.take(UInt8(ascii: ":")), let minute = scanner.digits(2)
        else {
            return nil
        }
        var second = 0
        var fraction = 0.0
        if scanner.take(UInt8(ascii: ":")) {
            guard let value = scanner.digits(2) else { return nil }
            second = value
            if scanner.take(UInt8(ascii: ".")) || scanner.take(UInt8(ascii: ",")) {
                var scale = 0.1
                var count = 0
                while let digit = scanner.digit() {
                    fraction += Double(digit) * scale
                    scale /= 10
                    count += 1
                }
                guard count > 0 else { return nil }
            }
        }
        guard hour <= 24, minute <= 59, second <= 60 else { return nil }
        if hour == 24, minute != 0 || second != 0 || fraction != 0 { return nil }
        seconds += Double(hour * 3600 + minute * 60 + second) + fraction
        if scanner.take(UInt8(ascii: "Z")) || scanner.take(UInt8(ascii: "z")) {
            // UTC
        } else if let sign = scanner.sign() {
            guard let offsetHours = scanner.digits(2), offsetHours <= 23 else { return nil }
            var offsetMinutes = 0
            if scanner.take(UInt8(ascii: ":")) {
                guard let value = scanner.digits(2) else { return nil }
                offsetMinutes = value
            } else if let value = scanner.digits(2) {
                offsetMinutes = value
            }
            guard offsetMinutes <= 59 else { return nil }
            seconds -= Double(sign * (offsetHours * 3600 + offsetMinutes * 60))
        }
        scanner.skipSpaces()
        return scanner.atEnd ? seconds : nil
    }

    /// `epochSeconds` as an RFC 3339 instant in UTC, `2024-01-31T23:59:59Z`, with milliseconds
    /// when it has a fraction (`…59.999Z`): the one form every API that takes a date-time reads.
    public static func rfc3339(epochSeconds: Double) -> String {
        let millis = Int64((epochSeconds * 1000).rounded())
        let dayMillis: Int64 = 86_400_000
        let days = millis >= 0 ? millis / dayMillis : (millis - dayMillis + 1) / dayMillis
        let inDay = Int(millis - days * dayMillis)
        let (year, month, day) = civilFromDays(Int(days))
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let hour = padded(inDay / 3_600_000, 2)
        let minute = padded(inDay / 60_000 % 60, 2)
        let second = padded(inDay / 1000 % 60, 2)
        var text = padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
        text += "T" + hour + ":" + minute + ":" + second
        if inDay % 1000 != 0 { text += "." + padded(inDay % 1000, 3) }
        return text + "Z"
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (the inverse of
    /// `daysFromCivil`, H. Hinnant's algorithm).
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var atEnd: Bool { index >= bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func skipSpaces() {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        }

        mutating func digit() -> Int? {
            guard index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9")
            else {
                return nil
            }
            defer { index += 1 }
            return Int(bytes[index] - UInt8(ascii: "0"))
        }

        mutating func digits(_ count: Int) -> Int? {
            let start = index
            var value = 0
            for _ in 0..<count {
                guard let digit = digit() else {
                    index = start
                    return nil
                }
                value = value * 10 + digit
            }
            return value
        }

        mutating func sign() -> Int? {
            if take(UInt8(ascii: "+")) { return 1 }
            if take(UInt8(ascii: "-")) { return -1 }
            return nil
        }
    }
}
