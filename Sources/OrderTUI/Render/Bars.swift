import OrderModel
import OrderSources
import OrderViewModel
import TerminalCore

/// The title bar (source, TEST/LIVE badge, breadcrumbs), the status bar (counts, loading,
/// sort, filter, last message) and the hint bar (the keys of the focused pane, from the key
/// table), or the prompt while one is open.
enum Bars {
    static func drawTitle(_ state: UIState, in rect: Rect, theme: Theme, grid: inout Grid) {
        guard rect.height > 0 else { return }
        grid.fill(rect, style: theme.titleBar)
        let right = rect.x + rect.width
        var x = grid.put(" OrderScope ", x: rect.x, y: rect.y, style: theme.titleBar, maxWidth: rect.width)
        if case .api = state.app.origin {
            // The environment is always shown, as text, never by colour alone.
            let live = state.app.origin.isLiveAccount
            x = grid.put(live ? " LIVE " : " TEST ", x: x, y: rect.y, style: live ? theme.live : theme.test,
                         maxWidth: right - x)
        }
        grid.put(" " + state.sourceLabel, x: x, y: rect.y, style: theme.titleBar, maxWidth: right - x)
    }

    static func drawStatus(_ state: UIState, in rect: Rect, theme: Theme, grid: inout Grid) {
        guard rect.height > 0 else { return }
        grid.fill(rect, style: theme.statusBar)
        let app = state.app
        var left = " " + ListPane.countText(app.list)
        if let sort = app.list.sort { left += " · sort " + sort.label }
        if !app.list.query.isEmpty { left += " · filter " + app.list.query.source }
        if case .loading = app.detail.load { left += " · loading order…" }
        if let index = app.indexing {
            left += " · indexing \(index.percent)% (\(grouped(index.orders)) orders)"
        }
        if app.list.rebuildPending { left += app.list.query.isEmpty ? " · sorting…" : " · filtering…" }
        if let check = app.anomalyCheck { left += " · checking \(check.checked)/\(check.total)" }
        var x = grid.put(left, x: rect.x, y: rect.y, style: theme.statusBar, maxWidth: rect.width)
        // Before the message, which shows only the latest problem and may be cut off.
        if !app.loadProblems.isEmpty {
            let count = app.loadProblems.count
            let badge = "  ! \(count) load problem\(count == 1 ? "" : "s") (P)"
            x = grid.put(badge, x: x, y: rect.y, style: theme.warning, maxWidth: rect.x + rect.width - x)
        }
        if let message = app.status {
            let style: Style
            switch message {
            case .info: style = theme.statusBar
            case .warning: style = theme.warning
            case .error: style = theme.bad
            }
            let mark: String
            switch message {
            case .info: mark = ""
            case .warning: mark = "! "
            case .error: mark = "✗ "
            }
            x = grid.put("  " + mark + message.text, x: x, y: rect.y, style: style, maxWidth: rect.x + rect.width - x)
        }
    }

    /// 41230 → "41,230": big counts read at a glance in the status bar.
    static func grouped(_ value: Int) -> String { MoneyFormatter.groupedInteger(value, separator: ",") }

    static func drawHints(_ state: UIState, keys: KeyTable, in rect: Rect, theme: Theme, grid: inout Grid) {
        guard rect.height > 0 else { return }
        grid.fill(rect, style: .plain)
        if let prompt = state.prompt {
            let text = prompt.kind.lead + prompt.text
            let end = grid.put(text, x: rect.x, y: rect.y, style: theme.text, maxWidth: rect.width - 1)
            grid.put("▏", x: end, y: rect.y, style: theme.hintKey, maxWidth: 1)
            return
        }
        var x = rect.x + 1
        for hint in fittingHints(keys.hints(focus: state.app.focus), width: rect.width - 1) {
            guard x < rect.x + rect.width else { break }
            x = grid.put(hint.keys, x: x, y: rect.y, style: theme.hintKey, maxWidth: rect.x + rect.width - x)
            x = grid.put(" " + hint.hint + "  ", x: x, y: rect.y, style: theme.muted, maxWidth: rect.x + rect.width - x)
        }
    }

    /// The hints that fit whole in `width` columns, in table order. The focused pane's own
    /// hints and the ways to help and out (`?`, `q`, last in the table) are kept first; the
    /// other global ones fill the room left, so a narrow bar never ends in a cut-off "q".
    static func fittingHints(_ hints: [KeyHint], width: Int) -> [KeyHint] {
        let isKept = { (hint: KeyHint) in hint.forPane || hint.command == .toggleHelp || hint.command == .app(.quit) }
        // A hint's width with the two spaces after it, which the bar's edge may swallow for the last.
        let widths = hints.map { $0.keys.displayWidth + 1 + $0.hint.displayWidth + 2 }
        let room = width + 2
        var reserved = zip(hints, widths).reduce(0) { $0 + (isKept($1.0) ? $1.1 : 0) }
        var used = 0
        var kept: [KeyHint] = []
        for (hint, hintWidth) in zip(hints, widths) {
            if isKept(hint) {
                reserved -= hintWidth
                guard used + hintWidth <= room else { continue }
            } else if used + hintWidth + reserved > room {
                continue
            }
            kept.append(hint)
            used += hintWidth
        }
        return kept
    }
}
