/// One line of a detail screen: what the detail pane, the drill-down screens and `print` show.
///
/// Rows are plain values so the same content renders on the TUI, in `print` output and in
/// snapshot tests. Text in rows is raw order data; the renderer sanitizes it when drawing.
public struct DetailRow: Sendable, Equatable {
    /// Nesting level inside its section (payout trees and itineraries use it).
    public var indent: Int
    public var label: String
    public var value: String
    public var tone: Tone
    /// What Enter opens from this row, if anything.
    public var target: DrillTarget?
    /// The jq path of the JSON node this row shows (for the raw view and copy).
    public var jsonPath: String?

    public init(
        indent: Int = 0, _ label: String, _ value: String = "", tone: Tone = .normal,
        target: DrillTarget? = nil,
        jsonPath: String? = nil
    ) {
        self.indent = indent
        self.label = label
        self.value = value
        self.tone = tone
        self.target = target
        self.jsonPath = jsonPath
    }

    /// How a row should stand out. Meaning is never carried by colour alone: rows with `.bad`
    /// or `.warning` also carry a textual mark in their value.
    public enum Tone: Sendable, Equatable {
        case normal, muted, heading, good, warning, bad
    }
}
