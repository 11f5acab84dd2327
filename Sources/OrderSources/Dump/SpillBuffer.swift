import OrderIndex

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A growable buffer for bytes that do not come from a mappable file (inflated gzip data, a pipe,
/// a FIFO, a device), kept in an unlinked temporary file mapped shared: the pages belong to the
/// file, not to the process, so memory owned stays small however big the input, and the kernel
/// removes the file when the process ends, however it ends (signals and crashes included).
///
/// Space is reserved with `posix_fallocate` before the mapping grows over it, so a full disk is an
/// error here rather than a SIGBUS on a later write. Turned into a `MappedRegion` (ownership
/// moves) when complete. The directory is `$TMPDIR`, else `/tmp`.
struct SpillBuffer: ~Copyable {
    private(set) var base: UnsafeMutableRawPointer?
    private(set) var capacity: Int
    var count: Int
    private var descriptor: Int32

    init(capacity requested: Int) throws(SourceError) {
        base = nil
        capacity = 0
        count = 0
        descriptor = -1
        descriptor = try SpillBuffer.makeUnlinkedFile()
        try grow(toAtLeast: max(requested, 1 << 16))
    }

    deinit {
        if let base, capacity > 0 { munmap(base, capacity) }
        if descriptor >= 0 { close(descriptor) }
    }

    /// Makes room for at least `needed` bytes in total, doubling so appends stay amortised O(1).
    /// The file keeps the bytes: growing remaps, it never copies.
    mutating func grow(toAtLeast needed: Int) throws(SourceError) {
        guard needed > capacity else { return }
        var newCapacity = max(capacity, 1 << 16)
        while newCapacity < needed { newCapacity *= 2 }
        let reserved = posix_fallocate(descriptor, 0, off_t(newCapacity))
        guard reserved == 0 else {
            throw SourceError.unreadable(
                path: "",
                reason:
                    "cannot keep \(newCapacity) bytes in the temporary directory (\(SpillBuffer.directory)): "
                    + String(cString: strerror(reserved)))
        }
        let pointer = mmap(nil, newCapacity, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0)
        guard let pointer, pointer != MAP_FAILED else {
            throw SourceError.unreadable(
                path: "", reason: "cannot map \(newCapacity) bytes: \(String(cString: strerror(errno)))")
        }
        if let base { munmap(base, capacity) }
        base = pointer
        capacity = newCapacity
    }

    /// The free space after `count`.
    var freeSpace: UnsafeMutableRawPointer? { base.map { $0 + count } }

    /// Hands the mapping to a region that unmaps it when released (the file goes with it).
    consuming func finish() -> MappedRegion {
        let region = MappedRegion(base: base, mappedLength: capacity, count: count)
        base = nil
        capacity = 0
        close(descriptor)
        descriptor = -1
        return region
    }

    static var directory: String {
        guard let value = getenv("TMPDIR"), value.pointee != 0 else { return "/tmp" }
        return String(cString: value)
    }

    private static func makeUnlinkedFile() throws(SourceError) -> Int32 {
        var template = Array((directory + "/orderscope-spill-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw SourceError.unreadable(
                path: "",
                reason: "cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))")
        }
        // Unlinked at once: nothing is left behind, whatever ends the process.
        _ = unlink(template)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        return descriptor
    }
}
