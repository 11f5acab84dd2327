import ArgumentParser
import Foundation
import OrderAnalysis
import OrderIndex
import OrderModel
import OrderSources
import OrderTUI
import OrderViewModel

/// `orderscope export FILE... --out OUT [--filter Q] [--sort COL[:desc]] [--format F] [--redact]`:
/// the list the browser would show, written as CSV, JSON or NDJSON, without a terminal.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the orders of dump files (filtered and sorted) as CSV, JSON or NDJSON.",
        discussion: """
            CSV holds the list columns; JSON (an array) and NDJSON (one per line) hold the full \
            orders and open again in browse, print and check. The file is written under a \
            temporary name and renamed when complete. Exit status: 0 on success, 1 when part of the input \
            was damaged (the rest is exported), 2 on failure.
            """
    )

    @Argument(help: "Dump files to read.", completion: .file())
    var files: [String]

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The file to write; its extension (.csv, .json, .ndjson) picks the format.", valueName: "FILE"),
        completion: .file(extensions: ["csv", "json", "ndjson", "jsonl"]))  // as ListExporter.Format(path:)
    var out: String

    @Option(
        name: .long,
        help: ArgumentHelp("csv, json or ndjson (instead of the extension of --out).", valueName: "FORMAT"),
        completion: .list(ListExporter.Format.allCases.map(\.rawValue)))
    var format: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A filter as typed after / in the browser, e.g. \"status:open amount>1000\".", valueName: "QUERY")
    )
    var filter: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Sort column (number, created, customer, status, payment, amount, anomaly), optionally :asc or :desc.",
            valueName: "COLUMN[:asc|desc]"),
        completion: .list(ListColumn.allCases.map(\.rawValue)))
    var sort: String?

    @Flag(
        name: .long, help: "Mask customer personal data (names, contacts, addresses, birth dates, comments).")
    var redact = false

    func validate() throws {
        if let format, ListExporter.Format(rawValue: format.lowercased()) == nil {
            throw ValidationError("--format must be csv, json or ndjson, not \(format)")
        }
        if format == nil, ListExporter.Format(path: out) == nil {
            throw ValidationError("end --out in .csv, .json or .ndjson, or give --format")
        }
        if let filter,
            case .failure(let error) = Result(catching: { () throws(OrderQueryError) in
                try OrderQuery.parse(filter)
            })
        {
            throw ValidationError("--filter: \(error.message)")
        }
        if let sort {
            let parts = sort.split(separator: ":", omittingEmptySubsequences: false).map { $0.lowercased() }
            if ListColumn(name: parts[0]) == nil {
                throw ValidationError(
                    "--sort needs a column: " + ListColumn.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if parts.count > 2 || (parts.count == 2 && !["asc", "desc"].contains(parts[1])) {
                throw ValidationError("--sort takes COLUMN, COLUMN:asc or COLUMN:desc, not \(sort)")
            }
        }
    }

    func run() async throws {
        let source: DumpSource
        do {
            source = try DumpSource.open(paths: files)
        } catch {
            throw OrderScopeExit.fail(error)
        }
        for problem in source.problems { OrderScopeExit.printError(problem.description) }
        // The browser's own list: same filter language, same sort, same order of rows.
        var state = AppState(origin: .files(files), pageSize: 1, prefetchDistance: 0)
        // The loop's effects, run here one after another (the first page shares the whole
        // index, so the list takes every order without a copy).
        let runner = EffectRunner(source: source)
        await runner.send(.started, to: &state)
        if let error = state.list.paging.error { throw OrderScopeExit.fail(error) }
        let chosen =
            format.flatMap { ListExporter.Format(rawValue: $0.lowercased()) } ?? ListExporter.Format(
                path: out) ?? .csv
        let sortParts = sort.map { $0.split(separator: ":").map { $0.lowercased() } }
        let sortColumn = sortParts.flatMap { ListColumn(name: $0[0]) }
        // The anomaly counts come from the checks (the browser runs them in the background): run
        // them first when anything uses them (an `anomaly` filter, the anomaly sort, the CSV's
        // anomalies column), or the filter matches nothing, the sort keeps the file's order and
        // the column is empty.
        let anomalyFilter = filter.flatMap { try? OrderQuery.parse($0) }?.usesAnomalies == true
        // Text that breaks JSON's rules inside an order's strings: reported as `check` does.
        let textProblems = ProblemCollector()
        let checksEveryOrder = anomalyFilter || sortColumn == .anomaly || chosen == .csv
        if checksEveryOrder {
            FileHandleOutput.standardError.write("checking \(source.count) orders for anomalies…\n")
            // Both cores, chunk by chunk; each chunk's counts go to the list by store position
            // at once, so memory stays bounded by the chunk (no table of every order's count).
            var start = 0
            while start < source.count {
                let range = start..<min(source.count, start + 4_096)
                let (tallies, problems) = source.mapOrdersReportingText(in: range, decoding: .forChecks) {
                    AnomalyTally(AnomalyChecker.check($0))
                }
                textProblems.add(problems)
                await runner.send(
                    .anomaliesCounted(
                        AnomalyCounts(start: range.lowerBound, tallies: tallies), checked: range.upperBound,
                        total: source.count),
                    to: &state)
                start = range.upperBound
            }
            if source.count == 0 {
                await runner.send(
                    .anomaliesCounted(AnomalyCounts(start: 0, tallies: []), checked: 0, total: 0), to: &state)
            }
        }
        if let filter { await runner.send(.command(.setFilter(filter)), to: &state) }
        if let column = sortColumn {
            await runner.send(.command(.sort(column)), to: &state)
            let descending = sortParts?.dropFirst().first == "desc"
            if state.list.sort?.ascending == descending {
                await runner.send(.command(.reverseSort), to: &state)
            }
        }
        // Each row is made as it is written, never all at once (a million summaries' strings
        // would hold more memory than the index); CSV lines straight from the store's bytes.
        let list = state.list
        do {
            let count = try await ListExporter.export(
                list, format: chosen, to: out,
                redaction: redact ? .locked : .off,
                loadOrder: { id throws(SourceError) in
                    // Each order is read here (JSON, NDJSON): its text problems too, unless the
                    // check above read every order already.
                    guard !checksEveryOrder, let index = source.store.row(ofID: id) else {
                        return try await source.order(id: id)
                    }
                    let (order, problems) = try source.orderReportingText(at: index)
                    textProblems.add(problems)
                    return order
                })
            FileHandleOutput.standardError.write("exported \(count) orders to \(out) (\(chosen.rawValue))\n")
        } catch {
            OrderScopeExit.printError(error.message)
            throw OrderScopeExit.unusableInput
        }
        // Orders are read again while exporting: a file that shrank meanwhile is told now.
        for path in source.changedFiles { OrderScopeExit.printError(SourceProblem.changed(path).description) }
        let text = textProblems.all
        for problem in text { OrderScopeExit.printError(problem.description) }
        try OrderScopeExit.finish(source.problems + text)
    }
}

/// Problems met on several threads (the export's order reads), in the order they were added.
final class ProblemCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var problems: [SourceProblem] = []

    func add(_ more: [SourceProblem]) {
        guard !more.isEmpty else { return }
        lock.lock()
        problems += more
        lock.unlock()
    }

    var all: [SourceProblem] {
        lock.lock()
        defer { lock.unlock() }
        return problems
    }
}
