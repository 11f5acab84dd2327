import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file written under a temporary name in its destination folder and renamed into place only
/// by `commit()`: readers never see half a file, and a failed or abandoned write leaves nothing
/// under the final name (the temporary file is removed).
public final class AtomicFile {
    public let path: String
    private let temporary: String
    private var fd: Int32
    private var committed = false

    /// The open temporary file, for writers that take a descriptor.
    public var fileDescriptor: Int32 { fd }

    /// Creates the temporary file (mode 0600 by default, as dumps may hold personal data).
    public init(path: String, mode: mode_t = 0o600) throws(SourceError) {
        self.path = path
        var template = Array((path + ".partial-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else {
            throw SourceError.unwritable(path: path, reason: "cannot create a file there: \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        fchmod(fd, mode)
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
                throw SourceError.unwritable(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    public func write(_ text: String) throws(SourceError) {
        try write(Array(text.utf8))
    }

    /// Flushes, closes and renames the file into place.
    public func commit() throws(SourceError) {
        let synced = fsync(fd) == 0
        let closed = close(fd) == 0
        fd = -1
        guard synced, closed else {
            throw SourceError.unwritable(path: path, reason: "cannot finish writing: \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, path) == 0 else {
            throw SourceError.unwritable(path: path, reason: "cannot rename the finished file: \(String(cString: strerror(errno)))")
        }
        committed = true
    }

    deinit {
        if fd >= 0 { close(fd) }
        if !committed { unlink(temporary) }
    }
}
