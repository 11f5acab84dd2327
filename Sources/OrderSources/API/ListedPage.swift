import JSONCore
import OrderModel

/// One page of an order list as the API answered it: the orders, each order's bytes as the
/// server sent them (so `fetch` saves what was sent, escapes and all: a `JSONValue` turns a
/// lone surrogate `\ud800` into U+FFFD), and where the next page starts.
public struct ListedPage: Sendable {
    public var orders: [JSONValue]
    public var next: PageCursor?
    /// The answer's body, from which `sources()` cuts the orders.
    private let body: [UInt8]

    init(orders: [JSONValue], bytes: [UInt8], next: PageCursor?) {
        self.orders = orders
        self.next = next
        body = bytes
    }

    /// The compact source bytes of each of `orders`; nil when they cannot be matched to the
    /// orders (then the orders are written from their JSON). Cut on demand: browsing never
    /// needs them.
    public func sources() -> [[UInt8]]? {
        let spans = body.withUnsafeBytes { buffer in
            JSONSpans.listedObjects(in: buffer, listKeys: ["orders", "items", "data"])?.map {
                JSONSpans.compact(UnsafeRawBufferPointer(rebasing: buffer[$0]))
            }
        }
        return spans?.count == orders.count ? spans : nil
    }
}
