import OrderIndex
import OrderModel
import OrderSources

/// `:order NUMBER` on the API for an order not loaded yet: the API finds orders by id only (its
/// list filters are status, payment status and creation time, reference/dintero-api.md), so
/// after the id lookup answers 404 the list pages on, with the filters the list was opened
/// with, until an order with that number arrives, the list ends, or Esc stops it. The pages
/// read stay in the list.
public struct OrderHunt: Sendable, Equatable {
    /// The order number typed.
    public var text: String
    /// What the id lookup said (the API's 404, naming the account), kept for the last word.
    public var idMiss: String
    public var pages = 0
    public var orders = 0
}

extension AppState {
    /// True for the API's (or a source's) "no such order".
    static func isNotFound(_ error: SourceError) -> Bool {
        switch error {
        case .orderNotFound: return true
        case .api(_, let status, _): return status == 404
        case .apiResponse(let status, _, _): return status == 404
        default: return false
        }
    }

    /// The id lookup of `text` found nothing: look for it as an order number among the pages
    /// still to come.
    mutating func startHunt(_ text: String, idMiss: String) -> [AppEffect] {
        guard !list.paging.exhausted else {
            status = .warning(
                "\(idMiss); no order number \(text) among the \(Self.orders(list.loadedCount)) listed")
            return []
        }
        hunt = OrderHunt(text: text, idMiss: idMiss)
        status = .info(
            "no order with id \(text): looking for it as an order number in the order list… (Esc stops)")
        // With a page in flight, its answer goes on with the hunt.
        return requestNextPage()
    }

    /// A page arrived during a hunt: select the order if it came, else ask for the next page.
    mutating func huntGoesOn(pageOrders: Int) -> [AppEffect] {
        guard var current = hunt else { return [] }
        current.pages += 1
        current.orders += pageOrders
        let (exact, positions) = list.lookUp(current.text)
        if exact, let position = positions.first {
            hunt = nil
            let name = list.name(ofPosition: position)
            let read = "\(current.pages) page\(current.pages == 1 ? "" : "s") read"
            return reveal(position: position, as: "order \(name) (\(read))")
        }
        if list.paging.exhausted {
            hunt = nil
            status = .warning(
                "\(current.idMiss); no order number \(current.text) among the "
                    + "\(Self.orders(list.loadedCount)) listed")
            return []
        }
        hunt = current
        status = .info(
            "looking for order \(current.text): \(current.pages) page\(current.pages == 1 ? "" : "s"), "
                + "\(Self.orders(current.orders)) more listed… (Esc stops)")
        return requestNextPage()
    }

    /// Selects the order at `position`; a filter that hides it is cleared (and said so).
    mutating func reveal(position: Int, as message: String) -> [AppEffect] {
        if list.select(position: position) {
            focus = .list
            status = .info(message)
            return selectionFollows()
        }
        let filter = list.query.source
        var effects = setFilter("")
        guard list.select(position: position) else {
            status = .warning("\(message) is loaded but not shown")
            return effects
        }
        focus = .list
        status = .info("\(message): the filter \"\(filter)\" hid it and is cleared")
        effects += selectionFollows()
        return effects
    }

    /// Esc while an order hunt or an identifier pass runs stops it; nil when none runs.
    mutating func stopLongWork() -> [AppEffect]? {
        if let current = hunt {
            hunt = nil
            status = .info(
                "stopped looking for order \(current.text) after \(current.pages) page"
                    + "\(current.pages == 1 ? "" : "s") (\(Self.orders(current.orders)) listed)")
            return []
        }
        if list.stopPasses() {
            status = .info("stopping the identifier search…")
            return []
        }
        return nil
    }

    /// The app loop saw the identifier pass move on: say how far it is.
    public mutating func showPassProgress() {
        guard let pass = list.runningPass, !pass.isStopped else { return }
        if case .error = status { return }
        if case .warning = status { return }
        status = .info(
            "searching identifiers: \(min(pass.done, pass.total)) of \(Self.orders(pass.total))… (Esc stops)")
    }
}

extension ListState {
    /// Where row `row` stands among the rows shown that match the search: "match index of total".
    func searchRank(ofRow row: Int) -> (index: Int, total: Int) {
        guard let hits = currentSearchHits else { return (0, 0) }
        var total = 0
        var index = 0
        for candidate in 0..<rows.count where hits.matches(rows[candidate]) == true {
            total += 1
            if candidate <= row { index = total }
        }
        return (index, total)
    }
}
