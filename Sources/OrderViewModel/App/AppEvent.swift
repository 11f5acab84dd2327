import OrderModel
import OrderSources

/// Everything that can change the app state: operator commands, results of effects, layout.
public enum AppEvent: Sendable {
    case command(AppCommand)
    /// The app has started: ask for the first page.
    case started
    case pageLoaded(request: Int, Result<OrderPage, SourceError>)
    case orderLoaded(id: String, Result<Order, SourceError>)
    /// The UI tells how many rows each pane has, so paging and scrolling match the screen.
    case viewportChanged(listRows: Int, detailRows: Int, timelineRows: Int)
    /// A background check of every order found these anomaly counts (by order id); `checked`
    /// of `total` orders are done so far.
    case anomaliesCounted([String: Int], checked: Int, total: Int)
    /// Work the loop ran for the operator (an export) reports how it went, for the status bar.
    case noticed(StatusMessage)
}

/// Work the state asks the outside world to do; results come back as `AppEvent`s.
public enum AppEffect: Sendable, Equatable {
    case loadPage(request: Int, after: PageCursor?, limit: Int)
    case loadOrder(id: String)
    case quit
}
