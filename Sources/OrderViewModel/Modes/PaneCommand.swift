/// What a pane command asks of the mode it reaches, after `AppState.handle` has turned page
/// sizes into row counts: each mode's reducer gives it its own meaning.
enum PaneCommand: Sendable, Equatable {
    /// Move the cursor (selection) by rows; negative is up.
    case move(Int)
    /// Move the cursor to a row (`Int.max`: the last).
    case moveTo(Int)
    /// The mouse wheel: the list scrolls, the other panes move their cursor.
    case scroll(Int)
    case drillIn, back, toggleSection, toggleRaw
}
