import OrderViewModel

/// The section menu (`o`): each section of the detail screen shown gets a key. The order's own
/// sections always have the same one (`i` items, `p` payment operations, `t` travel itinerary,
/// `a` attachments, `c` customer, `v` events, `!` anomalies ...); other sections get the first
/// letter of their title not taken yet (then its other letters, then digits).
public enum SectionMenu {
    /// Fixed keys of the order screen's sections, by section kind.
    static let fixedKeys: [String: Character] = [
        "summary": "s", "anomalies": "!", "customer": "c", "addresses": "d", "items": "i", "discounts": "o",
        "payments": "p", "paymentDetails": "y", "timeline": "l", "store": "r", "comments": "m",
        "external": "x",
        "itinerary": "t", "attachments": "a", "sessions": "e", "events": "v", "metadata": "k", "misc": "z",
        "decodeIssues": "u",
    ]

    public struct Entry: Sendable, Equatable {
        public var key: Character
        public var id: String
        public var title: String
    }

    /// The entries for the detail screen of `app` (empty when no order is shown).
    public static func entries(_ app: AppState) -> [Entry] {
        guard let level = app.detail.current else { return [] }
        var taken = Set(level.screen.sections.compactMap { fixedKeys[$0.id] })
        var entries: [Entry] = []
        for section in level.screen.sections {
            if let key = fixedKeys[section.id] {
                entries.append(Entry(key: key, id: section.id, title: section.title))
                continue
            }
            let letters = section.title.lowercased().filter { $0.isLetter && $0.isASCII }
            let candidates = Array(letters) + Array("123456789")
            guard let key = candidates.first(where: { !taken.contains($0) }) else { continue }
            taken.insert(key)
            entries.append(Entry(key: key, id: section.id, title: section.title))
        }
        return entries
    }
}
