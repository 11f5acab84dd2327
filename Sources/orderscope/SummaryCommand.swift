import ArgumentParser
import OrderAnalysis
import OrderIndex
import OrderModel
import OrderSources
import OrderTUI
import OrderViewModel

/// `orderscope summary FILE... --by COLUMN[,COLUMN] [--filter Q] [--sort COL] [--format F]`, or
/// `--api [filters]`: the orders grouped and summed per currency, as the browser's summary view.
struct SummaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract:
            "Group orders and sum their money per currency (orders, share, gross, captured, refunded, outstanding).",
        discussion: """
            Columns: \(SummaryColumn.namesText). Amounts of different currencies are never added: each \
            group has a line per currency. Outstanding is authorized − captured − cancelled. Grouping by \
            anomaly checks every order first. Exit status: 0 on success, 1 when part of the input was \
            damaged (the rest is summed), 2 on failure.
            """
    )

    @Argument(help: "Dump files to read.")
    var files: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Up to three columns to group by, e.g. status,currency.", valueName: "COLUMN[,COLUMN]"))
    var by: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A filter as typed after / in the browser, e.g. \"status:open amount>1000\".", valueName: "QUERY")
    )
    var filter: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "orders, gross, captured, refunded, outstanding or a grouped column; - descending, + ascending.",
            valueName: "COLUMN"))
    var sort: String?

    @Option(name: .long, help: ArgumentHelp("text, csv or json.", valueName: "FORMAT"))
    var format: String = "text"

    @Flag(
        name: .long,
        help: "Sum the orders the Dintero API lists (with the API filters below) instead of dump files.")
    var api = false

    @OptionGroup var query: APIQueryOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Settings file for the default account and store (with --api).", valueName: "FILE")
    )
    var config: String?

    func validate() throws {
        if case .failure(let error) = Result(catching: { () throws(SummaryColumnError) in
            try SummaryColumn.parseList(by)
        }) {
            throw ValidationError("--by: \(error.message)")
        }
        if let filter,
            case .failure(let error) = Result(catching: { () throws(OrderQueryError) in
                try OrderQuery.parse(filter)
            })
        {
            throw ValidationError("--filter: \(error.message)")
        }
        if SummaryReport.Format(rawValue: format.lowercased()) == nil {
            throw ValidationError("--format must be text, csv or json, not \(format)")
        }
        if let sort, let columns = try? SummaryColumn.parseList(by),
            SummarySort.parse(sort, columns: columns) == nil
        {
            throw ValidationError(
                "--sort needs orders, gross, captured, refunded, outstanding or one of the --by columns, not \(sort)"
            )
        }
        if api && !files.isEmpty { throw ValidationError("give either dump files or --api, not both") }
        if !api && files.isEmpty { throw ValidationError("give at least one dump file, or --api") }
    }

    func run() async throws {
        let columns = try SummaryColumn.parseList(by)
        let parsed =
            try filter.map { text throws(OrderQueryError) in try OrderQuery.parse(text) }
            ?? OrderQuery(terms: [], source: "")
        let store: SummaryStore
        var problems: [SourceProblem] = []
        if api {
            let source = try query.makeSourceOrExit(configFile: config)
            FileHandleOutput.standardError.write("listing orders of \(APIQueryOptions.label(for: source))…\n")
            store = SummaryStore()
            var cursor: PageCursor?
            if columns.contains(.anomaly) || parsed.usesAnomalies {
                // Anomalies need whole orders: the list with events, and details where it lacks them.
                repeat {
                    do throws(SourceError) {
                        let page = try await source.completeOrders(after: cursor, limit: 100)
                        for order in page.orders {
                            var summary = OrderSummary(order: order)
                            let tally = AnomalyTally(AnomalyChecker.check(order))
                            summary.anomalyCount = tally.count
                            summary.anomalyKinds = tally.kinds
                            store.append(summary)
                        }
                        cursor = page.next
                    } catch {
                        throw OrderScopeExit.fail(error)
                    }
                } while cursor != nil
            } else {
                repeat {
                    let page: OrderPage
                    do throws(SourceError) {
                        page = try await source.page(after: cursor, limit: 100)
                    } catch {
                        throw OrderScopeExit.fail(error)
                    }
                    for summary in page.summaries { store.append(summary) }
                    problems += page.problems
                    cursor = page.next
                } while cursor != nil
            }
        } else {
            let source: DumpSource
            do {
                source = try DumpSource.open(paths: files)
            } catch {
                throw OrderScopeExit.fail(error)
            }
            problems = source.problems
            store = source.store
            if columns.contains(.anomaly) || parsed.usesAnomalies {
                // Anomalies need the whole order: checked on both cores, chunk by chunk.
                FileHandleOutput.standardError.write("checking \(source.count) orders for anomalies…\n")
                var start = 0
                while start < source.count {
                    let range = start..<min(source.count, start + 4_096)
                    for (row, tally) in zip(
                        range,
                        source.mapOrders(in: range, decoding: .forChecks) {
                            AnomalyTally(AnomalyChecker.check($0))
                        })
                    {
                        if let tally { store.setAnomalyCount(tally.count, kinds: tally.kinds, at: row) }
                    }
                    start = range.upperBound
                }
            }
        }
        for problem in problems { OrderScopeExit.printError(problem.description) }
        var table = SummaryTable.build(snapshot: store.snapshot(), query: parsed, columns: columns)
        if let sort, let order = SummarySort.parse(sort, columns: columns) { table.sort(by: order) }
        let chosen = SummaryReport.Format(rawValue: format.lowercased()) ?? .text
        FileHandleOutput.standardOutput.write(SummaryReport.render(table, format: chosen))
        try OrderScopeExit.finish(problems)
    }
}
