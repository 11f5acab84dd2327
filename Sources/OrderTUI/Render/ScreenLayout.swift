import OrderViewModel
import TerminalCore

/// Where each pane goes for a terminal size: side by side when wide, list above a detail or
/// timeline pane at ordinary sizes, one pane at a time when small, or a "too small" message.
public struct ScreenLayout: Sendable, Equatable {
    public enum Mode: Sendable, Equatable { case sideBySide, stacked, single, tooSmall }

    public var mode: Mode
    public var titleBar: Rect
    public var statusBar: Rect
    public var hintBar: Rect
    public var list: Rect?
    public var detail: Rect?
    public var timeline: Rect?
    /// Between the title bar and the status bar: where help and popups are drawn over the panes.
    public var overlay: Rect

    public static let minimumSize = Size(width: 24, height: 7)
    public static let sideBySideWidth = 160
    public static let stackedSize = Size(width: 60, height: 18)

    public static func compute(size: Size, focus: Pane) -> ScreenLayout {
        let width = max(0, size.width)
        let height = max(0, size.height)
        let title = Rect(x: 0, y: 0, width: width, height: min(1, height))
        let hint = Rect(x: 0, y: max(0, height - 1), width: width, height: height >= 2 ? 1 : 0)
        let status = Rect(x: 0, y: max(0, height - 2), width: width, height: height >= 3 ? 1 : 0)
        let overlay = Rect(x: 0, y: min(1, height), width: width, height: max(0, height - 3))
        var layout = ScreenLayout(
            mode: .tooSmall, titleBar: title, statusBar: status, hintBar: hint, overlay: overlay)
        guard width >= minimumSize.width, height >= minimumSize.height else { return layout }
        let body = Rect(x: 0, y: 1, width: width, height: height - 3)
        if width >= sideBySideWidth {
            layout.mode = .sideBySide
            let listWidth = width * 42 / 100
            let timelineWidth = width * 26 / 100
            let detailWidth = width - listWidth - timelineWidth
            layout.list = Rect(x: 0, y: body.y, width: listWidth, height: body.height)
            layout.detail = Rect(x: listWidth, y: body.y, width: detailWidth, height: body.height)
            layout.timeline = Rect(x: listWidth + detailWidth, y: body.y, width: timelineWidth, height: body.height)
        } else if width >= stackedSize.width && height >= stackedSize.height {
            layout.mode = .stacked
            let listHeight = max(5, body.height * 2 / 5)
            layout.list = Rect(x: 0, y: body.y, width: width, height: listHeight)
            let lower = Rect(x: 0, y: body.y + listHeight, width: width, height: body.height - listHeight)
            if focus == .timeline { layout.timeline = lower } else { layout.detail = lower }
        } else {
            layout.mode = .single
            switch focus {
            case .list: layout.list = body
            case .detail: layout.detail = body
            case .timeline: layout.timeline = body
            }
        }
        return layout
    }

    /// Content rows inside a boxed pane (minus borders and, for the list, its header row).
    public var listRows: Int { max(1, (list?.height ?? 3) - 3) }
    public var detailRows: Int { max(1, (detail?.height ?? 3) - 2) }
    public var timelineRows: Int {
        max(1, (timeline?.height ?? 3) - 2 - TimelinePane.totalsHeight(paneWidth: timeline?.width ?? 0))
    }
}
