import Foundation
import JSONCore
import OrderIndex
import OrderModel

/// Orders read from one or more JSON dump files: an order, an array of orders, API list pages
/// (`{"orders": [...]}`), NDJSON, any of them concatenated, and any of them gzipped.
///
/// Opening maps each file (gzip is inflated into memory) and indexes it with a byte scanner that
/// finds every order's byte range and reads only the list columns into a `SummaryStore` (packed
/// columns, no string object per value), so a 1 GB dump opens without decoding its orders. A
/// full order is parsed from its bytes only when it is asked for.
///
/// `open` indexes everything before it returns; `openInBackground` returns as soon as a first
/// screenful is indexed and goes on in a background thread, publishing `progress` while the
/// store grows. Problems that were survived (a truncated tail, a bad NDJSON line) are in
/// `problems` (and in `progress` while indexing).
///
/// The stored properties are immutable or `Sendable` classes that guard their own state (the
/// store, the indexing state), and the mappings are immutable after loading.
public final class DumpSource: OrderSource {
    public let origin: SourceOrigin
    /// The files, as given.
    public let paths: [String]
    /// The list columns of every order indexed so far, in file order: row `i` is order `i`.
    public let store: SummaryStore
    /// The number of JSON bytes to index (after inflating gzip).
    public let byteCount: Int

    let regions: [MappedRegion]
    private let indexing: IndexingState

    /// The number of orders indexed so far.
    public var count: Int { store.count }

    /// The summaries indexed so far, made one at a time on access.
    public var summaries: SummaryList { SummaryList(store.snapshot()) }

    /// Problems survived so far, each naming its file, line and column.
    public var problems: [SourceProblem] {
        indexing.progress.problems + changedFiles.map(SourceProblem.changed)
    }

    /// The files that shrank while they were read (checked now: a later read can find it).
    public var changedFiles: [String] {
        zip(paths, regions).filter { $0.1.changedWhileRead }.map(\.0)
    }

    /// Where the index stands; `finished` is true from the start for `open`.
    public var progress: IndexProgress { indexing.progress }

    /// The background index's progress (`browse`); nil when the dump was indexed before opening.
    public func backgroundProgress() -> BackgroundProgress? {
        guard indexesInBackground else { return nil }
        let progress = self.progress
        return BackgroundProgress(
            progress: progress,
            shared: SharedSummaries(store: store, count: store.count, complete: progress.finished))
    }

    /// How long the index took, from the files being mapped to the last order stored (nil
    /// while it runs).
    public var indexDuration: Duration? { indexing.duration }

    /// True when the source was opened with `openInBackground` (progress is worth watching).
    public let indexesInBackground: Bool

    private init(
        paths: [String], regions: [MappedRegion], store: SummaryStore, indexing: IndexingState,
        background: Bool
    ) {
        self.origin = .files(paths)
        self.paths = paths
        self.regions = regions
        self.store = store
        self.indexing = indexing
        self.indexesInBackground = background
        self.byteCount = regions.reduce(0) { $0 + $1.count }
    }

    // MARK: - Opening

    /// Opens and indexes the files completely (synchronously). Throws for the first file that
    /// cannot be read or holds no orders at all.
    public static func open(paths: [String]) throws(SourceError) -> DumpSource {
        let loaded = try loadAll(paths)
        let store = SummaryStore()
        let indexing = IndexingState(totalBytes: loaded.regions.reduce(0) { $0 + $1.count })
        try indexFiles(paths: paths, loaded: loaded, store: store, indexing: indexing, throwAll: true)
        return DumpSource(
            paths: paths, regions: loaded.regions, store: store, indexing: indexing, background: false)
    }

    /// Opens the files and returns once `firstOrders` orders are indexed (or all of them, if
    /// fewer); the rest is indexed on a background thread. Errors that leave no order at all are
    /// thrown; a later file that cannot be indexed becomes a problem in `progress`.
    public static func openInBackground(paths: [String], firstOrders: Int = 1000) throws(SourceError)
        -> DumpSource
    {
        let loaded = try loadAll(paths)
        let store = SummaryStore()
        let indexing = IndexingState(totalBytes: loaded.regions.reduce(0) { $0 + $1.count })
        let work = UncheckedBox((paths, loaded, store, indexing))
        Thread.detachNewThread {
            // The index runs a step below the UI (nice 5, inherited by the second-half thread
            // of a split scan): with both cores indexing, a key still gets a core within a
            // scheduler slice.
            #if canImport(Glibc)
                setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)  // on Linux: this thread only
            #endif
            let (paths, loaded, store, indexing) = work.value
            do throws(SourceError) {
                try indexFiles(
                    paths: paths, loaded: loaded, store: store, indexing: indexing, throwAll: false)
            } catch {
                indexing.fail(error)
            }
        }
        if let error = indexing.waitForOrders(firstOrders, store: store) { throw error }
        return DumpSource(
            paths: paths, regions: loaded.regions, store: store, indexing: indexing, background: true)
    }

    /// Blocks until the background index has finished (at once for `open`).
    public func waitUntilIndexed() {
        _ = indexing.waitForOrders(Int.max, store: store)
    }

    private struct LoadedFiles {
        var regions: [MappedRegion]
        var gzipProblems: [SourceProblem?]
    }

    private static func loadAll(_ paths: [String]) throws(SourceError) -> LoadedFiles {
        var result = LoadedFiles(regions: [], gzipProblems: [])
        for path in paths {
            let loaded = try DumpFile.load(path: path)
            result.regions.append(loaded.region)
            result.gzipProblems.append(loaded.gzipProblem.map { SourceProblem(file: path, message: $0) })
        }
        return result
    }

    /// The most rows a file's first orders may reserve room for in the id tables (8 MB each).
    static let reserveCap = 1 << 20

    /// Indexes every file into the store, publishing rows and progress as it goes. With
    /// `throwAll` false, a file after the first that holds no orders is reported as a problem.
    private static func indexFiles(
        paths: [String], loaded: LoadedFiles, store: SummaryStore, indexing: IndexingState, throwAll: Bool
    ) throws(SourceError) {
        var record = SummaryRecord()
        var bytesBefore = 0
        for (fileNumber, path) in paths.enumerated() {
            let region = loaded.regions[fileNumber]
            let bytes = region.bytes
            let gzipProblem = loaded.gzipProblems[fileNumber]
            // Nil only for an empty region, where the indexer throws before finding any order.
            let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
            let offset = bytesBefore
            var sized = false
            var indexer = DumpIndexer(bytes: bytes, path: path) { batch in
                if !sized, let first = batch.first, let last = batch.last, last.end > first.start {
                    // The id tables sized once from the file's size and its first orders' (a
                    // guess, capped): grown row by row they rehash on the thread that finishes.
                    sized = true
                    let perOrder = Double(last.end - first.start) / Double(batch.count)
                    let estimate = Double(bytes.count - first.start) / perOrder * 1.1
                    store.reserve(rows: store.count + Int(min(estimate, Double(Self.reserveCap))))
                }
                for order in batch {
                    guard let base else { return }
                    order.candidate.fill(&record, base: base) { "#\(store.count + 1)" }
                    record.file = fileNumber
                    record.start = order.start
                    record.end = order.end
                    store.append(record)
                }
                indexing.advance(bytes: offset + (batch.last?.end ?? 0), orders: store.count)
            }
            // The second half of a split scan fills its rows on its own thread.
            indexer.secondHalfRows = (
                fileNumber,
                { rows in
                    store.append(rows)
                    indexing.advance(bytes: offset + rows.lastEnd, orders: store.count)
                }
            )
            do throws(SourceError) {
                let result = try indexer.run()
                if let gzipProblem { indexing.report([gzipProblem]) }
                indexing.report(result.problems)
            } catch {
                // A damaged gzip stream explains whatever the JSON reader then trips over.
                let error = gzipProblem.map { SourceError.malformed($0) } ?? error
                if throwAll || store.count == 0 { throw error }
                indexing.report([SourceProblem(file: path, message: error.message + "; the file was skipped")]
                )
            }
            bytesBefore += bytes.count
            indexing.advance(bytes: bytesBefore, orders: store.count)
        }
        let (duplicates, first) = store.duplicateIDs
        if duplicates > 0, let first {
            indexing.report([
                SourceProblem(
                    file: paths.joined(separator: ", "),
                    message: "\(duplicates) order(s) repeat an id already seen (the first is \(first)); "
                        + "opening such an id shows its first copy")
            ])
        }
        indexing.finish(orders: store.count)
    }

    // MARK: - Reading

    /// The position of the order with this id (or, failing that, this order number).
    public func index(ofOrderID id: String) -> Int? {
        store.row(ofID: id) ?? store.row(ofOrderNumber: id)
    }

    /// Decodes order `index` (0-based, as in `summaries`) from its bytes.
    /// `transform` of each order in `range` (nil for one that cannot be decoded), computed on
    /// every core at once, in the range's order: whole-dump work (the anomaly checks of
    /// `export` and of `browse`'s background scan) at the speed of both cores.
    public func mapOrders<Value: Sendable>(
        in range: Range<Int>, decoding: OrderDecoding = .whole, _ transform: @Sendable (Order) -> Value
    ) -> [Value?] {
        mapOrdersReportingText(in: range, decoding: decoding, transform).values
    }

    /// `mapOrders`, with the text problems of the orders' strings (raw control characters,
    /// invalid UTF-8; file, line and column) in file order: the background check of `browse`
    /// and `export` report them as `check` does.
    ///
    /// `yieldingEvery` (background work: the browser's check) gives up the core after every so
    /// many orders, so that a thread waiting for one (the loop, woken by a key) runs within a
    /// few orders' work rather than after the scheduler's tick.
    public func mapOrdersReportingText<Value: Sendable>(
        in range: Range<Int>, decoding: OrderDecoding = .whole, yieldingEvery: Int = 0,
        _ transform: @Sendable (Order) -> Value
    ) -> (values: [Value?], problems: [SourceProblem]) {
        let results = UnsafeMutableBufferPointer<(Value, [SourceProblem])?>.allocate(capacity: range.count)
        results.initialize(repeating: nil)
        defer {
            // The values were copied out: the buffer's own copies must be released too (a
            // plain `deallocate` leaked every value, found by LeakSanitizer).
            _ = results.deinitialize()
            results.deallocate()
        }
        let shared = UncheckedBox(results)
        // The orders' places are found first, on this thread: found by each worker, they locked
        // the store and counted references to its chunks and mappings from both cores, one
        // cache line passed back and forth for every order.
        let snapshot = store.snapshot()
        let places = range.map { $0 >= 0 && $0 < snapshot.count ? snapshot.location(row: $0) : nil }
        let files = UncheckedBox(regions.map(\.bytes))
        DispatchQueue.concurrentPerform(iterations: range.count) { offset in
            guard let place = places[offset] else { return }  // not indexed: as `order(at:)`, nil
            // The order goes to `transform` where it is decoded: returned, it was copied (over
            // 2 KB) on each of its ways out.
            shared.value[offset] = try? self.reading(
                place: place, in: files.value[place.file], id: { snapshot.id(row: range.lowerBound + offset) }
            ) { (slice, issues) throws(JSONParseError) in
                transform(try decoding.order(slice, issues: &issues))
            }
            if yieldingEvery > 0, offset % yieldingEvery == yieldingEvery - 1 { sched_yield() }
        }
        return (results.map { $0?.0 }, results.flatMap { $0?.1 ?? [] })
    }

    public func order(at index: Int) throws(SourceError) -> Order {
        guard index >= 0, index < store.count else { throw SourceError.orderNotFound(id: "#\(index + 1)") }
        return Order(json: try json(at: index))
    }

    /// The parsed JSON of order `index`, exactly as in the file.
    public func json(at index: Int) throws(SourceError) -> JSONValue {
        try jsonReportingText(at: index).json
    }

    /// Order `index` decoded, with the places where its strings break JSON's text rules (raw
    /// control characters, invalid UTF-8) as problems naming file, line and column: the order
    /// is still read (`print --order` shows it and reports them).
    public func orderReportingText(at index: Int) throws(SourceError) -> (
        order: Order, problems: [SourceProblem]
    ) {
        let (json, problems) = try jsonReportingText(at: index)
        return (Order(json: json), problems)
    }

    /// The parsed JSON of order `index` and the text problems of its strings.
    public func jsonReportingText(at index: Int) throws(SourceError) -> (
        json: JSONValue, problems: [SourceProblem]
    ) {
        let (json, problems) = try reading(at: index) { (slice, issues) throws(JSONParseError) in
            try JSONParser.parse(slice, textIssues: &issues)
        }
        return (json, problems)
    }

    /// What `read` makes of the bytes of order `index`, with the text problems of its strings;
    /// a parse error becomes `SourceError.malformed` naming file, line and column.
    private func reading<Value>(
        at index: Int,
        _ read: (UnsafeRawBufferPointer, inout JSONTextIssues) throws(JSONParseError) -> Value
    ) throws(SourceError) -> (Value, [SourceProblem]) {
        let snapshot = store.snapshot()
        guard index >= 0, index < snapshot.count else { throw SourceError.orderNotFound(id: "#\(index + 1)") }
        let place = snapshot.location(row: index)
        return try reading(place: place, in: regions[place.file].bytes, id: { snapshot.id(row: index) }, read)
    }

    /// `reading(at:_:)` for an order whose place in file `place.file` (mapped at `whole`) is
    /// known; `id` names it in problems (made only for one).
    private func reading<Value>(
        place: (file: Int, start: Int, end: Int), in whole: UnsafeRawBufferPointer, id: () -> String,
        _ read: (UnsafeRawBufferPointer, inout JSONTextIssues) throws(JSONParseError) -> Value
    ) throws(SourceError) -> (Value, [SourceProblem]) {
        let slice = UnsafeRawBufferPointer(rebasing: whole[place.start..<place.end])
        do {
            var issues = JSONTextIssues()
            let value = try read(slice, &issues)
            // Most orders have no text issues: their id is not made into a string then.
            let problems =
                issues.isEmpty
                ? []
                : DumpSource.textProblems(
                    issues, orderStart: place.start, bytes: whole, path: paths[place.file], order: id())
            return (value, problems)
        } catch {
            let at = TextLocator.locate(whole, offset: place.start + error.offset)
            throw SourceError.malformed(
                SourceProblem(
                    file: paths[place.file], line: at.line, column: at.column,
                    message: "order \(id()) cannot be read: \(error.reason)", snippet: at.snippet))
        }
    }

    /// The raw bytes of order `index` as they are in the (inflated) file.
    public func withRawBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        let snapshot = store.snapshot()
        guard index >= 0, index < snapshot.count else { return nil }
        let location = snapshot.location(row: index)
        return try body(
            UnsafeRawBufferPointer(rebasing: regions[location.file].bytes[location.start..<location.end]))
    }

    /// The order with this id (or order number), decoded from its bytes.
    public func loadOrder(id: String) throws(SourceError) -> Order {
        guard let index = index(ofOrderID: id) else { throw SourceError.orderNotFound(id: id) }
        return try order(at: index)
    }

    /// Visits every order in file order, decoding one at a time so memory stays flat; stops at the
    /// first error `body` throws, or with `SourceError.malformed` if an order cannot be decoded.
    /// With a background index it follows the index, waiting for rows as they are found.
    public func forEachOrder(_ body: (Int, Order) throws -> Void) throws {
        var index = 0
        while true {
            _ = indexing.waitForOrders(index + 1, store: store)
            let available = store.count
            guard index < available else { return }
            while index < available {
                try body(index, try order(at: index))
                index += 1
            }
        }
    }

    /// The list columns of every order of the files, in file order, straight from the scan,
    /// without keeping an index (for `print`: memory stays flat however big the dumps are).
    /// Returns the problems survived; throws for the first file that cannot be used.
    public static func streamSummaries(paths: [String], _ body: (OrderSummary) -> Void) throws(SourceError)
        -> [SourceProblem]
    {
        var problems: [SourceProblem] = []
        var counted = 0
        for path in paths {
            let loaded = try DumpFile.load(path: path)
            let bytes = loaded.region.bytes
            var record = SummaryRecord()
            do throws(SourceError) {
                let result = try withoutActuallyEscaping(body) {
                    (body) throws(SourceError) -> DumpIndexer.Result in
                    var indexer = DumpIndexer(bytes: bytes, path: path) { batch in
                        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
                            return
                        }
                        for order in batch {
                            order.candidate.fill(&record, base: base) { "#\(counted + 1)" }
                            counted += 1
                            body(record.summary())
                        }
                    }
                    indexer.splitMinimum = .max  // one thread: nothing is held back for a second half
                    return try indexer.run()
                }
                if let problem = loaded.gzipProblem {
                    problems.append(SourceProblem(file: path, message: problem))
                }
                problems += result.problems
                if loaded.region.changedWhileRead { problems.append(.changed(path)) }
            } catch {
                if let problem = loaded.gzipProblem {
                    throw SourceError.malformed(SourceProblem(file: path, message: problem))
                }
                throw error
            }
        }
        return problems
    }

    /// Decodes every order of one file in file order, straight from the scan, without keeping
    /// an index: memory stays flat however big the file is (for `check`). Returns the problems
    /// survived, an order whose bytes do not parse among them (it is skipped: damage costs only
    /// the order it is in); throws when the file cannot be used or `body` throws.
    public static func streamOrders(path: String, _ body: (Order) throws -> Void) throws -> [SourceProblem] {
        try streamOrders(path: path, transform: { $0 }, consume: body)
    }

    /// The same with the work split: each batch of orders the scan finds is decoded and
    /// `transform`ed on every core at once while the scan goes on to the next batches
    /// (`BatchDecoder`), then `consume`d one by one in file order (`check` runs its anomaly
    /// checks in `transform`, with `decoding: .forChecks`). An error `consume` throws stops the
    /// pass: nothing after it is decoded or consumed, and it is rethrown.
    public static func streamOrders<Value: Sendable>(
        path: String, decoding: OrderDecoding = .whole, transform: @escaping @Sendable (Order) -> Value,
        consume: (Value) throws -> Void
    ) throws -> [SourceProblem] {
        try streamOrders(
            path: path, decoding: decoding, boundariesOnly: true, transform: transform, consume: consume)
    }

    /// The stream, its scan finding only the orders' bounds when `boundariesOnly` (the pass
    /// decodes every order anyway, and the list columns are never needed: a problem names its
    /// order by the id, which the scan still reads). That scan's orders and problems are the
    /// full scan's as long as every order's bytes parse (`DumpIndexer.boundariesOnly`); at the
    /// first order whose bytes do not and that the full scan would not take as it is
    /// (`ScannedOrder.fullScanAgrees`), the file is scanned again in full from the start (the
    /// orders already consumed are not decoded again), so a damaged dump is reported exactly
    /// as by the full scan. False scans in full from the start (tests compare the two).
    static func streamOrders<Value: Sendable>(
        path: String, decoding: OrderDecoding, boundariesOnly: Bool,
        transform: @escaping @Sendable (Order) -> Value, consume: (Value) throws -> Void
    ) throws -> [SourceProblem] {
        let loaded = try DumpFile.load(path: path)
        let bytes = loaded.region.bytes
        var failure: (any Error)?
        var unreadable: [SourceProblem] = []
        // Strings that break JSON's text rules: reported, the order still checked.
        var textProblems: [SourceProblem] = []
        // Lines are counted from the last problem located, so many problems stay linear.
        var hint: (offset: Int, location: TextLocator.Location)?
        // Orders taken in file order (consumed or reported as unreadable), over both passes.
        var counted = 0
        var lean = boundariesOnly
        // A quick pass met an order whose bytes do not parse: the full scan takes over.
        var again = false
        var result: DumpIndexer.Result
        do {
            repeat {
                again = false
                let done = counted  // taken by the quick pass: skipped by the full one
                let decoder = BatchDecoder(bytes: bytes, decoding: decoding, transform: transform)
                // The workers read the mapping: they are done before it can go away, however
                // this ends.
                defer { withExtendedLifetime(loaded) { decoder.close() } }
                result = try withoutActuallyEscaping(consume) { consume in
                    // One decoded batch, in file order; false once `consume` failed or the
                    // quick pass must give way.
                    func take(_ batch: [ScannedOrder], _ decoded: BatchDecoder<Value>.Results) -> Bool {
                        for (order, outcome) in zip(batch, decoded) {
                            let outcome = outcome ?? .unreadable(offset: 0, reason: "not decoded")
                            if lean, case .unreadable = outcome, !order.fullScanAgrees(in: bytes) {
                                // The full scan would have stopped inside this order (a grammar
                                // error the quick scan skipped over): it says what happened.
                                again = true
                                return false
                            }
                            counted += 1
                            switch outcome {
                            case .value(let value, let issues):
                                if !issues.isEmpty {
                                    textProblems += DumpSource.textProblems(
                                        issues, orderStart: order.start, bytes: bytes, path: path,
                                        order: orderID(order, bytes: bytes, number: counted), hint: &hint)
                                }
                                do {
                                    try consume(value)
                                } catch {
                                    failure = error
                                    return false
                                }
                            case .unreadable(let offset, let reason):
                                // From the last problem located, not from the file's start: many
                                // unreadable orders in a big dump stay linear.
                                let at = TextLocator.locate(bytes, offset: order.start + offset, after: hint)
                                hint = (order.start + offset, at)
                                unreadable.append(
                                    SourceProblem(
                                        file: path, line: at.line, column: at.column,
                                        message:
                                            "order \(orderID(order, bytes: bytes, number: counted)) cannot be read: \(reason); it was skipped",
                                        snippet: at.snippet))
                            }
                        }
                        return true
                    }
                    var seen = 0
                    var indexer = DumpIndexer(bytes: bytes, path: path) { batch in
                        guard failure == nil, !again else { return }
                        let skip = min(max(done - seen, 0), batch.count)
                        seen += batch.count
                        guard skip < batch.count else { return }
                        decoder.submit(skip == 0 ? batch : Array(batch[skip...]))
                        decoder.takeBack(take)
                    }
                    indexer.splitMinimum = .max  // one scanning thread: batches arrive in file order
                    indexer.boundariesOnly = lean
                    indexer.shouldStop = { again || failure != nil }
                    let result = try indexer.run()
                    if failure == nil, !again { decoder.takeBack(draining: true, take) }
                    return result
                }
                lean = false
            } while again
        } catch {
            if let problem = loaded.gzipProblem {
                throw SourceError.malformed(SourceProblem(file: path, message: problem))
            }
            throw error
        }
        if let failure { throw failure }
        return (loaded.gzipProblem.map { [SourceProblem(file: path, message: $0)] } ?? []) + result.problems
            + unreadable
            + textProblems + (loaded.region.changedWhileRead ? [.changed(path)] : [])
    }

    /// The id a problem names an order by: its `id` or `order_id`, else "#" and its position
    /// (as in the index).
    private static func orderID(_ order: ScannedOrder, bytes: UnsafeRawBufferPointer, number: Int) -> String {
        var record = SummaryRecord()
        if let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) {
            order.candidate.fill(&record, base: base) { "#\(number)" }
        }
        return record.string(of: .id)
    }

    /// The problems for the text issues of one order whose bytes start at `orderStart` in
    /// `bytes`: one per issue reported in full, and one that counts the rest.
    static func textProblems(
        _ issues: JSONTextIssues, orderStart: Int, bytes: UnsafeRawBufferPointer, path: String, order: String
    ) -> [SourceProblem] {
        var hint: (offset: Int, location: TextLocator.Location)?
        return textProblems(
            issues, orderStart: orderStart, bytes: bytes, path: path, order: order, hint: &hint)
    }

    static func textProblems(
        _ issues: JSONTextIssues, orderStart: Int, bytes: UnsafeRawBufferPointer, path: String, order: String,
        hint: inout (offset: Int, location: TextLocator.Location)?
    ) -> [SourceProblem] {
        var problems: [SourceProblem] = []
        for issue in issues.first {
            let offset = orderStart + issue.offset
            let at = TextLocator.locate(bytes, offset: offset, after: hint)
            hint = (offset, at)
            problems.append(
                SourceProblem(
                    file: path, line: at.line, column: at.column,
                    message: "order \(order): \(issue) (JSON needs it escaped; the order is still read)",
                    snippet: at.snippet))
        }
        let more = issues.total - issues.first.count
        if more > 0, let last = problems.last {
            problems.append(
                SourceProblem(
                    file: path, line: last.line, column: last.column,
                    message:
                        "order \(order): \(more) more raw control character(s) or invalid UTF-8 byte(s) inside its strings"
                ))
        }
        return problems
    }

    // MARK: - OrderSource

    /// A page of the summaries indexed so far. The page also shares the whole store
    /// (`OrderPage.shared`), so a list can take every indexed row at once without copying.
    public func page(after cursor: PageCursor?, limit: Int) async throws(SourceError) -> OrderPage {
        let progress = indexing.progress
        let snapshot = store.snapshot()
        let total = snapshot.count
        let start = min(max(cursor.flatMap { Int($0.value) } ?? 0, 0), total)
        let end = min(total, start + max(limit, 1))
        return OrderPage(
            summaries: (start..<end).map { snapshot.summary(at: $0) },
            next: end < total || !progress.finished ? PageCursor(String(end)) : nil,
            totalCount: progress.finished ? total : nil,
            problems: start == 0 && !indexesInBackground ? progress.problems : [],
            shared: SharedSummaries(store: store, count: total, complete: progress.finished))
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
