import OrderIndex
import OrderModel
import OrderSources
import OrderViewModel

/// Carries out the effects `AppState.handle` returns, for every caller: the app loop (live: each
/// effect on a background task, its result posted to the mailbox), and the benchmark, the
/// snapshot tests and `export` (inline: effects and their follow-ups run one after another until
/// the state settles).
///
/// `answer(_:)` is the one place that knows what an effect does; a new `AppEffect` case is a
/// compile error here and nowhere else.
public struct EffectRunner: Sendable {
    public let source: any OrderSource

    public init(source: any OrderSource) {
        self.source = source
    }

    /// Does the work of `effect` and returns the event that reports it; nil for an effect with
    /// nothing to report (`quit`: the state has already stopped itself).
    public func answer(_ effect: AppEffect) async -> AppEvent? {
        switch effect {
        case .quit:
            return nil
        case .loadPage(let request, let cursor, let limit):
            do throws(SourceError) {
                return .pageLoaded(
                    request: request, .success(try await source.page(after: cursor, limit: limit)))
            } catch {
                return .pageLoaded(request: request, .failure(error))
            }
        case .loadOrder(let id):
            return .orderLoaded(id: id, await order(id))
        case .lookUpOrder(let id):
            return .orderLookedUp(id: id, await order(id))
        case .rebuildRows(let rebuild):
            return .rowsRebuilt(
                generation: rebuild.generation, rows: rebuild.run(source: identifierSource),
                covering: rebuild.snapshot.count)
        case .findSearchHits(let search):
            return .searchHitsFound(generation: search.generation, search.run(source: identifierSource))
        case .computeSummary(let request):
            return .summaryComputed(generation: request.generation, request.run())
        }
    }

    /// The source, when it searches the identifiers of its own orders (a dump).
    private var identifierSource: (any IdentifierSearching)? { source.identifierSearch }

    private func order(_ id: String) async -> Result<Order, SourceError> {
        do throws(SourceError) {
            return .success(try await source.order(id: id))
        } catch {
            return .failure(error)
        }
    }

    // MARK: - Live

    /// Starts `effect` on a background task whose event goes to `mailbox`. False when there is
    /// nothing to wait for (no event will come).
    @discardableResult
    public func start(_ effect: AppEffect, posting mailbox: Mailbox) -> Bool {
        if case .quit = effect { return false }
        Task.detached {
            if let event = await answer(effect) { mailbox.post(event) }
        }
        return true
    }

    // MARK: - Inline

    /// Runs `effects` and every effect their events lead to, in order, until none is left.
    public func settle(_ effects: [AppEffect], in state: inout AppState) async {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            if let event = await answer(effect) { queue += state.handle(event) }
        }
    }

    /// Hands `event` to the state and settles what it leads to.
    public func send(_ event: AppEvent, to state: inout AppState) async {
        await settle(state.handle(event), in: &state)
    }
}
