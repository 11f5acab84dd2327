import Dispatch

/// Which bits of the packed keys differ somewhere: every key's integers OR-ed and AND-ed
/// together (a bit set in the OR and clear in the AND differs between two keys). A radix sort
/// only needs the bytes that differ: a date key varies in five or six of its 25 bytes.
struct PackedKeyBits {
    var anyTier: UInt8 = 0
    var allTier: UInt8 = .max
    var anyHigh: UInt64 = 0
    var allHigh: UInt64 = .max
    var anyMiddle: UInt64 = 0
    var allMiddle: UInt64 = .max
    var anyLow: UInt64 = 0
    var allLow: UInt64 = .max

    init() {}

    /// The bits of every key of `keys`.
    init(_ keys: UnsafeBufferPointer<PackedSortKey>) {
        for key in keys { add(key) }
    }

    /// The bits of one key: all of them both set somewhere and set everywhere.
    @inline(__always)
    init(key: PackedSortKey) {
        (anyTier, allTier) = (key.tier, key.tier)
        (anyHigh, allHigh) = (key.high, key.high)
        (anyMiddle, allMiddle) = (key.middle, key.middle)
        (anyLow, allLow) = (key.low, key.low)
    }

    @inline(__always)
    mutating func add(_ key: PackedSortKey) { add(PackedKeyBits(key: key)) }

    /// The bits of both sets of keys.
    @inline(__always)
    mutating func add(_ other: PackedKeyBits) {
        anyTier |= other.anyTier
        allTier &= other.allTier
        anyHigh |= other.anyHigh
        allHigh &= other.allHigh
        anyMiddle |= other.anyMiddle
        allMiddle &= other.allMiddle
        anyLow |= other.anyLow
        allLow &= other.allLow
    }

    /// The byte offsets, inside a key's memory, of the key bytes that differ between keys, most
    /// significant first (tier, then `high`, `middle` and `low` from their top byte down); nil
    /// when the key's layout cannot be read (never for a struct of stored properties).
    var varyingByteOffsets: [Int]? {
        guard let tier = MemoryLayout<PackedSortKey>.offset(of: \.tier),
            let high = MemoryLayout<PackedSortKey>.offset(of: \.high),
            let middle = MemoryLayout<PackedSortKey>.offset(of: \.middle),
            let low = MemoryLayout<PackedSortKey>.offset(of: \.low)
        else { return nil }
        var offsets: [Int] = []
        if anyTier != allTier { offsets.append(tier) }
        let littleEndian = 1.littleEndian == 1
        for (start, varying) in [
            (high, anyHigh ^ allHigh), (middle, anyMiddle ^ allMiddle), (low, anyLow ^ allLow),
        ] {
            for byte in 0..<8 {
                let shift = 56 - 8 * byte
                guard (varying >> UInt64(shift)) & 0xFF != 0 else { continue }
                offsets.append(start + (littleEndian ? shift / 8 : 7 - shift / 8))
            }
        }
        return offsets
    }
}

/// Sorts packed keys into the order of `PackedSortKey.ascendingBefore` (or `descendingBefore`):
/// by key, then by source position. A most-significant-byte-first radix sort over only the key
/// bytes that vary (`PackedKeyBits`), each byte distributed stably into a scratch buffer, so
/// keys that tie stay in the order they came in; small buckets are sorted by comparisons, and a
/// bucket of tied keys is put in position order only when it is not already (the list's
/// positions usually come in ascending). The standard library's merge sort of the same keys
/// took 200 ms of CPU for a million rows; this is a few passes over the keys. Big inputs use
/// both cores: the first bytes are distributed by two halves at once, then the buckets are
/// shared out between two workers.
enum PackedKeySort {
    /// Buckets this small are sorted by insertion: a byte histogram costs more than they do.
    static let smallBucket = 32

    /// Sorts `keys` (whose differing bits are `bits`) in place; inputs of `parallelAbove` keys
    /// or more are split over two cores.
    static func sort(
        _ keys: UnsafeMutableBufferPointer<PackedSortKey>, ascending: Bool, bits: PackedKeyBits,
        parallelAbove: Int = 50_000
    ) {
        let count = keys.count
        guard count > 1, let base = keys.baseAddress else { return }
        guard let offsets = bits.varyingByteOffsets else {
            // Unreachable in practice (see `varyingByteOffsets`); the comparison sort is right too.
            var keys = keys
            if ascending {
                keys.sort { $0.ascendingBefore($1) }
            } else {
                keys.sort { $0.descendingBefore($1) }
            }
            return
        }
        let plan = Plan(offsets: offsets, flip: ascending ? 0 : 0xFF, ascending: ascending)
        let scratch = UnsafeMutablePointer<PackedSortKey>.allocate(capacity: count)
        defer { scratch.deallocate() }
        if count < parallelAbove {
            if plan.sort(base, scratch, 0, count, level: 0) { base.update(from: scratch, count: count) }
        } else {
            plan.sortOnTwoCores(base, scratch, count)
        }
    }

    /// One sort's digits (byte offsets inside a key, most significant first) and direction.
    struct Plan: Sendable {
        let offsets: [Int]
        /// XOR-ed into every digit: 0xFF turns the byte order around for a descending sort.
        let flip: UInt8
        let ascending: Bool

        @inline(__always)
        func digit(_ keys: UnsafeMutablePointer<PackedSortKey>, _ index: Int, _ offset: Int) -> Int {
            Int(UnsafeRawPointer(keys + index).load(fromByteOffset: offset, as: UInt8.self) ^ flip)
        }

        @inline(__always)
        func before(_ lhs: PackedSortKey, _ rhs: PackedSortKey) -> Bool {
            ascending ? lhs.ascendingBefore(rhs) : lhs.descendingBefore(rhs)
        }

        /// Sorts `keys[lower..<upper]`, whose digits before `level` are all the same, using
        /// `other` (same range) as scratch. Returns true when the sorted keys are in `other`.
        func sort(
            _ keys: UnsafeMutablePointer<PackedSortKey>, _ other: UnsafeMutablePointer<PackedSortKey>,
            _ lower: Int, _ upper: Int, level start: Int
        ) -> Bool {
            let count = upper - lower
            if count <= PackedKeySort.smallBucket {
                insertionSort(keys, lower, upper)
                return false
            }
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts -> Bool in
                var level = start
                var lookedForTies = false
                while level < offsets.count {
                    let offset = offsets[level]
                    counts.initialize(repeating: 0)
                    for index in lower..<upper { counts[digit(keys, index, offset)] += 1 }
                    if counts[digit(keys, lower, offset)] == count {
                        // One bucket: the byte does not split these keys. A run of one
                        // repeated value (a common name) stops here rather than byte by byte.
                        level += 1
                        if !lookedForTies {
                            lookedForTies = true
                            if allTied(keys, lower, upper) { break }
                        }
                        continue
                    }
                    var next = lower
                    for bucket in 0..<256 {
                        let size = counts[bucket]
                        counts[bucket] = next
                        next += size
                    }
                    for index in lower..<upper {
                        let bucket = digit(keys, index, offset)
                        (other + counts[bucket]).initialize(to: keys[index])
                        counts[bucket] += 1
                    }
                    // `counts` now holds each bucket's end. The sorted keys are left in `other`.
                    var bucketStart = lower
                    for bucket in 0..<256 {
                        let bucketEnd = counts[bucket]
                        if bucketEnd - bucketStart > 1,
                            sort(other, keys, bucketStart, bucketEnd, level: level + 1)
                        {
                            (other + bucketStart).update(
                                from: keys + bucketStart, count: bucketEnd - bucketStart)
                        }
                        bucketStart = bucketEnd
                    }
                    return true
                }
                inPositionOrder(keys, lower, upper)
                return false
            }
        }

        /// True when every key of the range equals the first (positions aside).
        func allTied(_ keys: UnsafeMutablePointer<PackedSortKey>, _ lower: Int, _ upper: Int) -> Bool {
            let first = keys[lower]
            for index in lower + 1..<upper where keys[index].compareKeys(first) != 0 { return false }
            return true
        }

        /// Puts a run of tied keys in position order. The distribution is stable, so the run is
        /// in the order the positions came in: ascending unless the caller passed them otherwise.
        private func inPositionOrder(_ keys: UnsafeMutablePointer<PackedSortKey>, _ lower: Int, _ upper: Int)
        {
            var index = lower + 1
            while index < upper, keys[index - 1].position < keys[index].position { index += 1 }
            guard index < upper else { return }
            var run = UnsafeMutableBufferPointer(start: keys + lower, count: upper - lower)
            run.sort { $0.position < $1.position }
        }

        private func insertionSort(_ keys: UnsafeMutablePointer<PackedSortKey>, _ lower: Int, _ upper: Int) {
            guard upper - lower > 1 else { return }
            for index in lower + 1..<upper {
                let key = keys[index]
                var hole = index
                while hole > lower, before(key, keys[hole - 1]) {
                    keys[hole] = keys[hole - 1]
                    hole -= 1
                }
                keys[hole] = key
            }
        }

        /// A range of keys still to sort: the digits before `level` are the same in all of it,
        /// and its keys are in `scratch` (else in the keys' own buffer).
        struct Part {
            var lower: Int
            var upper: Int
            var level: Int
            var inScratch: Bool
            var lookedForTies = false
            var count: Int { upper - lower }
        }

        /// Sorts `keys[0..<count]` on two cores. Parts bigger than about half of the whole are
        /// distributed by one byte, two halves at once, until the parts can be shared out
        /// evenly; then each core sorts its share of the parts (largest first, to the least
        /// loaded core) and leaves them in `keys`.
        func sortOnTwoCores(
            _ keys: UnsafeMutablePointer<PackedSortKey>, _ scratch: UnsafeMutablePointer<PackedSortKey>,
            _ count: Int
        ) {
            var parts = [Part(lower: 0, upper: count, level: 0, inScratch: false)]
            // Each split either moves a level down or cuts the part, so this ends: at most one
            // split per key byte (25) and then a few more for skewed buckets.
            var splits = 0
            while splits < 64, let largest = parts.indices.max(by: { parts[$0].count < parts[$1].count }),
                parts[largest].count > count * 11 / 20, parts[largest].level < offsets.count
            {
                splits += 1
                let part = parts[largest]
                let (from, to) = part.inScratch ? (scratch, keys) : (keys, scratch)
                guard let ends = distribute(from, to, part.lower, part.upper, offsets[part.level]) else {
                    // One bucket: the next byte, or none when the keys all tie (one value).
                    let tied = !part.lookedForTies && allTied(from, part.lower, part.upper)
                    parts[largest].level = tied ? offsets.count : part.level + 1
                    parts[largest].lookedForTies = true
                    continue
                }
                var pieces: [Part] = []
                var bucketStart = part.lower
                for end in ends where end > bucketStart {
                    pieces.append(
                        Part(
                            lower: bucketStart, upper: end, level: part.level + 1, inScratch: !part.inScratch)
                    )
                    bucketStart = end
                }
                parts.replaceSubrange(largest...largest, with: pieces)
            }
            var shares: [[Part]] = [[], []]
            var loads = [0, 0]
            for part in parts.sorted(by: { $0.count > $1.count }) {
                let core = loads[0] <= loads[1] ? 0 : 1
                shares[core].append(part)
                loads[core] += part.count
            }
            let shared = shares
            let keysPointer = UncheckedPointer(keys)
            let scratchPointer = UncheckedPointer(scratch)
            DispatchQueue.concurrentPerform(iterations: 2) { core in
                let keys = keysPointer.pointer
                let scratch = scratchPointer.pointer
                for part in shared[core] {
                    let (from, to) = part.inScratch ? (scratch, keys) : (keys, scratch)
                    let inOther = sort(from, to, part.lower, part.upper, level: part.level)
                    // Where the part ended: `from`, or `to` when the sort says so.
                    if part.inScratch != inOther {
                        (keys + part.lower).update(from: scratch + part.lower, count: part.count)
                    }
                }
            }
        }

        /// Distributes `from[lower..<upper]` into `to` by the byte at `offset`, stably, two halves
        /// at once; returns the 256 bucket ends, or nil (nothing moved) when all keys share the byte.
        private func distribute(
            _ from: UnsafeMutablePointer<PackedSortKey>, _ to: UnsafeMutablePointer<PackedSortKey>,
            _ lower: Int, _ upper: Int, _ offset: Int
        ) -> [Int]? {
            let middle = lower + (upper - lower) / 2
            let halves = [lower..<middle, middle..<upper]
            var counts = [Int](repeating: 0, count: 512)
            let source = UncheckedPointer(from)
            let target = UncheckedPointer(to)
            counts.withUnsafeMutableBufferPointer { counts in
                guard let countsBase = counts.baseAddress else { return }  // never: 512 counts
                let tally = UncheckedPointer(countsBase)
                DispatchQueue.concurrentPerform(iterations: 2) { half in
                    let counts = tally.pointer + 256 * half
                    for index in halves[half] { counts[digit(source.pointer, index, offset)] += 1 }
                }
            }
            if counts[digit(from, lower, offset)] + counts[256 + digit(from, lower, offset)] == upper - lower
            {
                return nil
            }
            // Bucket b of the first half starts where the buckets before it end; the second
            // half's part of the bucket follows the first's, which keeps the distribution stable.
            var next = lower
            for bucket in 0..<256 {
                for half in 0..<2 {
                    let size = counts[256 * half + bucket]
                    counts[256 * half + bucket] = next
                    next += size
                }
            }
            counts.withUnsafeMutableBufferPointer { counts in
                guard let countsBase = counts.baseAddress else { return }
                let starts = UncheckedPointer(countsBase)
                DispatchQueue.concurrentPerform(iterations: 2) { half in
                    let next = starts.pointer + 256 * half
                    for index in halves[half] {
                        let bucket = digit(source.pointer, index, offset)
                        (target.pointer + next[bucket]).initialize(to: source.pointer[index])
                        next[bucket] += 1
                    }
                }
            }
            // The second half's part of each bucket ends where the bucket ends.
            return (0..<256).map { counts[256 + $0] }
        }
    }
}
