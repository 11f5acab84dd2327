/// The seam between the app loop and a real terminal: size, input, one drawing call per frame,
/// suspend and shutdown.
///
/// `CursesBackend.CursesTerminal` implements it over ncurses; `FakeTerminal` implements it in
/// memory for tests. The loop renders a `Grid` of exactly `size` and calls `draw` once per
/// frame. All calls must come from one thread (curses is not thread-safe).
public protocol TerminalIO: AnyObject {
    /// Current size in cells; changes after a `.resize` key.
    var size: Size { get }

    /// What colours the terminal can show, after `NO_COLOR` and `--no-color` are applied.
    var colorCapability: ColorCapability { get }

    /// False when the locale or terminal cannot show UTF-8 (use `BoxGlyphs.ascii`).
    var supportsUnicode: Bool { get }

    /// Puts `grid` on the screen as one update. Cells outside the terminal are ignored; areas
    /// the grid does not cover are blanked.
    func draw(_ grid: Grid)

    /// Waits up to `timeoutMilliseconds` for input (negative: wait forever, 0: poll) and returns
    /// the next key, or `nil` on timeout.
    func readKey(timeoutMilliseconds: Int) -> Key?

    /// True when no key will ever come again (a scripted terminal whose keys ran out): the loop
    /// ends once the work in flight has settled. A real terminal's input never ends.
    var inputEnded: Bool { get }

    /// Ctrl-Z: gives the terminal back to the shell, stops the process (SIGTSTP), and takes the
    /// screen again when resumed. The next `draw` repaints everything.
    func suspend()

    /// Forgets what is on the screen so the next `draw` repaints every cell (Ctrl-L).
    func invalidate()

    /// Turns mouse reporting on or off (off gives the terminal's own text selection back).
    func setMouseReporting(_ enabled: Bool)

    /// Writes bytes to the terminal unchanged, after the current frame. This is the only path
    /// for deliberate escape sequences (OSC 52 clipboard); everything else goes through a
    /// sanitized `Grid`. Never pass untrusted text here.
    func writeRaw(_ bytes: [UInt8])

    /// Restores the terminal (cursor, echo, main screen). Idempotent.
    func shutdown()
}
