import OrderModel
import OrderViewModel
import TerminalCore

/// Draws the detail pane: the sections of the current drill-down level with the cursor, or the
/// raw JSON of a node, or the load state of the selected order.
enum DetailPane {
    static func draw(_ state: AppState, in rect: Rect, focused: Bool, theme: Theme, grid: inout Grid) {
        let crumbs = state.breadcrumbs.dropFirst()
        var title = crumbs.isEmpty ? "Detail" : crumbs.joined(separator: " › ")
        // Whoever shares the screen can see that personal data is masked (and that it is not).
        if state.redaction.isOn { title += " · REDACTED" }
        grid.box(
            rect, title: title, style: focused ? theme.focusedBorder : theme.border, glyphs: theme.glyphs)
        let inner = rect.inset(by: 1)
        guard inner.width > 0, inner.height > 0 else { return }

        switch state.detail.load {
        case .none:
            grid.put(
                "no order selected", x: inner.x + 1, y: inner.y, style: theme.muted, maxWidth: inner.width - 1
            )
            return
        case .loading:
            grid.put(
                "loading order…", x: inner.x + 1, y: inner.y, style: theme.muted, maxWidth: inner.width - 1)
            return
        case .failed(let error):
            grid.put(
                "✗ " + error.message, x: inner.x + 1, y: inner.y, style: theme.bad, maxWidth: inner.width - 1)
            grid.put(
                "R retries", x: inner.x + 1, y: inner.y + 1, style: theme.muted, maxWidth: inner.width - 1)
            return
        case .loaded:
            break
        }

        if let path = state.detail.rawPath {
            drawRaw(path: path, state: state, focused: focused, in: inner, theme: theme, grid: &grid)
            return
        }
        guard let level = state.detail.current else { return }
        let lines = level.lines
        // Each section's labels as wide as its widest (an item's description, a discount's
        // name), at least 24 columns so most sections line up, and as wide as the section's
        // values leave room for (at least two fifths of the pane); measured only for the
        // sections on screen. When a value would be cut at 24, the labels give up the columns
        // they do not use (a payout tree's `—` labels left 20 blank columns at 80x24 while its
        // values were cut): a value read whole beats labels lined up with other sections.
        let baseLimit = max(8, inner.width * 2 / 5)
        var labelWidths: [Int: Int] = [:]
        func labelWidth(_ section: Int) -> Int {
            if let known = labelWidths[section] { return known }
            let rows = level.screen.sections[section].rows
            let widestValue =
                rows.map { TextFit.sanitizedLine($0.value, toWidth: inner.width).displayWidth }.max() ?? 0
            let labelLimit = max(baseLimit, min(inner.width - 12, inner.width - 4 - widestValue))
            let widest =
                rows.map { row in
                    1 + 2 * min(row.indent, 30)
                        + TextFit.sanitizedLine(row.label, toWidth: labelLimit).displayWidth
                }.max() ?? 0
            let aligned = max(24, widest + 1)
            let fitted =
                widestValue > inner.width - aligned - 3
                ? max(widest + 1, inner.width - 3 - widestValue) : aligned
            let width = min(labelLimit, min(aligned, fitted))
            labelWidths[section] = width
            return width
        }
        for offset in 0..<inner.height {
            let index = level.scroll + offset
            guard lines.indices.contains(index) else { break }
            let y = inner.y + offset
            let isCursor = index == level.cursor
            switch lines[index] {
            case .header(let sectionIndex):
                let section = level.screen.sections[sectionIndex]
                let collapsed = level.collapsed.contains(section.id)
                // What folding hides, in words: a bare "(3)" read as a second count after titles
                // that carry one ("Items (1) (1)").
                let hidden = section.rows.count == 1 ? " · 1 row" : " · \(section.rows.count) rows"
                let text = (collapsed ? "▸ " : "▾ ") + section.title + (collapsed ? hidden : "")
                let style = isCursor ? (focused ? theme.selection : theme.unfocusedSelection) : theme.heading
                if isCursor { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
                grid.put(text, x: inner.x, y: y, style: style, maxWidth: inner.width)
            case .row(let sectionIndex, let rowIndex):
                let row = level.screen.sections[sectionIndex].rows[rowIndex]
                let labelWidth = labelWidth(sectionIndex)
                let base = theme.style(for: row.tone)
                let style = isCursor ? (focused ? theme.selection : theme.unfocusedSelection) : base
                if isCursor { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
                let indent = String(repeating: "  ", count: min(row.indent, 30))
                let marker = row.target != nil ? "›" : " "
                // Labels can hold order data (link names, addresses): sanitized before they are
                // measured, since escapes widen them.
                let label = TextFit.pad(
                    TextFit.sanitizedLine(" " + indent + row.label, toWidth: labelWidth),
                    toWidth: labelWidth)
                grid.put(label, x: inner.x, y: y, style: style, maxWidth: labelWidth)
                let valueX = inner.x + labelWidth + 1
                let valueWidth = inner.width - labelWidth - 3
                if valueWidth > 0 {
                    // Values are one line on screen; the raw view shows multi-line text whole.
                    // Only the visible start of a value is sanitized and measured, so a 1 MB value
                    // costs each frame what a short one does.
                    let value = TextFit.sanitizedLine(row.value, toWidth: valueWidth)
                    grid.put(value, x: valueX, y: y, style: style, maxWidth: valueWidth)
                }
                grid.put(marker, x: inner.x + inner.width - 1, y: y, style: style, maxWidth: 1)
            }
        }
        if lines.count > inner.height {
            let position = "\(level.cursor + 1)/\(lines.count)"
            grid.put(
                " " + position + " ", x: rect.x + rect.width - position.count - 4,
                y: rect.y + rect.height - 1,
                style: theme.border, maxWidth: position.count + 2)
        }
    }

    /// The raw JSON of a node: tokens coloured by kind, folded objects and arrays as one line,
    /// the cursor line, and search matches marked.
    static func drawRaw(
        path: String, state: AppState, focused: Bool, in inner: Rect, theme: Theme, grid: inout Grid
    ) {
        guard let document = state.rawDocument else {
            grid.put("nothing at \(path)", x: inner.x, y: inner.y, style: theme.bad, maxWidth: inner.width)
            return
        }
        let detail = state.detail
        let visible = document.visibleLines(folded: detail.rawFolded)
        var header = path
        if let needle = detail.rawSearch {
            let count = detail.rawMatches.count
            header += " · find \"\(needle)\": \(count) \(count == 1 ? "line" : "lines")"
        }
        grid.put(
            Sanitizer.sanitize(header), x: inner.x, y: inner.y, style: theme.heading, maxWidth: inner.width)
        let needle = detail.rawSearch?.lowercased()
        for offset in 0..<max(0, inner.height - 1) {
            let position = detail.rawScroll + offset
            guard visible.indices.contains(position) else { break }
            let lineIndex = visible[position]
            let line = document.lines[lineIndex]
            let y = inner.y + 1 + offset
            let isCursor = position == detail.rawCursor
            if isCursor {
                grid.fill(
                    Rect(x: inner.x, y: y, width: inner.width, height: 1),
                    style: focused ? theme.selection : theme.unfocusedSelection)
            }
            var tokens = line.tokens
            if detail.rawFolded.contains(lineIndex), let close = line.closeLine {
                let bracket = document.lines[close].tokens.map(\.text).joined()
                tokens.append(RawJSONDocument.Token(text: " … " + bracket, kind: .punctuation))
                tokens.append(
                    RawJSONDocument.Token(
                        text: "  (\(line.memberCount) \(line.tokens.last?.text == "[" ? "items" : "keys"))",
                        kind: .literal))
            }
            var x = inner.x + min(line.depth * 2, max(0, inner.width - 4))
            let right = inner.x + inner.width
            for token in tokens {
                guard x < right else { break }
                var style =
                    isCursor
                    ? (focused ? theme.selection : theme.unfocusedSelection) : theme.style(for: token.kind)
                if let needle, !needle.isEmpty, token.text.lowercased().contains(needle) {
                    style = theme.match
                }
                // Strings were JSON-escaped already; the sanitizer still guards the screen. Only
                // the part of a token that can show is sanitized and measured (a 1 MB string
                // token would otherwise be escaped and measured whole on every frame).
                let text = TextFit.sanitizedPrefix(of: token.text, width: right - x).text
                grid.put(text, x: x, y: y, style: style, maxWidth: right - x)
                x += DisplayWidth.of(text)
            }
        }
        if visible.count > inner.height - 1 {
            let position = "\(detail.rawCursor + 1)/\(visible.count)"
            grid.put(
                " " + position + " ", x: inner.x + inner.width - position.count - 3,
                y: inner.y + inner.height,
                style: theme.border, maxWidth: position.count + 2)
        }
    }
}
