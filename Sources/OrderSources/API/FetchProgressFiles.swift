import Foundation
import JSONCore
import OrderIndex
import OrderModel

#if canImport(Glibc)
    import Glibc
#endif

/// Where an interrupted `fetch` stands: the listing it belongs to, where the next page starts,
/// and how much of the orders file holds whole pages.
struct FetchCheckpoint: Codable, Equatable {
    /// Account, list path, filters, page size and redaction: a resume must ask for the same.
    var listing: String
    /// The cursor of the next page (nil: from the start, or nothing left when `finished`).
    var cursor: String?
    /// Whether the server paged with continuations (then a page without one is the last).
    var pagesByContinuation: Bool
    /// The length of the orders file after the last whole page; anything after it is dropped.
    var bytes: Int64
    /// Orders saved in those bytes.
    var saved: Int
    /// Every page is in; only the dump remains to be written.
    var finished: Bool
}

/// The progress a `fetch` keeps beside its target while it runs, and after an interruption
/// (Ctrl-C, a fault that outlasts the retries): `TARGET.progress.ndjson`, the saved orders one
/// per line, and `TARGET.progress.json`, the `FetchCheckpoint`, replaced atomically after each
/// whole page (and only once that page's orders are on disk). Nothing is ever written under the
/// target's own name until the dump is complete. Both files are mode 0600: orders hold
/// personal data.
final class FetchProgressFiles {
    let target: String
    let ordersPath: String
    let statePath: String
    private var descriptor: Int32 = -1

    init(target: String) {
        self.target = target
        ordersPath = target + ".progress.ndjson"
        statePath = target + ".progress.json"
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    var exists: Bool {
        FileManager.default.fileExists(atPath: statePath)
            || FileManager.default.fileExists(atPath: ordersPath)
    }

    /// A new fetch: refuses to overwrite the progress of an earlier one.
    func start(listing: String) throws(SourceError) -> FetchCheckpoint {
        guard !exists else {
            throw SourceError.unwritable(
                path: target,
                reason: "an interrupted fetch left its progress in \(statePath); continue it with --resume, "
                    + "or delete \(statePath) and \(ordersPath) to start over")
        }
        try open(truncatingTo: 0)
        let checkpoint = FetchCheckpoint(
            listing: listing, cursor: nil, pagesByContinuation: false, bytes: 0, saved: 0, finished: false)
        try save(checkpoint)
        return checkpoint
    }

    /// The checkpoint of an interrupted fetch of the same listing, its orders file cut back to
    /// the last whole page, and the ids already saved (so none is saved twice).
    func resume(listing: String) throws(SourceError) -> (FetchCheckpoint, Set<String>) {
        guard let data = FileManager.default.contents(atPath: statePath),
            let checkpoint = try? JSONDecoder().decode(FetchCheckpoint.self, from: data)
        else {
            throw SourceError.unreadable(
                path: statePath,
                reason: "no progress of an interrupted fetch to resume (run fetch without --resume)")
        }
        guard checkpoint.listing == listing else {
            throw SourceError.unreadable(
                path: statePath,
                reason: "the interrupted fetch asked for other orders (\(checkpoint.listing)); "
                    + "resume it with the same account, store, filters, --limit and --redact")
        }
        try open(truncatingTo: checkpoint.bytes)
        var ids = Set<String>()
        for line in try savedLines() {
            if let id = Self.id(of: line) { ids.insert(id) }
        }
        return (checkpoint, ids)
    }

    /// Appends one whole page of order lines.
    func append(_ bytes: [UInt8]) throws(SourceError) {
        try AtomicFile.writeAll(bytes, to: descriptor, path: ordersPath)
    }

    /// Records `checkpoint` once the orders it counts are on disk.
    func save(_ checkpoint: FetchCheckpoint) throws(SourceError) {
        guard fsync(descriptor) == 0 else {
            throw SourceError.unwritable(path: ordersPath, reason: String(cString: strerror(errno)))
        }
        let data: Data
        do {
            data = try JSONEncoder().encode(checkpoint)
        } catch {
            throw SourceError.unwritable(path: statePath, reason: "cannot encode the progress")
        }
        let file = try AtomicFile(path: statePath)
        try file.write(Array(data))
        try file.commit()
    }

    /// The saved order lines (compact JSON, so no line holds a raw newline).
    func savedLines() throws(SourceError) -> [ArraySlice<UInt8>] {
        guard let handle = FileHandle(forReadingAtPath: ordersPath),
            let data = try? handle.readToEnd() ?? Data()
        else {
            throw SourceError.unreadable(path: ordersPath, reason: "cannot read the saved orders")
        }
        try? handle.close()
        return Array(data).split(separator: 0x0A)
    }

    /// Removes both files (after the dump was written).
    func remove() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(ordersPath)
        unlink(statePath)
    }

    private func open(truncatingTo length: Int64) throws(SourceError) {
        let fd = Glibc.open(ordersPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0, ftruncate(fd, off_t(length)) == 0 else {
            if fd >= 0 { close(fd) }
            throw SourceError.unwritable(path: ordersPath, reason: String(cString: strerror(errno)))
        }
        descriptor = fd
    }

    private static func id(of line: ArraySlice<UInt8>) -> String? {
        guard let json = try? JSONParser.parse(Array(line)) else { return nil }
        return json["id"]?.stringValue ?? json["order_id"]?.stringValue
    }
}
