import OrderViewModel
import TerminalCore

/// Renders the whole screen as a pure function of the UI state and the terminal size: same
/// state and size, same grid. Snapshot tests call it directly.
public enum ScreenRenderer {
    public static func render(
        _ state: UIState, size: Size, theme: Theme = .standard, keys: KeyTable = .standard
    )
        -> Grid
    {
        var grid = Grid(size: Size(width: max(0, size.width), height: max(0, size.height)))
        let layout = ScreenLayout.compute(size: size, state: state)
        if layout.mode == .tooSmall {
            let message =
                "terminal too small: \(size.width)×\(size.height), need \(ScreenLayout.minimumSize.width)×\(ScreenLayout.minimumSize.height)"
            // Word-wrapped so it stays readable in a sliver of a terminal.
            let lines = WordWrap.lines(message, width: max(1, grid.width))
            for (y, line) in lines.enumerated() where y < grid.height {
                grid.put(line, x: 0, y: y, style: theme.text, maxWidth: grid.width)
            }
            return grid
        }
        Bars.drawTitle(state, in: layout.titleBar, theme: theme, grid: &grid)
        if state.app.summary.isActive {
            // The summary view (F, :group) takes the whole body.
            SummaryPane.draw(state.app, in: layout.overlay, theme: theme, grid: &grid)
        } else {
            if let rect = layout.list {
                ListPane.draw(
                    state.app, in: rect, focused: state.app.focus == .list, theme: theme, grid: &grid)
            }
            if let rect = layout.detail {
                DetailPane.draw(
                    state.app, in: rect, focused: state.app.focus == .detail, theme: theme, grid: &grid)
            }
            if let rect = layout.timeline {
                TimelinePane.draw(
                    state.app, in: rect, focused: state.app.focus == .timeline, theme: theme, grid: &grid)
            }
        }
        let overlay = layout.overlay
        if state.showHelp {
            HelpOverlay.draw(keys, scroll: state.helpScroll, in: overlay, theme: theme, grid: &grid)
        }
        if let popup = state.popup {
            PopupOverlay.drawPopup(popup, in: overlay, theme: theme, grid: &grid)
        } else if state.copyMenu {
            PopupOverlay.drawCopyMenu(in: overlay, keys: keys, theme: theme, grid: &grid)
        } else if state.sectionMenu {
            PopupOverlay.drawSectionMenu(
                SectionMenu.entries(state.app, keys: keys), in: overlay, theme: theme, grid: &grid)
        }
        Bars.drawStatus(state, in: layout.statusBar, theme: theme, grid: &grid)
        Bars.drawHints(state, keys: keys, in: layout.hintBar, theme: theme, grid: &grid)
        return grid
    }
}
