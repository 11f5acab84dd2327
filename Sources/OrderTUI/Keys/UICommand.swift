import OrderViewModel

/// Everything a key can do: the view-model's commands plus what only the terminal UI knows
/// about (prompts, help, redraw, suspend).
public enum UICommand: Sendable, Equatable, Hashable {
    case app(AppCommand)
    case openFilterPrompt
    case openSearchPrompt
    case openCommandLine
    case toggleHelp
    case redraw
    case suspend
    case toggleMouse
    /// Puts a text on the terminal's clipboard (OSC 52), or shows it when it cannot.
    case copy(CopyTarget)
    /// The menu of things to copy (number, id, JSON of the node, ticket summary, jq path).
    case openCopyMenu
    /// Every problem met while loading (bad lines, a file that ends early), in a box.
    case showLoadProblems
    /// The focused pane fills the screen, or gives the room back.
    case toggleZoom
    /// Moves the border between the list and the other panes (negative: the list shrinks).
    case moveSplit(Int)
    /// The status messages of the session, with their times.
    case showMessages
    /// The menu of the detail screen's sections, each a letter away (`o`).
    case openSectionMenu
    /// A choice in the copy menu.
    case menuCopy(CopyTarget)
    /// A choice in the section menu: the kind of section it jumps to (`items`, `payments` ...).
    case menuSection(String)
    // Editing a prompt (filter, search, command line); other keys are typed.
    case submitPrompt
    case cancelPrompt
    case deleteBackward
    case deleteWord
    case clearPrompt
}

extension AppCommand: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(String(describing: self))
    }
}
