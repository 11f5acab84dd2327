import ArgumentParser
import Foundation
import OrderIndex
import OrderModel
import OrderSources
import OrderTUI
import OrderViewModel

/// `orderscope print FILE... [--order ID]`: the list as an aligned table, or one order's full
/// detail as text, for scripts and quick looks without the TUI.
struct PrintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print the orders of dump files as a table, or one order's full detail.",
        discussion: """
            Reads JSON dumps (an order, an array of orders, {"orders": [...]}, NDJSON, several \
            pages concatenated, each optionally gzipped). Exit status: 0 on success, 1 when part of \
            the input was damaged (what could be read is printed), 2 when the input cannot be used.
            """
    )

    @Argument(help: "Dump files to read.", completion: .file())
    var files: [String] = []

    @OptionGroup var apiOptions: APIOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Print the full detail of the order with this id or order number.", valueName: "ID"))
    var order: String?

    @Flag(
        name: .long, help: "Mask customer personal data (names, contacts, addresses, birth dates, comments).")
    var redact = false

    func validate() throws {
        if apiOptions.follow != nil { throw ValidationError("--follow is for browse --api") }
        if apiOptions.api {
            guard files.isEmpty else { throw ValidationError("give either dump files or --api, not both") }
            guard order != nil else {
                throw ValidationError("print --api needs --order ID (use fetch to save many orders)")
            }
        } else if files.isEmpty {
            throw ValidationError("give at least one dump file, or --api with --order ID")
        }
    }

    func run() async throws {
        if apiOptions.api, let wanted = order {
            try await printFromAPI(wanted)
            return
        }
        guard let wanted = order else {
            // Streamed twice over the files (measure, then write), keeping no index: memory
            // stays flat however big the dumps are.
            var failure: SourceError?
            var problems: [SourceProblem]?
            PlainTextReport.table(
                forEach: { body in
                    guard failure == nil else { return }
                    do throws(SourceError) {
                        let found = try DumpSource.streamSummaries(paths: files) {
                            body(redact ? Redactor.redact($0) : $0)
                        }
                        if problems == nil {
                            problems = found
                            for problem in found { OrderScopeExit.printError(problem.description) }
                        }
                    } catch {
                        failure = error
                    }
                },
                write: { text in if failure == nil { FileHandleOutput.standardOutput.write(text) } })
            if let failure { throw OrderScopeExit.fail(failure) }
            if let problems { try OrderScopeExit.finish(problems) }
            return
        }
        let source: DumpSource
        do {
            source = try DumpSource.open(paths: files)
        } catch {
            throw OrderScopeExit.fail(error)
        }
        for problem in source.problems { OrderScopeExit.printError(problem.description) }
        let loaded: (order: Order, problems: [SourceProblem])
        do throws(SourceError) {
            guard let index = source.index(ofOrderID: wanted) else {
                throw SourceError.orderNotFound(id: wanted)
            }
            // Raw control characters and invalid UTF-8 in its strings: the order is shown (as
            // the sanitizer shows them) and the places are reported.
            loaded = try source.orderReportingText(at: index)
        } catch {
            throw OrderScopeExit.fail(error)
        }
        for problem in loaded.problems { OrderScopeExit.printError(problem.description) }
        write(loaded.order)
        try OrderScopeExit.finish(source.problems + loaded.problems)
    }

    /// One order fetched from the API by id (it need not be in any list).
    private func printFromAPI(_ id: String) async throws {
        let source = try apiOptions.query.makeSourceOrExit(configFile: nil)
        do {
            write(try await source.order(id: id))
        } catch {
            throw OrderScopeExit.fail(error)
        }
    }

    private func write(_ order: Order) {
        FileHandleOutput.standardOutput.write(
            PlainTextReport.sections(OrderScreens.fullReport(redact ? Redactor.redact(order) : order)))
    }
}
