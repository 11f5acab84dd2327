#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bytes that stay valid for as long as the region lives: a read-only private mapping of a file,
/// or an anonymous mapping that holds inflated gzip data.
///
/// `@unchecked Sendable`: the pointer and length are set once in `init` and never change; the
/// memory is read-only after construction (file mappings are `PROT_READ`, inflated regions are
/// written only before the region is handed out), and `deinit` unmaps it exactly once.
final class MappedRegion: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer?
    private let mappedLength: Int
    /// The number of meaningful bytes at the start of the mapping.
    let count: Int

    init(base: UnsafeMutableRawPointer?, mappedLength: Int, count: Int) {
        self.base = base
        self.mappedLength = mappedLength
        self.count = count
    }

    /// An empty region (nothing mapped).
    static let empty = MappedRegion(base: nil, mappedLength: 0, count: 0)

    var bytes: UnsafeRawBufferPointer {
        guard let base, count > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: UnsafeRawPointer(base), count: count)
    }

    deinit {
        if let base, mappedLength > 0 { munmap(base, mappedLength) }
    }

    /// Maps `length` bytes of an open file read-only and private; nil when `mmap` refuses.
    static func mapFile(descriptor: Int32, length: Int) -> MappedRegion? {
        guard length > 0 else { return .empty }
        let pointer = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let pointer, pointer != MAP_FAILED else { return nil }
        #if canImport(Glibc)
            _ = madvise(pointer, length, MADV_SEQUENTIAL)
        #endif
        return MappedRegion(base: pointer, mappedLength: length, count: length)
    }
}

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
