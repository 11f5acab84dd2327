import Foundation
import OrderIndex
import OrderModel
import OrderSources
import OrderViewModel
import TerminalCore
import TestTiming
import Testing

@testable import OrderTUI

/// `:export` and `:screenshot` through the real loop, and the exporter's formats. The time limit
/// is only a hang guard: the loop's loads are tasks on the cooperative pool, which CPU-bound
/// tests held for minutes in a loaded full run (an app-loop test passed after 67 s).
@Suite("export", .serialized, .timeLimit(.minutes(TestTime.minutes(10))))
struct ExportTests {
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "orderscope-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func type(_ text: String) -> [Key] { text.map { Key.char($0) } }

    /// The byte path export writes with gives `csvCell`'s text for every kind of cell (among
    /// them non-ASCII text, and commas, quotes and formula signs that a combining mark makes
    /// another character).
    @Test func appendedCellsAreTheCellsText() {
        let cells = [
            "", "plain", "SL09-0100000", "2023-08-01T10:54:28Z", "12.50", "-12.50", "+47 905", "=1+2", "@x",
            "-x",
            "Hansen, Kari", "say \"hi\"", "a\u{1B}[31mb", "tab\there", "del\u{7F}", "Ståle Bø", "line\nbreak",
            "\r", "🙂", "a\u{202E}b",
        ]
        for cell in cells + StoredRowExportTests.hostileTexts.compactMap({ $0 }) {
            for isNumber in [false, true] {
                var bytes: [UInt8] = []
                ListExporter.appendCSVCell(cell, isNumber: isNumber, to: &bytes)
                #expect(
                    String(decoding: bytes, as: UTF8.self) == ListExporter.csvCell(cell, isNumber: isNumber))
            }
        }
    }

    @Test func csvCellsAreQuotedAndFormulasDefused() {
        #expect(ListExporter.csvCell("plain", isNumber: false) == "plain")
        #expect(ListExporter.csvCell("Hansen, Kari", isNumber: false) == "\"Hansen, Kari\"")
        #expect(ListExporter.csvCell("say \"hi\"", isNumber: false) == "\"say \"\"hi\"\"\"")
        #expect(ListExporter.csvCell("=HYPERLINK(\"x\")", isNumber: false) == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(ListExporter.csvCell("-12.50", isNumber: true) == "-12.50")
        #expect(ListExporter.csvCell("a\u{1B}[31mb", isNumber: false) == "a\\e[31mb")
        #expect(ListExporter.Format(path: "x.CSV") == .csv)
        #expect(ListExporter.Format(path: "x.jsonl") == .ndjson)
        #expect(ListExporter.Format(path: "x.txt") == nil)
    }

    /// CSV rows are gathered into blocks before each write, and the summaries are taken from a
    /// lazy sequence: every row arrives once, in order, across block boundaries; an empty list
    /// gives the header (CSV) or an empty array (JSON).
    @Test func blockWrittenCSVHoldsEveryRowOnceInOrder() async throws {
        let folder = try Self.temporaryFolder()
        let summaries = (0..<5_000).map { index in
            var summary = OrderSummary(
                id: "order-\(index)-" + String(repeating: "x", count: index % 97), orderNumber: "\(index)",
                status: index % 2 == 0 ? "open" : "closed", grossAmount: Int64(index * 7), currency: "NOK")
            summary.anomalyCount = index % 5
            return summary
        }
        let csv = folder.appendingPathComponent("many.csv").path
        // Each row's summary is asked for once (from two threads), and a missing row is left out.
        let made = ExportTests.Counter()
        let count = try await ListExporter.export(
            rows: summaries.count + 1,
            summary: { row in
                made.add()
                return row < summaries.count ? summaries[row] : nil
            }, format: .csv, to: csv, redaction: .off,
            loadOrder: { id throws(SourceError) in throw SourceError.orderNotFound(id: id) })
        #expect(count == 5_000 && made.value == 5_001)
        let expected =
            ListExporter.csvColumns.joined(separator: ",") + "\r\n"
            + summaries.map(ListExporter.csvRow).joined()
        let written = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(summaries.count > 2 * ListExporter.rowsPerBlock)
        #expect(written == expected)

        let emptyCSV = folder.appendingPathComponent("empty.csv").path
        let emptyJSON = folder.appendingPathComponent("empty.json").path
        let none: [OrderSummary] = []
        for (path, format) in [(emptyCSV, ListExporter.Format.csv), (emptyJSON, .json)] {
            let written = try await ListExporter.export(
                none, format: format, to: path, redaction: .off,
                loadOrder: { id throws(SourceError) in throw SourceError.orderNotFound(id: id) })
            #expect(written == 0)
        }
        #expect(
            try String(contentsOfFile: emptyCSV, encoding: .utf8)
                == ListExporter.csvColumns.joined(separator: ",") + "\r\n")
        #expect(try String(contentsOfFile: emptyJSON, encoding: .utf8) == "[]\n")
    }

    @Test func exportWritesTheFilteredSortedListAndScreenshotTheScreen() async throws {
        let folder = try Self.temporaryFolder()
        let orders = try Fixtures.sampleOrders()
        let terminal = FakeTerminal(size: Size(width: 120, height: 40))
        let csv = folder.appendingPathComponent("open.csv").path
        let ndjson = folder.appendingPathComponent("open.ndjson").path
        let shot = folder.appendingPathComponent("screen.txt").path
        terminal.pendingKeys =
            [.char("/")] + Self.type("status:open") + [.enter]
            + [.char(":")] + Self.type("sort amount desc") + [.enter]
            + [.char(":")] + Self.type("export \(csv)") + [.enter]
            + [.char(":")] + Self.type("export \(ndjson)") + [.enter]
            + [.char(":")] + Self.type("screenshot \(shot)") + [.enter]
        let state = UIState(app: AppState(origin: .files(["fixture"])), sourceLabel: "fixture")
        let loop = AppLoop(state: state, terminal: terminal, source: FixtureSource(orders: orders))
        loop.settlesBeforeEachKey = true
        await LoopRunner.run(loop)

        let open = loop.state.app.list.rows.indices.compactMap { loop.state.app.list.summary(atRow: $0) }
        #expect(!open.isEmpty && open.count < orders.count)
        let csvText = try String(contentsOfFile: csv, encoding: .utf8)
        let lines = csvText.split(separator: "\r\n").map(String.init)
        #expect(lines.first == ListExporter.csvColumns.joined(separator: ","))
        #expect(lines.count == open.count + 1)
        // Same rows in the same (sorted) order as the screen.
        for (index, summary) in open.enumerated() {
            #expect(lines[index + 1].hasPrefix((summary.orderNumber ?? "") + "," + summary.id))
        }
        let ndjsonLines = try String(contentsOfFile: ndjson, encoding: .utf8).split(separator: "\n")
        #expect(ndjsonLines.count == open.count)
        let reopened = try DumpSource.open(paths: [ndjson])
        #expect(reopened.summaries.map(\.id) == open.map(\.id))

        let screen = try String(contentsOfFile: shot, encoding: .utf8)
        #expect(screen.contains("/status:open"))
        #expect(screen.split(separator: "\n").count == 40)
        // No temporary files are left beside them.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["open.csv", "open.ndjson", "screen.txt"])
    }

    @Test func aFailedExportSaysWhyAndLeavesNothing() async throws {
        let orders = try Fixtures.sampleOrders()
        let terminal = FakeTerminal(size: Size(width: 120, height: 40))
        terminal.pendingKeys = [.char(":")] + Self.type("export /nonexistent-folder/x.json") + [.enter]
        let loop = AppLoop(
            state: UIState(app: AppState(origin: .files(["fixture"])), sourceLabel: "fixture"),
            terminal: terminal,
            source: FixtureSource(orders: orders))
        loop.settlesBeforeEachKey = true
        await LoopRunner.run(loop)
        #expect(loop.state.app.status?.text.contains("cannot be written") == true)
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-folder/x.json"))
    }

    @Test func redactedExportsOfTheDemoDatasetHoldNoPersonalValue() async throws {
        let dataset = try RedactionTests.demoDataset()
        let folder = try Self.temporaryFolder()
        let source = try DumpSource.open(paths: [
            Fixtures.packageRoot.appendingPathComponent("Resources/demo-orders.json").path
        ])
        var text = ""
        for format in ListExporter.Format.allCases {
            let path = folder.appendingPathComponent("demo." + format.rawValue).path
            let count = try await ListExporter.export(
                Array(source.summaries), format: format, to: path, redaction: .locked,
                loadOrder: { id throws(SourceError) in try await source.order(id: id) })
            #expect(count == 300)
            text += try String(contentsOfFile: path, encoding: .utf8)
        }
        #expect(text.contains(Redactor.mask))
        #expect(RedactionTests.leaks(in: text, dataset.allPersonal).prefix(10) == [])
        // Per order too (values public elsewhere in the dataset but private in this order).
        let reopened = try DumpSource.open(paths: [folder.appendingPathComponent("demo.ndjson").path])
        var leaked: [String] = []
        try reopened.forEachOrder { index, order in
            leaked += RedactionTests.leaks(in: order.raw.serializedString(), dataset.personal[index])
        }
        #expect(leaked.prefix(10) == [])
    }
}

extension ExportTests {
    /// Counts calls made from several threads.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }
}
