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
}

extension AppCommand: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(String(describing: self))
    }
}
