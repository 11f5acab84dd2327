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
        backgroundWork: (@Sendable (Mailbox) -> Void)? = nil
    ) throws {
        let noColor = display.noColor || ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } == true
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(monochrome: noColor, mouse: !display.noMouse)
        } catch {
            OrderScopeExit.printError("cannot start the terminal UI: \(error)")
            throw OrderScopeExit.unusableInput
        }
        defer { terminal.shutdown() }
        var theme: Theme = noColor || terminal.colorCapability == .none ? .monochrome : .standard
        if display.ascii || !terminal.supportsUnicode { theme.glyphs = .ascii }
        // Dumps are indexed already: load every page in the background instead of on demand.
        var isDump = true
        if case .api = origin { isDump = false }
        let app = isDump ? AppState(origin: origin, pageSize: 5_000, prefetchDistance: .max) : AppState(origin: origin)
        var state = UIState(app: app, sourceLabel: label)
        state.mouseEnabled = !display.noMouse
        let loop = AppLoop(state: state, terminal: terminal, source: source, theme: theme)
        loop.backgroundWork = backgroundWork
        loop.run()
    }
}
