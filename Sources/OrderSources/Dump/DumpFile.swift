import Foundation
import OrderIndex

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opens one dump file: maps it read-only (or reads a pipe), and inflates gzip content (detected
/// by its magic bytes, whatever the name) into memory.
enum DumpFile {
    struct Loaded: Sendable {
        var region: MappedRegion
        /// Why gzip inflation stopped early, if it did (the data before it is in `region`).
        var gzipProblem: String?
    }

    /// A stream can be read once (a FIFO, `/dev/stdin`), and inflating costs time: what was
    /// read that way is kept (spilled to a temporary file) for a second pass over the same path,
    /// as `print` makes.
    private static let streamed = StreamedInputs()

    static func load(path: String) throws(SourceError) -> Loaded {
        if let kept = streamed.loaded(path) { return kept }
        return try loadOnce(path: path)
    }

    private static func loadOnce(path: String) throws(SourceError) -> Loaded {
        let descriptor = RawPath.open(path)
        if descriptor < 0 {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR: throw SourceError.fileNotFound(path: path)
            case EISDIR: throw SourceError.notAFile(path: path)
            default: throw SourceError.unreadable(path: path, reason: errorText(code))
            }
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw SourceError.unreadable(path: path, reason: errorText(errno))
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { throw SourceError.notAFile(path: path) }

        let raw: MappedRegion
        if type == S_IFREG {
            let size = Int(info.st_size)
            guard size > 0 else { throw SourceError.emptyFile(path: path) }
            if let mapped = MappedRegion.mapFile(descriptor: descriptor, length: size) {
                raw = mapped
            } else {
                raw = try readAll(descriptor, path: path, sizeHint: size)
            }
        } else {
            raw = try readAll(descriptor, path: path, sizeHint: 1 << 20)  // a pipe or a device
        }
        guard raw.count > 0 else { throw SourceError.emptyFile(path: path) }

        let mapped = type == S_IFREG && raw.isFileMapping
        guard GzipInflater.isGzip(raw.bytes) else {
            let loaded = Loaded(region: raw, gzipProblem: nil)
            if !mapped { streamed.keep(loaded, for: path) }
            return loaded
        }
        do {
            let inflated = try GzipInflater.inflate(raw.bytes)
            let problem = inflated.problem
            let loaded = Loaded(region: inflated.buffer.finish(), gzipProblem: problem)
            streamed.keep(loaded, for: path)
            return loaded
        } catch {
            throw relabel(error, path: path)
        }
    }

    private static func readAll(_ descriptor: Int32, path: String, sizeHint: Int) throws(SourceError)
        -> MappedRegion
    {
        do throws(SourceError) {
            var buffer = try SpillBuffer(capacity: sizeHint + 1)
            var limits = StreamGuard()
            while true {
                if buffer.capacity - buffer.count < (1 << 16) {
                    try buffer.grow(toAtLeast: buffer.count + (1 << 20))
                }
                let got = read(descriptor, buffer.freeSpace, buffer.capacity - buffer.count)
                if got < 0 {
                    if errno == EINTR { continue }
                    throw SourceError.unreadable(path: path, reason: errorText(errno))
                }
                if got == 0 { break }
                if let start = buffer.freeSpace {
                    try limits.check(UnsafeRawBufferPointer(start: start, count: got))
                }
                buffer.count += got
            }
            return buffer.finish()
        } catch {
            throw relabel(error, path: path)
        }
    }

    /// Puts the path into errors raised below the file level.
    private static func relabel(_ error: SourceError, path: String) -> SourceError {
        if case .unreadable("", let reason) = error { return .unreadable(path: path, reason: reason) }
        return error
    }

    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// The inputs `DumpFile` read as streams or inflated, by path, for the life of the process.
///
/// `@unchecked Sendable`: `inputs` is read and written only under `lock`.
final class StreamedInputs: @unchecked Sendable {
    private let lock = NSLock()
    private var inputs: [String: DumpFile.Loaded] = [:]

    func loaded(_ path: String) -> DumpFile.Loaded? {
        lock.lock()
        defer { lock.unlock() }
        return inputs[path]
    }

    func keep(_ loaded: DumpFile.Loaded, for path: String) {
        lock.lock()
        inputs[path] = loaded
        lock.unlock()
    }
}
