import OrderAnalysis

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
