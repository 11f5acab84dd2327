import Foundation
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
/// an entry that carries its `events` is a complete order and is saved as it came (one request
/// per page); any other is fetched with `orderJSON(id:)`, up to `concurrency` at a time (each
/// request retried with backoff on 429 and 5xx by the source). It writes to a temporary file in
/// the destination's folder and renames it only when complete: on any error or cancellation
/// nothing is left under the final name (and the temporary file is removed).
public enum OrderDumpFetcher {
    /// Returns the number of orders saved. With `redact`, each order's personal data is masked
    /// (`Redactor`) before it is written, so the dump never holds it.
    @discardableResult
    public static func fetch(
        from source: DinteroAPISource, to path: String, gzip: Bool, pageSize: Int = 100, redact: Bool = false,
        concurrency: Int = 8, progress: @Sendable (FetchProgress) -> Void = { _ in }
    ) async throws(SourceError) -> Int {
        // Nothing is left under the final name unless every order was written (AtomicFile).
        let file = try AtomicFile(path: path)
        let count = try await write(
            source: source, fd: file.fileDescriptor, name: path, gzip: gzip, pageSize: pageSize, redact: redact,
            concurrency: max(1, concurrency), progress: progress)
        try file.commit()
        return count
    }

    private static func write(
        source: DinteroAPISource, fd: Int32, name: String, gzip: Bool, pageSize: Int, redact: Bool,
        concurrency: Int, progress: @Sendable (FetchProgress) -> Void
    ) async throws(SourceError) -> Int {
        let file = FileDescriptorSink(fileDescriptor: fd, name: name)
        var sink: any SyntheticByteSink
        do {
            sink = gzip ? try GzipSink(wrapping: file) : file
        } catch {
            throw SourceError.unreadable(path: name, reason: error.message)
        }
        func emit(_ bytes: [UInt8]) throws(SourceError) {
            var failure: SyntheticOutputError?
            bytes.withUnsafeBytes { buffer in
                do throws(SyntheticOutputError) {
                    try sink.write(buffer)
                } catch {
                    failure = error
                }
            }
            if let failure { throw SourceError.unreadable(path: name, reason: failure.message) }
        }
        try emit(Array("[".utf8))
        var seenIDs = Set<String>()
        var cursor: PageCursor?
        var state = FetchProgress(listed: 0, saved: 0, bytes: 0)
        repeat {
            if Task.isCancelled { throw SourceError.cancelled }
            let page = try await source.listPage(after: cursor, limit: pageSize, includeEvents: true)
            var listed: [(id: String, complete: JSONValue?)] = []
            for entry in page.orders {
                guard let id = entry["id"]?.stringValue ?? entry["order_id"]?.stringValue else { continue }
                guard seenIDs.insert(id).inserted else { continue }
                listed.append((id, entry["events"]?.arrayValue != nil ? entry : nil))
            }
            state.listed += listed.count
            let details = try await details(
                of: listed.filter { $0.complete == nil }.map(\.id), from: source, concurrency: concurrency)
            for entry in listed {
                guard let fetched = entry.complete ?? details[entry.id] else {
                    throw SourceError.api(
                        message: "order \(entry.id) was listed but its detail did not arrive", status: nil, retryable: false)
                }
                let full = redact ? Redactor.redact(fetched) : fetched
                var bytes: [UInt8] = state.saved == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A]
                full.appendSerialized(to: &bytes)
                try emit(bytes)
                state.saved += 1
                state.bytes += Int64(bytes.count)
                progress(state)
            }
            // The source stops a listing whose cursor repeats, so this loop ends.
            cursor = page.next
        } while cursor != nil
        try emit(Array("\n]\n".utf8))
        do {
            try sink.finish()
        } catch {
            throw SourceError.unreadable(path: name, reason: error.message)
        }
        return state.saved
    }

    /// The full orders of `ids`, fetched `concurrency` at a time; the first failure (after the
    /// source's own retries) cancels the rest and is thrown.
    private static func details(
        of ids: [String], from source: DinteroAPISource, concurrency: Int
    ) async throws(SourceError) -> [String: JSONValue] {
        guard !ids.isEmpty else { return [:] }
        do {
            return try await withThrowingTaskGroup(of: (String, JSONValue).self) { group in
                var next = 0
                func startNext() {
                    let id = ids[next]
                    next += 1
                    group.addTask { (id, try await source.orderJSON(id: id)) }
                }
                while next < min(concurrency, ids.count) { startNext() }
                var found: [String: JSONValue] = [:]
                while let (id, json) = try await group.next() {
                    found[id] = json
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
