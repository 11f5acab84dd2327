import ArgumentParser
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
            pages concatenated, each optionally gzipped). Exit status: 0 on success, 2 when the \
            input cannot be used.
            """
    )

    @Argument(help: "Dump files to read.")
    var files: [String]

    @Option(name: .long, help: "Print the full detail of the order with this id or order number.")
    var order: String?

    @Flag(name: .long, help: "Mask customer personal data (names, contacts, addresses, birth dates, comments).")
    var redact = false

    func run() async throws {
        let source: DumpSource
        do {
            source = try DumpSource.open(paths: files)
        } catch {
            throw OrderScopeExit.fail(error)
        }
        for problem in source.problems { OrderScopeExit.printError(problem.description) }

        guard let wanted = order else {
            let write = { (text: String) in FileHandleOutput.standardOutput.write(text) }
            if redact {
                PlainTextReport.table(source.summaries.lazy.map(Redactor.redact), write: write)
            } else {
                PlainTextReport.table(source.summaries, write: write)
            }
            return
        }
        let loaded: Order
        do {
            loaded = try await source.order(id: wanted)
        } catch {
            throw OrderScopeExit.fail(error)
        }
        FileHandleOutput.standardOutput.write(PlainTextReport.sections(OrderScreens.fullReport(redact ? Redactor.redact(loaded) : loaded)))
    }
}
