import OrderViewModel
import TerminalCore

/// Where a mouse event lands on the screen and what it asks of that pane. Pure: the layout and
/// the event in, a value out, so hit-testing is tested without a terminal; `UIController`
/// focuses the pane and sends `command(in:)` to the app.
public struct MouseHit: Sendable, Equatable {
    /// What the event asks of the pane it landed on.
    public enum Kind: Sendable, Equatable {
        /// Only focus the pane (a release, or a press on its title or column header).
        case focus
        /// Scroll the pane by this many rows (the wheel: 3 a notch).
        case scroll(Int)
        /// Select the row shown on this line of the pane's content (0 = the first row shown).
        case row(Int)
    }

    public var pane: Pane
    public var kind: Kind

    public init(pane: Pane, kind: Kind) {
        self.pane = pane
        self.kind = kind
    }

    /// The pane under the event and what the event asks of it; nil outside every pane (title,
    /// status and hint bars, borders between panes).
    public static func hit(_ event: MouseEvent, layout: ScreenLayout) -> MouseHit? {
        let panes: [(Pane, Rect?)] = [
            (.list, layout.list), (.detail, layout.detail), (.timeline, layout.timeline),
        ]
        guard let (pane, rect) = panes.first(where: { $0.1?.contains(x: event.x, y: event.y) == true }),
            let rect
        else { return nil }
        switch event.kind {
        case .wheelUp:
            return MouseHit(pane: pane, kind: .scroll(-3))
        case .wheelDown:
            return MouseHit(pane: pane, kind: .scroll(3))
        case .press:
            // The list has a title and a column header above its rows; the others a title.
            let contentTop = rect.y + (pane == .list ? 2 : 1)
            let line = event.y - contentTop
            return MouseHit(pane: pane, kind: line >= 0 ? .row(line) : .focus)
        case .release:
            return MouseHit(pane: pane, kind: .focus)
        }
    }

    /// The app command that carries the hit out once the pane has focus (the row under a press is
    /// counted from the pane's scroll position then); nil when focusing is all.
    public func command(in app: AppState) -> AppCommand? {
        switch kind {
        case .focus:
            return nil
        case .scroll(let rows):
            return .scroll(rows)
        case .row(let line):
            let first: Int
            switch pane {
            case .list: first = app.list.scrollOffset
            case .detail: first = app.detail.current?.scroll ?? 0
            case .timeline: first = app.timeline.scroll
            }
            return .selectRow(first + line)
        }
    }
}
