import ArgumentParser
import CursesBackend
import Foundation
import OrderSources
import OrderTUI
import OrderViewModel
import TerminalCore

/// Takes the terminal, runs the UI loop on a source, and always gives the terminal back.
/// Everything that can fail is checked before the screen is taken, so errors print on a normal
/// screen with a non-zero exit.
enum TerminalSession {
    static func run(
        source: any OrderSource, origin: SourceOrigin, label: String, display: DisplayOptions,
        backgroundWork: (@Sendable (Mailbox) -> Void)? = nil, followEvery: Int? = nil
    ) throws {
        let config = try display.loadConfig()
        func initialState(_ origin: SourceOrigin, display: DisplayOptions, config: AppConfig) -> AppState {
            var state = Self.initialState(origin, display: display, config: config)
            state.follow.every = followEvery
            return state
        }
        if let dump = display.screenDump, let size = ScreenDump.parseSize(dump) {
            var keys: [Key] = []
            if let text = display.keys, case .success(let parsed) = ScreenDump.parseKeys(text) {
                keys = parsed
            }
            // A script's keys play after --keys; its pauses mean nothing without a screen.
            keys += try display.loadScript()?.keys ?? []
            let (grid, problems) = ScreenDump.render(
                source: source, state: initialState(origin, display: display, config: config), label: label,
                size: size,
                keys: keys, table: config.keyTable(), backgroundWork: backgroundWork)
            FileHandleOutput.standardOutput.write(grid.lines().joined(separator: "\n") + "\n")
            // Damage is never silent to scripts: what could be read is shown, and the exit says so.
            if problems > 0 { throw OrderScopeExit.damaged }
            return
        }
        let noColor =
            display.noColor || ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } == true
        let script = try display.loadScript()
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(monochrome: noColor, mouse: !display.noMouse)
        } catch {
            OrderScopeExit.printError("cannot start the terminal UI: \(error)")
            throw OrderScopeExit.unusableInput
        }
        defer { terminal.shutdown() }
        // After the terminal's own crash handlers: a dump that shrinks while mapped is not a crash.
        TruncationGuard.install()
        let monochrome = noColor || terminal.colorCapability == .none || config.theme == "monochrome"
        var theme: Theme = monochrome ? .monochrome : .standard
        if display.ascii || !terminal.supportsUnicode { theme.glyphs = .ascii }
        var state = UIState(app: initialState(origin, display: display, config: config), sourceLabel: label)
        state.mouseEnabled = !display.noMouse
        let screen: TerminalIO = script.map { ScriptedTerminal(terminal, script: $0) } ?? terminal
        let loop = AppLoop(
            state: state, terminal: screen, source: source, keys: config.keyTable(), theme: theme,
            clipboard: config.clipboardRoute(environment: ProcessInfo.processInfo.environment),
            clipboardMaxBytes: config.clipboardMaxBytes)
        loop.backgroundWork = backgroundWork
        loop.run()
    }

    /// Dumps are indexed already: every page loads in the background instead of on demand.
    static func initialState(_ origin: SourceOrigin, display: DisplayOptions, config: AppConfig) -> AppState {
        var state = AppState.opening(origin, apiPageSize: config.pageSize)
        // --redact locks redaction on; the config's `redact = true` only starts with it on.
        if config.redact { state.redaction = .on }
        if display.redact { state.redaction = .locked }
        return state
    }
}

/// `--screen-dump`: the UI run headless on a fake terminal of a given size, keys replayed once
/// every load has settled, and the final screen returned as text (for scripts, docs and tests).
enum ScreenDump {
    static func parseSize(_ text: String) -> Size? { Size(parsing: text) }

    /// Key names separated by spaces; after `/`, `:` or `f` the next word is typed as text.
    static func parseKeys(_ text: String) -> Result<[Key], KeyError> {
        KeyScript.parseKeys(text).mapError { KeyError($0.text + " in --keys") }
    }

    /// Why a key script could not be read.
    struct KeyError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// The screen after `keys`, each pressed once every load and the background work (the
    /// anomaly check) have finished, so a dump shows what the browser would once settled; and
    /// how many problems were met while loading.
    static func render(
        source: any OrderSource, state: AppState, label: String, size: Size, keys: [Key],
        table: KeyTable = .standard,
        backgroundWork: (@Sendable (Mailbox) -> Void)? = nil
    ) -> (Grid, problems: Int) {
        let terminal = FakeTerminal(size: size, keys: keys)
        let loop = AppLoop(
            state: UIState(app: state, sourceLabel: label), terminal: terminal, source: source, keys: table,
            theme: .monochrome)
        loop.backgroundWork = backgroundWork
        loop.settlesBeforeEachKey = true
        loop.run()
        return (loop.renderFrame(), loop.state.app.loadProblems.count)
    }
}
