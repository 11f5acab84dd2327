import OrderAnalysis
import OrderIndex
import OrderModel
import OrderSources

/// The detail pane of the selected order: its load state, the drill-down stack and the cursor
/// at each level, collapsed sections, and the raw JSON view.
public struct DetailState: Sendable, Equatable {
    public var orderID: String?
    public var load: Load = .none
    /// The drill-down stack; the first level is the order itself. Each level remembers its
    /// cursor and scroll, so Back returns to the exact place left.
    public var stack: [Level] = []
    /// When set, the pane shows the raw JSON of this node (a jq path) instead of rows.
    public var rawPath: String?
    /// The raw view's document, built once when the view opens (drawing and keys only read it).
    public internal(set) var rawDocument: RawJSONDocument? {
        didSet { findRawMatches() }
    }
    public var rawScroll = 0
    /// The raw view's cursor, as a position among the lines shown (folds hide lines).
    public var rawCursor = 0
    /// Lines of the raw view whose object or array is folded (opening-line indexes).
    public var rawFolded: Set<Int> = []
    /// The text searched for in the raw view (`f`, then `n` / `N`).
    public var rawSearch: String? {
        didSet { findRawMatches() }
    }
    /// The lines of the raw view that hold `rawSearch`, found once per search (frames and n/N
    /// read them).
    public private(set) var rawMatches: [Int] = []
    public var viewportHeight = 20

    public init() {}

    private mutating func findRawMatches() {
        rawMatches = rawSearch.flatMap { needle in rawDocument?.matches(needle) } ?? []
    }

    /// Whether the selected order's detail is here yet.
    public enum Load: Sendable, Equatable {
        case none
        case loading
        case loaded
        case failed(SourceError)
    }

    /// One level of the drill-down stack.
    public struct Level: Sendable, Equatable {
        public var target: DrillTarget?
        public var screen: DetailScreen
        public var cursor = 0
        public var scroll = 0
        public var collapsed: Set<String> = []
        /// The pane the operator drilled in from when it was not the detail pane (an entry of
        /// the payment timeline): Esc from this level goes back there.
        public var openedFrom: Pane?

        public init(target: DrillTarget?, screen: DetailScreen) {
            self.target = target
            self.screen = screen
        }

        /// The screen as lines: a header per section, then its rows unless collapsed.
        public var lines: [DetailLine] {
            var lines: [DetailLine] = []
            for (sectionIndex, section) in screen.sections.enumerated() {
                lines.append(.header(sectionIndex))
                if !collapsed.contains(section.id) {
                    for rowIndex in section.rows.indices { lines.append(.row(sectionIndex, rowIndex)) }
                }
            }
            return lines
        }

        public func row(at line: DetailLine) -> DetailRow? {
            if case .row(let section, let row) = line { return screen.sections[section].rows[row] }
            return nil
        }

        /// The JSON path of what the cursor is on (row, else its section).
        public var cursorJSONPath: String? {
            let lines = self.lines
            guard lines.indices.contains(cursor) else { return nil }
            switch lines[cursor] {
            case .header(let section): return screen.sections[section].jsonPath
            case .row(let section, let row):
                return screen.sections[section].rows[row].jsonPath ?? screen.sections[section].jsonPath
            }
        }
    }

    public var current: Level? { stack.last }

    mutating func moveCursor(to line: Int) {
        guard var level = stack.popLast() else { return }
        let count = level.lines.count
        level.cursor = count == 0 ? 0 : min(max(0, line), count - 1)
        if level.cursor < level.scroll { level.scroll = level.cursor }
        if level.cursor >= level.scroll + viewportHeight { level.scroll = level.cursor - viewportHeight + 1 }
        level.scroll = min(max(0, level.scroll), max(0, count - viewportHeight))
        stack.append(level)
    }
}

/// A line of a detail screen: a section header or one of its rows.
public enum DetailLine: Sendable, Equatable {
    case header(Int)
    case row(Int, Int)
}
