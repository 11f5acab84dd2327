import ArgumentParser
import Foundation
import OrderIndex
import OrderSources
import OrderTUI

/// Which Dintero account, store and orders to read, and how to reach the API; shared by
/// `fetch` and `browse --api`. Credentials come from the flags, then `DINTERO_ACCOUNT_ID`,
/// `DINTERO_CLIENT_ID`, `DINTERO_CLIENT_SECRET`, then `$XDG_CONFIG_HOME/orderscope/credentials`
/// (the secret has no flag so it never shows in the process list).
struct APIQueryOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Only the orders of this store (…/stores/ID/orders).", valueName: "ID"))
    var store: String?

    @Option(
        name: .long, help: ArgumentHelp("Order status: open, closed or cancelled.", valueName: "STATUS"),
        completion: .list(APIQueryOptions.statuses))
    var status: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Payment status: pending, partially_paid, paid, partially_refunded or refunded.",
            valueName: "STATUS"),
        completion: .list(APIQueryOptions.paymentStatuses))
    var paymentStatus: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Created at or after this date (its start) or ISO-8601 time; UTC unless a zone is given.",
            valueName: "TIME"))
    var createdFrom: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Created at or before this date (its end) or ISO-8601 time; UTC unless a zone is given.",
            valueName: "TIME"))
    var createdTo: String?

    @Option(
        name: .long,
        help: ArgumentHelp("API base URL (e.g. the URL `orderscope mock-api` prints).", valueName: "URL"))
    var apiBase: String = DinteroAPIOptions.defaultBaseURL

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Account id, T (test) or P (live) + 8 digits (overrides DINTERO_ACCOUNT_ID).", valueName: "ID"))
    var accountId: String?

    @Option(name: .long, help: ArgumentHelp("API client id (overrides DINTERO_CLIENT_ID).", valueName: "ID"))
    var clientId: String?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for one API answer.", valueName: "SECONDS"))
    var timeout: Int = 30

    @Option(
        name: .customLong("ca-file"),
        help: ArgumentHelp(
            "Also trust the certificate authorities in this PEM file for https (a private proxy or test server; also ORDERSCOPE_CA_FILE).",
            valueName: "FILE"),
        completion: .file())
    var caFile: String?

    @Option(
        name: .customLong("log"),
        help: ArgumentHelp(
            "Append a line per API request (time, method, path, status, duration; never a secret) to FILE (also ORDERSCOPE_LOG).",
            valueName: "FILE"),
        completion: .file())
    var logPath: String?

    static let statuses = ["open", "closed", "cancelled"]
    static let paymentStatuses = ["pending", "partially_paid", "paid", "partially_refunded", "refunded"]

    func validate() throws {
        if let status, !Self.statuses.contains(status) {
            throw ValidationError(
                "--status must be one of \(Self.statuses.joined(separator: ", ")), not '\(status)'.")
        }
        if let paymentStatus, !Self.paymentStatuses.contains(paymentStatus) {
            throw ValidationError(
                "--payment-status must be one of \(Self.paymentStatuses.joined(separator: ", ")), not '\(paymentStatus)'."
            )
        }
        for (flag, value, bound) in [
            ("--created-from", createdFrom, DinteroDateFilter.Bound.from), ("--created-to", createdTo, .to),
        ] {
            if let value, DinteroDateFilter.instant(value, bound: bound) == nil {
                throw ValidationError(
                    "\(flag) must be an ISO-8601 date or date-time such as 2024-01-31T23:59:59Z, not '\(value)'."
                )
            }
        }
        guard (1...600).contains(timeout) else { throw ValidationError("--timeout must be 1...600 seconds.") }
        if let store, store.isEmpty { throw ValidationError("--store needs a store id.") }
        if let text = Self.environment("ORDERSCOPE_MAX_RESPONSE"), DinteroAPIOptions.parseSize(text) == nil {
            throw ValidationError(
                "ORDERSCOPE_MAX_RESPONSE must be a size such as 64M or 1048576, not '\(text)'.")
        }
    }

    /// A variable of the environment, nil when unset or empty.
    static func environment(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    var query: DinteroOrderQuery {
        DinteroOrderQuery(
            storeID: store, status: status, paymentStatus: paymentStatus, createdFrom: createdFrom,
            createdTo: createdTo)
    }

    /// Resolves credentials and builds the source; errors are `SourceError`s for the operator.
    /// `config` supplies the account and store when neither a flag nor the environment does.
    func makeSource(config: AppConfig = AppConfig(), rateLimitBudget: Duration? = nil) throws(SourceError)
        -> DinteroAPISource
    {
        let environmentAccount =
            ProcessInfo.processInfo.environment["DINTERO_ACCOUNT_ID"].map { !$0.isEmpty } == true
        let credentials = try DinteroCredentials.resolve(
            accountID: accountId ?? (environmentAccount ? nil : config.accountID), clientID: clientId)
        var query = self.query
        if query.storeID == nil { query.storeID = config.storeID }
        var log: RequestLog?
        if let path = logPath
            ?? ProcessInfo.processInfo.environment["ORDERSCOPE_LOG"].flatMap({ $0.isEmpty ? nil : $0 })
        {
            log = try RequestLog(path: path)
        }
        var options = DinteroAPIOptions(baseURL: apiBase, timeout: .seconds(timeout), log: log)
        options.rateLimitBudget = rateLimitBudget
        options.extraCAFile = caFile ?? Self.environment("ORDERSCOPE_CA_FILE")
        if let size = Self.environment("ORDERSCOPE_MAX_RESPONSE").flatMap(DinteroAPIOptions.parseSize) {
            options.maxResponseBytes = size
        }
        return try DinteroAPISource(credentials: credentials, query: query, options: options)
    }

    /// `makeSource` with the settings file (`--config` or the default one) read first; any
    /// problem is printed for the operator and becomes exit status 2.
    func makeSourceOrExit(configFile: String?, rateLimitBudget: Duration? = nil) throws -> DinteroAPISource {
        let settings: AppConfig
        do {
            settings = try AppConfig.load(flag: configFile, environment: ProcessInfo.processInfo.environment)
        } catch {
            OrderScopeExit.printError(error.description)
            throw OrderScopeExit.unusableInput
        }
        do {
            return try makeSource(config: settings, rateLimitBudget: rateLimitBudget)
        } catch {
            throw OrderScopeExit.fail(error)
        }
    }

    /// "T12345678 (TEST)" or "P12345678 (LIVE)", plus the store, for banners and labels; without
    /// the environment where a badge already shows it (the title bar).
    static func label(for source: DinteroAPISource, environment: Bool = true) -> String {
        let account = source.credentials.accountID
        var text = account.value
        if environment { text += " (\(account.isLive ? "LIVE" : "TEST"))" }
        if let store = source.query.storeID { text += " store \(store)" }
        return text
    }
}

/// `browse --api [--store ID] [filters]`: browse the Dintero API instead of dump files.
struct APIOptions: ParsableArguments {
    @Flag(name: .long, help: "Browse orders from the Dintero API instead of dump files.")
    var api = false

    @Option(
        name: .long, defaultAsFlag: 30, parsing: .next,
        help: ArgumentHelp(
            """
            With --api, poll every SECONDS (default 30) for orders created since the newest loaded: \
            new ones are added and marked `new`, changed ones marked `chg`; the selection and the \
            scroll stay where they are.
            """, valueName: "SECONDS"))
    var follow: Int? = nil

    @OptionGroup var query: APIQueryOptions
}
