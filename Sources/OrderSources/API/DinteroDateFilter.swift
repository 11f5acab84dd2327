import Foundation
import OrderModel

/// The `created_at.gte` / `created_at.lte` values the client sends. The orders API does not say
/// which date formats it accepts, so the operator may type a date or a full timestamp and the
/// client always sends a full RFC 3339 instant in UTC: a bare date starts its day for `gte` and
/// ends it (23:59:59.999) for `lte`, in UTC unless a zone follows the date (`2024-01-31+01:00`).
public enum DinteroDateFilter {
    /// Which end of the range a value bounds.
    public enum Bound: Sendable {
        /// `created_at.gte`: a date means the start of that day.
        case from
        /// `created_at.lte`: a date means the end of that day.
        case to
    }

    /// The instant to send for `text`, or nil when it is neither a date nor a date-time.
    public static func instant(_ text: String, bound: Bound) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let bytes = Array(trimmed.utf8)
        var parsed: Double?
        if bytes.count >= 10,
            bytes.count == 10
                || ![UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10])
        {
            // A date, perhaps followed by a zone: give it the first or last moment of the day.
            let date = String(decoding: bytes[..<10], as: UTF8.self)
            let zone = String(decoding: bytes[10...], as: UTF8.self)
            let time = bound == .from ? "T00:00:00" : "T23:59:59.999"
            parsed = Timestamp.parse(date + time + (zone.isEmpty ? "Z" : zone))
        } else {
            parsed = Timestamp.parse(trimmed)
        }
        return parsed.map { Timestamp.rfc3339(epochSeconds: $0) }
    }
}
