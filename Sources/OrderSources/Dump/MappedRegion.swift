#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bytes that stay valid for as long as the region lives: a read-only private mapping of a file,
/// or the shared mapping of a `SpillBuffer` (inflated gzip data, a pipe).
///
/// `@unchecked Sendable`: the pointer and length are set once in `init` and never change; the
/// memory is read-only after construction (file mappings are `PROT_READ`, inflated regions are
/// written only before the region is handed out), and `deinit` unmaps it exactly once.
final class MappedRegion: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer?
    private let mappedLength: Int
    /// The number of meaningful bytes at the start of the mapping.
    let count: Int
    /// True for a mapping of the input file itself (not a spilled copy).
    let isFileMapping: Bool
    /// The `TruncationGuard` slot of a file mapping.
    private let guardSlot: Int?

    init(base: UnsafeMutableRawPointer?, mappedLength: Int, count: Int, isFileMapping: Bool = false) {
        self.base = base
        self.mappedLength = mappedLength
        self.count = count
        self.isFileMapping = isFileMapping
        guardSlot =
            isFileMapping && mappedLength > 0
            ? base.flatMap { TruncationGuard.register(base: $0, length: mappedLength) } : nil
    }

    /// True when a read met the end of the file after it had shrunk (the bytes past it read as
    /// zeros; see `TruncationGuard`).
    var changedWhileRead: Bool { guardSlot.map(TruncationGuard.hasChanged) ?? false }

    /// An empty region (nothing mapped).
    static let empty = MappedRegion(base: nil, mappedLength: 0, count: 0)

    var bytes: UnsafeRawBufferPointer {
        guard let base, count > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: UnsafeRawPointer(base), count: count)
    }

    deinit {
        if let guardSlot { TruncationGuard.unregister(guardSlot) }
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
        return MappedRegion(base: pointer, mappedLength: length, count: length, isFileMapping: true)
    }
}
