import JSONCore
import OrderModel
import OrderSources
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// The raw JSON view: tokens by kind, folding, search, and colours on screen.
@Suite struct RawJSONViewTests {
    static let sample = """
        {"id": "o1", "amount": 1200, "paid": true, "note": null,
         "items": [{"line_id": 1, "text": "a\\u001bb"}, {"line_id": 2}], "empty": {}}
        """

    @Test func tokensFoldsAndSearch() throws {
        let document = RawJSONDocument(try JSONParser.parse(Array(Self.sample.utf8)))
        #expect(document.lines.map(\.text) == RawJSON.lines(try JSONParser.parse(Array(Self.sample.utf8))))
        #expect(document.lines[1].tokens.map(\.kind) == [.key, .punctuation, .string, .punctuation])
        #expect(document.lines[2].tokens[2] == RawJSONDocument.Token(text: "1200", kind: .number))
        #expect(document.lines[3].tokens[2].kind == .literal)
        // Control characters stay escaped in the text.
        #expect(document.lines.contains { $0.text.contains("\"a\\u001bb\"") })
        let items = try #require(document.lines.firstIndex { $0.text.hasPrefix("  \"items\"") })
        let close = try #require(document.lines[items].closeLine)
        #expect(document.lines[close].text == "  ],")
        #expect(document.lines[items].memberCount == 2)
        let folded = document.visibleLines(folded: [items])
        #expect(folded.count == document.lines.count - (close - items))
        #expect(document.matches("LINE_ID").count == 2)
        let inside = try #require(document.matches("line_id").first)
        #expect(document.unfolding([items, 0], toShow: inside) == [])
    }

    static func rawState() async throws -> (UIState, UIController, [Order], Size) {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 120, height: 40)
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        await Fixtures.press(
            [.char("2"), .char(":")] + "raw".map { Key.char($0) } + [.enter], &state, controller, size: size,
            orders: orders)
        return (state, controller, orders, size)
    }

    @Test func cFoldsTheObjectOnTheCursorLineAndEnterOpensItAgain() async throws {
        var (state, controller, orders, size) = try await Self.rawState()
        #expect(state.app.detail.rawPath == ".")
        let document = try #require(state.app.rawDocument)
        let opener = try #require(document.lines.firstIndex { $0.closeLine != nil && $0.depth == 1 })
        await Fixtures.press(
            Array(repeating: .char("j"), count: opener), &state, controller, size: size, orders: orders)
        await Fixtures.press([.char("c")], &state, controller, size: size, orders: orders)
        #expect(state.app.detail.rawFolded == [opener])
        let screen = ScreenRenderer.render(state, size: size).lines().joined(separator: "\n")
        #expect(screen.contains("… "))
        await Fixtures.press([.enter], &state, controller, size: size, orders: orders)
        #expect(state.app.detail.rawFolded.isEmpty)
    }

    @Test func findJumpsToMatchesUnfoldingThemAndNCycles() async throws {
        var (state, controller, orders, size) = try await Self.rawState()
        // Fold it all.
        await Fixtures.press([.char("G"), .char("c")], &state, controller, size: size, orders: orders)
        #expect(state.app.detail.rawFolded == [0])
        await Fixtures.press(
            [.char("f")] + "masked_pan".map { Key.char($0) } + [.enter], &state, controller, size: size,
            orders: orders)
        let document = try #require(state.app.rawDocument)
        let matches = document.matches("masked_pan")
        #expect(!matches.isEmpty)
        let visible = document.visibleLines(folded: state.app.detail.rawFolded)
        #expect(visible[state.app.detail.rawCursor] == matches[0])
        #expect(state.app.status?.text.hasPrefix("match 1 of \(matches.count)") == true)
        if matches.count > 1 {
            await Fixtures.press([.char("n")], &state, controller, size: size, orders: orders)
            let shown = document.visibleLines(folded: state.app.detail.rawFolded)
            #expect(shown[state.app.detail.rawCursor] == matches[1])
        }
        // Esc leaves the raw view and forgets its folds and search.
        await Fixtures.press([.escape], &state, controller, size: size, orders: orders)
        #expect(state.app.detail.rawPath == nil && state.app.detail.rawSearch == nil)
    }

    @Test func tokensAreColouredByKind() async throws {
        let (state, _, _, size) = try await Self.rawState()
        let theme = Theme.standard
        let grid = ScreenRenderer.render(state, size: size, theme: theme)
        var styles: Set<String> = []
        for y in 0..<size.height {
            let line = grid.lines()[y]
            guard let keyStart = line.range(of: "\"currency\"") else { continue }
            let x = line.distance(from: line.startIndex, to: keyStart.lowerBound)
            let valueX = x + "\"currency\": ".count
            if let key = grid.cell(x: x, y: y), let value = grid.cell(x: valueX, y: y) {
                styles.insert(key.style == theme.jsonKey ? "key" : "?")
                styles.insert(value.style == theme.jsonString ? "string" : "?")
            }
        }
        #expect(styles == ["key", "string"])
    }
}
