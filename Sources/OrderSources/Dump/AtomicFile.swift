import Foundation
import OrderIndex

#if canImport(Glibc)
    import Glibc
#endif

/// The one place that writes an output file (`export`, `generate`, `fetch`, screenshots).
///
/// A file (or a name not taken yet) is written under a temporary name in its folder and renamed
/// into place only by `commit()`: readers never see half a file, and a failed or abandoned write
/// leaves nothing under the final name (the temporary file is removed).
///
/// What the name already is decides how it is written, because replacing it would break it:
/// - a symlink is followed (relative targets from the link's folder, up to 40 hops) and its
///   target replaced atomically, so the link stays a link (`--out link.json`);
/// - a FIFO, a character or block device, `-` (standard output) and anything reached through
///   `/proc` or `/dev/fd` (`/dev/stdout` is `/proc/self/fd/1`) are written straight through:
///   renaming over `/dev/stdout` as root once replaced that symlink with a 22 MB file;
/// - a directory, a socket or any other special file is refused with a message.
public final class AtomicFile {
    public let path: String
    /// The name renamed over on commit; nil when writing straight through.
    private let target: String?
    private let temporary: String?
    private var fd: Int32
    private var committed = false

    /// The open temporary file (or the stream written through), for writers that take a
    /// descriptor.
    public var fileDescriptor: Int32 { fd }

    /// True when the output is a stream written in place (a FIFO, a device, `-`): a failed
    /// write cannot be taken back there.
    public var writesThrough: Bool { target == nil }

    /// Creates the temporary file (mode 0600 by default, as dumps may hold personal data), or
    /// opens the stream to write through.
    public init(path: String, mode: mode_t = 0o600) throws(SourceError) {
        self.path = path
        switch try Self.destination(of: path) {
        case .stream(let fd):
            self.fd = fd
            target = nil
            temporary = nil
        case .replace(let resolved):
            Self.removeAbandonedPartials(of: resolved)
            var template = Array((resolved + ".partial-XXXXXX").utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress.map { mkstemp($0) } ?? -1
            }
            guard fd >= 0 else {
                throw SourceError.unwritable(
                    path: path, reason: "cannot create a file there: \(Self.lastError())")
            }
            // Held until the descriptor closes: a later run can tell a live write from an
            // abandoned one (a process killed with SIGKILL, a power cut).
            _ = flock(fd, LOCK_EX)
            self.fd = fd
            target = resolved
            temporary = String(
                decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            fchmod(fd, mode)
        }
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws(SourceError) {
        try Self.writeAll(bytes, to: fd, path: path)
    }

    /// Writes all of `bytes` to `fd` (retrying short and interrupted writes); errors name `path`.
    static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(SourceError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { ClosedPipe.note() }
                throw SourceError.unwritable(path: path, reason: Self.lastError())
            }
            offset += written
        }
    }

    public func write(_ text: String) throws(SourceError) {
        try write(Array(text.utf8))
    }

    /// Flushes, closes and renames the file into place (a stream is only closed).
    public func commit() throws(SourceError) {
        // fsync means nothing on a pipe or terminal (EINVAL): only files are synced.
        let synced = target == nil || fsync(fd) == 0
        let closed = close(fd) == 0
        fd = -1
        guard synced, closed else {
            throw SourceError.unwritable(path: path, reason: "cannot finish writing: \(Self.lastError())")
        }
        if let target, let temporary {
            guard rename(temporary, target) == 0 else {
                throw SourceError.unwritable(
                    path: path, reason: "cannot rename the finished file: \(Self.lastError())")
            }
        }
        committed = true
    }

    deinit {
        if fd >= 0 { close(fd) }
        if !committed, let temporary { unlink(temporary) }
    }

    /// Removes `TARGET.partial-XXXXXX` files that no process is writing: their lock is free and
    /// they have not changed for a minute (a writer takes the lock right after creating its file).
    static func removeAbandonedPartials(of target: String) {
        let folder = (target as NSString).deletingLastPathComponent
        let prefix = (target as NSString).lastPathComponent + ".partial-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)
        else { return }
        let now = time(nil)
        for name in names where name.hasPrefix(prefix) && name.count == prefix.count + 6 {
            let candidate = folder.isEmpty ? name : folder + "/" + name
            let fd = Glibc.open(candidate, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, now - info.st_mtim.tv_sec > 60
            else { continue }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }
            unlink(candidate)
        }
    }

    // MARK: - What the name is

    private enum Destination {
        /// Write this open descriptor in place.
        case stream(Int32)
        /// Write a temporary file and rename it over this path (a regular file or a free name).
        case replace(String)
    }

    private static func destination(of path: String) throws(SourceError) -> Destination {
        if path == "-" {
            // A descriptor of our own, so closing it on commit leaves standard output open.
            let fd = fcntl(1, F_DUPFD_CLOEXEC, 3)
            guard fd >= 0 else {
                throw SourceError.unwritable(path: path, reason: "standard output: \(lastError())")
            }
            return .stream(fd)
        }
        guard !path.isEmpty else { throw SourceError.unwritable(path: path, reason: "the name is empty") }
        if isMagicLinkDirectory(path) { return try openedDescriptor(path) }
        var resolved = path
        for _ in 0...40 {
            var info = stat()
            guard lstat(resolved, &info) == 0 else {
                guard errno == ENOENT else { throw SourceError.unwritable(path: path, reason: lastError()) }
                return .replace(resolved)  // a free name, or the missing target of a link
            }
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                guard let next = readLink(resolved) else {
                    throw SourceError.unwritable(path: path, reason: "cannot read the link: \(lastError())")
                }
                resolved = next.hasPrefix("/") ? next : directory(of: resolved) + next
                if isMagicLinkDirectory(resolved) { return try openedDescriptor(path) }
            case S_IFREG:
                return .replace(resolved)
            case let kind:
                return try stream(path, kind: kind)
            }
        }
        throw SourceError.unwritable(path: path, reason: "too many levels of symbolic links")
    }

    /// A name that leads through `/proc` or `/dev/fd` (`/dev/stdout`): the kernel follows it to
    /// an open descriptor's file, pipe or terminal.
    private static func openedDescriptor(_ path: String) throws(SourceError) -> Destination {
        var info = stat()
        guard stat(path, &info) == 0 else { throw SourceError.unwritable(path: path, reason: lastError()) }
        let kind = info.st_mode & S_IFMT
        // The file of a shell redirect: the shell's descriptor must keep its file, so write
        // through, appending (the shell truncated it for `>`, and `>>` appends).
        if kind == S_IFREG { return try .stream(open(path, flags: O_WRONLY | O_APPEND)) }
        return try stream(path, kind: kind)
    }

    /// A FIFO or device is written in place; anything else that is not a file is refused.
    private static func stream(_ path: String, kind: mode_t) throws(SourceError) -> Destination {
        switch kind {
        case S_IFIFO, S_IFCHR, S_IFBLK:
            return try .stream(open(path, flags: O_WRONLY))
        case S_IFDIR:
            throw SourceError.unwritable(path: path, reason: "it is a directory")
        case S_IFSOCK:
            throw SourceError.unwritable(path: path, reason: "it is a socket")
        default:
            throw SourceError.unwritable(path: path, reason: "it is not a file, FIFO or device")
        }
    }

    /// `/proc/...` and `/dev/fd/...` links stand for open descriptors (`pipe:[123]` is no path),
    /// so what they name is opened by the kernel, never renamed over.
    private static func isMagicLinkDirectory(_ path: String) -> Bool {
        path.hasPrefix("/proc/") || path.hasPrefix("/dev/fd/")
    }

    private static func open(_ path: String, flags: Int32) throws(SourceError) -> Int32 {
        // A FIFO with no reader would block here forever; that is what writing to one means
        // (`cat fifo` must be waiting), as for any other program.
        let fd = Glibc.open(path, flags | O_CLOEXEC)
        guard fd >= 0 else { throw SourceError.unwritable(path: path, reason: lastError()) }
        return fd
    }

    private static func readLink(_ path: String) -> String? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return -1 }
            return readlink(path, base.assumingMemoryBound(to: CChar.self), raw.count - 1)
        }
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// The folder part of `path` with its trailing slash ("" for a bare name).
    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
