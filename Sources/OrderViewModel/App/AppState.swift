import OrderAnalysis
import OrderIndex
import OrderModel
import OrderSources

/// The whole state of OrderScope as a value: the list, the detail of the selected order with
/// its drill-down stack, the payment timeline, focus and status messages.
///
/// It knows no terminal and does no I/O: `handle(_:)` changes it and returns the effects (load a
/// page, load an order) for the app loop to run; their results come back as events. Renderers
/// draw it; tests drive it with events and check the exact state and effects.
public struct AppState: Sendable, Equatable {
    public var origin: SourceOrigin
    public var list = ListState()
    public var detail = DetailState()
    public var timeline = TimelineState()
    public var focus: Pane = .list
    /// A message for the status bar (the last error, or what a command did).
    public var status: StatusMessage?
    public var isQuitting = false
    /// `browse --follow`: the poll interval and the orders polls brought.
    public var follow = FollowState()
    /// The summary view (issue 20), its own reducer; see `AppState+Summary`.
    public var summary = SummaryViewState()
    /// Progress of the background anomaly check over the whole source, while it runs.
    public var anomalyCheck: AnomalyCheckProgress?
    /// Progress of a dump's background index, while it runs.
    public var indexing: IndexProgress?
    /// Problems of the background index already shown.
    private var indexProblemsShown = 0
    /// Every problem met while loading (bad lines, a file that ends early), in the order met,
    /// at most `loadProblemLimit`: the status bar shows only the latest.
    public private(set) var loadProblems: [String] = []
    /// How many problems `loadProblems` keeps (a dump can have a bad line per order).
    public static let loadProblemLimit = 1_000
    /// Section kinds (`DetailSection.id`) the operator folded: every screen opened later, for
    /// this order or the next, shows them folded until unfolded.
    public var foldedSections: Set<String> = []
    /// Whether customer personal data is masked (`--redact`, or the toggle key).
    public var redaction = Redaction.off
    /// `:order NUMBER` on the API paging through the list for an order not loaded yet.
    public internal(set) var hunt: OrderHunt?
    /// How many summaries to ask for per page.
    public var pageSize: Int
    /// Start prefetching the next page when the selection is this close to the end.
    public var prefetchDistance: Int

    /// Loaded orders by id, most recent last; bounded so memory stays flat.
    public private(set) var cache: [String: LoadedOrder] = [:]
    private var cacheOrder: [String] = []
    public var cacheLimit = 64
    private var nextRequest = 1

    public init(origin: SourceOrigin, pageSize: Int = 100, prefetchDistance: Int = 20) {
        self.origin = origin
        self.pageSize = pageSize
        self.prefetchDistance = prefetchDistance
    }

    /// The analysis of the selected order, when it is loaded.
    public var selectedAnalysis: LoadedOrder? {
        guard let id = detail.orderID else { return nil }
        return cache[id]
    }

    /// Breadcrumbs for the detail pane: `Orders › order123456 › Item 1 › Payout`.
    public var breadcrumbs: [String] {
        var crumbs = ["Orders"]
        if let summary = list.selectedSummary {
            crumbs.append(summary.orderNumber ?? summary.id)
        }
        for level in detail.stack.dropFirst() { crumbs.append(level.screen.crumb) }
        if detail.rawPath != nil { crumbs.append("Raw JSON") }
        return crumbs
    }

    // MARK: - Events

    /// Applies one event and returns the effects to run.
    public mutating func handle(_ event: AppEvent) -> [AppEffect] {
        // Searches and filters never match what the screens mask (the toggle, or --redact).
        list.setRedacted(redaction.isOn)
        var effects = apply(event)
        effects += summaryFollows(event)
        if let rebuild = list.takeRebuildRequest() {
            effects.append(.rebuildRows(rebuild))
            if case .command = event, !list.query.isEmpty {
                status = .info("filtering \(Self.orders(list.loadedCount))…")
            }
        }
        return effects
    }

    private mutating func apply(_ event: AppEvent) -> [AppEffect] {
        switch event {
        case .started:
            return requestNextPage()
        case .command(let command):
            return handle(command)
        case .pageLoaded(let request, let result):
            return pageLoaded(request: request, result)
        case .orderLoaded(let id, let result):
            return orderLoaded(id: id, result)
        case .orderLookedUp(let id, let result):
            return orderLookedUp(id: id, result)
        case .followed(let result):
            return followed(result)
        case .viewportChanged(let listRows, let detailRows, let timelineRows, let listColumns):
            list.setViewportHeight(listRows)
            list.shownColumns = listColumns
            detail.viewportHeight = max(1, detailRows)
            detail.moveCursor(to: detail.current?.cursor ?? 0)
            timeline.viewportHeight = max(1, timelineRows)
            timeline.clamp()
            return prefetchIfNeeded()
        case .anomaliesCounted(let counts, let checked, let total):
            list.applyAnomalyCounts(counts, final: checked >= total)
            anomalyCheck = checked < total ? AnomalyCheckProgress(checked: checked, total: total) : nil
            return selectionChanged()
        case .indexProgress(let progress, let shared):
            return indexProgressed(progress, shared)
        case .rowsRebuilt(let generation, let rows, let covering):
            let hadSelection = list.selectedID
            let applies = list.rebuildPending && list.rebuildGeneration == generation
            list.rebuilt(generation: generation, rows: rows, covering: covering)
            guard applies else { return [] }  // stale: a newer filter or sort is on its way
            if list.filterPassStopped {
                status = .warning(
                    Self.matching(list.rows.count, list.query.source)
                        + " in the list's columns (identifier search stopped)")
            } else if !list.query.isEmpty, case .info = status {
                status = .info(Self.matching(list.rows.count, list.query.source))
            }
            return hadSelection != list.selectedID ? selectionChanged() : []
        case .searchHitsFound(let generation, let hits):
            guard let step = list.searchFound(generation: generation, hits) else { return [] }
            return searchStep(forward: step.forward, includeCurrent: step.includeCurrent)
        case .loadProblemsFound(let problems):
            for problem in problems { noteLoadProblem(problem.description) }
            return []
        case .noticed(let message):
            status = message
            return []
        case .summaryComputed(let generation, let table):
            return summaryComputed(generation: generation, table)
        }
    }

    // MARK: - Background index

    private mutating func indexProgressed(_ progress: IndexProgress, _ shared: SharedSummaries) -> [AppEffect]
    {
        let hadSelection = list.selectedID
        list.share(shared)
        indexing = progress.finished ? nil : progress
        if progress.finished {
            list.paging.totalCount = list.loadedCount
            list.paging.exhausted = true
            list.paging.next = nil
        }
        for problem in progress.problems.dropFirst(indexProblemsShown) {
            noteLoadProblem(problem.description)
        }
        indexProblemsShown = max(indexProblemsShown, progress.problems.count)
        return hadSelection != list.selectedID ? selectionChanged() : []
    }

    /// A load that worked after one that failed: the old error no longer describes the screen
    /// (it stays in the message log). A page that failed still stops paging until `r`, so its
    /// error is what the status bar says then, whatever failed last.
    private mutating func clearStaleError() {
        guard case .error = status else { return }
        status = list.paging.error.map(Self.pageFailure)
    }

    /// What the status bar says while a failed page stops paging.
    private static func pageFailure(_ error: SourceError) -> StatusMessage {
        .error(error.message + " (r to retry)")
    }

    /// Shows a loading problem in the status bar and keeps it for the problems list; one seen
    /// before (a page delivered again after a retry) is not kept twice.
    private mutating func noteLoadProblem(_ text: String) {
        status = .warning(text)
        if loadProblems.count < Self.loadProblemLimit && !loadProblems.contains(text) {
            loadProblems.append(text)
        }
    }

    // MARK: - Paging

    mutating func requestNextPage() -> [AppEffect] {
        guard list.paging.inFlight == nil, !list.paging.exhausted else { return [] }
        let request = nextRequest
        nextRequest += 1
        list.paging.inFlight = request
        list.paging.error = nil
        return [.loadPage(request: request, after: list.paging.next, limit: pageSize)]
    }

    private mutating func pageLoaded(request: Int, _ result: Result<OrderPage, SourceError>) -> [AppEffect] {
        guard list.paging.inFlight == request else { return [] }  // stale
        list.paging.inFlight = nil
        switch result {
        case .failure(let error):
            list.paging.error = error
            status = Self.pageFailure(error)
            hunt = nil
            return []
        case .success(let page):
            clearStaleError()
            let hadSelection = list.selectedID
            if let repeated = page.next, repeated == list.paging.next,
                !page.summaries.isEmpty || page.next != nil,
                list.paging.pagesLoaded > 0
            {
                // The source handed back the cursor we asked with: stop instead of looping.
                list.paging.exhausted = true
                status = .error("paging stopped: the source repeated its cursor")
            } else {
                list.paging.next = page.next
                list.paging.exhausted = page.next == nil
            }
            list.paging.pagesLoaded += 1
            if let total = page.totalCount { list.paging.totalCount = total }
            if let shared = page.shared {
                // The source shares its whole store: every row is in; the rest of a background
                // index arrives as `indexProgress`, not as pages.
                list.share(shared)
                list.paging.next = nil
                list.paging.exhausted = true
                if !shared.complete { list.paging.totalCount = nil }
            } else {
                list.append(page.summaries, identifiers: page.identifiers)
            }
            for problem in page.problems { noteLoadProblem(problem.description) }
            var effects: [AppEffect] = []
            if hadSelection != list.selectedID { effects += selectionChanged() }
            if hunt != nil { return effects + huntGoesOn(pageOrders: page.summaries.count) }
            effects += prefetchIfNeeded()
            return effects
        }
    }

    /// Asks for the next page when the selection nears the end of what is loaded, or when the
    /// visible rows do not fill the viewport (a filter that matches little).
    mutating func prefetchIfNeeded() -> [AppEffect] {
        guard !list.paging.exhausted, list.paging.inFlight == nil, list.paging.error == nil else { return [] }
        let row = list.selectedRow ?? 0
        if list.rows.count - row <= prefetchDistance || list.rows.count < list.viewportHeight {
            return requestNextPage()
        }
        return []
    }

    // MARK: - Orders

    private mutating func orderLoaded(id: String, _ result: Result<Order, SourceError>) -> [AppEffect] {
        switch result {
        case .success(let order):
            let analysis = LoadedOrder(order: redaction.apply(order))
            remember(id: id, analysis)
            if var summary = list.summary(id: id), summary.anomalyCount != analysis.anomalies.count {
                summary.anomalyCount = analysis.anomalies.count
                summary.anomalyKinds = AnomalyTally(analysis.anomalies).kinds
                list.update(summary)
            }
            guard detail.orderID == id else { return [] }  // no longer selected: cached only
            clearStaleError()
            showLoaded(analysis)
        case .failure(let error):
            guard detail.orderID == id else { return [] }
            detail.load = .failed(error)
            status = .error(error.message + " (r to retry)")
        }
        return []
    }

    /// An order fetched by id joins the list (at its end; paging later skips it as a repeat)
    /// and is selected with its detail shown.
    private mutating func orderLookedUp(id: String, _ result: Result<Order, SourceError>) -> [AppEffect] {
        switch result {
        case .success(let order):
            var summary = OrderSummary(order: order)
            let analysis = LoadedOrder(order: redaction.apply(order))
            summary.anomalyCount = analysis.anomalies.count
            summary.anomalyKinds = AnomalyTally(analysis.anomalies).kinds
            list.append([summary], identifiers: [OrderIdentifiers.of(order.raw)])
            remember(id: summary.id, analysis)
            guard list.select(id: summary.id) else {
                status = .warning("order \(id) is loaded but hidden by the filter; clear it with :filter")
                return []
            }
            focus = .list
            status = .info("order \(id) fetched")
            return selectionFollows()
        case .failure(let error):
            if Self.isNotFound(error) { return startHunt(id, idMiss: error.message) }
            status = .error(error.message)
            return []
        }
    }

    /// Drops every loaded order (after redaction changed) and loads the selected one again.
    mutating func reloadOrders() -> [AppEffect] {
        cache = [:]
        cacheOrder = []
        guard let id = detail.orderID else { return [] }
        detail = DetailState(viewportHeight: detail.viewportHeight)
        detail.orderID = id
        detail.load = .loading
        timeline.reset(entries: 0)
        return [.loadOrder(id: id)]
    }

    /// Drops an order's analysis (it changed) so it loads again when next selected; a detail
    /// on screen stays as it is until then.
    mutating func forget(id: String) {
        cache[id] = nil
        cacheOrder.removeAll { $0 == id }
    }

    private mutating func remember(id: String, _ analysis: LoadedOrder) {
        if cache[id] == nil {
            cacheOrder.append(id)
            if cacheOrder.count > cacheLimit {
                let evicted = cacheOrder.removeFirst()
                if evicted != detail.orderID { cache[evicted] = nil } else { cacheOrder.append(evicted) }
            }
        }
        cache[id] = analysis
    }

    private mutating func showLoaded(_ analysis: LoadedOrder) {
        detail.load = .loaded
        detail.stack = [level(target: nil, screen: analysis.root)]
        detail.rawPath = nil
        detail.rawDocument = nil
        timeline.reset(entries: analysis.timeline.entries.count)
    }

    /// A new level of the detail stack, with the sections the operator keeps folded folded.
    func level(target: DrillTarget?, screen: DetailScreen) -> DetailState.Level {
        var level = DetailState.Level(target: target, screen: screen)
        level.collapsed = Set(screen.sections.map(\.id)).intersection(foldedSections)
        return level
    }

    /// The selection moved to another order: show it if cached, else ask for it.
    mutating func selectionChanged() -> [AppEffect] {
        guard let summary = list.selectedSummary else {
            detail = DetailState(viewportHeight: detail.viewportHeight)
            timeline.reset(entries: 0)
            return []
        }
        guard detail.orderID != summary.id else { return [] }
        detail = DetailState(viewportHeight: detail.viewportHeight)
        detail.orderID = summary.id
        if let analysis = cache[summary.id] {
            showLoaded(analysis)
            return []
        }
        detail.load = .loading
        timeline.reset(entries: 0)
        return [.loadOrder(id: summary.id)]
    }
}

extension DetailState {
    init(viewportHeight: Int) {
        self.init()
        self.viewportHeight = viewportHeight
    }
}

/// How far the background anomaly check of every order has come.
public struct AnomalyCheckProgress: Sendable, Equatable {
    public var checked: Int
    public var total: Int
}

/// A message for the status bar; errors stay until replaced, info fades on the next command.
public enum StatusMessage: Sendable, Equatable {
    case info(String)
    case warning(String)
    case error(String)

    public var text: String {
        switch self {
        case .info(let text), .warning(let text), .error(let text): return text
        }
    }
}
