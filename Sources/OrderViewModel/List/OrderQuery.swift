import OrderAnalysis
import OrderModel

/// A parsed list filter: the small query language operators type after `/` or `:filter`.
///
/// Terms are separated by spaces and all must match. `status:open`, `payment:refunded`,
/// `currency:SEK`, `store:SL02`, `has:attachments`, `anomaly`, `amount>1000` (major units of the
/// order's currency), `created>=2023-11-01`; a leading `-` or `!` negates a term; anything else is
/// free text matched (case-insensitively) against order number, id, customer name, email, phone,
/// masked PAN and booking ids. Quotes group words: `"John Doe"`.
public struct OrderQuery: Sendable, Equatable {
    public var terms: [Term]
    /// The text the query was parsed from, for the status bar.
    public var source: String

    public init(terms: [Term], source: String) {
        self.terms = terms
        self.source = source
    }

    /// One condition of a query.
    public struct Term: Sendable, Equatable {
        public var negated: Bool
        public var condition: Condition
        public init(negated: Bool = false, _ condition: Condition) {
            self.negated = negated
            self.condition = condition
        }
    }

    /// What a term tests.
    public enum Condition: Sendable, Equatable {
        case text(String)
        case status(String)
        case paymentStatus(String)
        case currency(String)
        case store(String)
        /// The order's `type`, `customer.type`, the payment product (as the summary groups them).
        case orderType(String)
        case customerType(String)
        case paymentProduct(String)
        /// An attachment holds a reservation of this kind (`bus`, `train`, …).
        case reservation(String)
        /// The anomaly checks found this kind (`overCaptured`, …).
        case anomalyKind(Anomaly.Kind)
        case hasAttachments
        case anomaly
        /// `amount` compared in major units; the decimal text is kept so each order's currency
        /// exponent can convert it exactly.
        case amount(Comparison, String)
        /// `created_at` compared as ISO text prefix (dates and date-times both work).
        case created(Comparison, String)
    }

    /// A comparison operator in `amount>1000` or `created<=2023-12-31`.
    public enum Comparison: String, Sendable, Equatable, CaseIterable {
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case equal = "="

        func holds<T: Comparable>(_ lhs: T, _ rhs: T) -> Bool {
            switch self {
            case .less: return lhs < rhs
            case .lessOrEqual: return lhs <= rhs
            case .greater: return lhs > rhs
            case .greaterOrEqual: return lhs >= rhs
            case .equal: return lhs == rhs
            }
        }
    }

    public var isEmpty: Bool { terms.isEmpty }
}

/// Why a filter could not be parsed, phrased as a hint for the operator.
public struct OrderQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension OrderQuery {
    /// The fields the query language knows, for help text and error suggestions.
    public static let fieldNames = [
        "status", "payment", "currency", "store", "has", "amount", "created", "type", "customer", "product",
        "reservation",
        "anomaly",
    ]

    /// Parses a query; an empty string is the empty query (everything matches).
    public static func parse(_ text: String) throws(OrderQueryError) -> OrderQuery {
        var terms: [Term] = []
        for token in tokenize(text) {
            terms.append(try parseTerm(token))
        }
        return OrderQuery(terms: terms, source: text.trimmingCharacters(in: " "))
    }

    private static func tokenize(_ text: String) -> [(text: String, quoted: Bool, negated: Bool)] {
        var tokens: [(String, Bool, Bool)] = []
        var current = ""
        var inQuotes = false
        var wasQuoted = false
        var negated = false
        func flush() {
            if !current.isEmpty || wasQuoted { tokens.append((current, wasQuoted, negated)) }
            current = ""
            wasQuoted = false
            negated = false
        }
        for character in text {
            if character == "\"" {
                inQuotes.toggle()
                wasQuoted = true
            } else if character == " " && !inQuotes {
                flush()
            } else if (character == "-" || character == "!") && current.isEmpty && !inQuotes && !wasQuoted
                && !negated
            {
                negated = true
            } else {
                current.append(character)
            }
        }
        flush()
        // A lone "-" typed while editing is text, not a negation of nothing.
        return tokens.map { token in
            if token.0.isEmpty && !token.1 && token.2 { return ("-", false, false) }
            return token
        }
    }

    private static func parseTerm(_ token: (text: String, quoted: Bool, negated: Bool))
        throws(OrderQueryError) -> Term
    {
        let text = token.text
        if token.quoted { return Term(negated: token.negated, .text(text)) }
        let lower = text.lowercased()
        if lower == "anomaly" || lower == "anomalies" { return Term(negated: token.negated, .anomaly) }

        for field in ["amount", "created"] where lower.hasPrefix(field) {
            let rest = String(text.dropFirst(field.count))
            guard
                let comparison = Comparison.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count })
                    .first(where: { rest.hasPrefix($0.rawValue) })
            else {
                if rest.hasPrefix(":") {
                    throw OrderQueryError(
                        "use \(field)>VALUE, \(field)<VALUE or \(field)=VALUE, e.g. \(example(field))")
                }
                continue
            }
            let value = String(rest.dropFirst(comparison.rawValue.count))
            guard !value.isEmpty else {
                throw OrderQueryError("\(field)\(comparison.rawValue) needs a value, e.g. \(example(field))")
            }
            if field == "amount" {
                guard MajorAmount.isValid(value) else {
                    throw OrderQueryError(
                        "amount needs a number in major units, e.g. amount>1000 or amount<=99.50")
                }
                return Term(negated: token.negated, .amount(comparison, value))
            }
            guard isDatePrefix(value) else {
                throw OrderQueryError("created needs a date like 2023-11-01 or 2023-11-01T12:00")
            }
            return Term(negated: token.negated, .created(comparison, value))
        }

        if let colon = text.firstIndex(of: ":") {
            let field = text[..<colon].lowercased()
            let value = String(text[text.index(after: colon)...])
            let condition: Condition?
            switch field {
            case "status": condition = .status(value.lowercased())
            case "payment", "payment_status": condition = .paymentStatus(value.lowercased())
            case "currency": condition = .currency(value.uppercased())
            case "store": condition = .store(value)
            case "type": condition = .orderType(value.lowercased())
            case "customer": condition = .customerType(value.lowercased())
            case "product", "psp": condition = .paymentProduct(value.lowercased())
            case "reservation":
                guard let kind = ReservationKind(rawValue: value.lowercased()) else {
                    let kinds = ReservationKind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw OrderQueryError("reservation: is one of \(kinds), not \"\(value)\"")
                }
                condition = .reservation(kind.rawValue)
            case "anomaly", "anomalies":
                guard
                    let kind = Anomaly.Kind.allCases.first(where: {
                        $0.rawValue.lowercased() == value.lowercased()
                    })
                else {
                    let kinds = Anomaly.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw OrderQueryError("anomaly: is one of \(kinds), not \"\(value)\"")
                }
                condition = .anomalyKind(kind)
            case "has":
                switch value.lowercased() {
                case "attachments", "attachment", "reservation", "reservations": condition = .hasAttachments
                case "anomaly", "anomalies": condition = .anomaly
                default:
                    throw OrderQueryError("has: knows attachments and anomaly, not \"\(value)\"")
                }
            default:
                condition = nil
            }
            if let condition {
                guard !value.isEmpty else {
                    throw OrderQueryError("\(field): needs a value, e.g. \(field):\(example(field))")
                }
                return Term(negated: token.negated, condition)
            }
            if let suggestion = suggestField(String(field)) {
                throw OrderQueryError("unknown field \"\(field)\": did you mean \(suggestion):?")
            }
        }
        return Term(negated: token.negated, .text(text))
    }

    private static func example(_ field: String) -> String {
        switch field {
        case "amount": return "amount>1000"
        case "created": return "created>=2023-11-01"
        case "status": return "open"
        case "payment", "payment_status": return "refunded"
        case "currency": return "NOK"
        case "store": return "SL02"
        default: return "value"
        }
    }

    /// `2023`, `2023-11`, `2023-11-01`, `2023-11-01T12`, `2023-11-01T12:30…`: a date (or its
    /// start) that can exist, so `2024-13-01` is refused rather than matching by text order.
    static func isDatePrefix(_ value: String) -> Bool {
        let allowed = Set("0123456789-T:.Z+")
        guard value.count >= 4, value.allSatisfy({ allowed.contains($0) }) else { return false }
        let halves = value.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        let date = halves[0].split(separator: "-", omittingEmptySubsequences: false)
        func number(_ text: Substring, digits: Int, in range: ClosedRange<Int>) -> Bool {
            text.count == digits && text.allSatisfy(\.isNumber) && Int(text).map(range.contains) == true
        }
        guard date.count <= 3, number(date[0], digits: 4, in: 0...9999) else { return false }
        if date.count > 1, !number(date[1], digits: 2, in: 1...12) { return false }
        if date.count > 2, !number(date[2], digits: 2, in: 1...31) { return false }
        guard halves.count == 2 else { return true }
        guard date.count == 3 else { return false }
        let time = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard number(time[0], digits: 2, in: 0...23) else { return false }
        if time.count > 1, !number(time[1].prefix(2), digits: 2, in: 0...59) { return false }
        return true
    }

    /// Suggests a known field for a near miss (one edit away, or a prefix), so typos get a hint
    /// while ordinary text with a colon (e.g. a time) is still searched as text.
    static func suggestField(_ field: String) -> String? {
        guard field.count >= 3, field.allSatisfy(\.isLetter) else { return nil }
        return fieldNames.first { name in
            name.hasPrefix(field) || editDistance(name, field) == 1
        }
    }

    /// Levenshtein distance, for "did you mean" suggestions (filter fields, config keys).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(
                    previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The candidate fewest edits away from `text` (the first of equals), for "did you mean".
    public static func nearest(to text: String, among candidates: some Sequence<String>) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(candidate, text)
            if best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
        }
        return best?.name
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var slice = Substring(self)
        while slice.first == set { slice.removeFirst() }
        while slice.last == set { slice.removeLast() }
        return String(slice)
    }
}
