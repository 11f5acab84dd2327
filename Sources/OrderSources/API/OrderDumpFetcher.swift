import Foundation
import JSONCore
import OrderIndex
import OrderModel

#if canImport(Glibc)
    import Glibc
#endif

/// Progress of a fetch: orders listed so far and orders saved in full so far.
public struct FetchProgress: Sendable, Equatable {
    public var listed: Int
    public var saved: Int
    public var bytes: Int64
}

/// Saves every order a `DinteroAPISource` lists, each in full detail, as one JSON array
/// (gzip-compressed when asked), in list order. Lists are asked with `include_events=true`:
/// a complete entry (`CompleteListEntries`: it carries its `events`, or has none on a page whose
/// other entries carry theirs) is saved as it came (one request per page); any other is fetched
/// with `orderJSON(id:)`, up to `concurrency` at a time (each request retried with backoff on
/// 429 and 5xx by the source).
///
/// Whole pages are saved beside the target as they arrive (`FetchProgressFiles`), so a fetch
/// that is interrupted or fails keeps its progress there and `resume` goes on from the next
/// page without saving any order twice. The dump is written from them under a temporary name
/// and renamed into place only when complete: nothing ever appears under the final name before.
public enum OrderDumpFetcher {
    /// Returns the number of orders saved. With `redact`, each order's personal data is masked
    /// (`Redactor`) before it is written anywhere, so neither the dump nor the progress holds it.
    @discardableResult
    public static func fetch(
        from source: DinteroAPISource, to path: String, gzip: Bool, pageSize: Int = 100, redact: Bool = false,
        concurrency: Int = 8, resume: Bool = false, progress: @Sendable (FetchProgress) -> Void = { _ in }
    ) async throws(SourceError) -> Int {
        let files = FetchProgressFiles(target: path)
        let listing = source.listingDescription + " limit=\(pageSize)" + (redact ? " redacted" : "")
        var checkpoint: FetchCheckpoint
        var seenIDs: Set<String>
        if resume {
            (checkpoint, seenIDs) = try files.resume(listing: listing)
            await source.resumeListing(pagesByContinuation: checkpoint.pagesByContinuation)
        } else {
            checkpoint = try files.start(listing: listing)
            seenIDs = []
        }
        do {
            try await fetchPages(
                from: source, into: files, checkpoint: &checkpoint, seenIDs: &seenIDs, pageSize: pageSize,
                redact: redact,
                concurrency: concurrency, progress: progress)
        } catch {
            // Nothing fetched yet (a refused token, say): there is no progress worth keeping.
            if checkpoint.cursor == nil && checkpoint.saved == 0 && !checkpoint.finished { files.remove() }
            throw writeFailure(error, target: path)
        }
        let count: Int
        do {
            count = try writeDump(try files.savedLines(), to: path, gzip: gzip)
        } catch {
            throw writeFailure(error, target: path)
        }
        files.remove()
        return count
    }

    /// A failed write (a full disk, say) while saving progress or the dump, told as what it is
    /// for the operator: writing the fetch's target failed, why (`no space left on device`),
    /// and which file it was when not the target itself. Other errors pass as they are.
    static func writeFailure(_ error: SourceError, target: String) -> SourceError {
        guard case .unwritable(let path, var reason) = error else { return error }
        for prefix in ["cannot write to \(path): ", "cannot write to \(target): ", "cannot finish writing: "]
        where reason.hasPrefix(prefix) {
            reason.removeFirst(prefix.count)
        }
        // strerror's "No space left on device" reads as part of a sentence.
        if let first = reason.first, first.isUppercase, reason.dropFirst().first?.isLowercase == true {
            reason = first.lowercased() + reason.dropFirst()
        }
        if path != target { reason += " while writing \(path)" }
        return .unwritable(path: target, reason: reason)
    }

    /// Lists page after page from the checkpoint on, saving each whole page, in list order, and
    /// then the checkpoint after it, until the listing ends.
    ///
    /// Pipelined: the next page is asked for while the details of earlier pages are still
    /// coming, so the detail requests seldom wait for a list round trip. At most `concurrency`
    /// requests are in flight, the list request taking one of the slots; the next page is asked
    /// for (first, as soon as a slot is free) once fewer than `concurrency` details wait for a
    /// slot, so pages listed ahead stay few. With `concurrency` 1 nothing overlaps.
    /// A page is written once it and every page before it are whole; the checkpoint names the
    /// cursor after the last page written, so a resume lists again any page listed ahead.
    private static func fetchPages(
        from source: DinteroAPISource, into files: FetchProgressFiles, checkpoint: inout FetchCheckpoint,
        seenIDs: inout Set<String>, pageSize: Int, redact: Bool, concurrency: Int,
        progress: @Sendable (FetchProgress) -> Void
    ) async throws(SourceError) {
        guard !checkpoint.finished else { return }
        var state = FetchProgress(listed: checkpoint.saved, saved: checkpoint.saved, bytes: checkpoint.bytes)
        let slots = max(1, concurrency)
        var window = PageWindow()
        var listCursor = checkpoint.cursor.map { PageCursor($0) }
        do {
            try await withThrowingTaskGroup(of: Arrival.self) { group in
                func list(after cursor: PageCursor?) {
                    group.addTask {
                        .page(
                            try await source.listedPage(after: cursor, limit: pageSize, includeEvents: true))
                    }
                }
                var listing = true
                var listingEnded = false
                // Requests in flight, the list request included.
                var inFlight = 1
                list(after: listCursor)
                while let arrival = try await group.next() {
                    if Task.isCancelled { throw SourceError.cancelled }
                    switch arrival {
                    case .page(let page):
                        listing = false
                        inFlight -= 1
                        let added = window.add(page, seen: &seenIDs)
                        state.listed += added
                        listCursor = page.next
                        listingEnded = page.next == nil
                    case .detail(let page, let id, let order):
                        inFlight -= 1
                        window.arrived(order, id: id, page: page)
                    }
                    // Whole pages, in list order.
                    while let page = window.popWhole() {
                        var lines: [UInt8] = []
                        for order in page.orders {
                            if redact {
                                Redactor.redact(order.json).appendSerialized(to: &lines)
                            } else if let source = order.source {
                                lines.append(contentsOf: source)
                            } else {
                                order.json.appendSerialized(to: &lines)
                            }
                            lines.append(0x0A)
                        }
                        try files.append(lines)
                        checkpoint.bytes += Int64(lines.count)
                        checkpoint.saved += page.orders.count
                        checkpoint.cursor = page.next?.value
                        checkpoint.finished = page.next == nil
                        checkpoint.pagesByContinuation = await source.listingPagesByContinuation
                        try files.save(checkpoint)
                        state.saved = checkpoint.saved
                        state.bytes = checkpoint.bytes
                        // The empty page that ends a listing by ids brings nothing to report.
                        if !page.orders.isEmpty { progress(state) }
                    }
                    if !listing && !listingEnded && window.waiting < slots && inFlight < slots {
                        listing = true
                        inFlight += 1
                        list(after: listCursor)
                    }
                    while inFlight < slots, let (page, id) = window.nextWanted() {
                        inFlight += 1
                        group.addTask {
                            let document = try await source.orderDocument(id: id)
                            return .detail(
                                page: page, id: id,
                                order: ListedOrder(json: document.json, source: document.source))
                        }
                    }
                }
            }
        } catch {
            throw error as? SourceError ?? .cancelled
        }
    }

    /// What a fetch task brings: a page of the list, or one order's detail.
    private enum Arrival: Sendable {
        case page(ListedPage)
        case detail(page: Int, id: String, order: ListedOrder)
    }

    /// The checkpoint file a fetch to `target` keeps while it runs and after an interruption
    /// (the saved orders are beside it, `TARGET.progress.ndjson`); nil when there is none.
    public static func progress(for target: String) -> String? {
        let files = FetchProgressFiles(target: target)
        return files.exists ? files.statePath : nil
    }

    /// Orders (each compact JSON) as one JSON array under a temporary name, renamed to `path`
    /// when whole.
    @discardableResult
    static func writeDump(_ lines: [ArraySlice<UInt8>], to path: String, gzip: Bool) throws(SourceError)
        -> Int
    {
        let file = try AtomicFile(path: path)
        let output = FileDescriptorSink(fileDescriptor: file.fileDescriptor, name: path)
        var sink: any SyntheticByteSink
        do {
            sink = gzip ? try GzipSink(wrapping: output) : output
        } catch {
            throw SourceError.unwritable(path: path, reason: error.message)
        }
        func emit(_ bytes: some Collection<UInt8>) throws(SourceError) {
            var failure: SyntheticOutputError?
            Array(bytes).withUnsafeBytes { buffer in
                do throws(SyntheticOutputError) {
                    try sink.write(buffer)
                } catch {
                    failure = error
                }
            }
            if let failure { throw SourceError.unwritable(path: path, reason: failure.message) }
        }
        try emit(Array("[".utf8))
        for (index, line) in lines.enumerated() {
            try emit(index == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
            try emit(line)
        }
        try emit(Array("\n]\n".utf8))
        do {
            try sink.finish()
        } catch {
            throw SourceError.unwritable(path: path, reason: error.message)
        }
        try file.commit()
        return lines.count
    }

    /// The full orders of `ids` with their bytes as the server sent them, `concurrency` at a
    /// time; the first failure (after the source's own retries) cancels the rest and is thrown.
    static func documents(
        of ids: [String], from source: DinteroAPISource, concurrency: Int
    ) async throws(SourceError) -> [String: ListedOrder] {
        guard !ids.isEmpty else { return [:] }
        do {
            return try await withThrowingTaskGroup(of: (String, ListedOrder).self) { group in
                var next = 0
                func startNext() {
                    let id = ids[next]
                    next += 1
                    group.addTask {
                        let document = try await source.orderDocument(id: id)
                        return (id, ListedOrder(json: document.json, source: document.source))
                    }
                }
                while next < min(max(1, concurrency), ids.count) { startNext() }
                var found: [String: ListedOrder] = [:]
                while let (id, order) = try await group.next() {
                    found[id] = order
                    if next < ids.count {
                        if Task.isCancelled { throw SourceError.cancelled }
                        startNext()
                    }
                }
                return found
            }
        } catch {
            throw error as? SourceError ?? .cancelled
        }
    }
}
