import OrderModel

extension SummarySnapshot {
    /// Calls `body`, in ascending order and once each, with every row in `rows` whose text (all
    /// its fields back to back, as `rowText`) holds `needle`, ignoring ASCII case. `needle` must
    /// be ASCII and already folded to lower case.
    ///
    /// A chunk keeps its rows' text back to back in row order, so one pass over each chunk's
    /// text, eight bytes at a time, replaces a search per row: a filter over a million rows
    /// reads the text once at memory speed. A hit that runs from one row's text into the next
    /// row's is reported for the first row; callers confirm each row field by field anyway.
    public func forEachRow(containing needle: [UInt8], in rows: Range<Int>, _ body: (Int) -> Void) {
        guard !needle.isEmpty, !rows.isEmpty else { return }
        let upper = min(rows.upperBound, count)
        for (index, chunkStart) in chunkStarts.enumerated() {
            let chunkEnd = min(index + 1 < chunkStarts.count ? chunkStarts[index + 1] : count, count)
            let low = max(rows.lowerBound, chunkStart)
            let high = min(upper, chunkEnd)
            guard low < high else { continue }
            let chunk = chunks[index]
            let first = low - chunkStart
            let last = high - 1 - chunkStart
            let textEnd = Int(chunk.textStart[last]) + SummaryRow(chunk: chunk, local: last).text.count
            var row = first
            var from = Int(chunk.textStart[first])
            while from < textEnd {
                guard let hit = TextSearch.find(needle, in: chunk.arena, from: from, to: textEnd) else {
                    break
                }
                while row < last, Int(chunk.textStart[row + 1]) <= hit { row += 1 }
                body(chunkStart + row)
                if row == last { break }
                row += 1
                from = Int(chunk.textStart[row])
            }
        }
    }
}

/// Case-insensitive (ASCII) substring search over raw bytes, eight bytes at a time.
public enum TextSearch {
    /// Folds an ASCII capital to lower case; every other byte is itself.
    @inline(__always)
    public static func fold(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// The offset of the first occurrence of `needle` (folded) in `base[from..<to]`, ignoring
    /// ASCII case, or nil.
    ///
    /// Candidates are the places where the needle's first two bytes both match, tested eight
    /// at a time (a second load one byte on): in JSON a single letter such as `p` starts a word
    /// every few bytes, a pair such as `pi` far more rarely, so few candidates reach the full
    /// comparison.
    public static func find(_ needle: [UInt8], in base: UnsafePointer<UInt8>, from: Int, to end: Int) -> Int?
    {
        let n = needle.count
        guard n > 0, end - from >= n else { return nil }
        let first = needle[0]
        let second = n > 1 ? needle[1] : first
        // A lower-case letter also matches its capital: setting bit 5 (0x20) of every byte maps
        // exactly those two bytes, and no other, to the letter.
        let mask: UInt64 = first &- 0x61 < 26 ? 0x2020_2020_2020_2020 : 0
        let mask2: UInt64 = second &- 0x61 < 26 ? 0x2020_2020_2020_2020 : 0
        let pattern = UInt64(first) &* 0x0101_0101_0101_0101
        let pattern2 = UInt64(second) &* 0x0101_0101_0101_0101
        let pairs = n > 1
        let lastStart = end - n
        return needle.withUnsafeBufferPointer { needle -> Int? in
            var i = from
            while i <= lastStart {
                if i &+ 9 <= end {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) | mask
                    var hits = zeroBytes(word ^ pattern)
                    if pairs, hits != 0 {
                        let next = UnsafeRawPointer(base + i + 1).loadUnaligned(as: UInt64.self) | mask2
                        hits &= zeroBytes(next ^ pattern2)
                    }
                    if hits == 0 {
                        i &+= 8
                        continue
                    }
                    while hits != 0 {
                        let at = i &+ hits.trailingZeroBitCount &>> 3
                        if at > lastStart { return nil }
                        if matches(needle, base, at) { return at }
                        hits &= hits &- 1
                    }
                    i &+= 8
                } else {
                    if fold(base[i]) == first, matches(needle, base, i) { return i }
                    i &+= 1
                }
            }
            return nil
        }
    }

    /// Bit 7 of each byte of the result is set where `word` has a zero byte. Exact (no carries
    /// across bytes), so every set bit is a real candidate.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low7) &+ low7) | word | low7)
    }

    @inline(__always)
    private static func matches(_ needle: UnsafeBufferPointer<UInt8>, _ base: UnsafePointer<UInt8>, _ at: Int)
        -> Bool
    {
        var j = 1
        while j < needle.count {
            if fold(base[at + j]) != needle[j] { return false }
            j += 1
        }
        return fold(base[at]) == needle[0]
    }
}
