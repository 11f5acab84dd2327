#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A growable anonymous memory mapping used while inflating gzip data or reading a pipe; turned
/// into a `MappedRegion` (ownership moves) when complete.
struct AnonymousBuffer: ~Copyable {
    private(set) var base: UnsafeMutableRawPointer?
    private(set) var capacity: Int
    var count: Int

    init(capacity requested: Int) throws(SourceError) {
        base = nil
        capacity = 0
        count = 0
        try grow(toAtLeast: max(requested, 1 << 16))
    }

    deinit {
        if let base, capacity > 0 { munmap(base, capacity) }
    }

    /// Makes room for at least `needed` bytes in total, doubling so appends stay amortised O(1).
    mutating func grow(toAtLeast needed: Int) throws(SourceError) {
        guard needed > capacity else { return }
        let page = 1 << 16
        var newCapacity = max(capacity, page)
        while newCapacity < needed { newCapacity *= 2 }
        let pointer = mmap(nil, newCapacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let pointer, pointer != MAP_FAILED else {
            throw SourceError.unreadable(
                path: "", reason: "cannot reserve \(newCapacity) bytes of memory: \(String(cString: strerror(errno)))")
        }
        if let base {
            if count > 0 { memcpy(pointer, base, count) }
            munmap(base, capacity)
        }
        base = pointer
        capacity = newCapacity
    }

    /// The free space after `count`.
    var freeSpace: UnsafeMutableRawPointer? { base.map { $0 + count } }

    /// Hands the mapping to a region that unmaps it when released.
    consuming func finish() -> MappedRegion {
        let region = MappedRegion(base: base, mappedLength: capacity, count: count)
        base = nil
        capacity = 0
        return region
    }
}
