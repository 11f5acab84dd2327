import OrderViewModel
import TerminalCore

/// Boxes drawn over the panes: the copy menu, and a text the clipboard could not take (shown so
/// it can be selected by hand).
enum PopupOverlay {
    /// The copy menu's entries from the key table's `copy_menu` bindings, in table order.
    static func copyMenuEntries(_ keys: KeyTable) -> [(key: String, title: String)] {
        keys.bindings.compactMap { binding in
            guard binding.contexts.contains(.copyMenu), case .menuCopy(let target) = binding.command,
                let key = binding.keys.first
            else { return nil }
            return (key.name, target.title)
        }
    }

    static func drawCopyMenu(in rect: Rect, keys: KeyTable, theme: Theme, grid: inout Grid) {
        drawMenu(copyMenuEntries(keys), title: "Copy · Esc closes", in: rect, theme: theme, grid: &grid)
    }

    /// The section menu: a letter and a title per section of the detail screen.
    static func drawSectionMenu(_ entries: [SectionMenu.Entry], in rect: Rect, theme: Theme, grid: inout Grid)
    {
        drawMenu(
            entries.map { ($0.key.name, $0.title) }, title: "Jump to · Esc closes", in: rect, theme: theme,
            grid: &grid)
    }

    /// A small centred box of `key  title` lines, the keys in the hint style.
    private static func drawMenu(
        _ entries: [(key: String, title: String)], title: String, in rect: Rect, theme: Theme,
        grid: inout Grid
    ) {
        let keyWidth = entries.map { DisplayWidth.of($0.key) }.max() ?? 1
        let width = min(rect.width, 44)
        let height = min(rect.height, entries.count + 2)
        let box = Rect(
            x: rect.x + (rect.width - width) / 2, y: rect.y + max(0, (rect.height - height) / 2),
            width: width, height: height)
        grid.fill(box, style: theme.text)
        grid.box(box, title: title, style: theme.focusedBorder, glyphs: theme.glyphs)
        let inner = box.inset(by: 1)
        for (offset, entry) in entries.enumerated() where offset < inner.height {
            let line = "  " + TextFit.pad(entry.key, toWidth: keyWidth) + "  " + entry.title
            grid.put(line, x: inner.x, y: inner.y + offset, style: theme.text, maxWidth: inner.width)
            grid.put(entry.key, x: inner.x + 2, y: inner.y + offset, style: theme.hintKey, maxWidth: keyWidth)
        }
    }

    static func drawPopup(_ popup: UIState.Popup, in rect: Rect, theme: Theme, grid: inout Grid) {
        guard rect.width > 2, rect.height > 2 else { return }
        grid.fill(rect, style: theme.text)
        grid.box(rect, title: popup.title + " · Esc closes", style: theme.warning, glyphs: theme.glyphs)
        let inner = rect.inset(by: 1)
        let lines = screenLines(popup, in: rect)
        // From the lines just made: wrapping them again for `maxScroll` would double each frame's work.
        let start = min(max(0, popup.scroll), max(0, lines.count - inner.height))
        for offset in 0..<inner.height {
            let index = start + offset
            guard lines.indices.contains(index) else { break }
            // Lines were cleaned when copied; `put` sanitizes again, as for all drawn text, and
            // only the part that fits (a copied 1 MB value is not escaped whole every frame).
            grid.put(
                lines[index], x: inner.x + 1, y: inner.y + offset, style: theme.text,
                maxWidth: inner.width - 1)
        }
        drawScrollPosition(
            first: start, visible: inner.height, total: lines.count, on: rect, style: theme.warning,
            grid: &grid)
    }

    /// The popup's text as drawn in `rect`: its lines, or for a wrapping popup each line
    /// broken at spaces to the box's width, continuations indented under its first word.
    static func screenLines(_ popup: UIState.Popup, in rect: Rect) -> [String] {
        guard popup.wraps else { return popup.lines }
        let width = max(1, rect.width - 3)
        return popup.lines.flatMap { raw in
            // Sanitized before it is measured: escapes widen text.
            WordWrap.lines(Sanitizer.sanitize(raw), width: width, continuationIndent: 2)
        }
    }

    /// The furthest the popup can scroll in `rect` (its last line at the bottom of the box).
    static func maxScroll(_ popup: UIState.Popup, in rect: Rect) -> Int {
        max(0, screenLines(popup, in: rect).count - max(0, rect.height - 2))
    }

    /// `6–30/44 j/k` on the bottom border of a box whose text does not all fit, so it is known
    /// to scroll and how far.
    static func drawScrollPosition(
        first: Int, visible: Int, total: Int, on box: Rect, style: Style, grid: inout Grid
    ) {
        guard total > visible, visible > 0 else { return }
        let position = "\(first + 1)–\(min(total, first + visible))/\(total) j/k"
        grid.put(
            " " + position + " ", x: box.maxX - position.displayWidth - 4, y: box.maxY - 1, style: style,
            maxWidth: position.displayWidth + 2)
    }
}
