import OrderSources

extension AppState {
    /// The state a browser starts in for a source: API pages of the configured size, fetched
    /// as the selection nears the end; a dump's index shared whole (its first page holds every
    /// order, so paging asks once).
    public static func opening(_ origin: SourceOrigin, apiPageSize: Int) -> AppState {
        if case .api = origin { return AppState(origin: origin, pageSize: apiPageSize) }
        return AppState(origin: origin, pageSize: 5_000, prefetchDistance: .max)
    }
}
