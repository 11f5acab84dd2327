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
            x = grid.put(
                live ? " LIVE " : " TEST ", x: x, y: rect.y, style: live ? theme.live : theme.test,
                maxWidth: right - x)
        }
        // Many file names can be longer than the bar: cut with "…" so it is seen to go on.
        grid.put(
            TextFit.sanitizedLine(" " + state.sourceLabel, toWidth: max(0, right - x)), x: x, y: rect.y,
            style: theme.titleBar, maxWidth: right - x)
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
        if let every = app.follow.every {
            left += " · following every \(every) s, \(app.follow.newIDs.count) new"
            if !app.follow.changedIDs.isEmpty { left += ", \(app.follow.changedIDs.count) changed" }
        }
        // Sanitized here, so widths below are what is drawn (a filter or a file name in a message
        // is untrusted text), and only as much as the bar can hold (a pasted megabyte is not
        // escaped every frame).
        let width = rect.width
        left = TextFit.sanitizedLine(left, toWidth: width)
        var badge = ""
        if !app.loadProblems.isEmpty {
            let count = app.loadProblems.count
            badge = "  ! \(count) load problem\(count == 1 ? "" : "s") (P)"
        }
        var message = ""
        var messageStyle = theme.statusBar
        if let status = app.status {
            let text = TextFit.sanitizedLine(status.text, toWidth: width)
            switch status {
            case .info: message = "  " + text
            case .warning:
                message = "  ! " + text
                messageStyle = theme.warning
            case .error:
                message = "  ✗ " + text
                messageStyle = theme.bad
            }
        }
        // Too wide: the message (what just happened) keeps at least half the bar ahead of the
        // tail of a long filter, and whatever is cut ends in "…".
        if left.displayWidth + badge.displayWidth + message.displayWidth > width {
            let messageRoom = min(
                message.displayWidth, max(width / 2, width - left.displayWidth - badge.displayWidth))
            left = TextFit.truncate(left, toWidth: max(0, width - badge.displayWidth - messageRoom))
            badge = TextFit.truncate(badge, toWidth: max(0, width - left.displayWidth))
            message = TextFit.truncate(
                message, toWidth: max(0, width - left.displayWidth - badge.displayWidth))
        }
        var x = grid.put(left, x: rect.x, y: rect.y, style: theme.statusBar, maxWidth: width)
        x = grid.put(badge, x: x, y: rect.y, style: theme.warning, maxWidth: rect.x + width - x)
        grid.put(message, x: x, y: rect.y, style: messageStyle, maxWidth: rect.x + width - x)
    }

    /// 41230 → "41,230": big counts read at a glance in the status bar.
    static func grouped(_ value: Int) -> String { MoneyFormatter.groupedInteger(value, separator: ",") }

    static func drawHints(_ state: UIState, keys: KeyTable, in rect: Rect, theme: Theme, grid: inout Grid) {
        guard rect.height > 0 else { return }
        grid.fill(rect, style: .plain)
        if let prompt = state.prompt {
            // Longer than the line: its end, where the cursor is, stays in view ("…" before it).
            let text = TextFit.truncate(
                Sanitizer.sanitize(prompt.kind.lead + prompt.text), toWidth: rect.width - 1,
                position: .start)
            let end = grid.put(text, x: rect.x, y: rect.y, style: theme.text, maxWidth: rect.width - 1)
            grid.put("▏", x: end, y: rect.y, style: theme.hintKey, maxWidth: 1)
            return
        }
        var x = rect.x + 1
        for hint in fittingHints(keys.hints(in: KeyContext(state)), width: rect.width - 1) {
            guard x < rect.x + rect.width else { break }
            x = grid.put(hint.keys, x: x, y: rect.y, style: theme.hintKey, maxWidth: rect.x + rect.width - x)
            x = grid.put(
                " " + hint.hint + "  ", x: x, y: rect.y, style: theme.muted, maxWidth: rect.x + rect.width - x
            )
        }
    }

    /// The hints that fit whole in `width` columns, in table order. The focused pane's own
    /// hints and the ways to help and out (`?`, `q`, last in the table) are kept first; the
    /// other global ones fill the room left, so a narrow bar never ends in a cut-off "q".
    static func fittingHints(_ hints: [KeyHint], width: Int) -> [KeyHint] {
        let isKept = { (hint: KeyHint) in
            hint.forPane || hint.command == .toggleHelp || hint.command == .app(.quit)
        }
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
