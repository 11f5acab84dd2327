import ArgumentParser
import Dispatch
import Foundation
import OrderIndex
import OrderSources
import OrderTUI

#if canImport(Glibc)
    import Glibc
#endif

/// `orderscope fetch [--store ID] [filters] [--api-base URL] [--limit N] --out FILE[.gz]`: saves
/// every matching order in full detail as a JSON array dump (gzip for `.gz`). The file appears
/// under its name only when complete; on an error or Ctrl-C the whole pages fetched so far are
/// kept beside it for `--resume`. `--update DUMP` merges new and changed orders into a dump.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Save orders from the Dintero API as a dump file.",
        discussion: """
            Lists the orders (filters as in browse --api) with include_events=true and saves the \
            entries that come complete (with their events) as they are; any other order is loaded \
            in full, --concurrency at a time. An interrupted fetch keeps its pages in \
            FILE.progress.ndjson and FILE.progress.json; --resume continues it. \
            Credentials: DINTERO_ACCOUNT_ID, DINTERO_CLIENT_ID, DINTERO_CLIENT_SECRET or \
            $XDG_CONFIG_HOME/orderscope/credentials (key = value lines, chmod 600). Progress goes to \
            stderr. Exit status: 0 on success, 2 on failure, 130 when interrupted.
            """
    )

    @OptionGroup var query: APIQueryOptions

    @Option(name: .long, help: ArgumentHelp("Orders per list request, 1...100.", valueName: "N"))
    var limit: Int = 100

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Order details fetched at once when list entries are not complete orders, 1...64.", valueName: "N"
        ))
    var concurrency: Int = 8

    @Option(
        name: .long, help: ArgumentHelp("The dump to write (a .gz suffix compresses it).", valueName: "FILE"),
        completion: .file())
    var out: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            Bring DUMP up to date: add the orders it lacks, replace those changed since (updated_at), \
            and write the merged dump atomically to --out (default: over DUMP).
            """, valueName: "DUMP"),
        completion: .file())
    var update: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Settings file for the default account and store.", valueName: "FILE"),
        completion: .file(extensions: ["toml"]))
    var config: String?

    @Flag(
        name: .long,
        help: "Mask customer personal data in the saved orders (names, contacts, addresses, comments).")
    var redact = false

    @Flag(
        name: .long,
        help:
            "Continue an interrupted fetch to the same --out from the page after its last whole one (same filters, --limit, --redact)."
    )
    var resume = false

    func validate() throws {
        guard (1...100).contains(limit) else {
            throw ValidationError("--limit must be 1...100, not \(limit).")
        }
        guard (1...64).contains(concurrency) else {
            throw ValidationError("--concurrency must be 1...64, not \(concurrency).")
        }
        guard let target = out ?? update, !target.isEmpty else {
            throw ValidationError("--out needs a file name (or --update DUMP).")
        }
        if update != nil && resume { throw ValidationError("--update and --resume do not go together.") }
    }

    func run() async throws {
        // A fetch is batch work: it waits out a server's rate limit (up to 10 minutes a request).
        let source = try query.makeSourceOrExit(configFile: config, rateLimitBudget: .seconds(600))
        let out = self.out ?? update ?? ""
        if let update {
            try await runUpdate(source: source, dump: update, out: out)
            return
        }
        FileHandleOutput.standardError.write(
            "fetching from \(APIQueryOptions.label(for: source)) to \(out)\n")
        let interactive = isatty(2) == 1
        let path = out
        let gzip = out.hasSuffix(".gz")
        let pageSize = limit
        let redact = self.redact
        let concurrency = self.concurrency
        let resume = self.resume
        // Ctrl-C is caught before the work starts: the progress files exist from the first
        // moment, and a SIGINT arriving before the handler would kill the process mid-write.
        let cancellation = FetchCancellation()
        let stops = StopSignals(cancellation)
        let work = Task { () throws -> Int in
            try await OrderDumpFetcher.fetch(
                from: source, to: path, gzip: gzip, pageSize: pageSize, redact: redact,
                concurrency: concurrency,
                resume: resume
            ) { state in
                // Called once per whole page.
                let text = "\(state.saved) orders saved (\(state.bytes / 1000) kB)"
                FileHandleOutput.standardError.write(interactive ? "\r" + text + "\u{1B}[K" : text + "\n")
            }
        }
        cancellation.attach(work)
        defer { stops.restore() }
        let result = await work.result
        if interactive { FileHandleOutput.standardError.write("\n") }
        switch result {
        case .success(let count):
            FileHandleOutput.standardError.write("saved \(count) orders to \(path)\n")
        case .failure(let failure):
            let error = failure as? SourceError ?? .cancelled
            var text = error == .cancelled ? "interrupted" : error.message
            text += "\nnothing was written to \(path)"
            if let kept = OrderDumpFetcher.progress(for: path) {
                text +=
                    "; the pages fetched so far are kept in \(kept) and beside it: fetch again with --resume "
                    + "(same filters) to continue"
            }
            OrderScopeExit.printError(text)
            throw error == .cancelled ? ExitCode(128 + stops.received) : OrderScopeExit.unusableInput
        }
    }

    /// `--update DUMP`: the orders new or changed since the dump, merged into it.
    private func runUpdate(source: DinteroAPISource, dump: String, out: String) async throws {
        FileHandleOutput.standardError.write(
            "updating \(dump) from \(APIQueryOptions.label(for: source)) into \(out)\n")
        let work = Task { () throws -> DumpUpdate in
            try await OrderDumpUpdater.update(
                from: source, dump: dump, to: out, gzip: out.hasSuffix(".gz"), pageSize: limit,
                redact: redact,
                concurrency: concurrency)
        }
        let cancellation = FetchCancellation()
        let stops = StopSignals(cancellation)
        defer { stops.restore() }
        cancellation.attach(work)
        switch await work.result {
        case .success(let update):
            FileHandleOutput.standardError.write(
                "\(update.added) orders added, \(update.changed) changed, \(update.kept) kept; saved to \(out)\n"
            )
        case .failure(let failure):
            let error = failure as? SourceError ?? .cancelled
            OrderScopeExit.printError(
                (error == .cancelled ? "interrupted" : error.message) + "\n\(out) was not changed")
            throw error == .cancelled ? ExitCode(128 + stops.received) : OrderScopeExit.unusableInput
        }
    }
}

/// Ctrl-C, `kill` (TERM) and a closed terminal (HUP) stop a fetch the same way: the work is
/// cancelled, what is unfinished is cleaned up (the partial output) and the pages kept for
/// `--resume` stay; the exit status is 128 + the signal's number. Caught before the work starts,
/// so a signal can never kill the process in the middle of a write.
final class StopSignals: @unchecked Sendable {
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private let sources: [any DispatchSourceSignal]
    private let lock = NSLock()
    private var first: Int32 = 0

    init(_ cancellation: FetchCancellation) {
        var sources: [any DispatchSourceSignal] = []
        for number in Self.signals {
            signal(number, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: number, queue: .global()))
        }
        self.sources = sources
        for (number, source) in zip(Self.signals, sources) {
            source.setEventHandler { [weak self] in
                self?.note(number)
                cancellation.cancel()
            }
            source.resume()
        }
    }

    private func note(_ number: Int32) {
        lock.lock()
        if first == 0 { first = number }
        lock.unlock()
    }

    /// The first stop signal received (SIGINT when none was, for a cancel from elsewhere).
    var received: Int32 {
        lock.lock()
        defer { lock.unlock() }
        return first == 0 ? SIGINT : first
    }

    func restore() {
        for source in sources { source.cancel() }
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}
