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
        indent: Int = 0, _ label: String, _ value: String = "", tone: Tone = .normal, target: DrillTarget? = nil,
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

/// A titled group of rows (summary, customer, items ...), collapsible in the detail pane.
public struct DetailSection: Sendable, Equatable, Identifiable {
    /// A stable key, e.g. "summary", "items"; collapsed state is remembered by it.
    public var id: String
    public var title: String
    public var rows: [DetailRow]
    /// The jq path of the node the section shows, when there is one.
    public var jsonPath: String?

    public init(id: String, title: String, rows: [DetailRow], jsonPath: String? = nil) {
        self.id = id
        self.title = title
        self.rows = rows
        self.jsonPath = jsonPath
    }
}

/// The content of one screen of the drill-down stack.
public struct DetailScreen: Sendable, Equatable {
    /// The breadcrumb for this level, e.g. "Item 1" or "Payout".
    public var crumb: String
    public var sections: [DetailSection]

    public init(crumb: String, sections: [DetailSection]) {
        self.crumb = crumb
        self.sections = sections
    }
}

/// Where a drill-down goes. Indexes are positions in the order's arrays, so a target stays valid
/// for the order it was made from.
public enum DrillTarget: Sendable, Equatable, Hashable {
    case item(Int)
    case itemTaxLines(Int)
    case itemDiscountLines(Int)
    case itemAdditions(Int)
    case itemPayout(Int)
    case attachment(Int)
    /// A reservation inside an attachment, by its kind name ("train", "car", ...).
    case reservation(attachment: Int, kind: String)
    case reservationLeg(attachment: Int, kind: String, leg: Int)
    case reservationPassengers(attachment: Int, kind: String)
    case reservationInsurance(attachment: Int, kind: String)
    case itinerary(Int)
    case itineraryTickets(Int)
    case itineraryWaypoints(Int)
    /// A payment operation by kind name ("authorization", "capture", "refund", "cancellation")
    /// and its index within that kind's array.
    case operation(kind: String, index: Int)
    case operationItem(kind: String, index: Int, item: Int)
    case session(Int)
    case discount(Int)
    case event(Int)
}
