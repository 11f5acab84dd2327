import Foundation
import OrderIndex
import OrderModel
import OrderSynthetic
import Testing

@testable import OrderViewModel

/// The radix sort of packed keys against the comparison sort it replaced, on random data with
/// many ties: keys drawn from a few values per byte, positions in order, shuffled or a subset;
/// then whole store sorts (keys, radix sort, tie runs) against today's order built the plain
/// way, for every column both ways, on summaries with hostile text. The loops are short in the
/// default run; `ORDERSCOPE_BULK=1` (Tests/Benchmarks/bulk.sh) runs them benchmark-sized.
@Suite struct PackedKeySortTests {
    static let bulk = ProcessInfo.processInfo.environment["ORDERSCOPE_BULK"] == "1"

    /// Where two orders first differ (nil when they are the same), so that a failure names a
    /// place rather than printing two long lists.
    static func firstDifference(_ lhs: [Int32], _ rhs: [Int32]) -> String? {
        guard lhs != rhs else { return nil }
        let index = (0..<min(lhs.count, rhs.count)).first { lhs[$0] != rhs[$0] } ?? min(lhs.count, rhs.count)
        let got = index < lhs.count ? "\(lhs[index])" : "end"
        let wanted = index < rhs.count ? "\(rhs[index])" : "end"
        return "at \(index) of \(rhs.count): \(got) where \(wanted) was expected"
    }

    /// The order the radix sort must give: the standard library's sort by key, then position.
    static func reference(_ keys: [PackedSortKey], ascending: Bool) -> [PackedSortKey] {
        keys.sorted { ascending ? $0.ascendingBefore($1) : $0.descendingBefore($1) }
    }

    /// `count` keys whose words each come from a few values that differ in a few chosen bytes
    /// (so many keys tie, and the varying bytes sit anywhere in the words), with positions
    /// ascending, shuffled, or a shuffled subset of a bigger range.
    static func randomKeys(_ count: Int, _ random: inout SplitMix64) -> [PackedSortKey] {
        func word(_ random: inout SplitMix64) -> [UInt64] {
            let base = random.next()
            let varying = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                Int.random(in: 0..<8, using: &random)
            }
            return (0..<Int.random(in: 1...6, using: &random)).map { _ in
                var value = base
                for byte in varying {
                    let shift = UInt64(8 * byte)
                    value = value & ~(0xFF << shift) | (UInt64.random(in: 0...255, using: &random) << shift)
                }
                return value
            }
        }
        let highs = word(&random)
        let middles = word(&random)
        let lows = word(&random)
        let tiers: [UInt8] = Bool.random(using: &random) ? [1] : [0, 1, 2]
        var positions = (0..<Int32(count)).map { $0 }
        switch Int.random(in: 0..<3, using: &random) {
        case 0: break
        case 1: positions.shuffle(using: &random)
        default:
            positions = Array((0..<Int32(count * 2)).shuffled(using: &random).prefix(count))
        }
        return positions.map { position in
            PackedSortKey(
                tier: tiers.randomElement(using: &random) ?? 0,
                high: highs.randomElement(using: &random) ?? 0,
                middle: middles.randomElement(using: &random) ?? 0,
                low: lows.randomElement(using: &random) ?? 0,
                position: position)
        }
    }

    static func radixSorted(_ keys: [PackedSortKey], ascending: Bool, parallelAbove: Int) -> [PackedSortKey] {
        var sorted = keys
        sorted.withUnsafeMutableBufferPointer { buffer in
            PackedKeySort.sort(
                buffer, ascending: ascending, bits: PackedKeyBits(UnsafeBufferPointer(buffer)),
                parallelAbove: parallelAbove)
        }
        return sorted
    }

    @Test func radixSortMatchesTheComparisonSortOnRandomKeys() {
        var random = SplitMix64(seed: 19)
        for round in 0..<(Self.bulk ? 20_000 : 400) {
            let count =
                round % 25 == 0
                ? Int.random(in: 0...20_000, using: &random) : Int.random(in: 0...600, using: &random)
            let keys = Self.randomKeys(count, &random)
            for ascending in [true, false] {
                let expected = Self.reference(keys, ascending: ascending).map(\.position)
                // The one-core sort, and the two-core one made to run on small inputs too.
                for parallelAbove in [Int.max, 2] {
                    let sorted = Self.radixSorted(keys, ascending: ascending, parallelAbove: parallelAbove)
                    let difference = Self.firstDifference(sorted.map(\.position), expected)
                    #expect(
                        difference == nil,
                        "round \(round), \(count) keys, ascending \(ascending), two cores from \(parallelAbove)"
                    )
                }
            }
        }
    }

    @Test func radixSortOfOneValueAndOfDistinctValues() {
        // Every key the same (the sort is only the position order), and every key different.
        let same = (0..<Int32(5_000)).reversed().map {
            PackedSortKey(tier: 1, high: 42, middle: 7, low: 0, position: $0)
        }
        let distinct = (0..<Int32(5_000)).map {
            PackedSortKey(tier: 0, high: UInt64($0 % 97) << 40, middle: 0, low: UInt64($0), position: $0)
        }
        for keys in [same, distinct] {
            for ascending in [true, false] {
                for parallelAbove in [Int.max, 2] {
                    let sorted = Self.radixSorted(keys, ascending: ascending, parallelAbove: parallelAbove)
                    let difference = Self.firstDifference(
                        sorted.map(\.position), Self.reference(keys, ascending: ascending).map(\.position))
                    #expect(difference == nil, "ascending \(ascending), two cores from \(parallelAbove)")
                }
            }
        }
    }

    @Test func radixSortMatchesTheComparisonSortOnAMillionSkewedKeys() {
        // A bulk-only size check: most keys in one bucket of the top byte, so the two-core
        // split must go a byte further before sharing out.
        guard Self.bulk else { return }
        var random = SplitMix64(seed: 6)
        let keys = (0..<Int32(1_000_000)).map { position -> PackedSortKey in
            let skewed: UInt64 = random.next() % 10 == 0 ? 1 : 0
            return PackedSortKey(
                tier: 0, high: skewed << 56 | (random.next() & 0xFFFF), middle: 0, low: 0, position: position)
        }
        for ascending in [true, false] {
            let sorted = Self.radixSorted(keys, ascending: ascending, parallelAbove: 50_000)
            let difference = Self.firstDifference(
                sorted.map(\.position), Self.reference(keys, ascending: ascending).map(\.position))
            #expect(difference == nil, "ascending \(ascending)")
        }
    }

    // MARK: - Building keys eight bytes at a time

    @Test func foldingEightBytesAtOnceFoldsEachByte() {
        var random = SplitMix64(seed: 4)
        for byte in 0...255 {
            for slot in 0..<8 {
                let shift = UInt64(56 - 8 * slot)
                let word = random.next() & ~(0xFF << shift) | UInt64(byte) << shift
                var expected: UInt64 = 0
                for index in 0..<8 {
                    let part = UInt8(truncatingIfNeeded: word >> UInt64(56 - 8 * index))
                    expected |= UInt64(TextSearch.fold(part)) << UInt64(56 - 8 * index)
                }
                #expect(PackedSortKey.folded(word) == expected, "byte \(byte) in slot \(slot)")
            }
        }
    }

    @Test func timeWindowsAcceptExactlyDigitsAndSeparators() {
        // Every byte value in every place of a time, against a byte-by-byte check of the
        // pattern: digits where it has `0`, its own byte elsewhere.
        let pattern = Array("0000-00-00T00:00:00".utf8)
        let time = Array("2024-01-02T10:20:30".utf8)
        func plain(_ bytes: [UInt8]) -> Bool {
            zip(bytes, pattern).allSatisfy { byte, wanted in
                wanted == UInt8(ascii: "0") ? byte &- 0x30 < 10 : byte == wanted
            }
        }
        func windows(_ bytes: [UInt8]) -> Bool {
            func word(_ offset: Int) -> UInt64 {
                bytes[offset..<offset + 8].reduce(0) { $0 << 8 | UInt64($1) }
            }
            let check = PackedSortKey.timeWindows
            return check.0.matches(word(0)) && check.1.matches(word(8)) && check.2.matches(word(11))
        }
        #expect(windows(time))
        for place in 0..<19 {
            for byte in 0...255 {
                var bytes = time
                bytes[place] = UInt8(byte)
                #expect(windows(bytes) == plain(bytes), "byte \(byte) at \(place)")
            }
        }
    }

    // MARK: - Whole store sorts

    /// Summaries from small pools, so most values tie: names in several cases, with NUL, control
    /// and non-ASCII bytes, empty, missing, and long enough to tie in the key's 24 bytes and differ
    /// after; order numbers with leading zeros (the same number, different text); times with
    /// different suffixes; currencies of eight bytes or more; missing amounts and counts.
    static func randomSummaries(_ count: Int, _ random: inout SplitMix64) -> [OrderSummary] {
        let names: [String?] = [
            nil, "", "Kari", "kari", "KARI", "Kari\u{0}", "Kari\u{0}\u{0}", "Åse", "åse", "Øystein", "Bo",
            "\u{1B}[31mBo", "Alexandrina-Wilhelmine-Nordmann-Kristiansen",
            "Alexandrina-Wilhelmine-Nordmann-Aas",
            "alexandrina-wilhelmine-nordmann-Kristiansen", "Alexandrina-Wilhelmine-Nor", "Nordmann",
            "nordmann",
            "Nordmann-Kristiansen-Aas", "Nordmann-Kristiansen-Ab", "Zed", "😀", "a b", "a\u{0}b",
        ]
        let numbers: [String?] = [
            nil, "7", "007", "0", "-3", "SL-1", "SL-01", "", "99999999999999999999", "12",
        ]
        let times: [String?] = [
            nil, "", "2024-01-01T10:00:00Z", "2024-01-01T10:00:00.000Z", "2024-01-01T10:00:00+01:00",
            "2024-01-01 10:00:00Z", "2024-01-01T10:00:00.000000000000000000001Z", "2024-01-02T10:00:00Z",
            "2023-12-31T23:59:59Z", "2024-01-01T10:00:00\u{0}Z", "not a time",
        ]
        let currencies: [String?] = [
            nil, "NOK", "SEK", "EUR", "", "NOKXXXXXLONG", "NOKXXXXXLONF", "NOKXXXXX",
        ]
        let statuses: [String?] = [nil, "open", "closed", "OPEN", "", "on_hold", "open\u{0}"]
        func pick<T>(_ pool: [T]) -> T {
            pool[Int.random(in: 0..<pool.count, using: &random)]
        }
        return (0..<count).map { index in
            OrderSummary(
                id: "id-\(Int.random(in: 0..<50, using: &random))", orderNumber: pick(numbers),
                createdAt: pick(times),
                customerFirstName: pick(names), customerLastName: pick(names),
                customerEmail: pick(names), companyName: pick(names),
                status: pick(statuses), paymentStatus: pick(statuses),
                grossAmount: Bool.random(using: &random) ? nil : Int64.random(in: -3...20, using: &random),
                currency: pick(currencies),
                anomalyCount: Bool.random(using: &random) ? nil : Int.random(in: 0...3, using: &random))
        }
    }

    /// Today's order of `positions`: keys sorted by the standard library's sort (key, then
    /// position), then the tie runs put in full-value order.
    static func todaysOrder(
        _ positions: [Int32], _ order: OrderViewModel.SortOrder, _ snapshot: SummarySnapshot
    ) -> [Int32] {
        var keys = positions.map { PackedSortKey(snapshot, Int($0), order.column) }
        keys.sort { order.ascending ? $0.ascendingBefore($1) : $0.descendingBefore($1) }
        keys.withUnsafeMutableBufferPointer { keys in
            OrderViewModel.SortOrder.orderTies(keys, snapshot, order.column, order.ascending)
        }
        return keys.map(\.position)
    }

    @Test func storeSortMatchesTodaysOrderOnRandomSummaries() {
        var random = SplitMix64(seed: 2026)
        for round in 0..<(Self.bulk ? 300 : 12) {
            let count = Int.random(in: 2...3_000, using: &random)
            let summaries = Self.randomSummaries(count, &random)
            let store = SummaryStore()
            for summary in summaries { store.append(summary) }
            let snapshot = store.snapshot()
            var positions = (0..<Int32(count)).map { $0 }
            if round % 3 == 1 { positions.shuffle(using: &random) }
            if round % 3 == 2 {
                positions = positions.filter { _ in Bool.random(using: &random) }.shuffled(using: &random)
            }
            for column in ListColumn.allCases {
                for ascending in [true, false] {
                    let order = OrderViewModel.SortOrder(column, ascending: ascending)
                    var sorted = positions
                    order.sort(&sorted, in: snapshot)
                    let difference = Self.firstDifference(
                        sorted, Self.todaysOrder(positions, order, snapshot))
                    #expect(difference == nil, "round \(round), \(order.label)")
                }
            }
        }
    }

    @Test func bigStoreSortMatchesTodaysOrderOnBothCores() {
        // More rows than `SortOrder.twoCoresFrom`, so keys are made and sorted on both cores.
        var random = SplitMix64(seed: 7)
        let count = OrderViewModel.SortOrder.twoCoresFrom + 10_000
        let summaries = Self.randomSummaries(count, &random)
        let store = SummaryStore()
        for summary in summaries { store.append(summary) }
        let snapshot = store.snapshot()
        let ascending = (0..<Int32(count)).map { $0 }
        let shuffled = ascending.shuffled(using: &random)
        let columns: [ListColumn] = Self.bulk ? ListColumn.allCases : [.customer, .created]
        for column in columns {
            for direction in [true, false] {
                let order = OrderViewModel.SortOrder(column, ascending: direction)
                // Shuffled positions jump between the store's chunks (16,384 rows each) and leave tied
                // runs out of position order.
                for positions in Self.bulk || column == .customer ? [ascending, shuffled] : [ascending] {
                    var sorted = positions
                    order.sort(&sorted, in: snapshot)
                    let difference = Self.firstDifference(
                        sorted, Self.todaysOrder(positions, order, snapshot))
                    #expect(difference == nil, "\(order.label)")
                }
            }
        }
    }
}
