import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// Mouse hit-testing as a pure function of the layout and the event.
@Suite("mouse hits")
struct MouseHitTests {
    /// Three panes side by side at 200x60: list, then detail over timeline.
    let layout = ScreenLayout.compute(size: Size(width: 200, height: 60), focus: .list)

    @Test func aPressSelectsTheRowUnderIt() throws {
        let list = try #require(layout.list)
        let detail = try #require(layout.detail)
        let timeline = try #require(layout.timeline)
        // The list's rows start under its title and column header; the others' under a title.
        #expect(
            MouseHit.hit(MouseEvent(x: list.x + 3, y: list.y + 2 + 4, kind: .press), layout: layout)
                == MouseHit(pane: .list, kind: .row(4)))
        #expect(
            MouseHit.hit(MouseEvent(x: detail.x + 1, y: detail.y + 1, kind: .press), layout: layout)
                == MouseHit(pane: .detail, kind: .row(0)))
        #expect(
            MouseHit.hit(MouseEvent(x: timeline.x + 1, y: timeline.y + 3, kind: .press), layout: layout)
                == MouseHit(pane: .timeline, kind: .row(2)))
        // On the list's header: focus only.
        #expect(
            MouseHit.hit(MouseEvent(x: list.x + 3, y: list.y + 1, kind: .press), layout: layout)
                == MouseHit(pane: .list, kind: .focus))
    }

    @Test func theWheelScrollsAndAReleaseOnlyFocuses() throws {
        let detail = try #require(layout.detail)
        let at = (x: detail.x + 2, y: detail.y + 5)
        #expect(
            MouseHit.hit(MouseEvent(x: at.x, y: at.y, kind: .wheelUp, button: 4), layout: layout)
                == MouseHit(pane: .detail, kind: .scroll(-3)))
        #expect(
            MouseHit.hit(MouseEvent(x: at.x, y: at.y, kind: .wheelDown, button: 5), layout: layout)
                == MouseHit(pane: .detail, kind: .scroll(3)))
        #expect(
            MouseHit.hit(MouseEvent(x: at.x, y: at.y, kind: .release), layout: layout)
                == MouseHit(pane: .detail, kind: .focus))
    }

    @Test func outsideThePanesNothingIsHit() {
        #expect(MouseHit.hit(MouseEvent(x: 5, y: layout.titleBar.y, kind: .press), layout: layout) == nil)
        #expect(MouseHit.hit(MouseEvent(x: 5, y: layout.statusBar.y, kind: .press), layout: layout) == nil)
        #expect(MouseHit.hit(MouseEvent(x: 5, y: layout.hintBar.y, kind: .wheelUp), layout: layout) == nil)
    }

    @Test func aRowIsCountedFromThePanesScroll() {
        let app = AppState(origin: .files(["x"]))
        #expect(
            MouseHit(pane: .list, kind: .row(4)).command(in: app) == .selectRow(app.list.scrollOffset + 4))
        #expect(MouseHit(pane: .detail, kind: .row(2)).command(in: app) == .selectRow(2))
        #expect(MouseHit(pane: .timeline, kind: .scroll(-3)).command(in: app) == .scroll(-3))
        #expect(MouseHit(pane: .list, kind: .focus).command(in: app) == nil)
    }

    @Test func theControllerFocusesThenSelects() {
        var state = UIState(app: AppState(origin: .files(["x"])), sourceLabel: "x")
        let size = Size(width: 200, height: 60)
        let layout = ScreenLayout.compute(size: size, state: state)
        guard let detail = layout.detail else {
            Issue.record("no detail pane at 200x60")
            return
        }
        _ = UIController().handle(
            .mouse(MouseEvent(x: detail.x + 1, y: detail.y + 1, kind: .press)), state: &state, size: size)
        #expect(state.app.focus == .detail)
    }
}
