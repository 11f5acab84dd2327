import OrderIndex
import OrderModel

/// Where orders come from: a dump file, the Dintero API or the bundled demo data.
///
/// The view-model asks for pages of summaries and for one full order at a time; everything is
/// async so a slow disk or network never blocks input. Errors are `SourceError` values whose
/// messages are written for the operator.
public protocol OrderSource: Sendable {
    /// What to show in the status bar: a file path, or an API account with its TEST/LIVE badge.
    var origin: SourceOrigin { get }

    /// Up to `limit` summaries following `cursor` (nil = from the start).
    func page(after cursor: PageCursor?, limit: Int) async throws(SourceError) -> OrderPage

    /// One order with its full detail (events included where the source has them).
    func order(id: String) async throws(SourceError) -> Order

    /// One payment session of an order.
    func session(orderID: String, sessionID: String) async throws(SourceError) -> Session

    /// What a background read (a big dump's index) has done so far, with the summaries it shared;
    /// nil for a source that reads nothing in the background. The app loop polls it each turn.
    func backgroundProgress() -> BackgroundProgress?

    /// This source as one that says which orders were created since a moment (`browse
    /// --follow` polls it); nil for a source that cannot. A capability, so the loop casts nothing.
    var followable: (any FollowableSource)? { get }

    /// This source as one that searches the identifiers of its own orders (a dump, by a byte
    /// pass); nil for one whose pages bring them (the API). A capability, as `followable` is.
    var identifierSearch: (any IdentifierSearching)? { get }
}

extension OrderSource {
    public func backgroundProgress() -> BackgroundProgress? { nil }
    public var followable: (any FollowableSource)? { nil }
    public var identifierSearch: (any IdentifierSearching)? { nil }
}

/// A background read's progress and the summaries it has stored so far.
public struct BackgroundProgress: Sendable {
    public var progress: IndexProgress
    public var shared: SharedSummaries

    public init(progress: IndexProgress, shared: SharedSummaries) {
        self.progress = progress
        self.shared = shared
    }
}

/// An opaque position in a source's list: an index into a dump, or the API's `starting_after`.
public struct PageCursor: Sendable, Equatable, Hashable {
    public var value: String
    public init(_ value: String) { self.value = value }
}

/// One page of summaries as a source delivers it.
public struct OrderPage: Sendable, Equatable {
    public var summaries: [OrderSummary]
    /// Where the next page starts; nil when this was the last page.
    public var next: PageCursor?
    /// The total number of orders when the source knows it (dumps do; the API does not).
    public var totalCount: Int?
    /// Problems found while reading that did not stop the read (e.g. a truncated dump tail).
    public var problems: [SourceProblem]
    /// Set by sources that keep every summary in a store: the list can share the store instead of
    /// copying `summaries` (which then holds only this page, for callers that read pages).
    public var shared: SharedSummaries?
    /// The identifiers of each order of `summaries` (same order) that the summaries do not
    /// hold, for the list's search; empty from a source that searches its own (a dump).
    public var identifiers: [[OrderIdentifier]]

    public init(
        summaries: [OrderSummary], next: PageCursor?, totalCount: Int? = nil, problems: [SourceProblem] = [],
        shared: SharedSummaries? = nil, identifiers: [[OrderIdentifier]] = []
    ) {
        self.identifiers = identifiers
        self.summaries = summaries
        self.next = next
        self.totalCount = totalCount
        self.problems = problems
        self.shared = shared
    }
}

/// Describes a source for the status bar.
public enum SourceOrigin: Sendable, Equatable {
    case files([String])
    case api(accountID: String, storeID: String?)
    case demo

    /// True for a live (`P…`) Dintero account; the UI always shows TEST or LIVE.
    public var isLiveAccount: Bool {
        if case .api(let account, _) = self { return account.hasPrefix("P") }
        return false
    }
}
