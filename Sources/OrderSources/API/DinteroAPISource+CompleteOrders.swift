import JSONCore
import OrderIndex
import OrderModel

extension DinteroAPISource {
    /// One page of whole orders, events included, as the anomaly checks need them: the list is
    /// asked with `include_events=true`, and an entry that is not complete (a server that
    /// leaves events out of lists) is fetched on its own, `concurrency` at a time. Read-only.
    public func completeOrders(
        after cursor: PageCursor?, limit: Int, concurrency: Int = 8
    ) async throws(SourceError) -> (orders: [Order], next: PageCursor?) {
        let page = try await listedPage(after: cursor, limit: limit, includeEvents: true)
        let completeness = CompleteListEntries(page: page.orders)
        let complete = page.orders.map(completeness.isComplete)
        let missing = zip(page.orders, complete).filter { !$0.1 }.compactMap { OrderDumpUpdater.id(of: $0.0) }
        let details = try await OrderDumpFetcher.documents(of: missing, from: self, concurrency: concurrency)
        let orders = zip(page.orders, complete).map { entry, isComplete in
            if !isComplete, let id = OrderDumpUpdater.id(of: entry), let whole = details[id] {
                return Order(json: whole.json)
            }
            return Order(json: entry)
        }
        return (orders, page.next)
    }
}
