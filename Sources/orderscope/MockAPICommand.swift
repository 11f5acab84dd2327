import ArgumentParser
import DinteroMock
import Dispatch
import Foundation
import JSONCore
import OrderModel

#if canImport(Glibc)
    import Glibc
#endif

/// `orderscope mock-api --dump FILE [--port N] [faults]`: serves a dump as the Dintero API on
/// 127.0.0.1 until Ctrl-C, for demos and end-to-end tests.
struct MockAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock-api",
        abstract: "Serve a dump as the Dintero API on 127.0.0.1 (for demos and tests).",
        discussion: "Prints the base URL and the credentials to use, then serves until Ctrl-C."
    )

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The dump to serve (JSON array, {\"orders\": [...]}, or NDJSON).", valueName: "FILE"),
        completion: .file())
    var dump: String

    @Option(name: .long, help: ArgumentHelp("Port on 127.0.0.1 (0 = any free port).", valueName: "PORT"))
    var port: Int = 0

    @Option(name: .long, help: ArgumentHelp("Account id the mock answers for.", valueName: "ID"))
    var accountId: String = "T12345678"

    @Option(name: .long, help: ArgumentHelp("Client id the mock accepts.", valueName: "ID"))
    var clientId: String = "mock-client-id"

    @Option(name: .long, help: ArgumentHelp("Client secret the mock accepts.", valueName: "SECRET"))
    var clientSecret: String = "mock-client-secret"

    @Option(name: .long, help: ArgumentHelp("Delay before every answer, in milliseconds.", valueName: "MS"))
    var latency: Int = 0

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Answer the first N API requests normally before any fault below (to hit a later page).",
            valueName: "N"))
    var faultsAfter: Int = 0

    @Option(
        name: .customLong("fail-429"),
        help: ArgumentHelp("Answer the first N API requests with 429 (Retry-After 1).", valueName: "N"))
    var fail429: Int = 0

    @Option(
        name: .customLong("fail-500"),
        help: ArgumentHelp("Then answer N API requests with 500.", valueName: "N"))
    var fail500: Int = 0

    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            Truncate the first N API answers: announce the full Content-Length, send half the body, \
            then close.
            """, valueName: "N"))
    var truncate: Int = 0

    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            Stall N API answers (after the truncated ones): send the headers and a few body bytes, \
            never the rest (until Ctrl-C).
            """, valueName: "N"))
    var stall: Int = 0

    @Option(name: .long, help: ArgumentHelp("Token lifetime in seconds (expires_in).", valueName: "SECONDS"))
    var tokenTtl: Int = 3600

    @Flag(name: .long, help: "Answer lists as a bare array instead of the documented {\"orders\": [...]}.")
    var bareArray = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            Put a continuation in list answers while more orders follow: paging_token, next_page_token, \
            starting_after or last_evaluated_key (an opaque token for starting_after), or next (a link \
            to the next page). Without it the client pages with the last order's id.
            """, valueName: "NAME"))
    var tokenName: String?

    @Flag(
        name: .long,
        help:
            "Answer pages shorter than limit before the end (with --token-name, as a filtering backend does)."
    )
    var shortPages = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The largest limit accepted; above it lists answer 400 naming limit.", valueName: "N"))
    var maxLimit: Int = 100

    @Flag(
        name: .long,
        help: "Ignore starting_after: every page is the first (a broken server; the client must stop).")
    var ignoreStartingAfter = false

    @Flag(
        name: .long,
        help: "Leave events out of list entries even with include_events (clients must fetch each order).")
    var listWithoutEvents = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Orders to add while serving (after --add-after), as if just created.", valueName: "FILE"),
        completion: .file())
    var addLater: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Seconds after the start to add the --add-later orders.", valueName: "SECONDS"))
    var addAfter: Double = 5

    @Flag(
        name: .long,
        help:
            "Refuse every token request with 401, echoing the Authorization header it got (a careless server)."
    )
    var failToken = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Serve https with this PEM certificate (with --tls-key); clients trust it with --ca-file.",
            valueName: "FILE"),
        completion: .file())
    var tlsCert: String?

    @Option(
        name: .long, help: ArgumentHelp("The PEM private key of --tls-cert.", valueName: "FILE"),
        completion: .file())
    var tlsKey: String?

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) {
            throw ValidationError("--tls-cert and --tls-key go together.")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535.") }
        guard maxLimit >= 1 else { throw ValidationError("--max-limit must be 1 or more.") }
        if let tokenName {
            guard MockConfiguration.tokenNames.contains(tokenName) else {
                throw ValidationError(
                    "--token-name must be one of \(MockConfiguration.tokenNames.joined(separator: ", ")).")
            }
            if bareArray {
                throw ValidationError("--token-name needs the {\"orders\": [...]} body, not --bare-array.")
            }
        }
        guard latency >= 0, faultsAfter >= 0, fail429 >= 0, fail500 >= 0, truncate >= 0, stall >= 0,
            tokenTtl > 0
        else {
            throw ValidationError(
                "--latency, --faults-after, --fail-429, --fail-500, --truncate and --stall must be 0 or more, "
                    + "--token-ttl above 0.")
        }
    }

    func run() throws {
        var configuration: MockConfiguration
        do {
            configuration = try MockConfiguration(dumpPath: dump)
        } catch {
            OrderScopeExit.printError(error.message)
            throw OrderScopeExit.unusableInput
        }
        configuration.port = UInt16(port)
        configuration.accountID = accountId
        configuration.clientID = clientId
        configuration.clientSecret = clientSecret
        configuration.latencyMilliseconds = latency
        configuration.faultsAfter = faultsAfter
        configuration.fail429Count = fail429
        configuration.fail500Count = fail500
        configuration.truncateCount = truncate
        configuration.stallCount = stall
        configuration.tokenTTLSeconds = tokenTtl
        configuration.listBody = bareArray ? .bareArray : .envelope
        configuration.tokenName = tokenName
        configuration.shortPages = shortPages
        configuration.maxLimit = maxLimit
        configuration.ignoreStartingAfter = ignoreStartingAfter
        configuration.listWithoutEvents = listWithoutEvents
        configuration.failTokenRequests = failToken
        configuration.tlsCertificatePath = tlsCert
        configuration.tlsKeyPath = tlsKey
        let server: DinteroMockServer
        var later: (orders: [JSONValue], sources: [[UInt8]]) = ([], [])
        do {
            if let addLater { later = try MockConfiguration.loadDumpWithSources(path: addLater) }
            server = try DinteroMockServer.start(configuration)
        } catch {
            OrderScopeExit.printError(error.message)
            throw OrderScopeExit.unusableInput
        }
        if !later.orders.isEmpty {
            let (orders, sources) = later
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0, addAfter)) {
                server.addOrders(orders, sources: sources)
            }
        }
        FileHandleOutput.standardOutput.write(
            """
            serving \(configuration.orders.count) orders from \(dump) as the Dintero API
            base URL: \(server.baseURL)
            export DINTERO_ACCOUNT_ID=\(accountId) DINTERO_CLIENT_ID=\(clientId) DINTERO_CLIENT_SECRET=\(clientSecret)
            then: orderscope browse --api --api-base \(server.baseURL)
            Ctrl-C stops.

            """)
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let done = DispatchSemaphore(value: 0)
        let sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { done.signal() }
            source.resume()
            return source
        }
        done.wait()
        sources.forEach { $0.cancel() }
        server.stop()
        FileHandleOutput.standardOutput.write("stopped (\(server.requestLog.count) requests served)\n")
    }
}
