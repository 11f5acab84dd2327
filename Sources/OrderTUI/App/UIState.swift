import OrderViewModel
import TerminalCore

/// The state of the terminal UI: the app state plus what only the screen has (a prompt being
/// typed, the help overlay, mouse reporting). Renderers draw it; `UIController` changes it.
public struct UIState: Sendable, Equatable {
    public var app: AppState
    public var prompt: Prompt?
    public var showHelp = false
    public var helpScroll = 0
    public var mouseEnabled = true
    /// Shown in the title bar when set (e.g. "demo data").
    public var sourceLabel: String
    /// The copy menu is open.
    public var copyMenu = false
    /// The section menu is open (`o`: a letter jumps to a section of the detail).
    public var sectionMenu = false
    /// A text shown over the panes until Esc (a copy the clipboard could not take).
    public var popup: Popup?

    public init(app: AppState, sourceLabel: String) {
        self.app = app
        self.sourceLabel = sourceLabel
    }

    /// A line of text being typed at the bottom of the screen.
    public struct Prompt: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case filter, search, command

            var lead: String {
                switch self {
                case .filter: return "/"
                case .search: return "find: "
                case .command: return ":"
                }
            }
        }

        public var kind: Kind
        public var text: String
        /// The text when the prompt opened: for the filter, what Esc (or a filter that does not
        /// parse) puts back after the list followed the typing.
        public var original: String

        public init(kind: Kind, text: String = "") {
            self.kind = kind
            self.text = text
            self.original = text
        }
    }

    /// A text shown in a box over the panes: what a copy could not put on the clipboard, so the
    /// operator can select it with the mouse instead.
    public struct Popup: Sendable, Equatable {
        public var title: String
        public var lines: [String]
        public var scroll = 0
        /// Long lines continue on the next screen lines (messages) instead of being cut at the
        /// border (text to select by hand, where a break would end up in the copy).
        public var wraps: Bool

        public init(title: String, text: String, wraps: Bool = false) {
            self.title = title
            self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            self.wraps = wraps
        }
    }
}
