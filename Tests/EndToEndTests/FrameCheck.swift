import Foundation
import Testing

/// Checks that every box on a tmux screen is closed on the right: in each row between a box's
/// top (`┌…┐`) and bottom (`└…┘`) border, the column of the top-right corner holds a vertical
/// border.
///
/// `capture-pane -p` prints a double-width character once and skips its second cell, so the
/// columns have to be counted again. They are counted the way tmux 3.3 lays text out, not with
/// the app's `DisplayWidth` (a test using the app's own widths could never see the app being
/// wrong): each character takes glibc's `wcwidth` in a UTF-8 locale, a zero-width one joins the
/// cell before it, and so does whatever follows a ZWJ.
enum FrameCheck {
    /// glibc's C.UTF-8 locale, used for this thread only (`uselocale`), so the process locale of
    /// the test runner is untouched.
    nonisolated(unsafe) private static let utf8Locale: locale_t? = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)

    /// The characters of `line`, one entry per terminal column ("" for the second cell of a
    /// double-width character), as tmux places them.
    static func columns(_ line: String) -> [String] {
        let previous = utf8Locale.map { uselocale($0) }
        defer { if let previous { uselocale(previous) } }
        var cells: [String] = []
        var afterJoiner = false
        for scalar in line.unicodeScalars {
            let width = Int(glibcWcwidth(Int32(bitPattern: scalar.value)))
            if (afterJoiner || width <= 0), !cells.isEmpty {
                // Glued to the cell before: the last non-empty cell.
                let last = cells.lastIndex { !$0.isEmpty } ?? cells.count - 1
                cells[last].unicodeScalars.append(scalar)
                afterJoiner = scalar.value == 0x200D
                continue
            }
            afterJoiner = false
            cells.append(String(scalar))
            if width == 2 { cells.append("") }
        }
        return cells
    }

    static let verticals: Set<Character> = ["│", "┤", "┘", "|", "+"]

    /// One message per framed row whose right border is not under its box's top-right corner.
    static func brokenRows(_ screen: String) -> [String] {
        let lines = screen.components(separatedBy: "\n")
        var boxes: [(left: Int, right: Int, top: Int)] = []
        var problems: [String] = []
        for (number, line) in lines.enumerated() {
            let cells = columns(line)
            let firsts = cells.map { $0.first }
            boxes.removeAll { box in
                guard number > box.top else { return false }
                if box.left < firsts.count, firsts[box.left] == "└" || firsts[box.left] == "+" {
                    return true  // the bottom border closes the box
                }
                if box.right >= firsts.count || !verticals.contains(firsts[box.right] ?? " ") {
                    problems.append(
                        "row \(number): no right border in column \(box.right) (box from row \(box.top)): \(line)"
                    )
                }
                return false
            }
            for (column, first) in firsts.enumerated() where first == "┌" {
                if let right = firsts[(column + 1)...].firstIndex(where: { $0 == "┐" }) {
                    boxes.append((column, right, number))
                }
            }
        }
        return problems
    }
}

/// glibc's `wcwidth` (Swift's Glibc module does not export it; `wchar_t` is 32 bits on Linux).
@_silgen_name("wcwidth")
private func glibcWcwidth(_ character: Int32) -> Int32

/// The check itself: it must see a border pushed out of its column, and count columns as tmux
/// does (not as the app does), or it could never catch the app and the terminal disagreeing.
@Suite("frame check")
struct FrameCheckTests {
    @Test func countsColumnsAsTmuxDoes() {
        #expect(FrameCheck.columns("a日b") == ["a", "日", "", "b"])
        #expect(FrameCheck.columns("e\u{301}x") == ["e\u{301}", "x"])
        // tmux 3.3 gives each regional indicator and each skin-tone modifier its own cells, and
        // glues what follows a ZWJ into the cell before.
        #expect(FrameCheck.columns("🇳🇴").count == 2)
        #expect(FrameCheck.columns("👍🏽").count == 4)
        #expect(FrameCheck.columns("👨\u{200D}👩").count == 2)
        #expect(FrameCheck.columns("\u{FFFD}\u{FFFD}").count == 2)
    }

    @Test func findsABorderOutOfItsColumn() {
        let intact = """
            ┌─ A ──┐
            │日本  │
            │ab    │
            └──────┘
            """
        #expect(FrameCheck.brokenRows(intact).isEmpty)
        let shifted = """
            ┌─ A ──┐
            │🇳🇴👍🏽 │
            │ab    │
            └──────┘
            """
        #expect(FrameCheck.brokenRows(shifted).count == 1)
        let sideBySide = """
            ┌─┐┌──┐
            │a││b │
            │a││b│
            └─┘└──┘
            """
        #expect(FrameCheck.brokenRows(sideBySide).count == 1)
    }
}
