import TerminalCore
import Testing

@testable import OrderTUI

/// The style mask must see a change of style where the text is the same, or a snapshot could
/// not fail on one.
@Suite struct StyleMaskTests {
    @Test func marksEachCellByItsThemeClassAndSpellsOutTheRest() {
        let theme = Theme.standard
        var grid = Grid(width: 6, height: 2)
        grid.put("ab", x: 0, y: 0, style: theme.heading, maxWidth: 6)
        grid.put("c", x: 3, y: 0, style: Style(fg: .blue, underline: true), maxWidth: 6)
        grid.put("日", x: 0, y: 1, style: theme.bad, maxWidth: 6)
        let mask = StyleMask(grid, theme: theme)
        #expect(mask.rows == ["hh.0", "xx"])
        #expect(
            mask.legend == [
                ". text: plain", "0 not a theme class: fg=blue underline",
                "h heading, focused border, hint key: fg=cyan bold", "x bad: fg=red bold",
            ])
    }

    @Test func theSameTextInAnotherStyleIsAnotherSnapshot() {
        var plain = Grid(width: 4, height: 1)
        plain.put("ab", x: 0, y: 0, style: .plain, maxWidth: 4)
        var bold = Grid(width: 4, height: 1)
        bold.put("ab", x: 0, y: 0, style: Style.plain.bolded, maxWidth: 4)
        #expect(plain.lines() == bold.lines())
        #expect(Snapshot.render(plain, theme: .monochrome) != Snapshot.render(bold, theme: .monochrome))
    }
}
