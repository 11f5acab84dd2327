import TerminalCore

/// The `?` help screen, generated from the key table so it always matches what keys do.
enum HelpOverlay {
    /// The help text, one entry per screen line. With a `width`, a description too wide for
    /// it continues on the next lines under its own column, so nothing is cut off.
    static func lines(_ keys: KeyTable, width: Int? = nil) -> [(text: String, heading: Bool)] {
        var lines: [(String, Bool)] = []
        func add(lead: String, text: String) {
            guard let width else {
                lines.append((lead + text, false))
                return
            }
            var lead = lead
            // Too narrow for a description column: the keys get a line of their own and the
            // description goes under them, a little indented.
            if width - lead.displayWidth < 20 && !lead.allSatisfy({ $0 == " " }) {
                lines.append((String(lead.reversed().drop { $0 == " " }.reversed()), false))
                lead = "    "
            }
            let indent = String(repeating: " ", count: lead.displayWidth)
            for (index, part) in WordWrap.lines(text, width: max(1, width - lead.displayWidth)).enumerated() {
                lines.append(((index == 0 ? lead : indent) + part, false))
            }
        }
        func heading(_ text: String) {
            for part in width.map({ WordWrap.lines(text, width: $0) }) ?? [text] {
                lines.append((part, true))
            }
        }
        for section in keys.helpSections() {
            heading(section.title)
            for line in section.lines {
                add(lead: "  " + line.keys.padded(toWidth: 22) + " ", text: line.help)
            }
            lines.append(("", false))
        }
        // The raw view gives some keys another meaning; named from the table, so remapped keys
        // show here too.
        let names = { (commands: [UICommand]) in
            commands.compactMap { command in
                keys.bindings.first { $0.command == command }?.keys.map(\.name).joined(separator: " ")
            }.joined(separator: " / ")
        }
        heading("Raw JSON view: what other keys do there")
        for (keyText, help) in [
            (
                names([.app(.toggleSection), .app(.drillIn)]),
                "Fold or unfold the object or array at the cursor"
            ),
            (
                names([.openSearchPrompt, .app(.searchNext), .app(.searchPrevious)]),
                "Find text in the JSON, next, previous"
            ),
        ] {
            add(lead: "  " + keyText.padded(toWidth: 22) + " ", text: help)
        }
        lines.append(("", false))
        heading("Filter terms")
        for text in [
            "status:open  payment:refunded  currency:SEK  store:SL02  has:attachments  anomaly",
            "anomaly:overCaptured  type:travel  customer:company  product:vipps  reservation:train",
            "amount>1000 (major units)  created>=2023-11-01  -term negates  \"two words\"",
            "other words match order number, id, customer, email, phone, card, booking id",
        ] {
            add(lead: "  ", text: text)
        }
        return lines
    }

    /// The help box inside the overlay area, and the columns its text may use.
    private static func box(in rect: Rect) -> (box: Rect, textWidth: Int) {
        let width = min(rect.width, 96)
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y, width: width, height: rect.height)
        return (box, max(1, width - 3))
    }

    /// The furthest the help can scroll in `rect` (its last line at the bottom of the box).
    static func maxScroll(_ keys: KeyTable, in rect: Rect) -> Int {
        let (box, textWidth) = box(in: rect)
        return max(0, lines(keys, width: textWidth).count - max(0, box.height - 2))
    }

    static func draw(_ keys: KeyTable, scroll: Int, in rect: Rect, theme: Theme, grid: inout Grid) {
        let (box, textWidth) = box(in: rect)
        grid.fill(rect, style: theme.text)
        grid.box(box, title: "Help · ? or Esc closes", style: theme.focusedBorder, glyphs: theme.glyphs)
        let inner = box.inset(by: 1)
        guard inner.height > 0 else { return }
        let all = lines(keys, width: textWidth)
        let start = min(max(0, scroll), max(0, all.count - inner.height))
        for offset in 0..<inner.height {
            let index = start + offset
            guard all.indices.contains(index) else { break }
            let line = all[index]
            grid.put(
                line.text, x: inner.x + 1, y: inner.y + offset,
                style: line.heading ? theme.heading : theme.text,
                maxWidth: inner.width - 1)
        }
        PopupOverlay.drawScrollPosition(
            first: start, visible: inner.height, total: all.count, on: box,
            style: theme.focusedBorder, grid: &grid)
    }
}
