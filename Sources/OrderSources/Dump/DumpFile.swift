#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opens one dump file: maps it read-only (or reads a pipe), and inflates gzip content (detected
/// by its magic bytes, whatever the name) into memory.
enum DumpFile {
    struct Loaded {
        var region: MappedRegion
        /// Why gzip inflation stopped early, if it did (the data before it is in `region`).
        var gzipProblem: String?
    }

    static func load(path: String) throws(SourceError) -> Loaded {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
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

        guard GzipInflater.isGzip(raw.bytes) else { return Loaded(region: raw, gzipProblem: nil) }
        do {
            let inflated = try GzipInflater.inflate(raw.bytes)
            let problem = inflated.problem
            return Loaded(region: inflated.buffer.finish(), gzipProblem: problem)
        } catch {
            throw relabel(error, path: path)
        }
    }

    private static func readAll(_ descriptor: Int32, path: String, sizeHint: Int) throws(SourceError) -> MappedRegion {
        do throws(SourceError) {
            var buffer = try AnonymousBuffer(capacity: sizeHint + 1)
            while true {
                if buffer.capacity - buffer.count < (1 << 16) { try buffer.grow(toAtLeast: buffer.count + (1 << 20)) }
                let got = read(descriptor, buffer.freeSpace, buffer.capacity - buffer.count)
                if got < 0 {
                    if errno == EINTR { continue }
                    throw SourceError.unreadable(path: path, reason: errorText(errno))
                }
                if got == 0 { break }
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
