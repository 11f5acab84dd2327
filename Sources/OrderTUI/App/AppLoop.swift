import Foundation
import OrderIndex
import OrderModel
import OrderSources
import OrderViewModel
import Synchronization
import TerminalCore

#if canImport(Glibc)
    import Glibc
#endif

/// The event loop: reads keys, applies them, runs effects on background tasks, posts their
/// results back through the mailbox, and draws one frame per change. All terminal calls stay
/// on the thread that calls `run()`; input never waits on the network or a big file.
public final class AppLoop {
    public private(set) var state: UIState
    private let terminal: TerminalIO
    private let source: any OrderSource
    private let effects: EffectRunner
    private let controller: UIController
    private let theme: Theme
    private let mailbox = Mailbox()
    private var lastViewport: (Int, Int, Int, Int)?
    /// Effects in flight, so tests (and `--screen-dump`) can wait until the screen settles.
    private var pending = 0
    /// When true, no key is read while a load is in flight: scripted runs and tests see the
    /// same screens every time.
    public var settlesBeforeEachKey = false
    /// The background index's last progress, polled once per loop turn (nil: none seen yet).
    private var lastProgress: IndexProgress?
    /// False once the source said it reads nothing in the background.
    private var sourceIndexes = true

    public init(
        state: UIState, terminal: TerminalIO, source: any OrderSource, keys: KeyTable = .standard,
        theme: Theme = .standard, clipboard: ClipboardSequence.Route = .osc52,
        clipboardMaxBytes: Int = ClipboardSequence.defaultMaxBytes
    ) {
        self.state = state
        // A dump searches its own identifiers (off the loop); the API's come with its pages.
        self.state.app.sourceSearchesIdentifiers = source.identifierSearch != nil
        self.terminal = terminal
        self.source = source
        self.controller = UIController(keys: keys, clipboard: clipboard, clipboardMaxBytes: clipboardMaxBytes)
        self.theme = theme
        self.effects = EffectRunner(source: source)
    }

    /// True while a background index is still running.
    private var indexing: Bool { sourceIndexes && lastProgress?.finished != true }

    /// Hands the index's progress to the state when it moved; true when it did.
    private func pollIndex() -> Bool {
        guard sourceIndexes, lastProgress?.finished != true else { return false }
        guard let report = source.backgroundProgress() else {
            sourceIndexes = false
            return false
        }
        if lastProgress == report.progress { return false }
        lastProgress = report.progress
        perform(state.app.handle(.indexProgress(report.progress, report.shared)).map { .app($0) })
        return true
    }

    /// How far the running identifier pass had come when last shown.
    private var lastPassDone = -1

    /// Shows the progress of a long identifier pass (search or filter) when it moved; true
    /// when it did.
    private func pollSearchPass() -> Bool {
        guard let pass = state.app.list.runningPass else {
            lastPassDone = -1
            return false
        }
        let done = pass.done
        guard done != lastPassDone else { return false }
        lastPassDone = done
        state.app.showPassProgress()
        return true
    }

    /// Work to start in the background once the loop runs (e.g. checking every order of a dump
    /// for anomalies); it reports through the mailbox it is given.
    public var backgroundWork: (@Sendable (Mailbox) -> Void)?
    /// Set by the background work's thread when it has returned (after its last report).
    private let backgroundFinished = FinishedFlag()

    /// A flag one thread sets and the loop reads.
    private final class FinishedFlag: Sendable {
        private let value = Atomic<Bool>(false)
        func set() { value.store(true, ordering: .releasing) }
        var isSet: Bool { value.load(ordering: .acquiring) }
    }

    /// Runs until the operator quits (or the key source ends, for scripted runs).
    public func run() {
        if let work = backgroundWork {
            let mailbox = self.mailbox
            let finished = backgroundFinished
            Thread.detachNewThread {
                work(mailbox)
                finished.set()
            }
        }
        syncViewport()
        perform(state.app.handle(.started).map { .app($0) })
        draw()
        while !state.app.isQuitting {
            // Read before draining: once set, the work's last report is already in the mailbox.
            let backgroundRunning = backgroundWork != nil && !backgroundFinished.isSet
            var changed = drainMailbox()
            if pollIndex() { changed = true }
            if pollSearchPass() { changed = true }
            pollFollowIfDue()
            // Scripted runs also wait for the background work (the anomaly check), so a key
            // script's `anomaly` filter or anomaly marks see every order checked.
            if settlesBeforeEachKey && (pending > 0 || indexing || backgroundRunning) {
                if !changed { usleep(500) }
                if changed {
                    syncViewport()
                    draw()
                }
                continue
            }
            if let key = terminal.readKey(timeoutMilliseconds: changed ? 0 : 40) {
                changed = true
                if case .resize = key { terminal.invalidate() }
                let actions = controller.handle(key, state: &state, size: terminal.size)
                perform(actions)
            } else if terminal.inputEnded, pending == 0, !indexing, !backgroundRunning, !changed {
                // No key will come and nothing is loading: the run is over.
                break
            }
            if changed {
                syncViewport()
                draw()
            }
        }
    }

    /// When the next `--follow` poll is due, and whether one is running.
    private var nextFollow: ContinuousClock.Instant?
    private var followInFlight = false

    /// Starts a `--follow` poll when its interval has passed since the last one ended: orders
    /// created since the newest loaded one, posted back as `.followed`.
    private func pollFollowIfDue() {
        guard let every = state.app.follow.every, !followInFlight,
            let followable = source.followable
        else { return }
        let now = ContinuousClock.now
        guard let due = nextFollow else {
            nextFollow = now + .seconds(every)
            return
        }
        guard now >= due else { return }
        followInFlight = true
        let since = state.app.newestCreatedAt
        let limit = state.app.pageSize
        let mailbox = self.mailbox
        Task.detached {
            do throws(SourceError) {
                mailbox.post(
                    .followed(.success(try await followable.ordersCreated(since: since, limit: limit))))
            } catch {
                mailbox.post(.followed(.failure(error)))
            }
        }
    }

    /// The last frame drawn, as a grid (for `--screen-dump` and tests).
    public func renderFrame() -> Grid {
        ScreenRenderer.render(state, size: terminal.size, theme: theme, keys: controller.keys)
    }

    private func draw() {
        logStatus()
        terminal.draw(renderFrame())
    }

    private var lastLogged: StatusMessage?
    private let clockFormat: DateFormatter = {
        let format = DateFormatter()
        format.dateFormat = "HH:mm:ss"
        return format
    }()

    /// Keeps each status message shown in the session's message log (`M`, `:messages`).
    private func logStatus() {
        guard let status = state.app.status, status != lastLogged else { return }
        lastLogged = status
        state.log(status, at: clockFormat.string(from: Date()))
    }

    private func drainMailbox() -> Bool {
        let events = mailbox.drain()
        for event in events {
            switch event {
            case .anomaliesCounted, .loadProblemsFound: break  // from the background check, not an effect
            case .followed:
                // Polls are not counted as pending work (a screen dump does not wait for them).
                followInFlight = false
                nextFollow = nil
            default: pending -= 1
            }
            perform(state.app.handle(event).map { .app($0) })
        }
        return !events.isEmpty
    }

    /// Tells the view-model how many rows each pane shows, when that changed.
    private func syncViewport() {
        let layout = ScreenLayout.compute(size: terminal.size, state: state)
        let viewport = (layout.listRows, layout.detailRows, layout.timelineRows, layout.list?.width ?? 0)
        if let last = lastViewport, last == viewport { return }
        lastViewport = viewport
        perform(
            state.app.handle(
                .viewportChanged(
                    listRows: viewport.0, detailRows: viewport.1, timelineRows: viewport.2,
                    listColumns: layout.listColumns)
            ).map { .app($0) })
    }

    private func perform(_ actions: [UIController.Action]) {
        for action in actions {
            switch action {
            case .redraw:
                terminal.invalidate()
            case .suspend:
                terminal.suspend()
                terminal.invalidate()
            case .setMouse(let enabled):
                terminal.setMouseReporting(enabled)
            case .writeRaw(let bytes):
                terminal.writeRaw(bytes)
            case .export(let path, let format):
                export(to: path, format: format)
            case .screenshot(let path):
                do {
                    try ListExporter.screenshot(renderFrame(), to: OperatorPath.expand(path))
                    state.app.status = .info("screen saved to \(path)")
                } catch {
                    state.app.status = .error(error.message)
                }
            case .app(let effect):
                run(effect)
            }
        }
    }

    /// Exports the list as it is now (filtered, sorted, redacted if on) on a background task.
    private func export(to path: String, format: ListExporter.Format) {
        let list = state.app.list
        let redaction = state.app.redaction
        let source = self.source
        let mailbox = self.mailbox
        pending += 1
        Task.detached {
            do throws(ListExporter.Failure) {
                // Off the loop, each row made as it is written (never all at once).
                let count = try await ListExporter.export(
                    list, format: format, to: OperatorPath.expand(path), redaction: redaction,
                    loadOrder: { id throws(SourceError) in try await source.order(id: id) })
                mailbox.post(.noticed(.info("exported \(count) orders to \(path) (\(format.rawValue))")))
            } catch {
                mailbox.post(.noticed(.error(error.message)))
            }
        }
    }

    private func run(_ effect: AppEffect) {
        if effects.start(effect, posting: mailbox) { pending += 1 }
    }
}
