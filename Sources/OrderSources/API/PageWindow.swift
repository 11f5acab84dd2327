import JSONCore
import OrderModel

/// One order to save: its JSON, and its bytes as the server sent them when known.
struct ListedOrder: Sendable {
    var json: JSONValue
    var source: [UInt8]?
}

/// The pages a pipelined fetch has listed and not yet saved, in list order: which of their
/// orders came complete in the list, which details are still wanted (not yet asked for) or
/// awaited, and which page is next to be saved once whole.
struct PageWindow {
    /// A listed page being completed.
    struct Page {
        var ids: [String]
        var found: [String: ListedOrder]
        var next: PageCursor?
    }

    /// A page whose orders are all in, in list order.
    struct WholePage {
        var orders: [ListedOrder]
        var next: PageCursor?
    }

    private var pages: [Int: Page] = [:]
    /// The number the next listed page gets, and the first page not yet saved.
    private var nextNumber = 0
    private var nextToSave = 0
    /// Details not yet asked for, in list order.
    private var wanted: [(page: Int, id: String)] = []
    private var wantedStart = 0

    /// Details still to be asked for.
    var waiting: Int { wanted.count - wantedStart }

    /// Takes a listed page: orders already saved (`seen`) are dropped, complete entries kept as
    /// they are, the others queued for their detail. Returns the number of orders new to the fetch.
    mutating func add(_ listed: ListedPage, seen: inout Set<String>) -> Int {
        let number = nextNumber
        nextNumber += 1
        let sources = listed.sources()
        let completeness = CompleteListEntries(page: listed.orders)
        var page = Page(ids: [], found: [:], next: listed.next)
        for (index, entry) in listed.orders.enumerated() {
            guard let id = entry["id"]?.stringValue ?? entry["order_id"]?.stringValue else { continue }
            guard seen.insert(id).inserted else { continue }
            page.ids.append(id)
            if completeness.isComplete(entry) {
                page.found[id] = ListedOrder(json: entry, source: sources?[index])
            } else {
                wanted.append((number, id))
            }
        }
        pages[number] = page
        return page.ids.count
    }

    /// The next detail to ask for.
    mutating func nextWanted() -> (page: Int, id: String)? {
        guard wantedStart < wanted.count else { return nil }
        let next = wanted[wantedStart]
        wantedStart += 1
        if wantedStart > 4096 && wantedStart * 2 > wanted.count {
            wanted.removeFirst(wantedStart)
            wantedStart = 0
        }
        return next
    }

    mutating func arrived(_ order: ListedOrder, id: String, page: Int) {
        pages[page]?.found[id] = order
    }

    /// The next page in list order when every order of it is in.
    mutating func popWhole() -> WholePage? {
        guard let page = pages[nextToSave], page.found.count == page.ids.count else { return nil }
        pages[nextToSave] = nil
        nextToSave += 1
        return WholePage(orders: page.ids.compactMap { page.found[$0] }, next: page.next)
    }
}
