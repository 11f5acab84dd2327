import OrderAnalysis
import OrderIndex
import OrderModel
import OrderSources

/// Everything that can change the app state: operator commands, results of effects, layout.
public enum AppEvent: Sendable {
    case command(AppCommand)
    /// The app has started: ask for the first page.
    case started
    case pageLoaded(request: Int, Result<OrderPage, SourceError>)
    case orderLoaded(id: String, Result<Order, SourceError>)
    /// An order asked for by id with `:order` that was not among the loaded ones (API sources).
    case orderLookedUp(id: String, Result<Order, SourceError>)
    /// A `browse --follow` poll answered: the orders created since the newest loaded one.
    case followed(Result<[OrderSummary], SourceError>)
    /// The UI tells how many rows each pane has, so paging and scrolling match the screen.
    /// `listColumns`: the columns the list shows at its width, in order (`s` cycles them).
    case viewportChanged(
        listRows: Int, detailRows: Int, timelineRows: Int, listColumns: [ListColumn] = ListColumn.allCases)
    /// A background check of every order found these anomaly counts (a run of store
    /// positions); `checked` of `total` orders are done so far.
    case anomaliesCounted(AnomalyCounts, checked: Int, total: Int)

    // Large dumps (issue 6): the background index and filter/sort off the loop.
    /// The background index of a dump went on: its store now holds `shared.count` rows.
    case indexProgress(IndexProgress, SharedSummaries)
    /// A filter/sort asked for with `AppEffect.rebuildRows` is done.
    case rowsRebuilt(generation: Int, rows: ListRows, covering: Int)
    /// A search asked for with `AppEffect.findSearchHits` is done.
    case searchHitsFound(generation: Int, SearchHits)
    /// A summary asked for with `AppEffect.computeSummary` is done.
    case summaryComputed(generation: Int, SummaryTable)
    /// Problems found while reading orders after the index (text that breaks JSON's rules, met
    /// by the background check): kept for `P` like the index's own.
    case loadProblemsFound([SourceProblem])
    /// Work the loop ran for the operator (an export) reports how it went, for the status bar.
    case noticed(StatusMessage)
}

/// Work the state asks the outside world to do; results come back as `AppEvent`s.
public enum AppEffect: Sendable, Equatable {
    case loadPage(request: Int, after: PageCursor?, limit: Int)
    case loadOrder(id: String)
    /// Fetch an order that is not in the list by its id (`:order` on the API); answer with
    /// `AppEvent.orderLookedUp`.
    case lookUpOrder(id: String)
    case quit
    /// Filter and sort the list off the loop (big lists); answer with `AppEvent.rowsRebuilt`.
    case rebuildRows(RowRebuild)
    /// Find which orders match the search text off the loop (big lists); answer with
    /// `AppEvent.searchHitsFound`.
    case findSearchHits(RowSearch)
    /// Group and sum the list's rows off the loop; answer with `AppEvent.summaryComputed`.
    case computeSummary(SummaryRequest)
}
