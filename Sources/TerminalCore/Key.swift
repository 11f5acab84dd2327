/// One decoded keypress (or a mouse or resize report) from the terminal.
///
/// Backends decode raw input into `Key`s; the key table in the UI maps them to commands. Every
/// key has a stable human `name` (`j`, `Ctrl-L`, `PgDn`, `Shift-Tab`) for the help screen and
/// hint bar, and `Key(name:)` parses those names back, for key overrides in a config file.
public enum Key: Hashable, Sendable {
    /// A printable character, including non-ASCII (`æ`, `日`) and upper case (`J`).
    case char(Character)
    /// A control chord. Letters are lower case (`.ctrl("l")` is Ctrl-L); also `" "` (Ctrl-Space,
    /// NUL) and `\`, `]`, `^`, `_`.
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case insert, delete
    case enter, tab, backTab, backspace, escape
    /// F1…F63.
    case function(Int)
    case mouse(MouseEvent)
    /// The terminal changed size; the payload is the new size.
    case resize(Size)
    /// A key code the backend could not decode.
    case unknown(Int32)

    /// The printable character of a `.char` key (for text entry), else `nil`.
    public var character: Character? {
        if case .char(let character) = self { return character }
        return nil
    }

    /// Ctrl plus `character`, normalised to lower case as the backend reports it.
    public static func control(_ character: Character) -> Key {
        .ctrl(Character(character.lowercased()))
    }
}

// MARK: - Names

extension Key: CustomStringConvertible {
    public var description: String { name }

    /// A short, stable name: `j`, `J`, `Space`, `Ctrl-L`, `Up`, `PgDn`, `Home`, `Enter`, `Tab`,
    /// `Shift-Tab`, `Backspace`, `Del`, `Ins`, `Esc`, `F5`. Mouse, resize and unknown keys get
    /// descriptive names that `Key(name:)` does not parse (except `Key-<code>`).
    public var name: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let character): return Sanitizer.sanitize(String(character))
        case .ctrl(" "): return "Ctrl-Space"
        case .ctrl(let character): return "Ctrl-" + Sanitizer.sanitize(character.uppercased())
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .insert: return "Ins"
        case .delete: return "Del"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .escape: return "Esc"
        case .function(let number): return "F\(number)"
        case .mouse(let event): return "Mouse-\(event.kind.rawValue)-\(event.button)@\(event.x),\(event.y)"
        case .resize(let size): return "Resize-\(size)"
        case .unknown(let code): return "Key-\(code)"
        }
    }

    /// Parses a key name as written in a config file. Accepts the names `name` produces and
    /// common aliases, case-insensitively for named keys: `Ctrl-x`, `Ctrl+x`, `C-x`, `^X`;
    /// `PageDown`, `PgDn`; `Return`; `Escape`; `BackTab`, `S-Tab`; `Delete`; `Insert`; `BS`;
    /// `F1`…`F63`; `Space`; `Key-<code>`. A single character stands for itself and is
    /// case-sensitive (`J` is Shift-j). Returns `nil` for anything else.
    public init?(name rawName: String) {
        let name = rawName.trimmingSpaces()
        guard !name.isEmpty else { return nil }
        if name.count == 1, let character = name.first {
            self = .char(character)
            return
        }
        let lower = name.lowercased()
        if let named = Key.namedKeys[lower] {
            self = named
            return
        }
        for prefix in ["ctrl-", "ctrl+", "control-", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = String(name.dropFirst(prefix.count))
            if rest.lowercased() == "space" {
                self = .ctrl(" ")
                return
            }
            guard rest.count == 1, let character = rest.first else { return nil }
            let lowered = Character(character.lowercased())
            guard lowered.isASCII, lowered.isLetter || "@[\\]^_ ".contains(lowered) else { return nil }
            self = .ctrl(lowered == "@" ? " " : lowered)
            return
        }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...63).contains(number) {
            self = .function(number)
            return
        }
        if lower.hasPrefix("key-"), let code = Int32(lower.dropFirst(4)) {
            self = .unknown(code)
            return
        }
        return nil
    }

    private static let namedKeys: [String: Key] = [
        "space": .char(" "), "spc": .char(" "),
        "up": .up, "down": .down, "left": .left, "right": .right,
        "pgup": .pageUp, "pageup": .pageUp, "page-up": .pageUp, "prior": .pageUp,
        "pgdn": .pageDown, "pagedown": .pageDown, "page-down": .pageDown, "next": .pageDown,
        "home": .home, "end": .end,
        "ins": .insert, "insert": .insert,
        "del": .delete, "delete": .delete,
        "enter": .enter, "return": .enter, "ret": .enter, "cr": .enter,
        "tab": .tab,
        "shift-tab": .backTab, "shift+tab": .backTab, "s-tab": .backTab, "backtab": .backTab,
        "btab": .backTab,
        "backspace": .backspace, "bs": .backspace, "bksp": .backspace,
        "esc": .escape, "escape": .escape,
    ]
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
