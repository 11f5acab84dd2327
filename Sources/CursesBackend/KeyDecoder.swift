import CNcurses
import TerminalCore

/// Turns what `wget_wch` returns into `Key`s.
///
/// Kept apart from `CursesTerminal` so the mapping can be tested without a terminal. With
/// `cbreak` and `nonl`, Enter arrives as CR (13); Ctrl-C and Ctrl-Z never arrive because the
/// tty turns them into signals (see `CursesTerminal`).
public enum KeyDecoder {
    /// Decodes a character returned with `OK`: a control code or a printable character.
    public static func decodeCharacter(_ code: UInt32) -> Key {
        switch code {
        case 0: return .ctrl(" ")  // Ctrl-Space / Ctrl-@
        case 8, 127: return .backspace
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 1...26:
            guard let scalar = Unicode.Scalar(code + 96) else { return .unknown(Int32(code)) }
            return .ctrl(Character(scalar))
        case 28: return .ctrl("\\")
        case 29: return .ctrl("]")
        case 30: return .ctrl("^")
        case 31: return .ctrl("_")
        case 0x80...0x9F: return .unknown(Int32(code))  // C1 controls are never text
        default:
            guard let scalar = Unicode.Scalar(code) else { return .unknown(Int32(bitPattern: code)) }
            return .char(Character(scalar))
        }
    }

    /// Decodes a function-key code returned with `KEY_CODE_YES`. `KEY_RESIZE` and `KEY_MOUSE`
    /// need the terminal, so they are passed in as closures.
    public static func decodeKeyCode(
        _ code: Int32, size: () -> Size, mouse: () -> MouseEvent?
    ) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_IC: return .insert
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize(size())
        case KEY_MOUSE: return mouse().map(Key.mouse) ?? .unknown(code)
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return .unknown(code)
        }
    }

    /// Decodes a curses mouse report (`MEVENT.bstate`) at a cell, or `nil` for reports the app
    /// does not use (motion, double clicks).
    public static func mouseEvent(x: Int, y: Int, state rawState: UInt64) -> MouseEvent? {
        let state = mmask_t(truncatingIfNeeded: rawState)
        if cn_mouse_pressed(state, 4) != 0 { return MouseEvent(x: x, y: y, kind: .wheelUp, button: 4) }
        if cn_mouse_pressed(state, 5) != 0 { return MouseEvent(x: x, y: y, kind: .wheelDown, button: 5) }
        for button in 1...3 {
            if cn_mouse_pressed(state, Int32(button)) != 0 || cn_mouse_clicked(state, Int32(button)) != 0 {
                return MouseEvent(x: x, y: y, kind: .press, button: button)
            }
            if cn_mouse_released(state, Int32(button)) != 0 {
                return MouseEvent(x: x, y: y, kind: .release, button: button)
            }
        }
        return nil
    }
}
