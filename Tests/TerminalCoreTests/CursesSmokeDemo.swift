import TerminalCore

@testable import CursesBackend

extension CursesTerminal {
    /// A small interactive screen for checking the backend by hand or from tmux: it draws
    /// boxes, wide and combining text, a hostile escape sequence (which must show as visible
    /// text), colours, and the name of every key received.
    ///
    /// Keys: `q` quits; `m` toggles mouse reporting; Ctrl-L repaints; Ctrl-Z suspends (through
    /// the tty); `!` crashes on purpose with `fatalError`, to check that the terminal is
    /// restored after a trap. Returns after `q` with the terminal restored.
    static func runSmokeDemo(monochrome: Bool = false) throws(OpenError) {
        let terminal = try CursesTerminal(monochrome: monochrome, mouse: false)
        defer { terminal.shutdown() }
        var log: [String] = []
        var mouse = false
        while true {
            terminal.draw(smokeFrame(size: terminal.size, terminal: terminal, log: log, mouse: mouse))
            guard let key = terminal.readKey(timeoutMilliseconds: 1000) else { continue }
            log.append(key.name)
            if log.count > 200 { log.removeFirst(100) }
            switch key {
            case .char("q"):
                return
            case .char("m"):
                mouse.toggle()
                terminal.setMouseReporting(mouse)
            case .ctrl("l"):
                terminal.invalidate()
            case .char("!"):
                fatalError("smoke demo: deliberate crash")
            default:
                break
            }
        }
    }

    static func smokeFrame(size: Size, terminal: some TerminalIO, log: [String], mouse: Bool) -> Grid {
        var grid = Grid(size: size)
        let glyphs = BoxGlyphs.forUnicode(terminal.supportsUnicode)
        grid.box(grid.bounds, title: "OrderScope terminal check", style: Style(fg: .cyan), glyphs: glyphs)
        let inner = grid.bounds.inset(by: 1)
        var row = inner.y
        func line(_ text: String, _ style: Style = .plain) {
            grid.put(text, x: inner.x + 1, y: row, style: style, maxWidth: inner.width - 2)
            row += 1
        }
        line(
            "size \(size)  colours \(terminal.colorCapability)  unicode \(terminal.supportsUnicode)  mouse \(mouse)"
        )
        line("Blåbær æøå ÆØÅ  日本語テキスト  한국어  e\u{301}  👍 👨‍👩‍👧 ❤️ 🇳🇴 |end")
        line("hostile: \u{1B}]0;pwned\u{7}\u{1B}[2J\u{9B}31m\u{202E}abc", Style(fg: .red))
        var x = inner.x + 1
        for (index, color) in Color.basic.enumerated() {
            x = grid.put(" \(index) ", x: x, y: row, style: Style(fg: .black, bg: color))
        }
        for index in stride(from: 16, to: 232, by: 36) {
            x = grid.put("   ", x: x, y: row, style: Style(bg: .indexed(UInt8(index + 21))))
        }
        row += 1
        line("bold", Style(bold: true))
        line("underline reverse dim", Style(underline: true, reverse: true, dim: true))
        line("q quit · m mouse · Ctrl-L repaint · Ctrl-Z suspend · ! crash")
        row += 1
        let visible = max(0, inner.maxY - row)
        for name in log.suffix(visible) {
            line("key: " + name)
        }
        return grid
    }
}
