import ArgumentParser
import Foundation
import OrderIndex
import OrderModel
import OrderSources
import OrderTUI
import OrderViewModel
import TerminalCore

/// `orderscope-bench FILE` (a development tool beside the product, used by
/// Tests/Benchmarks/run.sh): drives the browser's own view-model and renderer headless on a dump and prints what issue 6 asks to measure, one
/// `name value unit` line each: the first screen, the background index, the time to handle and
/// draw each key while indexing and after, sort and filter over every summary, and RssAnon.
/// It measures; it never judges (run.sh compares the figures with the targets).
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orderscope-bench",
        abstract: "Measure first screen, index speed, key latency, sort/filter time and memory on a dump."
    )

    @Argument(help: "The dump file to measure.")
    var file: String

    @Option(name: .long, help: ArgumentHelp("Screen size to render (WxH).", valueName: "WxH"))
    var size = "120x40"

    @Option(name: .long, help: ArgumentHelp("How many times each key sequence is repeated.", valueName: "N"))
    var rounds = 5

    @Flag(name: .long, help: "Only time a full index (open as print does), best of --rounds.")
    var indexOnly = false

    @Flag(name: .long, help: "Only time sort and filter over every summary (after a foreground index).")
    var rebuildsOnly = false

    @Flag(name: .long, help: "Leave out the background anomaly check (after the index).")
    var skipCheck = false

    func run() async throws {
        guard let size = Size(parsing: size) else { throw ValidationError("--size needs WxH") }
        if indexOnly { return try indexAlone() }
        if rebuildsOnly {
            let source: DumpSource
            do {
                source = try DumpSource.open(paths: [file])
            } catch {
                throw Self.fail(error)
            }
            return timeRebuilds(source.store.snapshot())
        }
        let sampler = RssSampler()
        sampler.start()
        let clock = ContinuousClock()
        let start = clock.now

        // First screen: exactly what `browse` does before its first frame.
        let source: DumpSource
        do {
            source = try DumpSource.openInBackground(paths: [file])
        } catch {
            throw Self.fail(error)
        }
        var driver = HeadlessDriver(source: source, size: size)
        await driver.start()
        let grid = driver.render()
        let firstScreen = clock.now - start
        let firstRowShown = grid.lines().contains { $0.contains("│") }
        emit("first_screen_ms", ms(firstScreen))
        emit("first_screen_orders", Double(driver.state.app.list.loadedCount), "orders")
        emit("first_screen_rows_visible", firstRowShown ? 1 : 0, "bool")
        emit("rss_anon_first_screen_mb", RssSampler.rssAnonMB(), "MB")

        // Keys while the index runs, at a fast typist's pace (a key every 20 ms).
        var during = KeyTimes()
        var rounds = 0
        while !source.progress.finished || rounds == 0 {
            await driver.pressSequence(into: &during, pause: 20)
            rounds += 1
        }
        source.waitUntilIndexed()
        // When the index ended, not when the key loop next looked (a sequence takes ~0.4 s).
        let indexed = source.indexDuration ?? (clock.now - start)
        let progress = source.progress
        emit("index_seconds", seconds(indexed), "s")
        emit("index_bytes", Double(progress.totalBytes), "B")
        emit("index_orders", Double(progress.orders), "orders")
        emit("index_gb_per_s", Double(progress.totalBytes) / 1e9 / seconds(indexed), "GB/s")
        emit("index_problems", Double(progress.problems.count), "count")
        during.emit(prefix: "key_during_index")

        // Keys once everything is in (the jump to the end now goes a million rows down).
        await driver.poll()
        var after = KeyTimes()
        for _ in 0..<self.rounds { await driver.pressSequence(into: &after) }
        after.emit(prefix: "key_after_index")
        emit("rows_after_index", Double(driver.state.app.list.rows.count), "rows")

        if !skipCheck { await timeAnomalyCheck(&driver) }

        // Sort and filter over every summary, as the loop runs them (off the loop).
        timeRebuilds(source.store.snapshot())
        emit("rss_anon_end_mb", RssSampler.rssAnonMB(), "MB")
        sampler.stop()
        emit("rss_anon_peak_mb", sampler.peakMB, "MB")
        emit(
            "rss_anon_peak_pct_of_dump", 100 * sampler.peakMB * 1e6 / Double(max(1, progress.totalBytes)), "%"
        )
    }

    /// The background anomaly check of every order, as `browse` runs it after the index
    /// (`AnomalyScan` on a thread of its own, its batches handed to the state on the loop),
    /// while keys are pressed every 20 ms: the time to its last batch (wall and process CPU),
    /// each batch's handling and drawing on the loop, and each key's time meanwhile.
    private func timeAnomalyCheck(_ driver: inout HeadlessDriver) async {
        let clock = ContinuousClock()
        let mailbox = Mailbox()
        let finished = DoneFlag()
        let began = clock.now
        let cpuBefore = Self.cpuSeconds()
        let work = AnomalyScan.work(for: driver.source)
        Thread.detachNewThread {
            work(mailbox)
            finished.set()
        }
        driver.mailbox = mailbox
        var keys = KeyTimes()
        var checkEnded: ContinuousClock.Instant?
        var cpuAtEnd = 0.0
        var sawStatus = false
        while checkEnded == nil {
            // Read before the keys: once set, the last batch is already in the mailbox.
            let workDone = finished.isSet
            await driver.pressSequence(into: &keys, pause: 20)
            if driver.state.app.anomalyCheck != nil,
                driver.render().lines().contains(where: { $0.contains("checking ") })
            {
                sawStatus = true
            }
            if workDone {
                await driver.poll()
                checkEnded = driver.lastBatchHandled ?? clock.now
                cpuAtEnd = Self.cpuSeconds()
            }
        }
        let took = (checkEnded ?? clock.now) - began
        emit("anomaly_check_seconds", seconds(took), "s")
        emit("anomaly_check_cpu_seconds", cpuAtEnd - cpuBefore, "s")
        emit("anomaly_check_orders_per_s", Double(driver.source.count) / seconds(took), "orders/s")
        emit("anomaly_check_progress_shown", sawStatus ? 1 : 0, "bool")
        let batches = driver.batchTimes.sorted()
        emit("anomaly_batches", Double(batches.count), "count")
        emit("anomaly_batch_median_ms", batches.isEmpty ? 0 : batches[batches.count / 2])
        emit("anomaly_batch_max_ms", batches.last ?? 0)
        let checked = driver.source.store.snapshot()
        let anomalous = (0..<checked.count).reduce(0) {
            $0 + ((checked.anomalyCount(row: $1) ?? 0) > 0 ? 1 : 0)
        }
        emit("anomaly_orders_flagged", Double(anomalous), "orders")
        keys.emit(prefix: "key_during_check")
        driver.mailbox = nil
    }

    /// Sort and filter over every summary of `snapshot`, best of a few runs each.
    private func timeRebuilds(_ snapshot: SummarySnapshot) {
        let clock = ContinuousClock()
        var worst = Duration.zero
        var worstCPU = 0.0
        // The anomaly check of `browse` is not running here, so process CPU time is the rebuild's.
        for (name, query, sort) in Self.rebuilds {
            let rebuild = RowRebuild(
                generation: 1, snapshot: snapshot,
                query: (try? OrderQuery.parse(query)) ?? OrderQuery(terms: [], source: ""),
                sort: sort)
            // Best of a few runs: the machine may be shared, and the first run pays page faults.
            var took = Duration.seconds(1_000_000)
            var cpu = Double.infinity
            var rows = ListRows.all(0)
            for _ in 0..<max(1, min(self.rounds, 3)) {
                let began = clock.now
                let cpuBefore = Self.cpuSeconds()
                rows = rebuild.run()
                took = min(took, clock.now - began)
                cpu = min(cpu, Self.cpuSeconds() - cpuBefore)
            }
            worst = max(worst, took)
            worstCPU = max(worstCPU, cpu)
            emit("rebuild_\(name)_ms", ms(took))
            emit("rebuild_\(name)_cpu_ms", cpu * 1000)
            emit("rebuild_\(name)_rows", Double(rows.count), "rows")
        }
        // The n/N search's one pass (off the loop), after which each key only tests bits.
        var searchTook = Duration.seconds(1_000_000)
        var hits = 0
        for _ in 0..<max(1, min(self.rounds, 3)) {
            let began = clock.now
            let found = RowSearch(generation: 1, needle: "nordmann", snapshot: snapshot, from: 0).run()
            searchTook = min(searchTook, clock.now - began)
            hits = (0..<snapshot.count).reduce(0) { $0 + (found.matches($1) == true ? 1 : 0) }
        }
        emit("search_text_ms", ms(searchTook))
        emit("search_text_hits", Double(hits), "orders")
        // The summary view (issue 20): every row grouped and summed, as the loop runs it (off the loop).
        var summaryWorst = Duration.zero
        for (name, columns) in Self.summaries {
            var took = Duration.seconds(1_000_000)
            var cpu = Double.infinity
            var groups = 0
            for _ in 0..<max(1, min(self.rounds, 3)) {
                let began = clock.now
                let cpuBefore = Self.cpuSeconds()
                groups =
                    SummaryTable.build(snapshot: snapshot, rows: .all(snapshot.count), columns: columns)
                    .groups.count
                took = min(took, clock.now - began)
                cpu = min(cpu, Self.cpuSeconds() - cpuBefore)
            }
            summaryWorst = max(summaryWorst, took)
            emit("summary_\(name)_ms", ms(took))
            emit("summary_\(name)_cpu_ms", cpu * 1000)
            emit("summary_\(name)_groups", Double(groups), "groups")
        }
        emit("summary_worst_ms", ms(summaryWorst))
        emit("rebuild_worst_ms", ms(worst))
        emit("rebuild_worst_cpu_ms", worstCPU * 1000)
        emit("rebuild_summaries", Double(snapshot.count), "orders")
    }

    /// The index alone, in the foreground (what `print` waits for), best of `rounds`.
    private func indexAlone() throws {
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000_000)
        var bestCPU = Double.infinity
        var bytes = 0
        var orders = 0
        for _ in 0..<max(1, rounds) {
            let cpuBefore = Self.cpuSeconds()
            let began = clock.now
            let source: DumpSource
            do {
                source = try DumpSource.open(paths: [file])
            } catch {
                throw Self.fail(error)
            }
            best = min(best, clock.now - began)
            bestCPU = min(bestCPU, Self.cpuSeconds() - cpuBefore)
            bytes = source.byteCount
            orders = source.count
        }
        emit("index_only_seconds", seconds(best), "s")
        emit("index_only_orders", Double(orders), "orders")
        emit("index_only_gb_per_s", Double(bytes) / 1e9 / seconds(best), "GB/s")
        // The machine may be shared: bytes per CPU second is what one core does on its own.
        emit("index_only_cpu_seconds", bestCPU, "s")
        emit("index_only_gb_per_cpu_s", Double(bytes) / 1e9 / bestCPU, "GB/s")
    }

    /// A dump that cannot be opened: its message on stderr, exit 2.
    static func fail(_ error: SourceError) -> ExitCode {
        FileHandle.standardError.write(Data(("orderscope-bench: " + error.message + "\n").utf8))
        return ExitCode(2)
    }

    /// User plus system CPU time of the process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func value(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return value(usage.ru_utime) + value(usage.ru_stime)
    }

    /// The summary groupings timed: one text column, a day, two columns, a list column.
    static let summaries: [(String, [SummaryColumn])] = [
        ("status", [.status]), ("day", [.day]), ("status_currency", [.status, .currency]),
        ("product", [.paymentProduct]),
        ("reservation", [.reservation]),
    ]

    static let rebuilds: [(String, String, OrderViewModel.SortOrder?)] = [
        ("sort_created", "", OrderViewModel.SortOrder(.created, ascending: false)),
        ("sort_customer", "", OrderViewModel.SortOrder(.customer)),
        ("sort_amount", "", OrderViewModel.SortOrder(.amount)),
        ("filter_status", "status:closed", nil),
        ("filter_text", "hansen", nil),
        ("filter_amount", "amount>1000", nil),
        ("filter_text_sort_amount", "olsen", OrderViewModel.SortOrder(.amount, ascending: false)),
    ]

    private func emit(_ name: String, _ value: Double, _ unit: String = "ms") {
        print("\(name) \(String(format: "%.3f", value)) \(unit)")
    }

    private func ms(_ duration: Duration) -> Double { seconds(duration) * 1000 }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Key handling and drawing timed one key at a time (handle, run its effects inline, render).
struct KeyTimes {
    var samples: [String: [Double]] = [:]

    mutating func add(_ key: String, _ milliseconds: Double) {
        samples[key, default: []].append(milliseconds)
    }

    func emit(prefix: String) {
        var all: [Double] = []
        for (key, values) in samples.sorted(by: { $0.key < $1.key }) {
            all += values
            print("\(prefix)_\(key)_max_ms \(String(format: "%.3f", values.max() ?? 0)) ms")
        }
        let sorted = all.sorted()
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        let p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        print("\(prefix)_median_ms \(String(format: "%.3f", median)) ms")
        print("\(prefix)_p99_ms \(String(format: "%.3f", p99)) ms")
        print("\(prefix)_max_ms \(String(format: "%.3f", sorted.last ?? 0)) ms")
        print("\(prefix)_count \(sorted.count) keys")
    }
}

/// The app loop without a terminal: the same state, controller, effects and renderer, with
/// effects run inline so each key's full cost is measured.
struct HeadlessDriver {
    let source: DumpSource
    let size: Size
    var state: UIState
    let controller = UIController()
    /// The loop's effects, run inline: each key's loads are done before its time is taken.
    let runner: EffectRunner
    private var lastOrders = -1
    private var finished = false
    /// The background check's mailbox while it runs: drained each turn, as the loop does.
    var mailbox: Mailbox?
    /// How long each drain of the mailbox took on the loop (handle every event, then draw), ms.
    var batchTimes: [Double] = []
    /// When the check's last batch (the one that says every order is checked) was handled.
    var lastBatchHandled: ContinuousClock.Instant?

    init(source: DumpSource, size: Size) {
        self.source = source
        self.size = size
        runner = EffectRunner(source: source)
        state = UIState(
            app: AppState.opening(.files([source.paths.first ?? ""]), apiPageSize: AppConfig().pageSize),
            sourceLabel: "bench")
    }

    mutating func start() async {
        let layout = ScreenLayout.compute(size: size, state: state)
        await perform(
            state.app.handle(
                .viewportChanged(
                    listRows: layout.listRows, detailRows: layout.detailRows,
                    timelineRows: layout.timelineRows)))
        await perform(state.app.handle(.started))
        await poll()
    }

    func render() -> Grid { ScreenRenderer.render(state, size: size, theme: .monochrome) }

    /// What the loop does each turn: hand over the index's progress when it moved.
    mutating func poll() async {
        if let mailbox { await drain(mailbox) }
        guard !finished, let report = source.backgroundProgress() else { return }
        guard report.progress.orders != lastOrders || report.progress.finished else { return }
        lastOrders = report.progress.orders
        finished = report.progress.finished
        await perform(state.app.handle(.indexProgress(report.progress, report.shared)))
    }

    /// j ×10, PgDn ×3, G, k, g, Enter, Esc, each timed (handle + effects + draw).
    mutating func pressSequence(into times: inout KeyTimes, pause: Int = 0) async {
        let keys: [(String, Key)] =
            Array(repeating: ("j", Key.char("j")), count: 10)
            + Array(repeating: ("PgDn", Key.pageDown), count: 3)
            + [("G", .char("G")), ("k", .char("k")), ("g", .char("g")), ("Enter", .enter), ("Esc", .escape)]
        let clock = ContinuousClock()
        for (name, key) in keys {
            await poll()
            let began = clock.now
            let actions = controller.handle(key, state: &state, size: size)
            for action in actions { if case .app(let effect) = action { await perform([effect]) } }
            _ = render()
            let took = clock.now - began
            times.add(
                name, Double(took.components.attoseconds) / 1e15 + Double(took.components.seconds) * 1000)
            if pause > 0 { usleep(useconds_t(pause * 1000)) }
        }
    }

    /// The loop's turn with events in its mailbox: each handled (effects run inline), then one
    /// frame drawn; timed as one.
    private mutating func drain(_ mailbox: Mailbox) async {
        let clock = ContinuousClock()
        let began = clock.now
        let events = mailbox.drain()
        guard !events.isEmpty else { return }
        var last = false
        for event in events {
            if case .anomaliesCounted(_, let checked, let total) = event, checked == total { last = true }
            await perform(state.app.handle(event))
        }
        _ = render()
        let now = clock.now
        let took = now - began
        batchTimes.append(Double(took.components.attoseconds) / 1e15 + Double(took.components.seconds) * 1000)
        if last { lastBatchHandled = now }
    }

    private mutating func perform(_ effects: [AppEffect]) async {
        await runner.settle(effects, in: &state.app)
    }
}

/// Set by the check's thread when it has returned; read by the bench's loop.
final class DoneFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    func set() {
        lock.lock()
        done = true
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return done
    }
}

/// Samples RssAnon (`/proc/self/status`: memory the process owns; pages of a mapped file do
/// not count) every 5 ms on a thread of its own and keeps the peak.
final class RssSampler: @unchecked Sendable {
    private let lock = NSLock()
    private var peak = 0.0
    private var running = true

    var peakMB: Double {
        lock.lock()
        defer { lock.unlock() }
        return max(peak, Self.rssAnonMB())
    }

    func start() {
        Thread.detachNewThread { [self] in
            while true {
                let value = Self.rssAnonMB()
                lock.lock()
                peak = max(peak, value)
                let go = running
                lock.unlock()
                if !go { return }
                usleep(5_000)
            }
        }
    }

    func stop() {
        lock.lock()
        running = false
        lock.unlock()
    }

    static func rssAnonMB() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("RssAnon:") {
            let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kilobytes * 1024 / 1e6
        }
        return 0
    }
}
