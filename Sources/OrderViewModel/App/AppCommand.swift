/// What the operator asked for, independent of which key or click asked for it. The key table
/// in OrderTUI maps keys to these; `AppState.handle` gives them meaning.
public enum AppCommand: Sendable, Equatable {
    case moveUp, moveDown, pageUp, pageDown, moveToTop, moveToBottom
    /// Selects a row of the focused pane directly (mouse click).
    case selectRow(Int)
    /// Scrolls the focused pane (mouse wheel) by rows; negative is up.
    case scroll(Int)
    case focusNext, focusPrevious
    case focus(Pane)
    /// Enter: open the selected order, drill into the selected row, or toggle a section.
    case drillIn
    /// Esc/Backspace/h: leave the current drill-down level, or return to the list.
    case back
    case toggleSection
    /// Collapses (true) or expands every section of the detail screen; remembered per kind.
    case foldAll(Bool)
    /// Shows a section of the detail screen (by its kind, `DetailSection.id`) from any pane:
    /// focuses the detail, unfolds the section and puts the cursor on its first row that opens
    /// something.
    case jumpToSection(String)
    /// Opens the payout tree of the item under the cursor (or of the item screen shown).
    case openPayout
    /// Shows the raw JSON of the node under the cursor, or hides it.
    case toggleRaw
    case setFilter(String)
    case clearFilter
    case sort(ListColumn)
    /// Cycles the sort column (s) and flips the direction when the same column is chosen again.
    case cycleSort
    case reverseSort
    case search(String)
    case searchNext, searchPrevious
    /// Jumps to an order by id or number (`:order <id>`).
    case jump(String)
    case retry
    /// Masks customer personal data everywhere, or shows it again (unless `--redact` locked it).
    case toggleRedaction
    /// Opens the summary view grouped by these columns (nil: as last time).
    case summarize([SummaryColumn]?)
    case quit
}

/// The three panes of the main screen.
public enum Pane: String, Sendable, Equatable, CaseIterable {
    case list, detail, timeline

    public var title: String {
        switch self {
        case .list: return "Orders"
        case .detail: return "Detail"
        case .timeline: return "Payments"
        }
    }
}
