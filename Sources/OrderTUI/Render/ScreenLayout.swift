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

    /// The layout for a UI state: its focus, zoom and split.
    public static func compute(size: Size, state: UIState) -> ScreenLayout {
        compute(size: size, focus: state.app.focus, zoomed: state.zoomed, split: state.split)
    }

    /// The list gets at least this many columns beside the other panes: every list column fits
    /// (`ListPane.columns`), so a wide terminal never shows fewer columns than a narrower one,
    /// and the customer column gets 20 of them (at its minimum of 12, a 200x50 screen cut 110 of
    /// the demo's 300 names, `Kari Nordma…`, beside 40 blank rows).
    public static let sideBySideListWidth = 103
    /// The list's share of a stacked screen, at least enough for 8 rows at 80x24.
    static let stackedListHeight = 11

    /// `zoomed`: the focused pane takes the whole body. `split`: moves the border between the
    /// list and the other panes, in rows (stacked) or in steps of 4 columns (side by side).
    public static func compute(size: Size, focus: Pane, zoomed: Bool = false, split: Int = 0) -> ScreenLayout
    {
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
        if zoomed {
            layout.mode = .single
            switch focus {
            case .list: layout.list = body
            case .detail: layout.detail = body
            case .timeline: layout.timeline = body
            }
        } else if width >= sideBySideWidth {
            // The list on the left with every column; the detail above the timeline on the
            // right, so descriptions and names get the width left.
            layout.mode = .sideBySide
            let listWidth = min(max(sideBySideListWidth, width * 45 / 100) + 4 * split, width - 60)
            let listWidthClamped = max(40, listWidth)
            let right = width - listWidthClamped
            let detailHeight = max(6, body.height * 3 / 5)
            layout.list = Rect(x: 0, y: body.y, width: listWidthClamped, height: body.height)
            layout.detail = Rect(x: listWidthClamped, y: body.y, width: right, height: detailHeight)
            layout.timeline = Rect(
                x: listWidthClamped, y: body.y + detailHeight, width: right,
                height: body.height - detailHeight)
        } else if width >= stackedSize.width && height >= stackedSize.height {
            layout.mode = .stacked
            let preferred = max(min(stackedListHeight, body.height - 6), body.height * 2 / 5) + split
            let listHeight = min(max(4, preferred), body.height - 4)
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

    /// The columns the list shows at its width, in display order (what `s` cycles through).
    public var listColumns: [ListColumn] {
        guard let list else { return ListColumn.allCases }
        return ListPane.columns(width: max(0, list.width - 2)).map(\.column).filter { $0 != .anomaly }
    }

    /// Content rows inside a boxed pane (minus borders and, for the list, its header row).
    public var listRows: Int { max(1, (list?.height ?? 3) - 3) }
    public var detailRows: Int { max(1, (detail?.height ?? 3) - 2) }
    public var timelineRows: Int {
        max(1, (timeline?.height ?? 3) - 2 - TimelinePane.totalsHeight(paneWidth: timeline?.width ?? 0))
    }
}
