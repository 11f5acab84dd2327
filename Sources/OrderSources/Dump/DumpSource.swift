import OrderModel

/// Orders read from one or more JSON dump files: an order, an array of orders, API list pages
/// (`{"orders": [...]}`), NDJSON, any of them concatenated, and any of them gzipped.
///
/// Opening maps each file (gzip is inflated into memory) and indexes it with a byte scanner that
/// finds every order's byte range and reads only the list columns, so a 1 GB dump opens without
/// decoding its orders. A full order is parsed from its bytes only when it is asked for.
/// Problems that were survived (a truncated tail, a bad NDJSON line) are kept in `problems` and
/// delivered with the first page.
///
/// Every stored property is an immutable `let` of a `Sendable` type (the mappings are
/// `MappedRegion`, immutable after indexing), so the source is safe to share between tasks.
public final class DumpSource: OrderSource {
    /// Where one order's bytes are.
    struct Location {
        var file: Int
        var start: Int
        var end: Int
    }

    public let origin: SourceOrigin
    /// The files, as given.
    public let paths: [String]
    /// The list columns of every order, in file order; `summaries[i]` is order `i`.
    public let summaries: [OrderSummary]
    /// Problems survived while reading, each naming its file, line and column.
    public let problems: [SourceProblem]
    /// The number of JSON bytes indexed (after inflating gzip).
    public let byteCount: Int

    private let regions: [MappedRegion]
    private let locations: [Location]
    private let indexByID: [String: Int]
    private let indexByNumber: [String: Int]

    /// The number of orders.
    public var count: Int { summaries.count }

    private init(
        paths: [String], summaries: [OrderSummary], problems: [SourceProblem], regions: [MappedRegion],
        locations: [Location], indexByID: [String: Int], indexByNumber: [String: Int]
    ) {
        self.origin = .files(paths)
        self.paths = paths
        self.summaries = summaries
        self.problems = problems
        self.regions = regions
        self.locations = locations
        self.indexByID = indexByID
        self.indexByNumber = indexByNumber
        self.byteCount = regions.reduce(0) { $0 + $1.count }
    }

    // MARK: - Opening

    /// Opens and indexes the files (synchronously: call it from a background task for big dumps).
    /// Throws for the first file that cannot be read or holds no orders at all.
    public static func open(paths: [String]) throws(SourceError) -> DumpSource {
        var summaries: [OrderSummary] = []
        var problems: [SourceProblem] = []
        var regions: [MappedRegion] = []
        var locations: [Location] = []
        for (fileNumber, path) in paths.enumerated() {
            let loaded = try DumpFile.load(path: path)
            let gzipProblem = loaded.gzipProblem.map { SourceProblem(file: path, message: $0) }
            let result: DumpIndexer.Result
            do {
                result = try DumpIndexer(bytes: loaded.region.bytes, path: path).run()
            } catch {
                // A damaged gzip stream explains whatever the JSON reader then trips over.
                if let gzipProblem { throw SourceError.malformed(gzipProblem) }
                throw error
            }
            if let gzipProblem { problems.append(gzipProblem) }
            problems.append(contentsOf: result.problems)
            regions.append(loaded.region)
            summaries.reserveCapacity(summaries.count + result.orders.count)
            locations.reserveCapacity(locations.count + result.orders.count)
            for order in result.orders {
                var summary = order.summary
                if summary.id.isEmpty { summary.id = "#\(summaries.count + 1)" }
                summaries.append(summary)
                locations.append(Location(file: fileNumber, start: order.start, end: order.end))
            }
        }

        var indexByID: [String: Int] = [:]
        var indexByNumber: [String: Int] = [:]
        indexByID.reserveCapacity(summaries.count)
        var duplicates = 0
        var firstDuplicate: String?
        for (index, summary) in summaries.enumerated() {
            if indexByID[summary.id] == nil {
                indexByID[summary.id] = index
            } else {
                duplicates += 1
                if firstDuplicate == nil { firstDuplicate = summary.id }
            }
            if let number = summary.orderNumber, indexByNumber[number] == nil { indexByNumber[number] = index }
        }
        if duplicates > 0, let firstDuplicate {
            let files = paths.joined(separator: ", ")
            problems.append(SourceProblem(
                file: files,
                message: "\(duplicates) order(s) repeat an id already seen (the first is \(firstDuplicate)); "
                    + "opening such an id shows its first copy"))
        }
        return DumpSource(
            paths: paths, summaries: summaries, problems: problems, regions: regions, locations: locations,
            indexByID: indexByID, indexByNumber: indexByNumber)
    }

    // MARK: - Reading

    /// The position of the order with this id (or, failing that, this order number).
    public func index(ofOrderID id: String) -> Int? {
        indexByID[id] ?? indexByNumber[id]
    }

    /// Decodes order `index` (0-based, as in `summaries`) from its bytes.
    public func order(at index: Int) throws(SourceError) -> Order {
        guard index >= 0, index < locations.count else { throw SourceError.orderNotFound(id: "#\(index + 1)") }
        return Order(json: try json(at: index))
    }

    /// The parsed JSON of order `index`, exactly as in the file.
    public func json(at index: Int) throws(SourceError) -> JSONValue {
        guard index >= 0, index < locations.count else { throw SourceError.orderNotFound(id: "#\(index + 1)") }
        let location = locations[index]
        let whole = regions[location.file].bytes
        let slice = UnsafeRawBufferPointer(rebasing: whole[location.start..<location.end])
        do {
            return try JSONParser.parse(slice)
        } catch {
            let at = TextLocator.locate(whole, offset: location.start + error.offset)
            throw SourceError.malformed(SourceProblem(
                file: paths[location.file], line: at.line, column: at.column,
                message: "order \(summaries[index].id) cannot be read: \(error.reason)", snippet: at.snippet))
        }
    }

    /// The raw bytes of order `index` as they are in the (inflated) file.
    public func withRawBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        guard index >= 0, index < locations.count else { return nil }
        let location = locations[index]
        return try body(UnsafeRawBufferPointer(rebasing: regions[location.file].bytes[location.start..<location.end]))
    }

    /// The order with this id (or order number), decoded from its bytes.
    public func loadOrder(id: String) throws(SourceError) -> Order {
        guard let index = index(ofOrderID: id) else { throw SourceError.orderNotFound(id: id) }
        return try order(at: index)
    }

    /// Visits every order in file order, decoding one at a time so memory stays flat; stops at the
    /// first error `body` throws, or with `SourceError.malformed` if an order cannot be decoded.
    public func forEachOrder(_ body: (Int, Order) throws -> Void) throws {
        for index in 0..<locations.count {
            try body(index, try order(at: index))
        }
    }

    // MARK: - OrderSource

    public func page(after cursor: PageCursor?, limit: Int) async throws(SourceError) -> OrderPage {
        let start = min(max(cursor.flatMap { Int($0.value) } ?? 0, 0), summaries.count)
        let end = min(summaries.count, start + max(limit, 1))
        return OrderPage(
            summaries: Array(summaries[start..<end]),
            next: end < summaries.count ? PageCursor(String(end)) : nil,
            totalCount: summaries.count,
            problems: start == 0 ? problems : [])
    }

    public func order(id: String) async throws(SourceError) -> Order {
        try loadOrder(id: id)
    }

    public func session(orderID: String, sessionID: String) async throws(SourceError) -> Session {
        guard let index = index(ofOrderID: orderID) else { throw SourceError.orderNotFound(id: orderID) }
        let json = try json(at: index)
        for session in json["sessions"]?.arrayValue ?? [] where session["id"]?.stringValue == sessionID {
            return Session(json: session)
        }
        throw SourceError.sessionNotFound(orderID: orderID, sessionID: sessionID)
    }
}
