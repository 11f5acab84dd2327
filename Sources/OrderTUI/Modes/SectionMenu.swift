import OrderViewModel
import TerminalCore

/// The section menu (`o`): each section of the detail screen shown gets a key. The order's own
/// sections always have the same one, from the key table's `section_menu` bindings (`i` items,
/// `p` payment operations, `t` travel itinerary, `a` attachments, `c` customer, `v` events, `!`
/// anomalies ..., remappable in `[keys]`); other sections get the first letter of their title
/// not taken yet (then its other letters, then digits).
public enum SectionMenu {
    public struct Entry: Sendable, Equatable {
        public var key: Key
        public var id: String
        public var title: String
    }

    /// The key of each section kind bound in the section menu (its first key).
    static func fixedKeys(_ keys: KeyTable) -> [String: Key] {
        var fixed: [String: Key] = [:]
        for binding in keys.bindings where binding.contexts.contains(.sectionMenu) {
            if case .menuSection(let kind) = binding.command, let key = binding.keys.first, fixed[kind] == nil
            {
                fixed[kind] = key
            }
        }
        return fixed
    }

    /// The entries for the detail screen of `app` (empty when no order is shown).
    public static func entries(_ app: AppState, keys: KeyTable) -> [Entry] {
        guard let level = app.detail.current else { return [] }
        let fixedKeys = fixedKeys(keys)
        var taken = Set(level.screen.sections.compactMap { fixedKeys[$0.id] })
        var entries: [Entry] = []
        for section in level.screen.sections {
            if let key = fixedKeys[section.id] {
                entries.append(Entry(key: key, id: section.id, title: section.title))
                continue
            }
            let letters = section.title.lowercased().filter { $0.isLetter && $0.isASCII }
            let candidates = (Array(letters) + Array("123456789")).map { Key.char($0) }
            guard let key = candidates.first(where: { !taken.contains($0) }) else { continue }
            taken.insert(key)
            entries.append(Entry(key: key, id: section.id, title: section.title))
        }
        return entries
    }

    /// The section a key jumps to while the menu is open: the one the key table binds it to
    /// when that section is shown, else the shown entry with that key; nil closes the menu.
    public static func target(of key: Key, command: UICommand?, entries: [Entry]) -> String? {
        if case .menuSection(let kind)? = command, entries.contains(where: { $0.id == kind }) { return kind }
        return entries.first { $0.key == key }?.id
    }
}
