/// The cursor and scroll of the payment-timeline pane.
public struct TimelineState: Sendable, Equatable {
    public var cursor = 0
    public var scroll = 0
    public var count = 0
    public var viewportHeight = 10

    public init() {}

    /// A new order's timeline opens on its last entry, so the totals shown are the order's
    /// final ones (`g` goes to the first entry).
    mutating func reset(entries: Int) {
        count = entries
        cursor = max(0, entries - 1)
        scroll = 0
        clamp()
    }

    mutating func move(to index: Int) {
        cursor = count == 0 ? 0 : min(max(0, index), count - 1)
        clamp()
    }

    mutating func clamp() {
        cursor = count == 0 ? 0 : min(max(0, cursor), count - 1)
        if cursor < scroll { scroll = cursor }
        if cursor >= scroll + viewportHeight { scroll = cursor - viewportHeight + 1 }
        scroll = min(max(0, scroll), max(0, count - viewportHeight))
    }
}
