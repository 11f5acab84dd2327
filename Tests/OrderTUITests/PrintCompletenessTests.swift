import Foundation
import JSONCore
import OrderAnalysis
import OrderModel
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// Issue 16: `print --order` shows every value the detail screens show, so a ticket pasted from
/// it is complete. The screens are walked (every row that opens something, opened), what they
/// show is collected as a set of section titles and label/value rows, and the set is compared
/// with the printed text: a field or a drill-down added to a screen but missing from `print`
/// fails here, named.
@Suite("print --order completeness")
struct PrintCompletenessTests {
    /// One row as a screen shows it: sanitized label and value, and where it was seen.
    struct ShownRow: Hashable, CustomStringConvertible {
        var label: String
        var value: String
        var screen: String

        var description: String { "\(screen): \(label) | \(value)" }
    }

    /// What the screens showed: section titles and rows.
    struct Shown {
        var titles: [String] = []
        var rows: [ShownRow] = []

        mutating func add(_ screen: DetailScreen, at place: String) {
            for section in screen.sections {
                titles.append(Sanitizer.sanitize(section.title))
                for row in section.rows {
                    rows.append(
                        ShownRow(
                            label: Sanitizer.sanitize(row.label),
                            value: Sanitizer.sanitizeLines(row.value).joined(separator: "\n"), screen: place))
                }
            }
        }
    }

    /// The rows of `shown` that `printed` lacks, and the section titles it lacks. Titles are
    /// printed as `== … ==` lines that end in the screen's section title (after `·`, or after
    /// `›` when the title is the screen's breadcrumb).
    static func missing(_ shown: Shown, in printed: String) -> [String] {
        let lines = printed.components(separatedBy: "\n")
        let rowLines = lines.map { String($0.drop { $0 == " " }) }
        let rowLineSet = Set(rowLines)
        let titleLines = lines.filter { $0.hasPrefix("== ") && $0.hasSuffix(" ==") }
            .map { String($0.dropFirst(3).dropLast(3)) }
        var missing: [String] = []
        for title in Set(shown.titles) {
            let printed = titleLines.contains {
                $0 == title || $0.hasSuffix(" · " + title) || $0.hasSuffix(" › " + title)
            }
            if !printed {
                missing.append("section title \(title)")
            }
        }
        for row in Set(shown.rows) where !isPrinted(row, rowLines: rowLines, rowLineSet: rowLineSet) {
            missing.append(row.description)
        }
        return missing.sorted()
    }

    /// A printed row is its label, then (after the padding that aligns the labels of a section,
    /// two spaces at least) the first line of its value; the value's further lines follow on
    /// lines of their own. `rowLines` are the printed lines without their indentation.
    static func isPrinted(_ row: ShownRow, rowLines: [String], rowLineSet: Set<String>) -> Bool {
        func bare(_ text: some StringProtocol) -> String {
            String(text.drop { $0 == " " }).trimmedTrailing()
        }
        let valueLines = row.value.isEmpty ? [] : row.value.components(separatedBy: "\n")
        guard let first = valueLines.first else { return rowLineSet.contains(row.label.trimmedTrailing()) }
        let headPrinted = rowLines.contains { line in
            guard line.hasPrefix(row.label) else { return false }
            let rest = line.dropFirst(row.label.count)
            return rest.hasPrefix("  ") && bare(rest) == bare(first)
        }
        return headPrinted
            && valueLines.dropFirst().allSatisfy { bare($0).isEmpty || rowLineSet.contains(bare($0)) }
    }

    /// Every screen reachable from the order's root screen (and from the payment timeline's
    /// entries) by the drill-down the detail pane does, each once.
    static func walkScreens(_ order: Order) -> Shown {
        let loaded = LoadedOrder(order: order)
        var shown = Shown()
        shown.add(loaded.root, at: loaded.root.crumb)
        var pending = (loaded.root.sections.flatMap(\.rows) + loaded.timeline.rows()).compactMap(\.target)
        var seen = Set<DrillTarget>()
        while let target = pending.popLast() {
            guard seen.insert(target).inserted, let screen = OrderScreens.screen(target, in: order) else {
                continue
            }
            shown.add(screen, at: "\(target)")
            pending += screen.sections.flatMap(\.rows).compactMap(\.target)
        }
        return shown
    }

    static func printed(_ order: Order) -> String {
        PlainTextReport.sections(OrderScreens.fullReport(order))
    }

    /// The documentation order, walked as an operator walks it: in the detail pane, every row
    /// that opens something is opened with Enter (after `+` unfolds every section) and left with
    /// Esc, and what each screen showed is collected.
    @Test func everyValueOnTheDocumentationOrdersScreensIsPrinted() async throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 160, height: 50)
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        await Fixtures.press([.char("G"), .enter], &state, controller, size: size, orders: orders)
        try #require(state.app.focus == .detail)
        let order = try #require(orders.last)
        try #require(state.app.breadcrumbs.prefix(2) == ["Orders", "order123456"])
        var shown = Shown()
        var seen = Set<DrillTarget>()
        var opened = 0
        try await Self.visit(
            &state, controller, orders: orders, size: size, depth: 1, seen: &seen, shown: &shown,
            opened: &opened)
        // The walk reached the screens this issue is about.
        for target: DrillTarget in [
            .event(0), .session(0), .itineraryTickets(0), .itineraryWaypoints(0), .discount(0),
            .operationItem(kind: "capture", index: 0, item: 0),
            .reservationPassengers(attachment: 0, kind: "train"),
        ] {
            #expect(seen.contains(target), "the walk did not open \(target)")
        }
        #expect(opened > 20)
        let missing = Self.missing(shown, in: Self.printed(order))
        #expect(missing.isEmpty, "shown on screen but not printed:\n\(missing.joined(separator: "\n"))")
    }

    /// One level of the operator's walk: collect what it shows, then open each row that opens
    /// something, walk that level, and come back.
    static func visit(
        _ state: inout UIState, _ controller: UIController, orders: [Order], size: Size, depth: Int,
        seen: inout Set<DrillTarget>, shown: inout Shown, opened: inout Int
    ) async throws {
        await Fixtures.press([.char("+")], &state, controller, size: size, orders: orders)
        let level = try #require(state.app.detail.current)
        shown.add(level.screen, at: state.app.breadcrumbs.joined(separator: " › "))
        for (lineIndex, line) in level.lines.enumerated() {
            guard let row = level.row(at: line), let target = row.target, seen.insert(target).inserted else {
                continue
            }
            let cursor = try #require(state.app.detail.current).cursor
            try #require(lineIndex >= cursor)
            let keys = Array(repeating: Key.char("j"), count: lineIndex - cursor) + [.enter]
            await Fixtures.press(keys, &state, controller, size: size, orders: orders)
            try #require(
                state.app.detail.stack.count == depth + 1 && state.app.detail.current?.target == target,
                "Enter on \(row.label) did not open \(target)")
            opened += 1
            try await visit(
                &state, controller, orders: orders, size: size, depth: depth + 1, seen: &seen, shown: &shown,
                opened: &opened)
            await Fixtures.press([.escape], &state, controller, size: size, orders: orders)
            try #require(state.app.detail.stack.count == depth, "Esc did not come back from \(target)")
        }
    }

    /// The same over the whole demo dataset (300 orders of every shape: travel, car rentals,
    /// itineraries, discounts, events, several payment operations), walked directly.
    @Test func everyValueOnTheDemoOrdersScreensIsPrinted() throws {
        let data = try Data(
            contentsOf: Fixtures.packageRoot.appendingPathComponent("Resources/demo-orders.json"))
        let json = try JSONParser.parse(Array(data))
        let orders = (json.arrayValue ?? json["orders"]?.arrayValue ?? []).map { Order(json: $0) }
        #expect(orders.count == 300)
        var problems: [String] = []
        var rows = 0
        for order in orders {
            let shown = Self.walkScreens(order)
            rows += shown.rows.count
            problems += Self.missing(shown, in: Self.printed(order)).map { "\(order.displayNumber): \($0)" }
        }
        #expect(rows > 30_000)
        #expect(
            problems.isEmpty,
            "shown on screen but not printed:\n\(problems.prefix(40).joined(separator: "\n"))")
    }

    /// The comparison itself can fail: a row the report lacks, a value cut or changed, and a
    /// title left out are each named.
    @Test func theComparisonNamesWhatIsMissing() throws {
        var shown = Shown()
        shown.titles = ["Item"]
        shown.rows = [
            ShownRow(label: "Rule ID", value: "rule-7", screen: "s"),
            ShownRow(label: "Stamp", value: "123", screen: "s"),
            ShownRow(label: "Body", value: "one\ntwo", screen: "s"),
        ]
        let complete =
            "== Item 1 · Item ==\n  Rule ID  rule-7\n  Stamp    123\n  Body     one\n           two\n\n"
        #expect(Self.missing(shown, in: complete).isEmpty)
        #expect(
            Self.missing(shown, in: complete.replacingOccurrences(of: "  Stamp    123\n", with: "")) == [
                "s: Stamp | 123"
            ])
        #expect(
            Self.missing(shown, in: complete.replacingOccurrences(of: "rule-7", with: "rule-")) == [
                "s: Rule ID | rule-7"
            ])
        #expect(
            Self.missing(shown, in: complete.replacingOccurrences(of: "           two\n", with: "")) == [
                "s: Body | one\ntwo"
            ])
        #expect(
            Self.missing(shown, in: complete.replacingOccurrences(of: "· Item ==", with: "· Items ==")) == [
                "section title Item"
            ])
    }
}
