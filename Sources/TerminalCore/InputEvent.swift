/// Something the user did, as the app loop sees it: a key, a mouse action, a resize or pasted
/// text.
///
/// `TerminalIO.readKey` returns `Key`s (which also carry mouse and resize reports, as curses
/// does); `InputEvent(_:)` sorts them into cases so the loop can `switch` on what matters.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(Size)
    /// Text pasted in one go (bracketed paste), for backends that can tell it from typing.
    case paste(String)

    /// Lifts mouse and resize reports out of `Key`.
    public init(_ key: Key) {
        switch key {
        case .mouse(let event): self = .mouse(event)
        case .resize(let size): self = .resize(size)
        default: self = .key(key)
        }
    }
}
