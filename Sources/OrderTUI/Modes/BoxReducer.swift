import OrderViewModel
import TerminalCore

/// The box mode: help, a value or problems box, or a copy by hand over the panes. The
/// movement bindings scroll it (so a remapped `move_down` scrolls too); back, open, help and
/// quit close it.
extension UIController {
    func handleBox(_ command: UICommand?, key: Key, state: inout UIState, overlay: Rect) -> [Action] {
        let scroll = state.popup?.scroll ?? state.helpScroll
        let maxScroll =
            state.popup.map { PopupOverlay.maxScroll($0, in: overlay) }
            ?? HelpOverlay.maxScroll(keys, in: overlay)
        if let target = Self.boxScroll(command, key: key, from: scroll, max: maxScroll) {
            if state.popup != nil { state.popup?.scroll = target } else { state.helpScroll = target }
            return []
        }
        switch command {
        case .app(.back)?, .app(.drillIn)?, .app(.quit)?, .toggleHelp?:
            if state.popup != nil { state.popup = nil } else { state.showHelp = false }
        default:
            break
        }
        return []
    }

    /// How many lines a page of a box is.
    static let boxPage = 10

    /// The top line of a scrolling box after a command (or the mouse wheel), or nil when it
    /// does not scroll. Clamped to what the screen shows, so after scrolling past the end one
    /// `k` moves the view at once.
    static func boxScroll(_ command: UICommand?, key: Key, from scroll: Int, max maxScroll: Int) -> Int? {
        let target: Int
        switch command {
        case .app(.moveDown)?: target = scroll + 1
        case .app(.moveUp)?: target = scroll - 1
        case .app(.pageDown)?: target = scroll + boxPage
        case .app(.pageUp)?: target = scroll - boxPage
        case .app(.moveToTop)?: target = 0
        case .app(.moveToBottom)?: target = maxScroll
        default:
            guard case .mouse(let event) = key else { return nil }
            switch event.kind {
            case .wheelDown: target = scroll + 3
            case .wheelUp: target = scroll - 3
            default: return nil
            }
        }
        return min(max(0, target), maxScroll)
    }
}
