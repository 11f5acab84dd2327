/// The raw JSON view's reducer (in the detail pane): the cursor moves over JSON lines, Enter and
/// `c` fold the object or array at the cursor, find and n/N search the JSON, Esc and `r` close it.
extension AppState {
    mutating func handleInRaw(_ command: PaneCommand) -> [AppEffect] {
        switch command {
        case .move(let delta), .scroll(let delta):
            moveRawCursor(to: detail.rawCursor + delta)
        case .moveTo(let row):
            moveRawCursor(to: row)
        case .drillIn, .toggleSection:
            toggleRawFold()
        case .back, .toggleRaw:
            closeRaw()
        }
        return []
    }

    /// The raw view's document (the node at `rawPath` of the selected order), when it is open.
    public var rawDocument: RawJSONDocument? { detail.rawDocument }

    /// Opens the raw view on the node at `path` of the selected order, or closes it when open.
    mutating func openRaw(at path: String) -> [AppEffect] {
        if detail.rawPath != nil {
            closeRaw()
            return []
        }
        guard let analysis = selectedAnalysis else {
            status = .info("the order is not loaded yet")
            return []
        }
        closeRaw()
        detail.rawPath = path
        detail.rawDocument = RawJSON.node(at: path, in: analysis.order.raw).map { RawJSONDocument($0) }
        focus = .detail
        return []
    }

    mutating func closeRaw() {
        detail.rawPath = nil
        detail.rawDocument = nil
        detail.rawScroll = 0
        detail.rawCursor = 0
        detail.rawFolded = []
        detail.rawSearch = nil
    }

    /// Rows of the raw view below its path line.
    private var rawViewport: Int { max(1, detail.viewportHeight - 1) }

    private mutating func moveRawCursor(to target: Int, in document: RawJSONDocument? = nil) {
        guard let document = document ?? rawDocument else { return }
        let count = document.visibleLines(folded: detail.rawFolded).count
        detail.rawCursor = min(max(0, target == Int.max ? count - 1 : target), max(0, count - 1))
        if detail.rawCursor < detail.rawScroll { detail.rawScroll = detail.rawCursor }
        if detail.rawCursor >= detail.rawScroll + rawViewport {
            detail.rawScroll = detail.rawCursor - rawViewport + 1
        }
        detail.rawScroll = min(max(0, detail.rawScroll), max(0, count - rawViewport))
    }

    /// Folds or unfolds the object or array opened on the cursor's line (or the one it is in).
    private mutating func toggleRawFold() {
        guard let document = rawDocument else { return }
        let visible = document.visibleLines(folded: detail.rawFolded)
        guard visible.indices.contains(detail.rawCursor) else { return }
        let line = visible[detail.rawCursor]
        if detail.rawFolded.contains(line) {
            detail.rawFolded.remove(line)
        } else if let opener = document.lines[line].closeLine != nil
            ? line
            : document.lines[..<line].indices.last(where: { (document.lines[$0].closeLine ?? -1) >= line })
        {
            detail.rawFolded.insert(opener)
            let shown = document.visibleLines(folded: detail.rawFolded)
            moveRawCursor(to: shown.firstIndex(of: opener) ?? 0, in: document)
        }
    }

    /// Moves to the next (or previous) line of the raw view that holds `rawSearch`, unfolding
    /// what hides it.
    mutating func rawSearchStep(forward: Bool, includeCurrent: Bool) -> [AppEffect] {
        guard let document = rawDocument, let needle = detail.rawSearch else { return [] }
        let matches = detail.rawMatches
        guard !matches.isEmpty else {
            status = .warning("no \"\(needle)\" in this JSON")
            return []
        }
        let visible = document.visibleLines(folded: detail.rawFolded)
        let current = visible.indices.contains(detail.rawCursor) ? visible[detail.rawCursor] : 0
        let next: Int
        if forward {
            next = matches.first { includeCurrent ? $0 >= current : $0 > current } ?? matches[0]
        } else {
            next = matches.last { $0 < current } ?? matches[matches.count - 1]
        }
        detail.rawFolded = document.unfolding(detail.rawFolded, toShow: next)
        let shown = document.visibleLines(folded: detail.rawFolded)
        moveRawCursor(to: shown.firstIndex(of: next) ?? 0, in: document)
        let position = (matches.firstIndex(of: next) ?? 0) + 1
        status = .info("match \(position) of \(matches.count) for \"\(needle)\"")
        return []
    }
}
