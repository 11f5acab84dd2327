/// The mode the app state is in, which decides what a pane command means: the list, the
/// detail rows, the raw JSON view (in the detail pane), or the payment timeline. Each mode has
/// its reducer (`AppState.handleInList` and the others); `AppState.handle` routes to it.
public enum ViewMode: String, Sendable, Equatable, CaseIterable {
    case list, detail, raw, timeline
}

extension AppState {
    public var mode: ViewMode {
        switch focus {
        case .list: return .list
        case .detail: return detail.rawPath != nil ? .raw : .detail
        case .timeline: return .timeline
        }
    }
}
