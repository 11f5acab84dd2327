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
    /// The focused pane fills the screen (`z`).
    public var zoomed = false
    /// Where the border between the list and the other panes is moved to (`<` `>`), in
    /// `ScreenLayout` steps from the default.
    public var split = 0
    /// The status messages shown so far, oldest first, at most `messageLimit`: a message is
    /// often replaced before it can be read, so `M` shows them all again.
    public var messages: [LoggedMessage] = []
    public static let messageLimit = 100
    /// The section menu is open (`o`: a letter jumps to a section of the detail).
    public var sectionMenu = false
    /// A text shown over the panes until Esc (a copy the clipboard could not take).
    public var popup: Popup?

    public init(app: AppState, sourceLabel: String) {
        self.app = app
        self.sourceLabel = sourceLabel
    }

    /// Keeps a status message that was just shown, with the time it was shown (`HH:MM:SS`,
    /// local time). The same text twice in a row is kept once.
    public mutating func log(_ message: StatusMessage, at time: String) {
        guard messages.last?.text != message.text else { return }
        messages.append(LoggedMessage(time: time, text: message.text))
        if messages.count > Self.messageLimit { messages.removeFirst(messages.count - Self.messageLimit) }
    }

    /// One status message and when it was shown.
    public struct LoggedMessage: Sendable, Equatable {
        public var time: String
        public var text: String
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
