import TerminalCore

/// The `?` help screen, generated from the key table so it always matches what keys do.
enum HelpOverlay {
    static func lines(_ keys: KeyTable) -> [(text: String, heading: Bool)] {
        var lines: [(String, Bool)] = []
        for section in keys.helpSections() {
            lines.append((section.title, true))
            for line in section.lines {
                lines.append(("  " + line.keys.padded(toWidth: 22) + " " + line.help, false))
            }
            lines.append(("", false))
        }
        lines.append(("Filter terms", true))
        for text in [
            "status:open  payment:refunded  currency:SEK  store:SL02  has:attachments  anomaly",
            "amount>1000 (major units)  created>=2023-11-01  -term negates  \"two words\"",
            "other words match order number, id, customer, email, phone, card, booking id",
        ] {
            lines.append(("  " + text, false))
        }
        return lines
    }

    static func draw(_ keys: KeyTable, scroll: Int, in rect: Rect, theme: Theme, grid: inout Grid) {
        let width = min(rect.width, 96)
        let height = rect.height
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y, width: width, height: height)
        grid.fill(rect, style: theme.text)
        grid.box(box, title: "Help · ? or Esc closes", style: theme.focusedBorder, glyphs: theme.glyphs)
        let inner = box.inset(by: 1)
        guard inner.height > 0 else { return }
        let all = lines(keys)
        let start = min(max(0, scroll), max(0, all.count - inner.height))
        for offset in 0..<inner.height {
            let index = start + offset
            guard all.indices.contains(index) else { break }
            let line = all[index]
            grid.put(line.text, x: inner.x + 1, y: inner.y + offset, style: line.heading ? theme.heading : theme.text,
                     maxWidth: inner.width - 1)
        }
    }
}
