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

/// Saves every order a `DinteroAPISource` lists, each in full detail (`orderJSON(id:)`), as one
/// JSON array (gzip-compressed when asked). It writes to a temporary file in the destination's
/// folder and renames it only when complete: on any error or cancellation nothing is left under
/// the final name (and the temporary file is removed).
public enum OrderDumpFetcher {
    /// Returns the number of orders saved. With `redact`, each order's personal data is masked
    /// (`Redactor`) before it is written, so the dump never holds it.
    @discardableResult
    public static func fetch(
        from source: DinteroAPISource, to path: String, gzip: Bool, pageSize: Int = 100, redact: Bool = false,
        progress: @Sendable (FetchProgress) -> Void = { _ in }
    ) async throws(SourceError) -> Int {
        // Nothing is left under the final name unless every order was written (AtomicFile).
        let file = try AtomicFile(path: path)
        let count = try await write(
            source: source, fd: file.fileDescriptor, name: path, gzip: gzip, pageSize: pageSize, redact: redact,
            progress: progress)
        try file.commit()
        return count
    }

    private static func write(
        source: DinteroAPISource, fd: Int32, name: String, gzip: Bool, pageSize: Int, redact: Bool,
        progress: @Sendable (FetchProgress) -> Void
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
        var seenCursors = Set<String>()
        var cursor: PageCursor?
        var state = FetchProgress(listed: 0, saved: 0, bytes: 0)
        repeat {
            if Task.isCancelled { throw SourceError.cancelled }
            let page = try await source.listPage(after: cursor, limit: pageSize)
            for listed in page.orders {
                guard let id = listed["id"]?.stringValue ?? listed["order_id"]?.stringValue else { continue }
                guard seenIDs.insert(id).inserted else { continue }
                state.listed += 1
                if Task.isCancelled { throw SourceError.cancelled }
                let fetched = try await source.orderJSON(id: id)
                let full = redact ? Redactor.redact(fetched) : fetched
                var bytes: [UInt8] = state.saved == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A]
                full.appendSerialized(to: &bytes)
                try emit(bytes)
                state.saved += 1
                state.bytes += Int64(bytes.count)
                progress(state)
            }
            if let next = page.next, !seenCursors.insert(next.value).inserted {
                throw SourceError.api(
                    message: "the API returned the cursor \(next.value) twice; fetch stopped to avoid a loop",
                    status: nil, retryable: false)
            }
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
}
