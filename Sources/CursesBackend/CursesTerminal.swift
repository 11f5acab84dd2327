import CNcurses
import TerminalCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real terminal: `TerminalIO` over ncursesw.
///
/// This is the only type that talks to curses. Choices, and why:
/// - `setlocale(LC_ALL, "")` before curses starts, or UTF-8 output is mangled. UTF-8 support is
///   then read from `nl_langinfo(nl_item(CODESET))` (`supportsUnicode`).
/// - `newterm` rather than `initscr`: it returns `nil` instead of exiting when `TERM` is
///   unknown, so startup can fail with a message and without touching the screen. The window
///   comes from a shim accessor (Swift 6 rejects the `stdscr`, `LINES` and `COLS` globals).
/// - `cbreak` (not `raw`) + `noecho` + `nonl` + `keypad` + `intrflush(false)`: the tty still
///   turns Ctrl-C into SIGINT and Ctrl-Z into SIGTSTP, so quitting and suspending work even if
///   the loop is busy; `TerminalGuard` restores the screen on both. Ctrl-C therefore ends the
///   program with status 130 rather than reaching the key table.
/// - `set_escdelay(25)` unless `ESCDELAY` is set, so Esc is immediate.
/// - Colours: `NO_COLOR` (non-empty) or `monochrome: true` turn colour off; otherwise 256, 8
///   or none by `COLORS`, with `use_default_colors` so the user's background shows through.
///   Pairs are allocated on first use.
/// - No SIGWINCH handler: ncurses reports `KEY_RESIZE`, which becomes `.resize(size)`.
/// - Drawing compares each frame with the previous one and only writes changed cells, each
///   with `wadd_wch` at an explicit position, then one `wnoutrefresh` + `doupdate`. A
///   grapheme whose width by `DisplayWidth` differs from what the C library's `wcwidth` says
///   (so curses and the terminal would disagree on columns) is drawn as its first character
///   or `?`, padded with spaces, so columns never drift. Control characters are never sent.
///
/// All methods must be called from one thread.
public final class CursesTerminal: TerminalIO {
    /// Why the terminal could not be opened.
    public enum OpenError: Error, CustomStringConvertible {
        case notATerminal
        case unknownTerminalType(String)
        case alreadyOpen

        public var description: String {
            switch self {
            case .notATerminal:
                return "standard input and output must be a terminal"
            case .unknownTerminalType(let name):
                return "cannot use terminal type '\(Sanitizer.sanitize(name))' (check TERM)"
            case .alreadyOpen:
                return "the terminal is already open"
            }
        }
    }

    public private(set) var colorCapability: ColorCapability = .none
    public let supportsUnicode: Bool

    private let window: UnsafeMutablePointer<WINDOW>
    private var previousFrame: Grid?
    private var colorPairs: ColorPairs
    private var defaultColorsAvailable = false
    private var mouseEnabled = false
    private var isOpen = true
    /// Whether the terminal has an alternate screen (`smcup`/`rmcup`), which is left blank.
    private var usesAlternateScreen = false

    nonisolated(unsafe) private static var openInstance = false
    /// Longest single wait inside `readKey`, in milliseconds (bounds resize latency).
    private static let maximumWaitSlice = 100

    /// Takes over the terminal.
    /// - Parameters:
    ///   - monochrome: no colours at all (`--no-color`); `NO_COLOR` in the environment does the
    ///     same.
    ///   - mouse: report clicks and the wheel (can be changed later with `setMouseReporting`).
    /// Started in the background (`orderscope demo &`): stop, as less and vi do, until the shell
    /// brings the job to the foreground, instead of taking the terminal's modes and screen from
    /// under the shell. Setting the terminal's modes (to what they are) is what stops it: from a
    /// background process group the kernel sends the group SIGTTOU, and once `fg` has continued
    /// it the call is made again, now in the foreground, so the check and the stop are one step.
    /// They were two (`tcgetpgrp`, then `kill(0, SIGTTOU)`), and this runs on a thread that blocks
    /// SIGTTOU (a dispatch worker), so another thread took the stop while this one went on: it
    /// could read "background" again, be stopped before its `kill`, and after `fg` stop the job in
    /// the foreground (the shell's `fg` gave 150; one try in twenty under load). The kernel lets a
    /// thread that blocks SIGTTOU set the modes from the background, so it is unblocked here.
    static func waitForTheForeground() {
        var modes = termios()
        guard tcgetattr(0, &modes) == 0 else { return }
        var stop = sigset_t()
        sigemptyset(&stop)
        sigaddset(&stop, SIGTTOU)
        var mask = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &stop, &mask)
        defer { pthread_sigmask(SIG_SETMASK, &mask, nil) }
        while tcsetattr(0, TCSANOW, &modes) != 0 && errno == EINTR {}
    }

    public init(monochrome: Bool = false, mouse: Bool = false) throws(OpenError) {
        guard !CursesTerminal.openInstance else { throw .alreadyOpen }
        guard isatty(0) == 1, isatty(1) == 1 else { throw .notATerminal }
        CursesTerminal.waitForTheForeground()

        setlocale(LC_ALL, "")
        if let codeset = nl_langinfo(nl_item(CODESET)) {
            let name = String(cString: codeset).uppercased()
            supportsUnicode = name == "UTF-8" || name == "UTF8"
        } else {
            supportsUnicode = false
        }

        TerminalGuard.saveShellModes(fileDescriptor: 1)
        // Handlers go in before curses starts, so ncurses does not install its own for
        // SIGINT/SIGTERM/SIGTSTP (it only does when they are at their defaults).
        TerminalGuard.install()

        guard newterm(nil, cn_stdout(), cn_stdin()) != nil, let window = cn_stdscr() else {
            TerminalGuard.uninstall()
            throw .unknownTerminalType(getenv("TERM").map { String(cString: $0) } ?? "")
        }
        self.window = window
        CursesTerminal.openInstance = true
        TerminalGuard.markActive(true)

        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        if getenv("ESCDELAY") == nil { set_escdelay(25) }
        curs_set(0)

        colorPairs = ColorPairs(capacity: 0) { _, _, _ in false }
        let noColorVariable = getenv("NO_COLOR").map { String(cString: $0) } ?? ""
        if !monochrome && noColorVariable.isEmpty && has_colors() {
            start_color()
            defaultColorsAvailable = use_default_colors() == OK
            let colors = cn_colors()
            colorCapability = colors >= 256 ? .indexed256 : colors >= 8 ? .basic8 : .none
            colorPairs = ColorPairs(capacity: Int(cn_color_pairs()) - 1) { number, foreground, background in
                init_pair(number, foreground, background) == OK
            }
        }

        if let leave = tigetstr("rmcup"), Int(bitPattern: leave) != -1, leave.pointee != 0 {
            usesAlternateScreen = true
        }
        setMouseReporting(mouse)  // also sets the leave/enter sequences
        werase(window)
        wnoutrefresh(window)
        doupdate()
        TerminalGuard.saveProgramModes()
    }

    deinit {
        shutdown()
    }

    // MARK: - TerminalIO

    public var size: Size {
        guard isOpen else { return .zero }
        return Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    public func draw(_ grid: Grid) {
        guard isOpen else { return }
        handleResumeIfNeeded()
        let screen = size
        var frame = Grid(size: screen)
        frame.draw(grid, x: 0, y: 0)
        let previous = previousFrame.flatMap { $0.size == screen ? $0 : nil }
        if previous == nil { werase(window) }

        for y in 0..<screen.height {
            var x = 0
            while x < screen.width {
                let index = y * screen.width + x
                let cell = frame.cells[index]
                let isWide = x + 1 < screen.width && frame.cells[index + 1].isContinuation
                let cellWidth = isWide ? 2 : 1
                let unchanged =
                    previous.map { old in
                        old.cells[index] == cell
                            && (!isWide || old.cells[index + 1].isContinuation)
                    } ?? false
                if !cell.isContinuation && !unchanged {
                    put(cell, width: cellWidth, x: x, y: y)
                }
                x += cell.isContinuation ? 1 : cellWidth
            }
        }
        wnoutrefresh(window)
        doupdate()
        previousFrame = frame
    }

    /// A terminal's input lasts as long as the session.
    public var inputEnded: Bool { false }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard isOpen else { return nil }
        // Wait in slices: ncurses notices a SIGWINCH only when `wget_wch` starts or times out,
        // so a long single wait would report a resize (or a resume) late.
        let deadline = timeoutMilliseconds < 0 ? nil : monotonicMilliseconds() + timeoutMilliseconds
        var code: wint_t = 0
        var result: Int32 = ERR
        while true {
            if handleResumeIfNeeded() { return .resize(size) }
            var slice = CursesTerminal.maximumWaitSlice
            if let deadline { slice = max(0, min(slice, deadline - monotonicMilliseconds())) }
            wtimeout(window, Int32(slice))
            result = wget_wch(window, &code)
            if result != ERR { break }
            if let deadline, monotonicMilliseconds() >= deadline { break }
        }
        if handleResumeIfNeeded() { return .resize(size) }
        switch result {
        case OK:
            return KeyDecoder.decodeCharacter(UInt32(code))
        case KEY_CODE_YES:
            let key = KeyDecoder.decodeKeyCode(
                Int32(bitPattern: UInt32(code)), size: { self.size }, mouse: readMouse)
            if case .resize = key { previousFrame = nil }
            return key
        default:
            return nil
        }
    }

    public func suspend() {
        guard isOpen, TerminalGuard.canSuspend else { return }
        wnoutrefresh(window)
        doupdate()
        raise(SIGTSTP)  // TerminalGuard's handler leaves the screen, stops, and comes back
        handleResumeIfNeeded()
    }

    public func invalidate() {
        guard isOpen else { return }
        previousFrame = nil
        clearok(window, true)
    }

    public func setMouseReporting(_ enabled: Bool) {
        guard isOpen else { return }
        if enabled {
            let granted = mousemask(cn_mouse_mask_clicks_and_wheel(), nil)
            mouseinterval(0)
            mouseEnabled = granted != 0
        } else {
            mousemask(0, nil)
            mouseEnabled = false
        }
        updateGuardSequences()
    }

    public func writeRaw(_ bytes: [UInt8]) {
        guard isOpen, !bytes.isEmpty else { return }
        wnoutrefresh(window)
        doupdate()
        bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { TerminalGuard.writeAll(1, base, buffer.count) }
        }
    }

    public func shutdown() {
        guard isOpen else { return }
        isOpen = false
        if mouseEnabled { mousemask(0, nil) }
        // A blank alternate screen before leaving it: tmux, leaving an alternate screen whose
        // size changed since it was entered, carried rows that reach the last column (our
        // frames' right borders) over into the main screen, above the prompt (issue 16; seen
        // with tmux 3.3a, 80x24 -> 200x50). Blank rows leave nothing behind; `less`, and a
        // curses program that never writes the last column, left nothing either.
        if usesAlternateScreen && TerminalGuard.isActive {
            werase(window)
            wnoutrefresh(window)
            doupdate()
        }
        TerminalGuard.restoreNormally()
        TerminalGuard.uninstall()
        CursesTerminal.openInstance = false
    }

    // MARK: - Drawing

    /// Writes one cell (and its continuation, for double-width) at (x, y).
    private func put(_ cell: Cell, width cellWidth: Int, x: Int, y: Int) {
        let (attributes, pair) = cursesStyle(cell.style)
        let glyph = CellEncoder.encode(cell.text, width: cellWidth)
        var rendered = cchar_t()
        var characters = glyph.characters + [0]
        _ = characters.withUnsafeMutableBufferPointer { buffer in
            setcchar(&rendered, buffer.baseAddress, attributes, pair, nil)
        }
        wmove(window, Int32(y), Int32(x))
        wadd_wch(window, &rendered)
        // Columns curses did not fill (a fallback narrower than the cell) get spaces.
        var column = x + glyph.columns
        while column < x + cellWidth {
            var blank = cchar_t()
            var space: [wchar_t] = [32, 0]
            _ = space.withUnsafeMutableBufferPointer { buffer in
                setcchar(&blank, buffer.baseAddress, attributes, pair, nil)
            }
            wmove(window, Int32(y), Int32(column))
            wadd_wch(window, &blank)
            column += 1
        }
    }

    private func cursesStyle(_ style: Style) -> (attr_t, Int16) {
        let attributes = cn_attributes(
            style.bold ? 1 : 0, style.underline ? 1 : 0, style.reverse ? 1 : 0, style.dim ? 1 : 0)
        guard colorCapability != .none else { return (attributes, 0) }
        let degraded = style.degraded(to: colorCapability)
        let key = ColorPairs.Key(
            foreground: cursesColor(degraded.fg, isBackground: false),
            background: cursesColor(degraded.bg, isBackground: true))
        return (attributes, colorPairs.pair(for: key))
    }

    private func cursesColor(_ color: Color, isBackground: Bool) -> Int16 {
        guard let index = color.paletteIndex else {
            if defaultColorsAvailable { return -1 }
            return isBackground ? Int16(COLOR_BLACK) : Int16(COLOR_WHITE)
        }
        return Int16(index)
    }

    // MARK: - Input and state

    private func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
    }

    private func readMouse() -> MouseEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        return KeyDecoder.mouseEvent(x: Int(event.x), y: Int(event.y), state: UInt64(event.bstate))
    }

    /// After a resume from Ctrl-Z: forget the screen so the next frame repaints it all.
    @discardableResult
    private func handleResumeIfNeeded() -> Bool {
        guard TerminalGuard.takeResumed() else { return false }
        previousFrame = nil
        clearok(window, true)
        return true
    }

    /// The bytes the guard writes when leaving (signals, suspend) and re-entering (resume).
    private func updateGuardSequences() {
        func capability(_ name: String) -> [UInt8] {
            guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return [] }
            return Array(String(cString: value).utf8)
        }
        let mouseOff: [UInt8] = mouseEnabled ? Array("\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l".utf8) : []
        let mouseOn: [UInt8] = mouseEnabled ? Array("\u{1B}[?1000h\u{1B}[?1006h".utf8) : []
        // The screen is cleared before leaving the alternate screen, as on a normal exit (see
        // `shutdown`); on a terminal without one the last frame stays, as it always did.
        let alternate = capability("rmcup")
        let clear = alternate.isEmpty ? [] : capability("clear")
        let leave =
            mouseOff + capability("rmkx") + capability("sgr0") + clear + capability("cnorm") + alternate
        let enter = capability("smcup") + capability("smkx") + capability("civis") + mouseOn
        TerminalGuard.setSequences(leave: leave, enter: enter)
    }
}
