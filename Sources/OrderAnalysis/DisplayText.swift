import JSONCore
import OrderModel

/// Small text helpers shared by the screens. Money always goes through the model's
/// `MoneyFormatter`; nothing here formats amounts by itself.
public enum DisplayText {
    /// `398.00 NOK`; without a currency the amount is shown with two decimals and no code.
    public static func money(_ minorUnits: Int64, _ currency: Currency?) -> String {
        guard let currency else {
            return MoneyFormatter.standard.string(minorUnits: minorUnits, currencyCode: nil)
        }
        return MoneyFormatter.standard.string(minorUnits: minorUnits, currency: currency)
    }

    public static func money(_ minorUnits: Int64?, _ currency: Currency?) -> String? {
        minorUnits.map { money($0, currency) }
    }

    /// `part` as a percentage of `whole` with one decimal, trailing `.0` dropped: `12.5%`,
    /// `100%`; nil when `whole` is zero. Integer arithmetic, rounded half away from zero.
    public static func percent(_ part: Int64, of whole: Int64) -> String? {
        guard whole != 0 else { return nil }
        let (scaled, overflow) = part.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return nil }
        var tenths = scaled / whole
        let remainder = scaled % whole
        if remainder.magnitude * 2 >= whole.magnitude {
            tenths += (scaled < 0) != (whole < 0) ? -1 : 1
        }
        let negative = tenths < 0
        let magnitude = tenths.magnitude
        let text = magnitude % 10 == 0 ? "\(magnitude / 10)" : "\(magnitude / 10).\(magnitude % 10)"
        return (negative ? "-" : "") + text + "%"
    }

    /// A duration in whole minutes: `2h 15m`, `45m`, `1d 3h 5m`; negative durations are shown
    /// with a leading minus.
    public static func duration(seconds: Double) -> String {
        let negative = seconds < 0
        let minutes = Int((abs(seconds) / 60).rounded())
        let days = minutes / 1440
        let hours = (minutes % 1440) / 60
        let rest = minutes % 60
        var parts: [String] = []
        if days > 0 { parts.append("\(days)d") }
        if hours > 0 { parts.append("\(hours)h") }
        if rest > 0 || parts.isEmpty { parts.append("\(rest)m") }
        return (negative ? "-" : "") + parts.joined(separator: " ")
    }

    /// An itinerary `distance.value`, read as metres (Dintero does not document the unit; the
    /// directions APIs these legs come from use metres): `7.1 km (7088)`, `640 m`.
    public static func distance(_ measure: ItineraryMeasure?) -> String? {
        guard let measure, let text = measure.valueText else { return nil }
        guard let metres = measure.value, metres.isFinite else { return text }
        if abs(metres) >= 1000, abs(metres) < 1e15 {
            let tenths = Int((abs(metres) / 100).rounded())
            return (metres < 0 ? "-" : "") + "\(tenths / 10).\(tenths % 10) km (\(text) m)"
        }
        return "\(text) m"
    }

    /// An itinerary `duration.value`, read as seconds (not documented; see `distance`):
    /// `6h 38m (23880 s)`.
    public static func duration(_ measure: ItineraryMeasure?) -> String? {
        guard let measure, let text = measure.valueText else { return nil }
        guard let seconds = measure.value, seconds.isFinite, abs(seconds) < 1e12 else { return text }
        return duration(seconds: seconds) + " (\(text) s)"
    }

    /// The time between two timestamps, when both parse.
    public static func duration(from start: Timestamp?, to end: Timestamp?) -> String? {
        guard let from = start?.epochSeconds, let to = end?.epochSeconds else { return nil }
        return duration(seconds: to - from)
    }

    public static func yesNo(_ flag: Bool?) -> String? {
        flag.map { $0 ? "yes" : "no" }
    }

    public static func mark(_ ok: Bool) -> String { ok ? "✓" : "✗" }

    /// `1 reservation`, `3 reservations`: a count with its noun in the right number.
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// Quantity as written (`2`, `0.5`), falling back to the number.
    public static func quantity(_ text: String?, _ value: Double?) -> String? {
        if let text { return text }
        guard let value else { return nil }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Joins the non-empty parts with a separator.
    public static func join(_ parts: [String?], _ separator: String = " ") -> String {
        parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: separator)
    }

    /// A JSON value as one line of text (strings unquoted).
    public static func json(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return text
        case .array(let items): return "[" + items.map(jsonInline).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.pairs.map { "\($0.key): \(jsonInline($0.value))" }.joined(separator: ", ")
                + "}"
        }
    }

    /// Like `json` but shallow: nested containers are summarised, so a deep value costs nothing.
    private static func jsonInline(_ value: JSONValue) -> String {
        switch value {
        case .array(let items): return "[\(items.count) items]"
        case .object(let object): return "{\(object.count) fields}"
        case .string(let text): return "\"" + text + "\""
        default: return json(value)
        }
    }
}

extension DisplayText {
    /// An address on one line: its lines joined by ", "; nil when it has none.
    public static func address(_ address: Address?) -> String? {
        guard let lines = address?.lines, !lines.isEmpty else { return nil }
        return lines.joined(separator: ", ")
    }

    /// A short place name: the address's name, else its street and place.
    public static func place(_ address: Address?) -> String? {
        guard let address else { return nil }
        if let name = address.name, !name.isEmpty { return name }
        let text = join([address.addressLine, address.postalPlace], ", ")
        return text.isEmpty ? self.address(address) : text
    }

    /// `1 (Stablestol for utendørsbruk)`, or `123 (no such item)`.
    public static func line(_ id: LineID, in order: Order) -> String {
        guard let item = order.item(lineID: id) else { return "\(id) (no such item)" }
        guard let description = item.description ?? item.id else { return id.rawValue }
        return "\(id) (\(description))"
    }

    public static func lines(_ ids: [LineID], in order: Order) -> String? {
        ids.isEmpty ? nil : ids.map { line($0, in: order) }.joined(separator: ", ")
    }
}
